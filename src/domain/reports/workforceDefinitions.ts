/**
 * The workforce as data (issue 20 part 7): the profession categories of seed 003 Table 5.1 (SSB's
 * categories, L933–956) with the education each stands for, the KOSTRA functions a position is paid
 * under, the variants of the skilled share (faglært andel; the source's own definition is absent,
 * seed notes §3.5 and measure B3), and the definitions of the workforce figures (measures B2, B4, B5)
 * in bokmål, nynorsk and English with their citations.
 */
import type { FigureDefinition } from './figures.ts';

/** What education a category stands for; the skilled-share variants below group by it. */
export const EDUCATION_LEVELS = ['health_higher', 'health_upper_secondary', 'other_higher', 'other_upper_secondary', 'without_health_education', 'unspecified', 'support'] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];

/** The profession categories in the order of Table 5.1 (seed 003 L937–956), with the source's own names. */
export const PROFESSION_CATEGORIES = [
  { id: 'other_nurse', source: 'Andre sykepleiere', education: 'health_higher' },
  { id: 'assistant_without_health_education', source: 'Pleieass., hjemmehj., brukerrett. tj., uten helseutd', education: 'without_health_education' },
  { id: 'health_worker', source: 'Helsefagarbeider', education: 'health_upper_secondary' },
  { id: 'auxiliary_nurse', source: 'Hjelpepleiere', education: 'health_upper_secondary' },
  { id: 'occupational_therapist', source: 'Ergoterapeuter', education: 'health_higher' },
  { id: 'assistant_health_higher', source: 'Pleieass., hjemmehj., brukerrett. tj., m/helseutd på høgskolen', education: 'health_higher' },
  { id: 'specialist_nurse', source: 'Sykepleiere med spes./vd. utd.', education: 'health_higher' },
  { id: 'care_worker', source: 'Omsorgsarbeider', education: 'health_upper_secondary' },
  { id: 'psychiatric_nurse', source: 'Psykiatrisk sykepleier inkl. psykisk helsearbeid', education: 'health_higher' },
  { id: 'assistant_health_upper_secondary', source: 'Pleieass., hjemmehj., brukerrett. tj., m/helseutd på vg. nivå.', education: 'health_upper_secondary' },
  { id: 'unspecified', source: 'Uspesifisert, annet (pleie- og omsorg)', education: 'unspecified' },
  { id: 'social_worker', source: 'Sosionom', education: 'other_higher' },
  { id: 'social_educator', source: 'Vernepleiere', education: 'health_higher' },
  { id: 'milieu_therapist', source: 'Miljøterapeut', education: 'other_higher' },
  { id: 'geriatric_nurse', source: 'Geriatrisk sykepleier', education: 'health_higher' },
  { id: 'child_welfare_educator', source: 'Barnevernspedagog', education: 'other_higher' },
  { id: 'activity_worker', source: 'Aktivitør', education: 'other_upper_secondary' },
  { id: 'youth_worker', source: 'Barne- og ungdomsarbeider', education: 'other_upper_secondary' },
  { id: 'service_functions', source: 'Servicefunksjoner', education: 'support' },
  { id: 'administrative', source: 'Administrativt personell', education: 'support' },
] as const satisfies readonly { id: string; source: string; education: EducationLevel }[];

export type ProfessionCategory = (typeof PROFESSION_CATEGORIES)[number]['id'];
export const PROFESSION_CATEGORY_IDS = PROFESSION_CATEGORIES.map((c) => c.id) as unknown as readonly [ProfessionCategory, ...ProfessionCategory[]];
export const educationOf = (c: ProfessionCategory): EducationLevel => PROFESSION_CATEGORIES.find((x) => x.id === c)?.education ?? 'unspecified';

/** KOSTRA functions a position in care is paid under (KOSTRA function list, SSB). */
export const KOSTRA_FUNCTIONS = [
  { id: '254', name: 'Helse- og omsorgstjenester til hjemmeboende' },
  { id: '253', name: 'Helse- og omsorgstjenester i institusjon' },
  { id: '234', name: 'Aktiviserings- og servicetjenester overfor eldre og personer med funksjonsnedsettelser' },
  { id: '261', name: 'Institusjonslokaler' },
] as const;
export type KostraFunction = (typeof KOSTRA_FUNCTIONS)[number]['id'];
export const KOSTRA_FUNCTION_IDS = KOSTRA_FUNCTIONS.map((f) => f.id) as unknown as readonly [KostraFunction, ...KostraFunction[]];

