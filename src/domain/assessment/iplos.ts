/**
 * IPLOS function variables and the meaning of each score, as versioned data: a change in
 * Helsedirektoratet's guide is a new version here, not a code change. The variables and the general
 * score scale follow the domain reference §4 (17 variables in the standard's groups; 1–5 and 9), the
 * score texts Helsedirektoratet's score division (source below); check the variables against
 * Helsedirektoratet's current IPLOS guide before production use.
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
  source:
    'Helsedirektoratet, IPLOS-veileder (domain reference §4); score texts: Helsedirektoratet, «Vurdere bistandsbehov – skårmetodikk» (helsedirektoratet.no/iplos-registeret/iplos-sporsmal-og-svar/vurdere-bistandsbehov-skarmetodikk); variable list to be verified against the current guide',
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
  // The score texts follow Helsedirektoratet's score division for the assistance variables
  // («Vurdere bistandsbehov – skårmetodikk», IPLOS questions and answers), condensed for a choice list.
  scores: {
    '1': { nb: 'Ingen problemer – ikke behov for personbistand', nn: 'Ingen problem – ikkje behov for personbistand', en: 'No problems – no need for personal assistance' },
    '2': {
      nb: 'Klarer seg selv (eventuelt med hjelpemidler), men med utfordringer eller endret standard – ikke behov for personbistand',
      nn: 'Klarer seg sjølv (eventuelt med hjelpemiddel), men med utfordringar eller endra standard – ikkje behov for personbistand',
      en: 'Manages alone (with aids, if any), but with difficulty or a changed standard – no need for personal assistance',
    },
    '3': {
      nb: 'Middels behov for bistand – klarer deler av aktiviteten selv, trenger personbistand til andre deler (hjelperen kan gå til og fra)',
      nn: 'Middels behov for bistand – klarer delar av aktiviteten sjølv, treng personbistand til andre delar (hjelparen kan gå til og frå)',
      en: 'Moderate need for assistance – does parts of the activity alone, needs personal assistance with other parts (the helper may come and go)',
    },
    '4': {
      nb: 'Stort behov for bistand – klarer deler selv, men med hjelper til stede hele tiden',
      nn: 'Stort behov for bistand – klarer delar sjølv, men med hjelpar til stades heile tida',
      en: 'Great need for assistance – does parts alone, but with the helper present throughout',
    },
    '5': { nb: 'Fullt behov for bistand – trenger personbistand til hele aktiviteten', nn: 'Fullt behov for bistand – treng personbistand til heile aktiviteten', en: 'Full need for assistance – needs personal assistance with the whole activity' },
    '9': {
      nb: 'Ikke relevant – opplysningen er ikke relevant for å vurdere behovet for personbistand',
      nn: 'Ikkje relevant – opplysninga er ikkje relevant for å vurdere behovet for personbistand',
      en: 'Not relevant – the item is not relevant to assessing the need for personal assistance',
    },
  },
};

export const IPLOS_CURRENT = IPLOS_2024;
export const IPLOS_CODES: readonly string[] = IPLOS_CURRENT.variables.map((x) => x.code);
export const IPLOS_SCORES = [1, 2, 3, 4, 5, 9] as const;
