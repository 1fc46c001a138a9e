/**
 * Lawful demo decisions, by the same content rules every writer meets (domain/decision/validate.ts):
 * a granted decision is in a form the service catalogue and the municipality's policy allow, and
 * states what that form demands (hours; tasks with norm times; a frame with goals; a place without
 * hours), goals where the catalogue demands them (psychiatric home services), and how long it runs
 * and when it is re-evaluated. Refusals and partial grants give their main considerations. Most
 * decisions rest on a completed assessment (kartlegging) recorded on the case; a share are made
 * without one, with the reason on record, as when a person is discharged from hospital in a hurry.
 */
import type { Faker } from '@faker-js/faker';
import type { ActionPayload, DecisionOutcome } from '../domain/case/index.ts';
import { IPLOS_CODES } from '../domain/assessment/iplos.ts';
import { addDays, addMonths } from '../domain/law/deadlines.ts';
import type { DecisionForm } from '../domain/organisation/policy.ts';
import { findCatalogueEntry, type ServiceCode } from '../domain/services/catalogue.ts';
import { isoDate } from './people.ts';

type Decision = ActionPayload<'decision_made'>;

/** A completed assessment the case's owner records on the case before deciding. */
export interface DemoAssessment {
  readonly assessedOn: string;
  readonly scores: Readonly<Record<string, number>>;
  readonly whatMatters: string;
}

export interface DemoDecisionInput {
  readonly outcome: DecisionOutcome;
  readonly service: ServiceCode;
  /** When the decision is made. */
  readonly at: Date;
  /** When the assessment began (the assessment is completed between then and the decision). */
  readonly assessmentFrom: Date;
  /** The forms the service may be decided in (catalogue narrowed by the policy in force). */
  readonly forms: readonly DecisionForm[];
  /** The demo's day: a running decision is mostly re-evaluated and renewed on time, so its dates lie after it. */
  readonly horizon?: string;
}

/** The share of running demo decisions left past their re-evaluation or end ("mangler oppdatert vedtak"). */
const OUTDATED_SHARE = 0.1;

/** Share of decisions made without a completed assessment, each with a recorded reason (fvl §§ 17, 25). */
const WITHOUT_ASSESSMENT_SHARE = 0.08;

const WITHOUT_ASSESSMENT_REASONS = [
  'Utskrevet fra sykehus på kort varsel; vedtaket bygger på epikrisen, og kartlegging i hjemmet gjøres innen to uker etter oppstart.',
  'Pårørende som ga daglig omsorg, ble akutt innlagt; hastevedtak etter telefonsamtale med fastlegen, full kartlegging etter oppstart.',
  'Søkeren ønsket ikke hjemmebesøk; vedtaket bygger på opplysninger fra fastlegen og samtale på servicetorget.',
];

const CONSIDERATIONS = 'Kartleggingen viser at behovet kan dekkes med lavere omfang eller på et lavere nivå i omsorgstrappen.';

const SUMMARIES: Record<DecisionOutcome, string> = {
  granted: 'Søknaden innvilges etter kartlegging av behov.',
  partly_granted: 'Søknaden innvilges delvis; lavere omfang dekker det kartlagte behovet.',
  refused: 'Søknaden avslås; behovet kan dekkes av lavterskeltilbud eller egne ressurser.',
};

/** Tasks of a norm-time decision (tjenestebeskrivende vedtak), with norm minutes per occurrence. */
const TASKS: Partial<Record<ServiceCode, readonly { text: string; normMinutes: number; perWeek: number }[]>> = {
  home_nursing: [
    { text: 'Medisinhåndtering: utdeling og observasjon av virkning', normMinutes: 15, perWeek: 7 },
    { text: 'Sårstell', normMinutes: 30, perWeek: 2 },
    { text: 'Hjelp til morgenstell og påkledning', normMinutes: 30, perWeek: 7 },
    { text: 'Påsetting av støttestrømper', normMinutes: 10, perWeek: 7 },
  ],
  psychiatric_home_services: [
    { text: 'Samtale og oppfølging av dagsrytme', normMinutes: 45, perWeek: 2 },
    { text: 'Medisinhåndtering og observasjon', normMinutes: 15, perWeek: 7 },
    { text: 'Følge til aktivitet eller avtale', normMinutes: 60, perWeek: 1 },
  ],
  safety_alarm: [
    { text: 'Ukentlig test av trygghetsalarmen', normMinutes: 5, perWeek: 1 },
    { text: 'Utrykning og tilsyn ved alarm', normMinutes: 30, perWeek: 1 },
  ],
  day_centre: [
    { text: 'Dagsenter med aktiviteter og middag', normMinutes: 300, perWeek: 2 },
    { text: 'Transport til og fra dagsenteret', normMinutes: 60, perWeek: 2 },
  ],
};