/** Home services, the function Tables 5.1 and 5.2 count (seed 003 L976: «Hjemmetjenester (funksjon 254)»). */
export const HOME_SERVICES_FUNCTION: KostraFunction = '254';

/**
 * The skilled share (faglært andel) as the education levels counted skilled over those counted at all.
 * The source states 79 → 83 % (L925; unskilled 21 → 17 %, L1056) without saying which categories
 * are skilled; none of these reproduces it from Table 5.1 (seed notes §3.5), so the report gives each.
 */
export const SKILLED_SHARE_VARIANTS = [
  {
    id: 'allButWithoutHealthEducation',
    skilled: ['health_higher', 'health_upper_secondary', 'other_higher', 'other_upper_secondary', 'unspecified', 'support'],
    of: EDUCATION_LEVELS,
    name: { nb: 'Alle unntatt «uten helseutdanning»', nn: 'Alle unnateke «utan helseutdanning»', en: 'All but «without health education»' },
  },
  {
    id: 'allButWithoutOrUnspecified',
    skilled: ['health_higher', 'health_upper_secondary', 'other_higher', 'other_upper_secondary', 'support'],
    of: EDUCATION_LEVELS,
    name: { nb: 'Alle unntatt «uten helseutdanning» og «uspesifisert»', nn: 'Alle unnateke «utan helseutdanning» og «uspesifisert»', en: 'All but «without health education» and «unspecified»' },
  },
  {
    id: 'healthEducation',
    skilled: ['health_higher', 'health_upper_secondary'],
    of: EDUCATION_LEVELS,
    name: { nb: 'Helseutdanning (høgskole og videregående)', nn: 'Helseutdanning (høgskule og vidaregåande)', en: 'Health education (higher and upper secondary)' },
  },
] as const satisfies readonly { id: string; skilled: readonly EducationLevel[]; of: readonly EducationLevel[]; name: { nb: string; nn: string; en: string } }[];
export type SkilledShareVariant = (typeof SKILLED_SHARE_VARIANTS)[number]['id'];

/** What counts as a full-time position (heltid): the employee's positions together at least this (a tolerance for 0.9999). */
export const FULL_TIME_AT = 0.9999;

/** The service whose users Table 5.3 counts: hjemmesykepleie (seed 003 L1009). */
export const CONTINUITY_SERVICE_CODES: readonly string[] = ['home_nursing'];

export const WORKFORCE_FIGURE_IDS = ['fteByCategory', 'fteChange', 'skilledShare', 'fullTimeShare', 'meanPositionSize', 'permanentShare', 'continuityWeighted', 'continuitySimpleMean', 'continuityMedian'] as const;
export type WorkforceFigureId = (typeof WORKFORCE_FIGURE_IDS)[number];

type Def = Omit<FigureDefinition<WorkforceFigureId>, 'id' | 'of'> & { readonly citation: string };

const def = (nb: [string, string], nn: [string, string], en: [string, string], mean: FigureDefinition<WorkforceFigureId>['mean'], citation: string): Def => ({
  name: { nb: nb[0], nn: nn[0], en: en[0] },
  definition: { nb: nb[1], nn: nn[1], en: en[1] },
  mean,
  citation,
});

