/**
 * Generators for random walks over a case's life (issue 13, item 8): each step is a choice that the
 * walker turns into one of the actions the state allows (or, now and then, one it does not), with a
 * payload that is lawful or broken in one way. Shared by the pure walk (src/domain/case) and the walk
 * through the pipeline on real PostgreSQL (test/integration/pipelineWalk.test.ts).
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { ActionType, CaseAction } from '../../src/domain/case/actions.ts';
import type { CaseState } from '../../src/domain/case/state.ts';
import { openWorkItems } from '../../src/domain/case/workItems.ts';
import { FOLLOW_UP_KINDS, REFERRAL_TARGETS } from '../../src/domain/case/vocabulary.ts';
import { formsFor } from '../../src/domain/decision/forms.ts';
import { addDays } from '../../src/domain/law/deadlines.ts';
import { SERVICE_CODES } from '../../src/domain/services/catalogue.ts';

/** The ids a walk refers to: the municipality's allocation unit, providers, staff and criteria set. */
export interface WalkIds {
  readonly office: string | null;
  readonly providers: readonly [string, ...string[]];
  readonly staff: readonly [string, ...string[]];
  readonly criteriaSetId: string;
}

export const PURE_IDS: WalkIds = {
  office: '33333333-3333-4333-8333-333333333333',
  providers: ['44444444-4444-4444-8444-444444444444', '55555555-5555-4555-8555-555555555555'],
  staff: ['22222222-2222-4222-8222-222222222222'],
  criteriaSetId: '66666666-6666-4666-8666-666666666666',
};

/** The request that opens a case (søknad registrert), the first entry of every walked or example history. */
export function openingAction(serviceCode: (typeof SERVICE_CODES)[number]): CaseAction {
  return {
    type: 'request_received',
    payload: { personId: '11111111-1111-4111-8111-111111111111', serviceCode, channel: 'self', receivedOn: '2026-01-05', description: 'Trenger hjelp' },
    seq: 1,
    actorStaffId: PURE_IDS.staff[0],
    authority: { roles: ['caseworker'], unitIds: [] },
    reason: null,
    occurredAt: '2026-01-05T09:00:00.000Z',
  };
}

export const at = <T,>(list: readonly T[], n: number): T => list[n % list.length] as T;

export interface Choice {
  readonly pick: number;
  readonly variant: number;
  readonly lawful: boolean;
  readonly offTable: boolean;
  readonly days: number;
  readonly assessed: boolean;
}

export const choice = fc.record({
  pick: fc.nat(1000),
  variant: fc.nat(1000),
  lawful: fc.boolean(), // half lawful, half broken in one way
  offTable: fc.nat(9).map((n) => n === 0),
  days: fc.integer({ min: 0, max: 40 }),
  assessed: fc.nat(4).map((n) => n > 0),
});


const HOURS_BY_LAW = ['practical_help', 'care_allowance', 'support_contact', 'bpa'];
const PLACES: readonly string[] = ['long_term_stay', 'short_term_stay', 'care_flat'];

/** What a granted decision in `form` states (the variant picks the numbers). */
function grantContent(serviceCode: string, form: string | undefined, today: string, v: number): Record<string, unknown> {
  const content: Record<string, unknown> = form ? { form } : {};
  if (form === 'time_fixed' || HOURS_BY_LAW.includes(serviceCode)) content.hoursPerWeek = 1 + (v % 12);
  if (form === 'norm_time') content.tasks = [{ text: 'Medisiner', normMinutes: 15, perWeek: 7 }];
  if (form === 'frame') content.frame = { maxHoursPerWeek: 2 + (v % 8), goals: ['Klarer seg selv'] };
  if (serviceCode === 'psychiatric_home_services') content.goals = ['Mestre hverdagen'];
  return { ...content, ...(v % 7 === 0 ? { validTo: addDays(today, 10) } : { untilFurtherNotice: true, reevaluateBy: addDays(today, 180) }) };
}

/** Each breaks a lawful decision in one way. */
const BREAKERS: readonly ((p: Record<string, unknown>) => void)[] = [
  (p) => delete p.form,
  (p) => delete p.hoursPerWeek,
  (p) => (delete p.untilFurtherNotice, delete p.validTo),
  (p) => delete p.reevaluateBy,
  (p) => delete p.requestAnswer,
  (p) => delete p.withoutAssessmentReason,
  (p) => delete p.considerations,
  (p) => (p.form = 'place'),
  (p) => delete p.tasks,
  (p) => delete p.goals,
];