const GOALS: Partial<Record<ServiceCode, readonly string[]>> = {
  home_nursing: ['Klare morgenstellet selv', 'Ta medisinene riktig til riktig tid', 'Bo trygt hjemme'],
  psychiatric_home_services: ['Mestre hverdagen med faste rutiner', 'Komme i gang med en meningsfull aktivitet', 'Færre innleggelser enn siste år', 'Handle og lage middag selv'],
};

const WHAT_MATTERS: readonly string[] = [
  'Å bo hjemme så lenge som mulig',
  'Å klare meg selv om morgenen',
  'Å komme meg ut og treffe folk',
  'Å ha det rent og ryddig rundt meg',
  'Å være trygg om natten',
  'Å få gå tur med hunden',
  'At barnebarna kan komme på besøk',
];

/** The IPLOS functions where the need for each service shows (the others score low). */
const NEED_SHOWS_IN: Record<ServiceCode, readonly string[]> = {
  practical_help: ['household_tasks', 'shopping', 'cooking'],
  home_nursing: ['own_health', 'personal_hygiene', 'dressing'],
  psychiatric_home_services: ['social_participation', 'everyday_decisions', 'own_health', 'behaviour'],
  support_contact: ['social_participation', 'everyday_decisions'],
  safety_alarm: ['moving_indoors', 'moving_outdoors', 'own_health'],
  day_centre: ['social_participation', 'memory'],
  respite: ['memory', 'everyday_decisions', 'behaviour'],
  care_allowance: ['personal_hygiene', 'dressing', 'toilet', 'eating'],
  bpa: ['personal_hygiene', 'dressing', 'moving_indoors', 'moving_outdoors', 'household_tasks'],
  short_term_stay: ['moving_indoors', 'personal_hygiene', 'toilet', 'own_health'],
  long_term_stay: ['memory', 'everyday_decisions', 'personal_hygiene', 'dressing', 'toilet', 'eating', 'moving_indoors'],
  care_flat: ['household_tasks', 'moving_outdoors', 'own_health'],
};

/** The decision payload, and the assessment to record before it (none when decided without one). */
export function demoDecision(f: Faker, d: DemoDecisionInput): { payload: Decision; assessment: DemoAssessment | null } {
  const validFrom = addDays(isoDate(d.at), 3);
  const base = { outcome: d.outcome, serviceCode: d.service, validFrom, summary: SUMMARIES[d.outcome] };
  const granted = d.outcome !== 'refused';
  const withoutAssessment = granted && f.datatype.boolean(WITHOUT_ASSESSMENT_SHARE);
  const payload: Decision = {
    ...base,
    ...(granted ? { ...scope(f, d.service, d.forms), ...goals(f, d.service), ...duration(f, d.service, validFrom, d.horizon) } : {}),
    ...(d.outcome !== 'granted' ? { considerations: CONSIDERATIONS } : {}),
    ...(withoutAssessment ? { withoutAssessmentReason: f.helpers.arrayElement(WITHOUT_ASSESSMENT_REASONS) } : {}),
  };
  return { payload: withFrameGoals(payload), assessment: withoutAssessment ? null : assessment(f, d) };
}

/** The form, and what it demands: hours, tasks with norm times, a frame, or a place. */
function scope(f: Faker, service: ServiceCode, forms: readonly DecisionForm[]): Partial<Decision> {
  // The policy lists its preferred form first (a trust model decides home nursing in frames).
  const form = forms.length ? (f.datatype.boolean(0.6) ? forms[0] : f.helpers.arrayElement(forms)) : undefined;
  switch (form) {
    case undefined:
      return {};
    case 'place':
      return { form };
    case 'time_fixed':
      return { form, hoursPerWeek: hoursFor(f, service) };
    case 'norm_time': {
      const all = TASKS[service] ?? [{ text: 'Bistand etter kartlagt behov', normMinutes: 30, perWeek: 3 }];
      const tasks = f.helpers.arrayElements(all, { min: 1, max: Math.min(3, all.length) });
      // The norm time is the time the provider plans for (and is paid for).
      const minutes = tasks.reduce((sum, t) => sum + t.normMinutes * t.perWeek, 0);
      return { form, tasks, hoursPerWeek: Math.round(minutes / 6) / 10 };
    }
    case 'frame': {
      const hours = hoursFor(f, service);
      return { form, hoursPerWeek: hours, frame: { maxHoursPerWeek: Math.ceil(hours) + f.number.int({ min: 1, max: 2 }), goals: pick(f, GOALS[service] ?? ['Bo trygt hjemme']) } };
    }
  }
}

