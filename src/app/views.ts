/**
 * The shapes use cases return, as schemas: the API's response schemas and the TypeScript types of
 * the views are the same definitions.
 */
import { z } from 'zod';
import { ACTION_TYPES, CASE_STATUSES, DECISION_OUTCOMES, FOLLOW_UP_KINDS } from '../domain/case/index.ts';
import { WORK_ITEM_KINDS } from '../domain/organisation/policy.ts';
import { DECISION_FORMS } from '../domain/organisation/policy.ts';
import { STAFF_ROLES } from '../domain/organisation/vocabulary.ts';
import { COMPLAINT_BODIES } from '../domain/services/catalogue.ts';

export const decisionSchema = z.object({
  seq: z.int(),
  decidedOn: z.string().describe('The Norwegian date the decision was made'),
  notifiedOn: z.string().nullable().describe('The Norwegian date its first letter was issued: the notice from which the complaint deadline runs (pbrl § 7-5); null until then'),
  finalOnComplaint: z.boolean().describe('The complaint body has decided a complaint against it: it cannot be complained about again (fvl § 28 third paragraph)'),
  complaintBody: z
    .enum(COMPLAINT_BODIES)
    .describe('Who decides a complaint against it (klageinstans): Statsforvalteren (pbrl § 7-2), or for a decision under forvaltningsloven alone, such as a care flat, the municipal complaints board (fvl § 28 second paragraph)'),
  outcome: z.enum(DECISION_OUTCOMES),
  serviceCode: z.string(),
  form: z.enum(DECISION_FORMS).nullable(),
  hoursPerWeek: z.number().nullable(),
  frame: z.object({ maxHoursPerWeek: z.number(), goals: z.array(z.string()).readonly() }).nullable(),
  approvedByStaffId: z.uuid().nullable(),
  onWaitingList: z.boolean(),
  fromWaitingList: z
    .boolean()
    .describe('The decision granted a place to wait for on the list (hol § 3-2 a); once the person has it, validFrom is the day they got it'),
  criteria: z
    .object({ evaluationSeq: z.int(), criteriaSetId: z.uuid(), version: z.int(), verdict: z.string(), departureReason: z.string().nullable() })
    .nullable()
    .describe('The criteria evaluation (set and version) the decision rests on, and any departure'),
  validFrom: z.string().describe('From when the decision is in force for the person: the day it names, or for a place they waited for on the list, the day they got it (charged and reported from then)'),
  validTo: z.string().nullable(),
  untilFurtherNotice: z.boolean().describe('Runs until further notice (inntil videre) instead of to an end date'),
  reevaluateBy: z.string().nullable(),
  requestOutcome: z.enum(DECISION_OUTCOMES).describe('How the request as made was answered (differs when another service was decided)'),
});

export const orderSchema = z.object({
  providerUnitId: z.uuid(),
  revision: z.int(),
  kind: z.enum(['new', 'change', 'end']),
  status: z.enum(['awaiting', 'accepted', 'rejected']),
  sentSeq: z.int(),
  sentAt: z.string(),
  hoursPerWeek: z.number().nullable(),
  visitsPerWeek: z.number().nullable(),
  part: z.boolean().describe('A part ordered from another provider (mixed provision)'),
});

