/**
 * The services a request can be about. This is the minimal list the case engine needs; the
 * criteria issue extends each entry with IPLOS service type, KOSTRA function, decision forms and
 * its level in the care staircase (omsorgstrappen).
 *
 * Legal bases: helse- og omsorgstjenesteloven (hol) § 3-2 first paragraph no. 6 (a)–(d), § 3-6 and
 * § 3-8; see the domain reference §3.
 */
export interface ServiceDefinition {
  readonly code: string;
  readonly name: { readonly nb: string; readonly nn: string; readonly en: string };
  readonly legalBasis: string;
  /** An institution stay never carries hours (seed 002; domain reference §6). */
  readonly institutional: boolean;
  /**
   * The law its decision is made and complained about under. Absent: a health and care service, a
   * right under pasient- og brukerrettighetsloven § 2-1 a, complained about under pbrl chapter 7 (four
   * weeks, Statsforvalteren). 'forvaltningsloven': a decision that is no right under pbrl chapter 2
   * (a care flat: housing, hol § 3-7), so its reasons cite no pbrl right, and it is complained about
   * under forvaltningsloven (three weeks, fvl § 29; the municipality's own complaints board, fvl § 28
   * second paragraph).
   */
  readonly decidedUnder?: 'forvaltningsloven';
}

/**
 * What the catalogue adds for each service: the IPLOS service type it is reported as (by name;
 * check the code list of the current IPLOS guide), the KOSTRA function its costs go to, the decision
 * forms it allows, whether the decision must state hours, and its level in the care staircase
 * (omsorgstrappen, lowest effective level first).
 */
export interface ServiceCatalogueEntry extends ServiceDefinition {
  readonly iplosServiceType: string;
  readonly kostraFunction: '234' | '253' | '254' | '265';
  readonly decisionForms: readonly DecisionFormCode[];
  /** Hours are mandatory where money is computed from hours (seed 002 L869). */
  readonly hoursMandatory: boolean;
  /**
   * A granted decision must state its goals, set with the person: psychiatric home services are to
   * lead to change or stability, and "a decision without a goal cannot be finalised" (seed 004
   * L637–666, L2415–2430; seed notes G-05).
   */
  readonly goalsRequired: boolean;
  readonly staircaseLevel: number;
}

type DecisionFormCode = 'time_fixed' | 'norm_time' | 'frame' | 'place';

const CATALOGUE_FACTS: Readonly<Record<string, Omit<ServiceCatalogueEntry, keyof ServiceDefinition>>> = {
  safety_alarm: { iplosServiceType: 'Trygghetsalarm', kostraFunction: '234', decisionForms: ['norm_time'], hoursMandatory: false, goalsRequired: false, staircaseLevel: 1 },
  day_centre: { iplosServiceType: 'Dagaktivitetstilbud', kostraFunction: '234', decisionForms: ['time_fixed', 'norm_time'], hoursMandatory: false, goalsRequired: false, staircaseLevel: 2 },
  support_contact: { iplosServiceType: 'Støttekontakt', kostraFunction: '234', decisionForms: ['time_fixed'], hoursMandatory: true, goalsRequired: false, staircaseLevel: 2 },
  practical_help: { iplosServiceType: 'Praktisk bistand: daglige gjøremål', kostraFunction: '254', decisionForms: ['time_fixed'], hoursMandatory: true, goalsRequired: false, staircaseLevel: 3 },
  home_nursing: { iplosServiceType: 'Helsetjenester i hjemmet', kostraFunction: '254', decisionForms: ['time_fixed', 'norm_time', 'frame'], hoursMandatory: false, goalsRequired: false, staircaseLevel: 4 },
  psychiatric_home_services: { iplosServiceType: 'Helsetjenester i hjemmet (psykisk helse)', kostraFunction: '254', decisionForms: ['time_fixed', 'norm_time', 'frame'], hoursMandatory: false, goalsRequired: true, staircaseLevel: 4 },
  care_allowance: { iplosServiceType: 'Omsorgsstønad', kostraFunction: '254', decisionForms: ['time_fixed'], hoursMandatory: true, goalsRequired: false, staircaseLevel: 4 },
  bpa: { iplosServiceType: 'Brukerstyrt personlig assistanse', kostraFunction: '254', decisionForms: ['time_fixed'], hoursMandatory: true, goalsRequired: false, staircaseLevel: 4 },
  respite: { iplosServiceType: 'Avlastning', kostraFunction: '254', decisionForms: ['time_fixed', 'place'], hoursMandatory: false, goalsRequired: false, staircaseLevel: 5 },
  care_flat: { iplosServiceType: 'Omsorgsbolig', kostraFunction: '265', decisionForms: ['place'], hoursMandatory: false, goalsRequired: false, staircaseLevel: 6 },
  short_term_stay: { iplosServiceType: 'Tidsbegrenset opphold i institusjon', kostraFunction: '253', decisionForms: ['place'], hoursMandatory: false, goalsRequired: false, staircaseLevel: 7 },
  long_term_stay: { iplosServiceType: 'Langtidsopphold i institusjon', kostraFunction: '253', decisionForms: ['place'], hoursMandatory: false, goalsRequired: false, staircaseLevel: 8 },
};

