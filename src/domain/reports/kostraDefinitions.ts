/**
 * The national figures (KOSTRA, issue 20 part 5) as data: each indicator with its name and definition
 * in the three languages of the interface, the SSB table or KOSTRA indicator it follows, and whether
 * we could check the definition against SSB's own text (`verified`) or only reconstruct it (`note`
 * says what is unverified). The service rows follow seed 002 Table 14 (L668–693) and SSB's service
 * groups; the need-level rule is the equal-treatment report's band rule (NEED_BAND_RULE), data too.
 */
import { bandOfTally, NEED_BAND_RULE, type NeedBandRule, type ScoreTally } from './equalTreatment.ts';
import type { Words } from './figures.ts';

export const KOSTRA_INDICATOR_IDS = [
  'recipientsPer1000',
  'recipientsPer100',
  'homeServicesByNeed',
  'extensiveNeedShare',
  'hoursPerWeek',
  'bpaPer1000Under67',
  'bpaCoverage',
  'costPerInhabitant',
  'costPerHomeServiceRecipient',
  'costPerInstitutionResident',
] as const;
export type KostraIndicatorId = (typeof KOSTRA_INDICATOR_IDS)[number];

export interface KostraIndicator {
  readonly id: KostraIndicatorId;
  readonly name: Words;
  readonly definition: Words;
  /** The SSB table, KOSTRA indicator, law or seed line the definition follows, with the source's own words (language-neutral). */
  readonly citation: string;
  /** True when the definition was checked against SSB's own wording; false: reconstructed (see note). */
  readonly verified: boolean;
  /** What could not be verified, or how we depart from SSB. */
  readonly note: string | null;
}

const w = (nb: string, nn: string, en: string): Words => ({ nb, nn, en });

const RECIPIENT =
  'A recipient is a person with a granted decision on the service in force on the reference date (31 December of the year, or today while the year runs), not waiting for a place; a person with several decisions in the same row counts once.';