export const caseViewSchema = z.object({
  id: z.uuid(),
  caseNumber: z.string(),
  version: z.int().describe('Send this as expectedVersion with the next action'),
  access: z
    .enum(['full', 'order'])
    .describe('What you see of the case: all of it, or (provider staff) what the order to your unit needs: the decision, your orders and the items you hold'),
  status: z.enum(CASE_STATUSES),
  stateKey: z.string().describe('The status, or complaint_<stage> while a complaint is open'),
  complaintStage: z.string().nullable(),
  serviceCode: z.string(),
  serviceName: z.string(),
  person: z.object({ id: z.uuid(), name: z.string() }),
  owner: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  providerUnitId: z.uuid().nullable(),
  ownerUnitId: z.uuid().nullable().describe('The unit whose queue holds the case (from routing)'),
  districtId: z.uuid().nullable(),
  planHoursPerWeek: z.number().nullable().describe('Hours in the current action plan'),
  serviceResponsibleStaffId: z.uuid().nullable(),
  primaryContactStaffId: z.uuid().nullable(),
  receivedOn: z.string(),
  scheduledEndOn: z.string().nullable().describe('A later day the service is to end on (the end orders are sent already)'),
  serviceEndedOn: z.string().nullable(),
  decision: decisionSchema.nullable(),
  orders: z.array(orderSchema).describe('Orders (bestillinger) to providers and their answers'),
  providerChoice: z
    .object({ choice: z.enum(['provider', 'no_preference']), providerUnitId: z.uuid().nullable(), seq: z.int() })
    .nullable()
    .describe("The person's informed choice under user choice (brukervalg)"),
  updatedAt: z.string(),
  allowedActions: z.array(z.enum(ACTION_TYPES)).describe('What you may do next, from the transition table'),
  workItems: z
    .array(
      z.object({
        key: z.string(),
        kind: z.enum(WORK_ITEM_KINDS),
        since: z.string(),
        opensOn: z.string().nullable().describe('A dated item is in the queue from this day'),
        dueOn: z.string().nullable(),
        holder: z.enum(['office', 'provider', 'provider_and_office']),
        providerUnitId: z.uuid().nullable(),
        answeredBy: z.array(z.enum(ACTION_TYPES)),
      }),
    )
    .describe('The open work items of the case (several may be open at once), including dated ones not yet in the queue'),
  followUps: z
    .array(z.object({ seq: z.int(), kind: z.enum(FOLLOW_UP_KINDS), key: z.string(), dueOn: z.string(), since: z.string() }))
    .describe('Follow-ups opened by rules and not yet answered'),
  consultations: z
    .array(
      z.object({
        seq: z.int(),
        to: z.enum(['provider', 'allocation_office']),
        providerUnitId: z.uuid().nullable(),
        answerBy: z.string(),
        stage: z.enum(['requested', 'answered']),
        since: z.string(),
        question: z.string(),
        answer: z.string().nullable(),
      }),
    )
    .describe('Open consultations between the allocation office and a provider'),
  representativeCheck: z
    .object({ since: z.string(), outcome: z.enum(['pending', 'verified', 'not_verified']) })
    .nullable()
    .describe('The check of the authority of someone who applied for the person through the digital channel (fvl § 12)'),
  listReviewBy: z.string().nullable().describe('When the need of a person on the waiting or watch list is looked at next'),
  advanceNoticeAt: z.string().nullable().describe('When an advance notice was issued under the current decision (fvl § 16)'),
  lastEvaluation: z
    .object({ verdict: z.string(), lowThreshold: z.boolean().describe('The evaluation points to a lower level or a low-threshold offer') })
    .nullable(),
});

export const caseListSchema = z.object({ items: z.array(caseViewSchema), total: z.int() });

export const caseActionSchema = z.object({
  seq: z.int(),
  type: z.enum(ACTION_TYPES),
  payload: z.record(z.string(), z.unknown()),
  actorStaffId: z.uuid(),
  actorName: z.string(),
  authority: z.object({
    roles: z.array(z.string()),
    unitIds: z.array(z.string()),
    policy: z.object({ id: z.string(), effectiveFrom: z.string(), model: z.string() }).optional(),
    grant: z.string().optional(),
  }),
  reason: z.string().nullable(),
  occurredAt: z.string(),
  recordedAt: z.string(),
});

export const contactSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  relation: z.enum(['relative', 'guardian', 'representative']),
  authority: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
});

/** The person's GP (fastlege) in force: name, practice, phone, HER-id and since when. */
export const gpSchema = z.object({
  name: z.string(),
  practice: z.string().nullable(),
  phone: z.string().nullable(),
  herId: z.string().nullable(),
  validFrom: z.string(),
});

export const personViewSchema = z.object({
  id: z.uuid(),
  nationalId: z.string(),
  nationalIdMasked: z.string(),
  nationalIdKind: z.string(),
  givenName: z.string(),
  familyName: z.string(),
  birthDate: z.string(),
  address: z
    .object({ line: z.string().nullable(), postalCode: z.string().nullable(), postalPlace: z.string().nullable() })
    .nullable()
    .describe('Left out in lists for a person with a protected address'),
  grunnkrets: z.string().nullable().describe('Grunnkrets (eight digits), where known; left out with the address'),
  districtId: z.uuid().nullable(),
  language: z.enum(['nb', 'nn']),
  protectedAddress: z.boolean(),
  source: z
    .object({ kind: z.enum(['folkeregister', 'manual']), checkedAt: z.string().nullable().describe('When the population register was looked up') })
    .describe('Where the person’s data came from: the population register (Folkeregisteret), or typed in by staff'),
  diedOn: z.string().nullable().describe('The date of death the population register reported'),
  movedOutOn: z.string().nullable().describe('When the population register reported a move out of the municipality'),
  contacts: z.array(contactSchema).optional(),
  gp: gpSchema.nullable().optional().describe('The GP (fastlege) in force today, where recorded; in the single read only'),
});

export const principalSchema = z.object({
  municipalityId: z.string(),
  staffId: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(STAFF_ROLES)).readonly(),
  unitIds: z.array(z.string()).readonly(),
});

export type CaseView = z.infer<typeof caseViewSchema>;
export type PersonView = z.infer<typeof personViewSchema>;
export type ContactView = z.infer<typeof contactSchema>;
export type CaseActionView = z.infer<typeof caseActionSchema>;