export const SERVICES = [
  {
    code: 'home_nursing',
    name: { nb: 'Helsetjenester i hjemmet', nn: 'Helsetenester i heimen', en: 'Home nursing' },
    legalBasis: 'hol § 3-2 første ledd nr. 6 bokstav a',
    institutional: false,
  },
  {
    code: 'practical_help',
    name: { nb: 'Praktisk bistand', nn: 'Praktisk bistand', en: 'Practical help' },
    legalBasis: 'hol § 3-2 første ledd nr. 6 bokstav b',
    institutional: false,
  },
  {
    code: 'psychiatric_home_services',
    name: {
      nb: 'Psykisk helsearbeid i hjemmet',
      nn: 'Psykisk helsearbeid i heimen',
      en: 'Psychiatric home services',
    },
    legalBasis: 'hol § 3-2 første ledd nr. 6 bokstav a',
    institutional: false,
  },
  {
    code: 'support_contact',
    name: { nb: 'Støttekontakt', nn: 'Støttekontakt', en: 'Support contact' },
    legalBasis: 'hol § 3-2 første ledd nr. 6 bokstav b',
    institutional: false,
  },
  {
    code: 'safety_alarm',
    name: { nb: 'Trygghetsalarm', nn: 'Tryggleiksalarm', en: 'Safety alarm' },
    legalBasis: 'hol § 3-1',
    institutional: false,
  },
  {
    code: 'day_centre',
    name: { nb: 'Dagsenter', nn: 'Dagsenter', en: 'Day centre' },
    legalBasis: 'hol § 3-2 første ledd nr. 6 bokstav b',
    institutional: false,
  },
  {
    code: 'respite',
    name: { nb: 'Avlastning', nn: 'Avlasting', en: 'Respite' },
    legalBasis: 'hol § 3-2 første ledd nr. 6 bokstav d',
    institutional: false,
  },
  {
    code: 'care_allowance',
    name: { nb: 'Omsorgsstønad', nn: 'Omsorgsstønad', en: 'Care allowance' },
    legalBasis: 'hol § 3-6',
    institutional: false,
  },
  {
    code: 'bpa',
    name: {
      nb: 'Brukerstyrt personlig assistanse (BPA)',
      nn: 'Brukarstyrt personleg assistanse (BPA)',
      en: 'User-controlled personal assistance (BPA)',
    },
    legalBasis: 'hol § 3-8',
    institutional: false,
  },
  {
    code: 'short_term_stay',
    name: { nb: 'Korttidsopphold', nn: 'Korttidsopphald', en: 'Short-term stay' },
    legalBasis: 'hol § 3-2 første ledd nr. 6 bokstav c',
    institutional: true,
  },
  {
    code: 'long_term_stay',
    name: {
      nb: 'Langtidsopphold i sykehjem',
      nn: 'Langtidsopphald i sjukeheim',
      en: 'Long-term nursing-home stay',
    },
    legalBasis: 'hol § 3-2 første ledd nr. 6 bokstav c og § 3-2 a',
    institutional: true,
  },
  {
    code: 'care_flat',
    name: { nb: 'Omsorgsbolig', nn: 'Omsorgsbustad', en: 'Care flat' },
    legalBasis: 'hol § 3-1 (boligsosialt ansvar etter helse- og omsorgstjenesteloven § 3-7)',
    institutional: false,
    decidedUnder: 'forvaltningsloven',
  },
] as const satisfies readonly ServiceDefinition[];

export type ServiceCode = (typeof SERVICES)[number]['code'];
export const SERVICE_CODES = SERVICES.map((s) => s.code) as [ServiceCode, ...ServiceCode[]];

export function findService(code: string): ServiceDefinition | undefined {
  return SERVICES.find((s) => s.code === code);
}

/** Whether a decision on the service is made and complained about under forvaltningsloven alone (a care flat). */
export function decidedUnderForvaltningsloven(code: string): boolean {
  return findService(code)?.decidedUnder === 'forvaltningsloven';
}

/**
 * Who decides a complaint against a decision on the service (klageinstans): Statsforvalteren for a
 * health and care service (pbrl § 7-2), the municipality's own complaints board for a decision under
 * forvaltningsloven alone (fvl § 28 second paragraph). The rules with their citations:
 * `COMPLAINT_RULES.body` and `COMPLAINT_RULES.bodyMunicipal`.
 */
export const COMPLAINT_BODIES = ['statsforvalteren', 'municipal_board'] as const;
export type ComplaintBody = (typeof COMPLAINT_BODIES)[number];

export function complaintBodyOf(code: string): ComplaintBody {
  return decidedUnderForvaltningsloven(code) ? 'municipal_board' : 'statsforvalteren';
}

/**
 * The catalogue's entries, built once: the definitions with their facts, up the care staircase, each
 * frozen. (Built on every lookup it cost the KPR extract of an Oslo-size municipality two seconds.)
 */
const CATALOGUE: readonly ServiceCatalogueEntry[] = SERVICES.map((s) => {
  const facts = CATALOGUE_FACTS[s.code];
  if (!facts) throw new Error(`catalogue facts missing for ${s.code}`);
  return Object.freeze({ ...s, ...facts });
}).sort((a, b) => a.staircaseLevel - b.staircaseLevel);

const BY_CODE: ReadonlyMap<string, ServiceCatalogueEntry> = new Map(CATALOGUE.map((e) => [e.code, e]));

/** The full catalogue, ordered up the care staircase. */
export function serviceCatalogue(): ServiceCatalogueEntry[] {
  return [...CATALOGUE];
}

export function findCatalogueEntry(code: string): ServiceCatalogueEntry | undefined {
  return BY_CODE.get(code);
}