export const WORKFORCE_DEFINITIONS: Record<WorkforceFigureId, Def> = {
  fteByCategory: def(
    ['Avtalte årsverk etter yrkeskategori', 'Summen av stillingsstørrelsene (andel av hel stilling) i funksjon 254 som gjelder på referansedagen hvert år, etter kategoriene i tabell 5.1. «I alt» er summen av kategoriene.'],
    ['Avtalte årsverk etter yrkeskategori', 'Summen av stillingsstorleikane (del av heil stilling) i funksjon 254 som gjeld på referansedagen kvart år, etter kategoriane i tabell 5.1. «I alt» er summen av kategoriane.'],
    ['Agreed full-time equivalents by profession', 'The sum of position sizes (fraction of a full-time position) under function 254 in force on the reference day each year, by the categories of Table 5.1. «Total» is the sum of the categories.'],
    'none',
    'seed 003 L933–956 (Table 5.1); seed notes §4 B2',
  ),
  fteChange: def(
    ['Endring', 'Årsverk siste år minus første år, delt på første år.'],
    ['Endring', 'Årsverk siste år minus første år, delt på første år.'],
    ['Change', 'FTE in the last year minus the first, divided by the first.'],
    'none',
    'seed 003 L935 («Endring»), L925',
  ),
  skilledShare: def(
    ['Andel faglærte', 'Årsverk i kategorier regnet som faglærte delt på alle årsverk. Kilden sier ikke hvilke kategorier den regner som faglærte, så hver variant vises.'],
    ['Del faglærte', 'Årsverk i kategoriar rekna som faglærte delt på alle årsverk. Kjelda seier ikkje kva kategoriar ho reknar som faglærte, så kvar variant blir vist.'],
    ['Skilled share', 'FTE in categories counted as skilled divided by all FTE. The source does not say which categories it counts as skilled, so each variant is shown.'],
    'weighted',
    'seed 003 L925, L1056; seed notes §3.5, §4 B3',
  ),
  fullTimeShare: def(
    ['Andel heltid', 'Ansatte med stillinger i funksjon 254 som til sammen er en hel stilling, delt på alle ansatte i funksjon 254, på øyeblikksdagen i desember.'],
    ['Del heiltid', 'Tilsette med stillingar i funksjon 254 som til saman er ei heil stilling, delt på alle tilsette i funksjon 254, på augneblinksdagen i desember.'],
    ['Full-time share', 'Employees whose positions under function 254 add up to a full-time position, divided by all employees under function 254, on the December snapshot day.'],
    'weighted',
    'seed 003 L976–995 (Table 5.2); seed notes §4 B4',
  ),
  meanPositionSize: def(
    ['Gjennomsnittlig stillingsstørrelse', 'Gjennomsnittet av de ansattes samlede stillingsstørrelse i funksjon 254 (alle ansatte, ikke bare de i hele stillinger: kildens verdier er under 100).'],
    ['Gjennomsnittleg stillingsstorleik', 'Gjennomsnittet av den samla stillingsstorleiken til dei tilsette i funksjon 254 (alle tilsette, ikkje berre dei i heile stillingar: verdiane i kjelda er under 100).'],
    ['Mean position size', "The mean of employees' total position size under function 254 (all employees, not only full-time ones: the source's values are below 100)."],
    'weighted',
    'seed 003 L976; seed notes §3.6',
  ),
  permanentShare: def(
    ['Andel faste stillinger', 'Ansatte med minst én fast stilling i funksjon 254 delt på alle ansatte i funksjon 254.'],
    ['Del faste stillingar', 'Tilsette med minst éi fast stilling i funksjon 254 delt på alle tilsette i funksjon 254.'],
    ['Permanent share', 'Employees with at least one permanent position under function 254 divided by all employees under function 254.'],
    'weighted',
    'seed 003 L976; seed notes §4 B4',
  ),
  continuityWeighted: def(
    ['Ulike ansatte per bruker per måned (vektet)', 'For hver bruker av hjemmesykepleie og hver måned med besøk: antall ulike ansatte som besøkte. Gjennomsnitt over alle bruker-måneder, så hver bydel veier med sine brukere.'],
    ['Ulike tilsette per brukar per månad (vekta)', 'For kvar brukar av heimesjukepleie og kvar månad med besøk: talet på ulike tilsette som besøkte. Gjennomsnitt over alle brukar-månader, så kvar bydel veg med brukarane sine.'],
    ['Distinct employees per user per month (weighted)', 'For each home-nursing user and each month with visits: the number of distinct employees who visited. The mean over all user-months, so each district weighs by its users.'],
    'weighted',
    'seed 003 L1009–1028 (Table 5.3); seed notes §3.7, §4 B5',
  ),
  continuitySimpleMean: def(
    ['Ulike ansatte per bruker per måned (enkelt snitt av bydeler)', 'Det enkle gjennomsnittet av bydelenes verdier, der hver bydel teller én gang.'],
    ['Ulike tilsette per brukar per månad (enkelt snitt av bydelar)', 'Det enkle gjennomsnittet av verdiane til bydelane, der kvar bydel tel éin gong.'],
    ['Distinct employees per user per month (simple mean of districts)', "The plain mean of the districts' values, each district counting once."],
    'unweighted',
    'seed 003 L1027 («Gjennomsnitt bydeler»); seed notes §3.7',
  ),
  continuityMedian: def(
    ['Ulike ansatte per bruker per måned (median av bydeler)', 'Medianen av bydelenes verdier.'],
    ['Ulike tilsette per brukar per månad (median av bydelar)', 'Medianen av verdiane til bydelane.'],
    ['Distinct employees per user per month (median of districts)', "The median of the districts' values."],
    'none',
    'seed notes §3.7, §4 B5',
  ),
};
