/**
 * An allocation policy: the organisational model of a municipality, district or service area as
 * rules the system enforces (who may register, assess, decide, approve, order, adjust within a
 * frame and propose changes; whether an order step exists; which decision forms apply; when a second
 * person must take part). Policies are versioned data with an effective date; an action records the
 * policy it was taken under.
 *
 * Sources: domain reference §2; seed 001 §A2.2 (models M1–M14), seed 002 (categories 1–3, Figure 6),
 * seed 003 Table 3.1 (Oslo models 1–3).
 */
import { z } from 'zod';
import { SERVICE_CODES } from '../services/catalogue.ts';
import { ORGANISATIONAL_MODELS, STAFF_ROLES, UNIT_KINDS } from './vocabulary.ts';

/** What a policy grants (myndighet). */
export const PERMISSIONS = [
  'register', // registrere søknad
  'assess', // kartlegge og vurdere
  'decide', // fatte vedtak
  'approve', // godkjenne vedtak
  'order', // bestille tjenesten hos utfører
  'adjust_within_frame', // justere tiltaksplanen innenfor rammen (tillitsmodell)
  'propose_change', // foreslå endring (endringsmelding)
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const PERMISSION_LABELS: Record<Permission, string> = {
  register: 'registering a request',
  assess: 'assessing needs',
  decide: 'deciding',
  approve: 'approving a decision',
  order: 'ordering the service from a provider',
  adjust_within_frame: 'adjusting the action plan within the frame',
  propose_change: 'proposing a change',
};

/** The decision forms of seed 002 Figure 6 and the domain reference §6. */
export const DECISION_FORMS = [
  'time_fixed', // timefestet: hours per week or minutes per task
  'norm_time', // tjenestebeskrivende med normtid
  'frame', // ramme med mål (tillitsmodell)
  'place', // plass i institusjon (never hours)
] as const;
export type DecisionForm = (typeof DECISION_FORMS)[number];

/** Where a new request goes (mottak). */
export const INTAKE_ROUTES = [
  'geographic_team', // the team of the person's district (Oslo model 1)
  'central_unit', // one unit for all services (Oslo model 3)
  'allocation_office', // the allocation office (purchaser–provider)
  'allocation_board', // the board's next meeting
  'delivering_unit', // the delivering unit in the person's district (integrated)
] as const;
export type IntakeRoute = (typeof INTAKE_ROUTES)[number];

/**
 * Kinds of open work item (see domain/case/workItems.ts). The first six wait from when they began and
 * escalate after the policy's limit in days; the dated ones are due on a date of their own.
 */
export const WORK_ITEM_KINDS = [
  'request',
  'assessment',
  'order',
  'delivery_start',
  'change_report',
  'complaint',
  'delivery_complaint',
  'consultation',
  'revision',
  'score_review',
  'frame_review',
  'reevaluation_due',
  'decision_expiry',
  'list_review',
  'place_offer',
  'representative_check',
  'message_failed',
  'discharge_answer',
] as const;
export type WorkItemKind = (typeof WORK_ITEM_KINDS)[number];
/** The kinds whose escalation limit the policy states (the others carry a due date). */
export const AGED_WORK_ITEM_KINDS = ['request', 'assessment', 'order', 'delivery_start', 'change_report', 'complaint'] as const;

export const grantSchema = z.object({
  /** In words a caseworker understands: "caseworkers in the allocation office". */
  label: z.string().min(1),
  roles: z.array(z.enum(STAFF_ROLES).exclude(['system'])).min(1),
  /** The actor must belong to a unit of one of these kinds. */
  unitKinds: z.array(z.enum(UNIT_KINDS)).min(1).optional(),
  /** Only these services (decide, approve). */
  services: z.array(z.enum(SERVICE_CODES)).min(1).optional(),
  /** Up to this many hours per week (decide). */
  maxHoursPerWeek: z.number().positive().optional(),
});
export type Grant = z.infer<typeof grantSchema>;

const days = z.int().positive().max(365);

export const policyRulesSchema = z.object({
  model: z.enum(ORGANISATIONAL_MODELS),
  /** Money follows the decision (ISF/ABF, seed 002 category 3). */
  activityBasedFunding: z.boolean(),
  intake: z.enum(INTAKE_ROUTES),
  grants: z.object({
    register: z.array(grantSchema).min(1),
    assess: z.array(grantSchema).min(1),
    decide: z.array(grantSchema).min(1),
    approve: z.array(grantSchema),
    order: z.array(grantSchema),
    adjust_within_frame: z.array(grantSchema),
    propose_change: z.array(grantSchema),
  }),
  /** A formal order to a provider (bestilling) exists. */
  orderStep: z.boolean(),
  /** Nobody decides, approves or orders a service that funds their own unit. */
  separationOfDuties: z.boolean(),
  /** An assessment started by provider staff is a proposal until the allocation office takes it over. */
  providerAssessmentIsProposal: z.boolean(),
  /** Allowed decision forms per service; a service not listed allows every form but `place`. */
  decisionForms: z.partialRecord(z.enum(SERVICE_CODES), z.array(z.enum(DECISION_FORMS)).min(1)),
  /** A decision that raises hours per week by more than this needs a second person (null: never). */
  secondPersonAboveIncrease: z.number().min(0).nullable(),
  /** Members who must be present for the allocation board to decide. */
  boardQuorum: z.int().positive().nullable(),
  /** Days an open item may wait before it is overdue and escalates. */
  escalationDays: z.object({
    request: days,
    assessment: days,
    order: days,
    delivery_start: days,
    change_report: days,
    complaint: days,
  }),
  /** Days a service-responsible person or primary contact may be absent before reassignment. */
  reassignAfterAbsentDays: days,
  /**
   * Days the action plan may depart from the decided hours (adjustments within a frame) before a new
   * decision is suggested (domain reference §7; seed 003): then a frame review lands with the office
   * (90 days when not stated).
   */
  frameReviewAfterDays: days.optional(),
  /**
   * Scarce places (seed 002 L781–782): a priority list with groups and keys, proposing the highest
   * priority when a place is vacated (Trondheim), or refusal with an interim service and watch (Bergen).
   */
  scarcePlaces: z.enum(['priority_list', 'refuse_and_watch']).optional(),
  /**
   * When a provider's change report may lead to a revised decision (seed 002 L848–851): only after a
   * sustained change of at least `thresholdPercent` of decided time in every one of the last
   * `windowWeeks` weeks, and, with `requireIplosChange`, only after a new IPLOS registration shows it.
   */
  changeRevision: z
    .object({ thresholdPercent: z.number().min(1).max(100), windowWeeks: z.int().min(1).max(26), requireIplosChange: z.boolean() })
    .optional(),
});
export type PolicyRules = z.infer<typeof policyRulesSchema>;

/** A policy version as stored: the rules plus where and from when they apply. */
export interface PolicyVersion {
  readonly id: string;
  readonly districtId: string | null;
  readonly serviceCode: string | null;
  readonly effectiveFrom: string;
  readonly rules: PolicyRules;
}

export const MODEL_LABELS: Record<PolicyRules['model'], string> = {
  integrated: 'integrated allocation',
  allocation_board: 'the allocation board model',
  purchaser_provider: 'the purchaser–provider model',
  trust_model: 'the trust model',
  hybrid: 'the hybrid model',
};

/**
 * The policy in force for a district and service on a date: the most specific version (district and
 * service, then district, then service, then municipality-wide) whose effective date has come.
 */
export function policyInForce(
  versions: readonly PolicyVersion[],
  where: { districtId: string | null; serviceCode: string | null },
  onDate: string,
): PolicyVersion | null {
  const applicable = versions.filter(
    (v) =>
      v.effectiveFrom <= onDate &&
      (v.districtId === null || v.districtId === where.districtId) &&
      (v.serviceCode === null || v.serviceCode === where.serviceCode),
  );
  const specificity = (v: PolicyVersion) => (v.districtId ? 2 : 0) + (v.serviceCode ? 1 : 0);
  applicable.sort((a, b) => specificity(b) - specificity(a) || b.effectiveFrom.localeCompare(a.effectiveFrom));
  return applicable[0] ?? null;
}
