/**
 * Synthetic case histories for the demo: each case is a request followed by the actions that
 * bring it to a target state, spread over the lifecycle so that every state has cases. The steps
 * are plain action bodies; the loader writes each through the one case pipeline, so the demo meets
 * every rule the API does (decisions are made lawful in decisions.ts).
 */
import type { Faker } from '@faker-js/faker';
import type { CaseStateKey, DecisionOutcome, FollowUpAction, RequestChannel } from '../domain/case/index.ts';
import type { DecisionForm } from '../domain/organisation/policy.ts';
import type { ServiceCode } from '../domain/services/catalogue.ts';
import { demoDecision, type DemoAssessment } from './decisions.ts';
import { isoDate, type DemoPerson } from './people.ts';

export interface DemoStep {
  readonly action: FollowUpAction;
  readonly at: Date;
  readonly reason?: string;
  /** Which kind of staff member takes the step; the loader picks a person of that kind. */
  readonly by: 'owner' | 'provider';
  /** Left out when nobody may take it (a provider unit without staff in the demo). */
  readonly optional?: boolean;
  /** A completed assessment the owner records on the case before the step (a decision rests on it). */
  readonly assessment?: DemoAssessment;
}

/** The forms each service may be decided in where the person lives (catalogue narrowed by the policy). */
export type FormsOf = (service: ServiceCode) => readonly DecisionForm[];

export interface DemoCase {
  readonly serviceCode: ServiceCode;
  readonly channel: RequestChannel;
  readonly receivedOn: string;
  readonly receivedAt: Date;
  readonly description: string;
  readonly target: CaseStateKey;
  readonly steps: readonly DemoStep[];
}

type W<T> = { weight: number; value: T }[];

const YOUNGER_SERVICES: W<ServiceCode> = [
  { weight: 30, value: 'psychiatric_home_services' },
  { weight: 15, value: 'practical_help' },
  { weight: 15, value: 'support_contact' },
  { weight: 8, value: 'bpa' },
  { weight: 15, value: 'home_nursing' },
  { weight: 7, value: 'respite' },
  { weight: 5, value: 'care_allowance' },
  { weight: 5, value: 'day_centre' },
];
const OLDER_SERVICES: W<ServiceCode> = [
  { weight: 30, value: 'home_nursing' },
  { weight: 22, value: 'practical_help' },
  { weight: 15, value: 'safety_alarm' },
  { weight: 8, value: 'day_centre' },
  { weight: 10, value: 'short_term_stay' },
  { weight: 8, value: 'long_term_stay' },
  { weight: 4, value: 'care_flat' },
  { weight: 3, value: 'respite' },
];

/** How many of the cases end up in each state, and how long ago such cases typically arrived. */
const TARGETS: W<{ key: TargetKey; days: [number, number] }> = [
  { weight: 8, value: { key: 'received', days: [0, 10] } },
  { weight: 12, value: { key: 'under_assessment', days: [3, 25] } },
  { weight: 8, value: { key: 'decided', days: [10, 40] } },
  { weight: 5, value: { key: 'service_arranged', days: [15, 45] } },
  { weight: 38, value: { key: 'active', days: [30, 700] } },
  { weight: 7, value: { key: 'under_reevaluation', days: [180, 900] } },
  { weight: 12, value: { key: 'ended', days: [60, 900] } },
  { weight: 3, value: { key: 'withdrawn', days: [5, 60] } },
  { weight: 4, value: { key: 'complaint_own_review', days: [20, 50] } },
  { weight: 3, value: { key: 'complaint_with_statsforvalteren', days: [40, 120] } },
];

const CHANNELS: W<RequestChannel> = [
  { weight: 30, value: 'self' },
  { weight: 25, value: 'relative' },
  { weight: 20, value: 'hospital' },
  { weight: 12, value: 'gp' },
  { weight: 8, value: 'municipal_service' },
  { weight: 5, value: 'representative' },
];

