/**
 * Equal treatment (likebehandling, issue 20): the need bands, the minimum n and every figure's
 * definition as data, in bokmål, nynorsk and English, so the screen, the API and docs/steering.md say
 * the same thing. Sources: seed 003 A7 («Likebehandling dispersion»: users with the same assessed need
 * level, granted volume across teams and districts; L561, L621); seed 001–004 F-09 (consistency
 * analytics across caseworkers, teams and units for comparable need profiles; L659–664); domain
 * reference §4 (KOSTRA groups home-care users by need; the grouping rule must be configurable and
 * documented).
 */
import type { Words } from './figures.ts';

/** The need bands, after Helsedirektoratet's IPLOS samlemål levels: noe/avgrenset, middels til stort, omfattende. */
export const NEED_BANDS = ['limited', 'medium', 'extensive', 'unassessed'] as const;
export type NeedBand = (typeof NEED_BANDS)[number];

export interface NeedBandRule {
  readonly id: string;
  readonly source: string;
  /** Fewer scored variables (1–5; 9 = not relevant is not a score) than this: the band is unassessed. */
  readonly minScored: number;
  /** The mean score from which a band begins. */
  readonly from: { readonly medium: number; readonly extensive: number };
  readonly words: Readonly<Record<NeedBand, Words>>;
}

/**
 * The band of an assessment: the mean of its IPLOS scores 1–5 against two thresholds. The three
 * levels are Helsedirektoratet's (IPLOS samlemål: noe/avgrenset, middels til stort, omfattende); its
 * weighting is not published as a formula here, so the plain mean and the thresholds 2.5 and 3.5 are
 * this rule's own [INFERRED] and a municipality may set its own rule (a new id) — check against the
 * samlemål before comparing with national statistics.
 */
export const NEED_BAND_RULE: NeedBandRule = {
  id: 'iplos-mean-2026',
  source:
    'Helsedirektoratet, «Anbefaling fra arbeidsgruppe: revidering av IPLOS-samlemål» (levels noe/avgrenset, middels til stort, omfattende); thresholds on the plain mean of the scores 1–5 [INFERRED], domain reference §4',
  minScored: 3,
  from: { medium: 2.5, extensive: 3.5 },
  words: {
    limited: { nb: 'Noe/avgrenset bistandsbehov (IPLOS-snitt under 2,5)', nn: 'Noko/avgrensa bistandsbehov (IPLOS-snitt under 2,5)', en: 'Some/limited need (IPLOS mean below 2.5)' },
    medium: { nb: 'Middels til stort bistandsbehov (IPLOS-snitt 2,5 til under 3,5)', nn: 'Middels til stort bistandsbehov (IPLOS-snitt 2,5 til under 3,5)', en: 'Medium to great need (IPLOS mean 2.5 to below 3.5)' },
    extensive: { nb: 'Omfattende bistandsbehov (IPLOS-snitt 3,5 eller mer)', nn: 'Omfattande bistandsbehov (IPLOS-snitt 3,5 eller meir)', en: 'Extensive need (IPLOS mean 3.5 or more)' },
    unassessed: {
      nb: 'Ikke kartlagt før vedtaket (færre enn tre IPLOS-skårer)',
      nn: 'Ikkje kartlagd før vedtaket (færre enn tre IPLOS-skårar)',
      en: 'Not assessed before the decision (fewer than three IPLOS scores)',
    },
  },
};

/** Small-number suppression: below this n no figure of a cell is shown, and no flag is raised. */
export const MINIMUM_N = {
  n: 5,
  reason: {
    nb: 'Personvern: med færre enn fem brukere kan tallene peke ut enkeltpersoner, og et snitt av så få sier lite (Normen; Helsedirektoratets prikking av små tall i statistikk).',
    nn: 'Personvern: med færre enn fem brukarar kan tala peike ut einskildpersonar, og eit snitt av så få seier lite (Normen; Helsedirektoratet si prikking av små tal i statistikk).',
    en: 'Privacy: with fewer than five users the figures can point to individuals, and a mean of so few says little (Normen; Helsedirektoratet’s suppression of small numbers in statistics).',
  } satisfies Words,
} as const;

export const EQUAL_TREATMENT_FIGURE_IDS = ['comparableGroup', 'grantedHours', 'n', 'mean', 'median', 'p10p90', 'ci95', 'flag'] as const;
export type EqualTreatmentFigureId = (typeof EQUAL_TREATMENT_FIGURE_IDS)[number];

export interface EqualTreatmentDefinition {
  readonly id: EqualTreatmentFigureId;
  readonly name: Words;
  readonly definition: Words;
}

const d = (id: EqualTreatmentFigureId, name: Words, definition: Words): EqualTreatmentDefinition => ({ id, name, definition });