export const KOSTRA_INDICATORS: Readonly<Record<KostraIndicatorId, KostraIndicator>> = {
  recipientsPer1000: {
    id: 'recipientsPer1000',
    name: w('Mottakere per 1 000 innbyggere', 'Mottakarar per 1 000 innbyggjarar', 'Recipients per 1,000 inhabitants'),
    definition: w(
      'Unike mottakere av tjenesten per 31.12. (vedtak innvilget og i kraft) i aldersgruppen, delt på innbyggerne i aldersgruppen, ganger 1 000.',
      'Unike mottakarar av tenesta per 31.12. (vedtak innvilga og i kraft) i aldersgruppa, delt på innbyggjarane i aldersgruppa, gonger 1 000.',
      'Distinct recipients of the service on 31 December (a granted decision in force) in the age group, divided by the inhabitants in the age group, times 1,000.',
    ),
    citation: 'KOSTRA KOSPr1000innbyge0000 «Omsorgstjenester – brukere per 1000 innbyggere»; SSB 11645, 06969 «brukere per 31.12. etter alder og tjeneste»',
    verified: true,
    note: `${RECIPIENT} Age is taken on the reference date.`,
  },
  recipientsPer100: {
    id: 'recipientsPer100',
    name: w('Mottakere per 100 innbyggere', 'Mottakarar per 100 innbyggjarar', 'Recipients per 100 inhabitants'),
    definition: w(
      'Antall mottakere av hver deltjeneste delt på totalt innbyggertall, ganger 100 (tjenesteprofilen i seed 002 tabell 14).',
      'Talet på mottakarar av kvar delteneste delt på totalt innbyggjartal, gonger 100 (tenesteprofilen i seed 002 tabell 14).',
      'Recipients of each service divided by the total number of inhabitants, times 100 (the service profile of seed 002 Table 14).',
    ),
    citation: 'seed 002 L668–693 «Antall tjenestemottakere for hver deltjeneste delt på totalt innbyggertall multiplisert med 100» (KOSTRA 2010)',
    verified: true,
    note: 'Table 14 states its basis in its caption; its BPA row cannot be this basis (see docs/kostra.md).',
  },
  homeServicesByNeed: {
    id: 'homeServicesByNeed',
    name: w('Hjemmetjenestemottakere etter bistandsbehov', 'Heimetenestemottakarar etter bistandsbehov', 'Home-service recipients by need level'),
    definition: w(
      'Mottakere av minst én hjemmetjeneste (praktisk bistand inkl. BPA, helsetjenester i hjemmet, avlastning utenfor institusjon, omsorgsstønad) etter bistandsbehov fra siste fullførte IPLOS-kartlegging før referansedagen.',
      'Mottakarar av minst éi heimeteneste (praktisk bistand inkl. BPA, helsetenester i heimen, avlasting utanfor institusjon, omsorgsstønad) etter bistandsbehov frå siste fullførte IPLOS-kartlegging før referansedagen.',
      'Recipients of at least one home service (practical help incl. BPA, health services at home, respite outside an institution, care allowance) by need level from the latest completed IPLOS assessment before the reference date.',
    ),
    citation: 'SSB 06972 «brukere av hjemmetjenester per 31.12. etter alder og bistandsbehov»; KOSTRA 254; seed 002 L686–688',
    verified: false,
    note: 'The service list follows SSB\'s text for KOSTRA function 254; the grouping of IPLOS scores into need levels is the configurable band rule NEED_BAND_RULE (mean thresholds 2.5 and 3.5), not verified against SSB\'s.',
  },
  extensiveNeedShare: {
    id: 'extensiveNeedShare',
    name: w('Andel med omfattende bistandsbehov', 'Del med omfattande bistandsbehov', 'Share with extensive need'),
    definition: w(
      'Hjemmetjenestemottakere med omfattende bistandsbehov i aldersgruppen, som andel av alle hjemmetjenestemottakere i aldersgruppen (de uten kartlegging teller i nevneren).',
      'Heimetenestemottakarar med omfattande bistandsbehov i aldersgruppa, som del av alle heimetenestemottakarar i aldersgruppa (dei utan kartlegging tel i nemnaren).',
      'Home-service recipients with extensive need in the age group, as a share of all home-service recipients in the age group (those without an assessment count in the denominator).',
    ),
    citation: 'KOSTRA KOShjelptkjerne80000 «Hjemmetjenestebrukere, omfattende bistandsbehov 80 år og over»; SSB 06972',
    verified: false,
    note: 'The need-level rule is not verified (see homeServicesByNeed); whether SSB counts «uoppgitt» in the denominator is not verified.',
  },
  hoursPerWeek: {
    id: 'hoursPerWeek',
    name: w('Timer per uke per mottaker', 'Timar per veke per mottakar', 'Hours per week per recipient'),
    definition: w(
      'Gjennomsnittlig vedtatte timer per uke for hjemmeboende mottakere av praktisk bistand og helsetjenester i hjemmet per 31.12., over mottakerne med timer i vedtaket.',
      'Gjennomsnittleg vedtekne timar per veke for heimebuande mottakarar av praktisk bistand og helsetenester i heimen per 31.12., over mottakarane med timar i vedtaket.',
      'Mean decided hours per week of home-dwelling recipients of practical help and health services at home on 31 December, over the recipients whose decision states hours.',
    ),
    citation: 'SSB 09933 «timer i uka til praktisk bistand og helsetjenester i hjemmet, etter alder og bistandsbehov»; KOSTRA KOSgjanttimertot0000 «Gjennomsnittlig antall tildelte timer i uken»',
    verified: true,
    note: 'A frame decision counts its ceiling; a norm-time decision without hours is left out and counted as "without hours". KOSgjanttimertot0000 includes more services than 09933; we follow 09933.',
  },
  bpaPer1000Under67: {
    id: 'bpaPer1000Under67',
    name: w('BPA-mottakere per 1 000 innbyggere 0–66 år', 'BPA-mottakarar per 1 000 innbyggjarar 0–66 år', 'BPA recipients per 1,000 inhabitants aged 0–66'),
    definition: w(
      'Mottakere av brukerstyrt personlig assistanse under 67 år per 31.12., per 1 000 innbyggere 0–66 år.',
      'Mottakarar av brukarstyrt personleg assistanse under 67 år per 31.12., per 1 000 innbyggjarar 0–66 år.',
      'Recipients of user-controlled personal assistance (BPA) under 67 on 31 December, per 1,000 inhabitants aged 0–66.',
    ),
    citation: 'seed 002 L1915–1924 «beregnet ift innbyggertall 0-66 år»; SSB 11645',
    verified: false,
    note: 'Seed 002 Figure 31 prints its coverage as «%» but the values match per 10,000 inhabitants aged 0–66 (docs/kostra.md); no SSB indicator with this exact basis was found.',
  },
  bpaCoverage: {
    id: 'bpaCoverage',
    name: w('BPA-dekning blant dem med rett', 'BPA-dekning blant dei med rett', 'BPA coverage among those entitled'),
    definition: w(
      'Mottakere under 67 år med minst 25 vedtatte timer per uke i hjemmetjenester som har BPA, som andel av alle mottakere under 67 år med minst 25 timer (rett etter pbrl. § 2-1 d ved 32 timer, og ved 25–32 timer med mindre det er vesentlig dyrere).',
      'Mottakarar under 67 år med minst 25 vedtekne timar per veke i heimetenester som har BPA, som del av alle mottakarar under 67 år med minst 25 timar (rett etter pbrl. § 2-1 d ved 32 timar, og ved 25–32 timar med mindre det er vesentleg dyrare).',
      'Recipients under 67 with at least 25 decided hours a week of home services who have BPA, as a share of all recipients under 67 with at least 25 hours (a right under pasient- og brukerrettighetsloven § 2-1 d from 32 hours, and from 25 to 32 unless substantially more costly).',
    ),
    citation: 'pasient- og brukerrettighetsloven § 2-1 d',
    verified: false,
    note: 'Not a KOSTRA indicator (our steering figure). The right also requires a long-lasting need (over two years), which the decision does not record; the hour thresholds are from the law as we read it and need checking against Lovdata.',
  },
  costPerInhabitant: {
    id: 'costPerInhabitant',
    name: w('Kostnad per innbygger', 'Kostnad per innbyggjar', 'Cost per inhabitant'),
    definition: w(
      'Utgifter leverandørene har ført for årets måneder (regnskapet slik det er registrert i tildel), delt på innbyggertallet.',
      'Utgifter leverandørane har ført for månadene i året (rekneskapen slik han er registrert i tildel), delt på innbyggjartalet.',
      'Expenses the providers recorded for the months of the year (the accounts as entered in tildel), divided by the number of inhabitants.',
    ),
    citation: 'KOSTRA «Netto driftsutgifter pleie og omsorg per innbygger» (234, 253, 254, 261)',
    verified: false,
    note: 'tildel holds gross expenses per provider and month, not the municipality\'s net operating expenditure by KOSTRA function; the figure is comparable to KOSTRA only when every provider\'s full accounts are entered.',
  },
  costPerHomeServiceRecipient: {
    id: 'costPerHomeServiceRecipient',
    name: w('Kostnad per hjemmetjenestemottaker', 'Kostnad per heimetenestemottakar', 'Cost per home-service recipient'),
    definition: w(
      'Årets utgifter hos leverandører som bare har avtaler om tjenester i KOSTRA-funksjon 254, delt på hjemmetjenestemottakerne.',
      'Utgiftene i året hos leverandørar som berre har avtalar om tenester i KOSTRA-funksjon 254, delt på heimetenestemottakarane.',
      "The year's expenses of providers whose agreements are all for services of KOSTRA function 254, divided by the home-service recipients.",
    ),
    citation: 'KOSTRA 254 «Utgifter per mottaker av hjemmetjenester»; seed 002 L1837–1847',
    verified: false,
    note: 'Expenses of a provider with agreements in several functions are not attributed (reported as unattributed).',
  },
  costPerInstitutionResident: {
    id: 'costPerInstitutionResident',
    name: w('Kostnad per institusjonsbeboer', 'Kostnad per institusjonsbebuar', 'Cost per institution resident'),
    definition: w(
      'Årets utgifter hos leverandører som bare har avtaler om tjenester i KOSTRA-funksjon 253, delt på beboerne på lang- og korttidsopphold per 31.12.',
      'Utgiftene i året hos leverandørar som berre har avtalar om tenester i KOSTRA-funksjon 253, delt på bebuarane på lang- og korttidsopphald per 31.12.',
      "The year's expenses of providers whose agreements are all for services of KOSTRA function 253, divided by the residents on long- and short-term stays on 31 December.",
    ),
    citation: 'KOSTRA 253 «Korrigerte brutto driftsutgifter per kommunal plass»; seed 002 L1809–1819',
    verified: false,
    note: 'KOSTRA divides by places, not residents; tildel knows residents, not places.',
  },
};

