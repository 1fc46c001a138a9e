/**
 * IPLOS function variables and the meaning of each score, as versioned data: a change in
 * Helsedirektoratet's guide is a new version here, not a code change. The variables and the general
 * score scale follow the domain reference §4 (17 variables in the standard's groups; 1–5 and 9);
 * check each text against Helsedirektoratet's current IPLOS guide before production use.
 */
export interface IplosVariable {
  readonly code: string;
  readonly group: 'social' | 'household' | 'personal_care' | 'mobility' | 'senses';
  readonly name: { readonly nb: string; readonly nn: string; readonly en: string };
}

export interface IplosVersion {
  readonly version: string;
  readonly source: string;
  readonly variables: readonly IplosVariable[];
  /** The meaning of each score (the standard's general scale). */
  readonly scores: Readonly<Record<'1' | '2' | '3' | '4' | '5' | '9', { readonly nb: string; readonly nn: string; readonly en: string }>>;
}

const v = (code: string, group: IplosVariable['group'], nb: string, nn: string, en: string): IplosVariable => ({ code, group, name: { nb, nn, en } });

export const IPLOS_2024: IplosVersion = {
  version: 'IPLOS-2024',
  source: 'Helsedirektoratet, IPLOS-veileder (domain reference §4); to be verified against the current guide',
  variables: [
    v('social_participation', 'social', 'Sosial deltakelse', 'Sosial deltaking', 'Social participation'),
    v('everyday_decisions', 'social', 'Beslutninger i dagliglivet', 'Avgjerder i dagleglivet', 'Everyday decisions'),
    v('own_health', 'social', 'Ivareta egen helse', 'Ta vare på eiga helse', 'Taking care of own health'),
    v('communication', 'social', 'Kommunikasjon', 'Kommunikasjon', 'Communication'),
    v('memory', 'social', 'Hukommelse', 'Hugs', 'Memory'),
    v('behaviour', 'social', 'Styre atferd', 'Styre åtferd', 'Controlling behaviour'),
    v('household_tasks', 'household', 'Alminnelig husarbeid', 'Vanleg husarbeid', 'Household tasks'),
    v('shopping', 'household', 'Skaffe seg varer og tjenester', 'Skaffe seg varer og tenester', 'Shopping'),
    v('cooking', 'household', 'Lage mat', 'Lage mat', 'Cooking'),
    v('eating', 'personal_care', 'Spise', 'Ete', 'Eating'),
    v('personal_hygiene', 'personal_care', 'Personlig hygiene', 'Personleg hygiene', 'Personal hygiene'),
    v('dressing', 'personal_care', 'Kle av og på seg', 'Kle av og på seg', 'Dressing'),
    v('toilet', 'personal_care', 'Toalett', 'Toalett', 'Toilet'),
    v('moving_indoors', 'mobility', 'Bevege seg innendørs', 'Bevege seg innandørs', 'Moving indoors'),
    v('moving_outdoors', 'mobility', 'Bevege seg utendørs', 'Bevege seg utandørs', 'Moving outdoors'),
    v('vision', 'senses', 'Syn', 'Syn', 'Vision'),
    v('hearing', 'senses', 'Hørsel', 'Høyrsel', 'Hearing'),
  ],
  scores: {
    '1': { nb: 'Ingen problemer', nn: 'Ingen problem', en: 'No problems' },
    '2': { nb: 'Klarer seg selv, men med noe besvær / endret standard', nn: 'Klarer seg sjølv, men med noko besvær / endra standard', en: 'Manages alone but with difficulty or a changed standard' },
    '3': { nb: 'Trenger noe personbistand (hjelper kan gå og komme)', nn: 'Treng noko personbistand (hjelpar kan gå og kome)', en: 'Needs some personal help (the helper may come and go)' },
    '4': { nb: 'Trenger mye personbistand (hjelper til stede hele tiden)', nn: 'Treng mykje personbistand (hjelpar til stades heile tida)', en: 'Needs much help (the helper present throughout)' },
    '5': { nb: 'Utfører ikke selv, trenger full bistand', nn: 'Utfører ikkje sjølv, treng full bistand', en: 'Needs full help' },
    '9': { nb: 'Ikke relevant', nn: 'Ikkje relevant', en: 'Not relevant' },
  },
};

export const IPLOS_CURRENT = IPLOS_2024;
export const IPLOS_CODES: readonly string[] = IPLOS_CURRENT.variables.map((x) => x.code);
export const IPLOS_SCORES = [1, 2, 3, 4, 5, 9] as const;