function hoursFor(f: Faker, service: ServiceCode): number {
  if (service === 'bpa') return f.number.float({ min: 10, max: 40, fractionDigits: 1 });
  return f.number.float({ min: 0.5, max: 12, fractionDigits: 1 });
}

/** Goals where the catalogue demands them (seed 004 G-05: a decision without a goal cannot be finalised). */
function goals(f: Faker, service: ServiceCode): Partial<Decision> {
  return findCatalogueEntry(service)?.goalsRequired ? { goals: pick(f, GOALS[service] ?? ['Mestre hverdagen']) } : {};
}

/** A frame decision's goals are the decision's goals, where it has them. */
function withFrameGoals(p: Decision): Decision {
  return p.frame && p.goals?.length ? { ...p, frame: { ...p.frame, goals: p.goals } } : p;
}

/**
 * How long it runs: a short-term stay for four weeks, evaluated in its third; other services until
 * further notice, re-evaluated after three months in an institution and a year at home. The demo
 * writes one decision per case, so a case that has run longer than that stands for one whose decision
 * was renewed: its dates lie after the demo's day (`horizon`), except for a small share left outdated
 * so the office's list of decisions to update is not empty.
 */
function duration(f: Faker, service: ServiceCode, validFrom: string, horizon: string | undefined): Partial<Decision> {
  const renewed = horizon !== undefined && !f.datatype.boolean(OUTDATED_SHARE);
  if (service === 'short_term_stay') {
    const validTo = addDays(validFrom, 27);
    if (!renewed || validTo > horizon) return { validTo, reevaluateBy: addDays(validFrom, 20) };
    const end = addDays(horizon, f.number.int({ min: 8, max: 27 }));
    return { validTo: end, reevaluateBy: addDays(end, -7) };
  }
  const reevaluateBy = addMonths(validFrom, findCatalogueEntry(service)?.institutional ? 3 : 12);
  // One left outdated is past its re-evaluation on the demo's day, whenever that day falls: halfway
  // between the decision and the day when its own date lies ahead (the demo's figures do not depend on the date it is loaded).
  if (horizon !== undefined && !renewed && reevaluateBy >= horizon) return { untilFurtherNotice: true, reevaluateBy: halfway(validFrom, horizon) };
  if (!renewed || reevaluateBy > horizon) return { untilFurtherNotice: true, reevaluateBy };
  return { untilFurtherNotice: true, reevaluateBy: addDays(horizon, f.number.int({ min: 31, max: 300 })) };
}

/** The day halfway between two days (at least the day after the first). */
function halfway(from: string, to: string): string {
  const days = Math.round((Date.parse(`${to}T12:00:00Z`) - Date.parse(`${from}T12:00:00Z`)) / 86_400_000);
  return addDays(from, Math.max(1, Math.floor(days / 2)));
}

function pick(f: Faker, from: readonly string[]): string[] {
  return f.helpers.arrayElements(from, { min: 1, max: Math.min(2, from.length) });
}

/** An assessment completed between the start of the assessment and the decision, with scores that fit the outcome. */
function assessment(f: Faker, d: DemoDecisionInput): DemoAssessment {
  const from = d.assessmentFrom.getTime();
  const assessedOn = isoDate(new Date(from + f.number.float({ min: 0, max: 1 }) * Math.max(0, d.at.getTime() - from)));
  const focus = new Set(NEED_SHOWS_IN[d.service]);
  const [low, high] = d.outcome === 'refused' ? [1, 2] : d.outcome === 'partly_granted' ? [3, 3] : [3, 5];
  const scores = Object.fromEntries(
    IPLOS_CODES.map((code) => {
      if (focus.has(code)) return [code, f.number.int({ min: low, max: high })];
      if ((code === 'vision' || code === 'hearing') && f.datatype.boolean(0.1)) return [code, 9];
      return [code, f.number.int({ min: 1, max: 2 })];
    }),
  );
  return { assessedOn, scores, whatMatters: f.helpers.arrayElement(WHAT_MATTERS) };
}