/** What a decision carries for the work that follows it: an onward referral, a waived advance notice, a place on the waiting list. */
function workContent(serviceCode: string, outcome: string, v: number, lawful: boolean): Record<string, unknown> {
  const referral = outcome !== 'granted' && v % 3 === 0 ? { onwardReferral: { to: at(REFERRAL_TARGETS, v), note: 'Ta kontakt med fastlegen' } } : {};
  const waived = lawful && v % 2 === 0 ? { advanceNoticeWaivedReason: 'Personen ba selv om endringen' } : {};
  const list =
    outcome !== 'refused' && PLACES.includes(serviceCode) && v % 2 === 1
      ? { waitingList: { placeType: serviceCode, assessedNeed: 'Heldøgns omsorg', recommendedLevel: 'Skjermet', severity: 3, benefit: 3, resourceUse: 2 } }
      : {};
  return { ...referral, ...waived, ...list };
}

/** A decision payload for the case: lawful, or with one thing wrong (the variant says which). */
function decision(state: CaseState, today: string, v: number, lawful: boolean, assessed: boolean): Record<string, unknown> {
  const serviceCode = v % 5 === 0 ? at(SERVICE_CODES, v) : state.serviceCode;
  const outcome = at(['granted', 'granted', 'partly_granted', 'refused'] as const, Math.floor(v / 3));
  const forms = formsFor(null, serviceCode);
  const form = forms.length ? at(forms, v + Math.floor(v / 5)) : undefined;
  const p: Record<string, unknown> = {
    outcome,
    serviceCode,
    validFrom: today,
    summary: 'Vurdert etter kartlegging',
    ...(outcome !== 'refused' ? grantContent(serviceCode, form, today, v) : {}),
    ...(outcome !== 'granted' ? { considerations: 'Behovet er vurdert opp mot kriteriene' } : {}),
    ...(serviceCode !== state.serviceCode ? { requestAnswer: { outcome: 'refused', reasons: 'Søkt tjeneste dekker ikke behovet' } } : {}),
    ...(!assessed ? { withoutAssessmentReason: 'Akutt behov ved utskrivning' } : {}),
    ...workContent(serviceCode, outcome, v, lawful),
  };
  if (!lawful) at(BREAKERS, v * 3 + 1)(p);
  return p;
}

/** A reversal that grants what was refused states the new decision in full (lawful walks do). */
function newDecision(state: CaseState, today: string, c: Choice, outcome: 'granted' | 'partly_granted' | 'refused'): Record<string, unknown> {
  if (!c.lawful || outcome === 'refused' || state.decision?.outcome !== 'refused') return {};
  let v = c.variant;
  let d = decision(state, today, v, true, c.assessed);
  while (d.outcome !== outcome) d = decision(state, today, ++v, true, c.assessed);
  return { newDecision: d };
}

interface Context {
  readonly state: CaseState;
  readonly today: string;
  readonly c: Choice;
  readonly ids: WalkIds;
  /** The provider with an order waiting (when the step is lawful), else one of the municipality's. */
  readonly provider: string;
}

type Builder = (x: Context) => Record<string, unknown>;

const v = (x: Context) => x.c.variant;