export const EQUAL_TREATMENT_DEFINITIONS: readonly EqualTreatmentDefinition[] = [
  d('comparableGroup', { nb: 'Sammenlignbart behov', nn: 'Samanliknbart behov', en: 'Comparable need' }, {
    nb: 'Brukere med samme tjeneste, samme bistandsbehov (IPLOS-bånd fra siste fullførte kartlegging på eller før vedtaksdagen) og samme diagnosegruppe. Diagnosegruppe lagres bare når søknaden oppgir den (for ruting); uten den sammenlignes brukeren med andre uten. Kartleggingens ICD-10/ICPC-2-koder grupperes ikke.',
    nn: 'Brukarar med same teneste, same bistandsbehov (IPLOS-band frå siste fullførte kartlegging på eller før vedtaksdagen) og same diagnosegruppe. Diagnosegruppe blir berre lagra når søknaden oppgir ho (for ruting); utan ho blir brukaren samanlikna med andre utan. ICD-10/ICPC-2-kodane i kartlegginga blir ikkje grupperte.',
    en: 'Users with the same service, the same need (IPLOS band of the latest completed assessment on or before the day of the decision) and the same diagnosis group. A diagnosis group is stored only where the request states one (for routing); without one a user is compared with others without. The assessment’s ICD-10/ICPC-2 codes are not grouped.',
  }),
  d('grantedHours', { nb: 'Innvilgede timer per uke', nn: 'Innvilga timar per veke', en: 'Granted hours per week' }, {
    nb: 'Timene per uke i sakens gjeldende vedtak (det siste, etter eventuell klage) fattet i perioden med utfallet innvilget eller delvis innvilget; for et rammevedtak rammens maksimum; tjenester i en pakke telles hver for seg. Avslag og vedtak uten timer er ikke med. Hver sak telles én gang.',
    nn: 'Timane per veke i det gjeldande vedtaket i saka (det siste, etter eventuell klage) gjort i perioden med utfallet innvilga eller delvis innvilga; for eit rammevedtak maksimum i ramma; tenester i ein pakke blir talde kvar for seg. Avslag og vedtak utan timar er ikkje med. Kvar sak blir talt éin gong.',
    en: 'The hours per week of the case’s current decision (the latest, after any complaint) made in the period granting or partly granting; for a frame decision the frame’s ceiling; services in a package count one by one. Refusals and decisions without hours are left out. Each case counts once.',
  }),
  d('n', { nb: 'Antall (n)', nn: 'Tal (n)', en: 'Number (n)' }, {
    nb: 'Vedtak i cellen. Under fem vises verken tallene eller n (prikket).',
    nn: 'Vedtak i cella. Under fem blir verken tala eller n viste (prikka).',
    en: 'Decisions in the cell. Below five neither the figures nor n are shown (suppressed).',
  }),
  d('mean', { nb: 'Snitt', nn: 'Snitt', en: 'Mean' }, { nb: 'Gjennomsnittlig innvilgede timer per uke.', nn: 'Gjennomsnittleg innvilga timar per veke.', en: 'The mean of the granted hours per week.' }),
  d('median', { nb: 'Median', nn: 'Median', en: 'Median' }, { nb: 'Midterste verdi (snittet av de to midterste ved partall).', nn: 'Midtarste verdi (snittet av dei to midtarste ved partal).', en: 'The middle value (the mean of the two middle ones for an even n).' }),
  d('p10p90', { nb: '10.–90. persentil', nn: '10.–90. persentil', en: '10th–90th percentile' }, {
    nb: 'Spennet som de midterste 80 prosent av vedtakene ligger i, med lineær interpolasjon mellom ordnede verdier (som PERSENTIL.INK i regneark).',
    nn: 'Spennet som dei midtarste 80 prosent av vedtaka ligg i, med lineær interpolasjon mellom ordna verdiar (som PERSENTIL.INK i rekneark).',
    en: 'The range the middle 80 per cent of the decisions lie in, interpolated linearly between ordered values (as PERCENTILE.INC in a spreadsheet).',
  }),
  d('ci95', { nb: '95 % konfidensintervall for snittet', nn: '95 % konfidensintervall for snittet', en: '95 % confidence interval of the mean' }, {
    nb: 't-intervall: snitt ± t(0,975; n−1) · s/√n, der s er utvalgets standardavvik. Det sier hvor usikkert snittet er med så få vedtak, ikke hvor timene bør ligge.',
    nn: 't-intervall: snitt ± t(0,975; n−1) · s/√n, der s er standardavviket i utvalet. Det seier kor usikkert snittet er med så få vedtak, ikkje kvar timane bør liggje.',
    en: 't-interval: mean ± t(0.975; n−1) · s/√n, s the sample standard deviation. It says how uncertain the mean is with so few decisions, not where the hours ought to be.',
  }),
  d('flag', { nb: 'Uønsket variasjon å se på', nn: 'Uønskt variasjon å sjå på', en: 'Unwanted variation to look at' }, {
    nb: 'Enhetens intervall ligger helt over eller helt under kommunens intervall for samme gruppe. Det er et signal om å se på sakene, ikke en påstand om årsak: brukerne kan skille seg på ting IPLOS ikke fanger.',
    nn: 'Intervallet til eininga ligg heilt over eller heilt under intervallet til kommunen for same gruppe. Det er eit signal om å sjå på sakene, ikkje ein påstand om årsak: brukarane kan skilje seg på ting IPLOS ikkje fangar.',
    en: 'The unit’s interval lies wholly above or wholly below the municipality’s interval for the same group. A signal to look at the cases, not a claim about a cause: the users may differ in ways IPLOS does not capture.',
  }),
];