const DESCRIPTIONS: Partial<Record<ServiceCode, string>> = {
  home_nursing: 'Trenger hjelp med medisiner og sårstell etter sykehusopphold.',
  practical_help: 'Klarer ikke lenger rengjøring og innkjøp på egen hånd.',
  psychiatric_home_services: 'Ønsker oppfølging i hjemmet for å mestre hverdagen bedre.',
  support_contact: 'Ønsker støttekontakt for å delta i fritidsaktiviteter.',
  safety_alarm: 'Har falt flere ganger og er utrygg når hun eller han er alene.',
  day_centre: 'Pårørende ønsker dagaktivitet og avlastning på dagtid.',
  respite: 'Pårørende har stor omsorgsbelastning og trenger avlastning.',
  care_allowance: 'Søker omsorgsstønad for særlig tyngende omsorgsarbeid.',
  bpa: 'Ønsker å organisere egen assistanse gjennom BPA.',
  short_term_stay: 'Trenger korttidsopphold for rehabilitering etter brudd.',
  long_term_stay: 'Behov for heldøgns omsorg; hjemmetjenester er ikke lenger forsvarlig.',
  care_flat: 'Søker omsorgsbolig nærmere tjenestene.',
};

/** A working-day time on the given day offset, between 08:00 and 15:00 UTC. */
function dayAt(f: Faker, received: Date, day: number): Date {
  const at = new Date(received);
  at.setUTCDate(at.getUTCDate() + day);
  at.setUTCHours(8 + f.number.int({ min: 0, max: 6 }), f.number.int({ min: 0, max: 59 }));
  return at;
}

export function makeCase(f: Faker, person: DemoPerson, asOf: Date, forms: FormsOf): DemoCase {
  const serviceCode = f.helpers.weightedArrayElement(person.age < 67 ? YOUNGER_SERVICES : OLDER_SERVICES);
  const target = f.helpers.weightedArrayElement(TARGETS);
  const age = f.number.int({ min: target.days[0], max: target.days[1] });
  const receivedAt = dayAt(f, asOf, -age);
  const steps = stepsTowards(f, target.key, { service: serviceCode, forms, received: receivedAt, asOf }, age);
  return {
    serviceCode,
    channel: f.helpers.weightedArrayElement(CHANNELS),
    receivedOn: isoDate(receivedAt),
    receivedAt,
    description: DESCRIPTIONS[serviceCode] ?? 'Søknad om helse- og omsorgstjenester.',
    target: target.key,
    steps,
  };
}

/** Walks the lifecycle from received to the target, spacing the steps over `span` days. */
function stepsTowards(f: Faker, target: TargetKey, c: { service: ServiceCode; forms: FormsOf; received: Date; asOf: Date }, span: number): DemoStep[] {
  const path = PATHS[target](f);
  const days = path.map((_, i) => Math.round(((i + 1) * span) / (path.length + 1)));
  // The step that put the case where it is now is recent, so open work is within its escalation limit.
  const last = days.length - 1;
  if (last > 0) days[last] = Math.max(days[last - 1] ?? 0, span - f.number.int({ min: 0, max: Math.min(7, span) }));
  const times = days.map((day) => dayAt(f, c.received, day));
  return path.map((make, i) => make({ f, ...c, at: times[i] ?? c.received, since: times[i - 1] ?? c.received }));
}

interface StepInput {
  f: Faker;
  /** The demo's day. */
  asOf: Date;
  service: ServiceCode;
  forms: FormsOf;
  at: Date;
  /** When the step before was taken (the request, for the first). */
  since: Date;
  received: Date;
}
type StepMaker = (s: StepInput) => DemoStep;

const assign: StepMaker = ({ at }) => ({ action: { type: 'owner_assigned', payload: { ownerStaffId: null } }, at, by: 'owner' });
const assess: StepMaker = ({ at }) => ({ action: { type: 'assessment_started', payload: { plannedVisitOn: isoDate(at) } }, at, by: 'owner' });