/** One row of the service profile: the services it counts, or none where tildel does not record what the row needs. */
export interface KostraServiceRow {
  readonly id: string;
  readonly name: Words;
  /** The row's wording in seed 002 Table 14, where it has one. */
  readonly table14: string | null;
  readonly services: readonly string[];
  /** Why the row cannot be computed from tildel's data (then services is empty). */
  readonly notRecorded?: string;
}

/** The home services of KOSTRA function 254 as SSB lists them (IPLOS 1, 2, 3, 15, 7 and 11). */
export const HOME_SERVICES = ['practical_help', 'bpa', 'home_nursing', 'psychiatric_home_services', 'respite', 'care_allowance'] as const;

export const KOSTRA_SERVICE_ROWS: readonly KostraServiceRow[] = [
  { id: 'long_term_stay', name: w('Langtidsopphold i institusjon', 'Langtidsopphald i institusjon', 'Long-term stay in an institution'), table14: 'Institusjonsbeboere på langtidsopphold', services: ['long_term_stay'] },
  { id: 'short_term_stay', name: w('Tidsbegrenset opphold i institusjon', 'Tidsavgrensa opphald i institusjon', 'Short-term stay in an institution'), table14: 'Institusjonsbeboere på tidsbegrenset opphold', services: ['short_term_stay'] },
  {
    id: 'housing_24h',
    name: w('Bolig med heldøgns bemanning', 'Bustad med heildøgns bemanning', 'Housing staffed around the clock'),
    table14: 'Beboere i bolig m/ heldøgns bemanning',
    services: [],
    notRecorded: 'a care-flat decision does not record whether the housing is staffed around the clock',
  },
  { id: 'care_housing', name: w('Bolig til pleie- og omsorgsformål', 'Bustad til pleie- og omsorgsformål', 'Housing for care purposes'), table14: 'Beboere i bolig til pleie- og omsorgsformål i alt', services: ['care_flat'] },
  { id: 'bpa', name: w('Brukerstyrt personlig assistanse (BPA)', 'Brukarstyrt personleg assistanse (BPA)', 'User-controlled personal assistance (BPA)'), table14: 'Mottakere av BPA', services: ['bpa'] },
  { id: 'care_allowance', name: w('Omsorgsstønad', 'Omsorgsstønad', 'Care allowance'), table14: 'Pleietrengende med pårørende som mottar omsorgslønn', services: ['care_allowance'] },
  { id: 'home_services', name: w('Hjemmetjenester i alt', 'Heimetenester i alt', 'Home services, all'), table14: null, services: HOME_SERVICES },
  { id: 'practical_help', name: w('Praktisk bistand (inkl. BPA)', 'Praktisk bistand (inkl. BPA)', 'Practical help (incl. BPA)'), table14: null, services: ['practical_help', 'bpa'] },
  { id: 'home_nursing', name: w('Helsetjenester i hjemmet', 'Helsetenester i heimen', 'Health services at home'), table14: null, services: ['home_nursing', 'psychiatric_home_services'] },
  { id: 'respite', name: w('Avlastning', 'Avlasting', 'Respite'), table14: 'Mottakere av avlastning', services: ['respite'] },
  { id: 'support_contact', name: w('Støttekontakt', 'Støttekontakt', 'Support contact'), table14: 'Mottakere av støttekontakt', services: ['support_contact'] },
  { id: 'day_centre', name: w('Dagaktivitetstilbud', 'Dagaktivitetstilbod', 'Day activities'), table14: null, services: ['day_centre'] },
  {
    id: 'meal_delivery',
    name: w('Matombringing', 'Matombringing', 'Meal delivery'),
    table14: 'Mottakere av matombringning',
    services: [],
    notRecorded: 'meal delivery is not a service in the catalogue',
  },
  { id: 'safety_alarm', name: w('Trygghetsalarm', 'Tryggleiksalarm', 'Safety alarm'), table14: 'Mottakere av trygghetsalarm', services: ['safety_alarm'] },
];

export type NeedLevel = 'limited' | 'medium' | 'extensive' | 'unknown';
export const NEED_LEVELS: readonly NeedLevel[] = ['extensive', 'medium', 'limited', 'unknown'];

/** The need level of an assessment's tally of scores (scoreTally) by the municipality's band rule (shared with the equal-treatment report): «uoppgitt» without an assessment or where the rule finds too few scores. */
export function needLevel(tally: ScoreTally | null, rule: NeedBandRule = NEED_BAND_RULE): NeedLevel {
  if (!tally) return 'unknown';
  const band = bandOfTally(tally, rule);
  return band === 'unassessed' ? 'unknown' : band;
}