/** One payload builder per action type a walk takes (request_received opens the case and is not one). */
const BUILDERS: { readonly [T in Exclude<ActionType, 'request_received'>]: Builder } = {
  case_routed: (x) => ({ unitId: x.ids.office, districtId: null, rule: 'Til tildelingskontoret' }),
  provisional_reply_sent: (x) => ({ sentOn: x.today, reason: 'Venter på epikrise', expectedBy: addDays(x.today, 21) }),
  assessment_started: () => ({}),
  owner_assigned: (x) => ({ ownerStaffId: v(x) % 3 === 0 ? null : at(x.ids.staff, v(x)) }),
  note_added: (x) => ({ text: x.c.lawful ? 'Ringte pårørende' : '' }),
  // A message's outcome, now and then a failure that opens a work item; a later word on the same message settles it.
  message_receipt: (x) => ({
    messageId: x.state.failedMessages[0]?.messageId ?? randomUUID(),
    channel: at(['svarut', 'fiks_arkiv', 'nhn'] as const, v(x)),
    kind: 'letter',
    outcome: at(['failed', 'delivered', 'printed', 'archived', 'sent', 'read'] as const, v(x)),
    ...(x.c.lawful ? {} : { detail: '' }),
  }),
  // A hospital's PLO message: now and then a patient ready for discharge, which opens a same-day answer item.
  hospital_notice_received: (x) => ({
    notice: at(['discharge_ready', 'health_information'] as const, v(x)),
    messageId: randomUUID(),
    hospital: x.c.lawful ? 'St. Olavs hospital, ortopedisk avdeling' : '',
    notifiedAt: `${x.today}T09:00:00.000Z`,
    dischargeReadyOn: x.today,
    answerBy: x.today,
  }),
  // A death or move from the population register's feed, which opens an item for the office.
  register_event: (x) => ({
    event: at(['death', 'moved', 'moved_out'] as const, v(x)),
    eventType: 'personErDoed',
    sequence: v(x),
    occurredOn: x.today,
    summary: x.c.lawful ? 'Folkeregisteret: personen er død' : '',
  }),
  entry_corrected: () => ({ correctsSeq: 1, correction: 'Rett dato' }),
  letter_issued: (x) => ({
    letterId: randomUUID(),
    kind: at(['decision', 'provisional_reply', 'advance_notice'] as const, v(x)),
    sha256: 'ab',
    ...(x.state.decision ? { decisionSeq: x.state.decision.seq } : {}),
    ...(v(x) % 4 === 0 ? { reissueReason: 'Feil adresse' } : {}),
  }),
  criteria_evaluated: (x) => ({
    criteriaSetId: x.ids.criteriaSetId,
    serviceCode: x.state.serviceCode,
    version: 1,
    assessmentId: null,
    verdict: at(['eligible', 'not_eligible', 'try_lower_level'] as const, v(x)),
    pathway: null,
    pathwayOutcome: at([null, 'low_threshold', 'decision'] as const, v(x) >> 1),
    guidance: null,
    results: [],
  }),
  decision_made: (x) => decision(x.state, x.today, v(x), x.c.lawful, x.c.assessed),
  decision_approved: () => ({}),
  // Now and then a part of the service goes to another provider (mixed provision).
  service_arranged: (x) => ({
    providerUnitId: at(x.ids.providers, v(x)),
    startOn: x.today,
    ...(v(x) % 4 === 0 && x.ids.providers.length > 1 ? { partOrder: { providerUnitId: at(x.ids.providers, v(x) + 1), hoursPerWeek: 1, reason: 'Nattbesøk gis av en annen utfører' } } : {}),
  }),
  provider_chosen: (x) => ({ choice: 'provider', providerUnitId: x.ids.providers[0], informedOn: x.today, presentedProviderUnitIds: x.ids.providers }),
  order_accepted: (x) => ({ providerUnitId: x.provider }),
  order_rejected: (x) => ({ providerUnitId: x.provider, reason: 'Ingen kapasitet' }),
  responsibles_assigned: (x) => ({ serviceResponsibleStaffId: at(x.ids.staff, v(x)), primaryContactStaffId: at(x.ids.staff, v(x) + 1) }),
  plan_adjusted: (x) => ({ hoursPerWeek: v(x) % 12, change: 'Mer hjelp morgen' }),
  change_proposed: (x) => ({ description: 'Økt behov', proposedHoursPerWeek: v(x) % 20 }),
  service_started: (x) => ({ startedOn: x.today }),
  reevaluation_started: (x) => ({ cause: at(['scheduled', 'changed_need', 'complaint', 'other'] as const, v(x)) }),
  service_ended: (x) => ({ endedOn: v(x) % 3 === 0 ? addDays(x.today, 1 + (v(x) % 30)) : x.today, cause: 'no_longer_needed' }),
  case_closed: (x) => ({ closedOn: x.today }),
  request_withdrawn: () => ({ withdrawnBy: 'applicant' }),
  complaint_received: (x) => ({
    complainant: 'person',
    receivedOn: x.today,
    summary: 'For lite hjelp',
    concerns: at(['decision', 'delivery'] as const, v(x)),
    ...(v(x) % 2 ? { lateAcceptedReason: 'Var innlagt' } : {}),
  }),
  delivery_complaint_answered: () => ({ summary: 'Beklager' }),
  complaint_reversed_on_review: (x) => {
    const outcome = at(['granted', 'partly_granted', 'refused'] as const, v(x));
    return { outcome, summary: 'Omgjort', ...newDecision(x.state, x.today, x.c, outcome) };
  },
  complaint_forwarded: (x) => ({ forwardedOn: x.today, summary: 'Sendt' }),
  follow_up_opened: (x) => {
    const kind = at(FOLLOW_UP_KINDS, v(x));
    const figures =
      kind === 'sustained_change'
        ? { sustainedChange: { direction: 'increase', thresholdPercent: 25, decidedHoursPerWeek: 4, weeks: [{ weekStart: x.today, performedHours: 6, changePercent: 50 }] } }
        : { scores: { decisionSeq: x.state.decision?.seq ?? 1, hoursBefore: 4, hoursAfter: 6, adlBefore: 20, adlAfter: 20 } };
    return { kind, key: `${kind}:${v(x) % 4}`, dueOn: addDays(x.today, x.c.lawful ? 14 : -1), summary: 'Funnet av regelen', ...figures };
  },
  follow_up_answered: (x) => {
    const answerable = openWorkItems(x.state).filter((i) => i.answeredBy.includes('follow_up_answered'));
    const item = x.c.lawful && answerable.length ? at(answerable, v(x)) : null;
    return { itemKey: item?.key ?? 'follow_up:999', reasons: 'Ingen endring nå', ...(item?.kind === 'list_review' ? { nextReviewBy: addDays(x.today, 30) } : {}) };
  },
  consultation_requested: (x) => ({ to: at(['provider', 'allocation_office'] as const, v(x)), question: 'Hvordan går det med morgenstellet?', answerBy: addDays(x.today, 7), ...(v(x) % 3 === 0 ? { providerUnitId: at(x.ids.providers, v(x)) } : {}) }),
  consultation_answered: (x) => ({ consultationSeq: x.c.lawful ? (x.state.consultations.find((c) => c.stage === 'requested')?.seq ?? 999) : 999, answer: 'Går bra' }),
  consultation_concluded: (x) => ({ consultationSeq: x.c.lawful ? (x.state.consultations[0]?.seq ?? 999) : 999, outcome: at(['no_change', 'change_proposed', 'reevaluation', 'other'] as const, v(x)), summary: 'Enige' }),
  place_offered: (x) => ({
    placeType: 'long_term_stay',
    offeredOn: x.today,
    answerBy: addDays(x.today, x.c.lawful ? 3 : -1),
    rank: 1 + (v(x) % 2),
    priorityGroup: 'B',
    priorityKey: 11,
    reason: 'Høyest prioritet på listen',
    passedOver: v(x) % 2 ? [{ caseNumber: '2026/00001', reason: 'Innlagt på sykehus' }] : [],
  }),
  place_offer_answered: (x) => ({ offerSeq: x.c.lawful ? (x.state.placeOffer?.seq ?? 999) : 999, accepted: v(x) % 2 === 0 }),
  representative_checked: (x) => ({ outcome: at(['verified', 'not_verified'] as const, v(x)), how: at(['document_seen', 'guardianship_register', 'person_confirmed', 'other'] as const, v(x)), note: 'Fullmakt sett' }),
  request_answered_low_threshold: (x) => ({ offer: 'Rask psykisk helsehjelp', agreedOn: x.today, personAccepted: true, toldOfRightToDecision: true }),
  complaint_resolved: (x) => {
    const result = at(['upheld', 'reversed', 'sent_back'] as const, v(x));
    const outcome = at(['granted', 'refused'] as const, v(x) >> 1);
    return { result, resolvedOn: x.today, summary: 'Avgjort', ...(result === 'reversed' ? { outcome, ...newDecision(x.state, x.today, x.c, outcome) } : {}) };
  },
};

/** A payload for `type` in this state, lawful or broken (not every type can be broken by its payload). */
export function payloadFor(type: ActionType, state: CaseState, today: string, c: Choice, ids: WalkIds = PURE_IDS): Record<string, unknown> {
  if (type === 'request_received') throw new Error('request_received opens a case');
  const waiting = state.orders.find((o) => o.status === 'awaiting');
  const provider = waiting && c.lawful ? waiting.providerUnitId : at(ids.providers, c.variant);
  return BUILDERS[type]({ state, today, c, ids, provider });
}