/** A lawful decision (decisions.ts), resting on an assessment completed since the assessment began. */
function decide(outcome: DecisionOutcome): StepMaker {
  return ({ f, service, forms, at, since, asOf }) => {
    const { payload, assessment } = demoDecision(f, { outcome, service, at, assessmentFrom: since, forms: forms(service), horizon: isoDate(asOf) });
    return { action: { type: 'decision_made', payload }, at, by: 'owner', ...(assessment ? { assessment } : {}) };
  };
}

const arrange: StepMaker = ({ at }) => ({
  action: { type: 'service_arranged', payload: { providerUnitId: '00000000-0000-0000-0000-000000000000', startOn: isoDate(at) } },
  at,
  by: 'owner',
});
const accept: StepMaker = ({ at }) => ({
  action: { type: 'order_accepted', payload: { providerUnitId: '00000000-0000-0000-0000-000000000000' } },
  at,
  by: 'provider',
  optional: true,
});
const start: StepMaker = ({ at }) => ({ action: { type: 'service_started', payload: { startedOn: isoDate(at) } }, at, by: 'provider' });
const reevaluate: StepMaker = ({ at }) => ({ action: { type: 'reevaluation_started', payload: { cause: 'scheduled' } }, at, by: 'owner' });
const endService: StepMaker = ({ f, at }) => ({
  action: {
    type: 'service_ended',
    payload: { endedOn: isoDate(at), cause: f.helpers.arrayElement(['no_longer_needed', 'deceased', 'moved', 'replaced'] as const) },
  },
  at,
  by: 'owner',
});
const close: StepMaker = ({ at }) => ({ action: { type: 'case_closed', payload: { closedOn: isoDate(at) } }, at, by: 'owner' });
const withdraw: StepMaker = ({ at }) => ({ action: { type: 'request_withdrawn', payload: { withdrawnBy: 'applicant' } }, at, by: 'owner' });
const complain: StepMaker = ({ at }) => ({
  action: {
    type: 'complaint_received',
    payload: {
      complainant: 'person',
      receivedOn: isoDate(at),
      summary: 'Mener behovet er større enn det som er innvilget.',
      concerns: 'decision',
    },
  },
  at,
  by: 'owner',
});
const forward: StepMaker = ({ at }) => ({
  action: { type: 'complaint_forwarded', payload: { forwardedOn: isoDate(at), summary: 'Vedtaket opprettholdes etter ny vurdering.' } },
  at,
  by: 'owner',
});

function grantOutcome(f: Faker): DecisionOutcome {
  return f.datatype.boolean(0.82) ? 'granted' : 'partly_granted';
}

/** The demo's low-threshold answers need a criteria evaluation first; the demo's follow-ups make them (demo/followUps.ts). */
type TargetKey = Exclude<CaseStateKey, 'answered_low_threshold'>;

const PATHS: Record<TargetKey, (f: Faker) => StepMaker[]> = {
  received: () => [assign],
  under_assessment: () => [assign, assess],
  decided: (f) => [assign, assess, decide(f.datatype.boolean(0.2) ? 'refused' : grantOutcome(f))],
  service_arranged: (f) => [assign, assess, decide(grantOutcome(f)), arrange],
  active: (f) => [assign, assess, decide(grantOutcome(f)), arrange, accept, start],
  under_reevaluation: (f) => [assign, assess, decide(grantOutcome(f)), arrange, accept, start, reevaluate],
  ended: (f) =>
    f.datatype.boolean(0.35)
      ? [assign, assess, decide('refused'), close]
      : [assign, assess, decide(grantOutcome(f)), arrange, accept, start, endService, accept],
  withdrawn: () => [assign, withdraw],
  complaint_own_review: (f) => [assign, assess, decide(f.datatype.boolean(0.6) ? 'refused' : 'partly_granted'), complain],
  complaint_with_statsforvalteren: () => [assign, assess, decide('refused'), complain, forward],
};
