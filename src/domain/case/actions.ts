/**
 * The actions that make up a case's history. Each action type has one payload schema; the HTTP
 * boundary, the store and the state derivation all use these, so there is one definition of what
 * an action carries.
 */
import { z } from 'zod';
import { SERVICE_CODES } from '../services/catalogue.ts';
import { DECISION_FORMS } from '../organisation/policy.ts';
import { DECISION_OUTCOMES, DIAGNOSIS_GROUPS, FOLLOW_UP_KINDS, REFERRAL_TARGETS, REQUEST_CHANNELS } from './vocabulary.ts';

/** Under what authority someone acts for the person (fvl § 12). */
export const REPRESENTATIVE_AUTHORITIES = ['power_of_attorney', 'lawyer', 'guardian', 'parent'] as const;

const localDate = z.iso.date().describe('A Norwegian local date, YYYY-MM-DD');
const text = (max: number) => z.string().trim().min(1).max(max);

/** Someone acting for the person: who, under what authority, and the date of the written authority. */
const representativeSchema = z.object({
  name: text(200),
  authority: z.enum(REPRESENTATIVE_AUTHORITIES).describe('power_of_attorney (fullmakt), lawyer (advokat), guardian (verge), parent (foreldreansvar)'),
  documentedOn: localDate.optional().describe('The date of the written power of attorney or appointment on file'),
});

const PLACE_TYPES = ['long_term_stay', 'short_term_stay', 'care_flat'] as const;
const level = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);

/** A place on the waiting list records the assessed need, not only what was applied for (seed 002 W16). */
const waitingListSchema = z.object({
  placeType: z.enum(PLACE_TYPES),
  assessedNeed: text(2000),
  recommendedLevel: text(500),
  severity: level,
  benefit: level,
  resourceUse: level,
  urgent: z.boolean().default(false),
  reviewBy: localDate.optional().describe('When the need is looked at again while the person waits; defaulted to three months after the decision'),
});

const watchListSchema = z.object({
  placeType: z.enum(PLACE_TYPES),
  assessedNeed: text(2000),
  recommendedLevel: text(500),
  interimService: z.enum(SERVICE_CODES),
  reviewBy: localDate,
});

/** What the provider needs to deliver: may be more detailed than the letter (seed 002 L875). */
const orderSchema = z.object({
  tasks: z
    .array(z.object({ text: text(500), minutesPerVisit: z.int().min(1).max(1440).optional(), visitsPerWeek: z.number().min(0).max(100).optional() }))
    .max(50)
    .default([]),
  hoursPerWeek: z.number().min(0).max(168).optional().describe('Time for the provider, also where the letter states none'),
  normTimeHoursPerWeek: z.number().min(0).max(168).optional().describe('Norm time for a service-descriptive decision'),
  goals: z.array(text(500)).max(20).default([]),
  practical: text(4000).optional().describe('Key box, pets, allergies, who to call'),
});

/** A part of the service ordered from another provider, when the chosen one cannot deliver it (mixed provision). */
const partOrderSchema = orderSchema.extend({
  providerUnitId: z.uuid(),
  hoursPerWeek: z.number().min(0).max(168),
  reason: text(2000).describe('Why the chosen provider cannot deliver this part'),
});

/** A formal individual decision (enkeltvedtak): what it decides, in which form, for how long, and why. */
const decisionSchema = z
  .object({
    outcome: z.enum(DECISION_OUTCOMES),
    serviceCode: z.enum(SERVICE_CODES),
    form: z.enum(DECISION_FORMS).optional().describe('Decision form; the policy says which forms the service allows'),
    hoursPerWeek: z.number().min(0).max(168).optional(),
    frame: z
      .object({
        maxHoursPerWeek: z.number().positive().max(168),
        goals: z.array(text(500)).min(1),
      })
      .optional()
      .describe('For a frame decision (tillitsmodell): the most the team may give, and the goals'),
    validFrom: localDate.describe('The start of the service (fra og med)'),
    validTo: localDate.optional().describe('The end of the service; or say untilFurtherNotice'),
    untilFurtherNotice: z.boolean().optional().describe('The service runs until further notice (inntil videre) with a re-evaluation date'),
    reevaluateBy: localDate.optional().describe('When the decision is re-evaluated; defaulted from the criteria set when left out'),
    tasks: z
      .array(z.object({ text: text(500), normMinutes: z.int().min(1).max(1440).describe('Norm time per occurrence'), perWeek: z.number().positive().max(100).optional() }))
      .max(50)
      .optional()
      .describe('The tasks of a norm-time decision (tjenestebeskrivende vedtak med normtid)'),
    goals: z.array(text(500)).max(20).optional().describe('The goals set with the person (required where the catalogue says so, e.g. psychiatric home services)'),
    requestAnswer: z
      .object({
        outcome: z.enum(['refused', 'partly_granted']),
        reasons: text(4000).describe('Why the request as made is not granted, in words for the letter'),
      })
      .optional()
      .describe('How the request itself is answered, when the service decided is another than the one asked for'),
    withoutAssessmentReason: text(2000)
      .optional()
      .describe('Why the decision is made without a completed assessment (kartlegging); shown in the reasons'),
    summary: text(4000).describe('What is granted, in plain words for the letter'),
    considerations: text(8000)
      .optional()
      .describe('The main considerations of the discretion in your words (fvl §§ 24–25); required for refusals and partial grants'),
    package: z
      .array(z.object({ serviceCode: z.enum(SERVICE_CODES), form: z.enum(DECISION_FORMS).optional(), hoursPerWeek: z.number().min(0).max(168).optional() }))
      .max(10)
      .optional()
      .describe('Further services granted in the same decision (a package, e.g. care flat + home nursing + day centre)'),
    alternativeTo: z.enum(SERVICE_CODES).optional().describe('The service applied for, when the package is granted instead of it (counted as a granted alternative)'),
    coSignedBy: z.uuid().optional().describe('The second person who took part, where the policy requires one'),
    departureReason: text(4000)
      .optional()
      .describe('Required when the outcome departs from the latest criteria evaluation; recorded and reported'),
    boardMeeting: z
      .object({ meetingId: z.uuid(), minuteRef: text(100) })
      .optional()
      .describe('The allocation board meeting and minute item that decided it'),
    waitingList: waitingListSchema.optional().describe('Granted, and placed on the waiting list until a place is free (hol § 3-2 a)'),
    watchList: watchListSchema.optional().describe('Refused for want of a free place; an interim service is given and the need watched'),
    advanceNoticeWaivedReason: text(2000)
      .optional()
      .describe('Why no advance notice was given before reducing or ending a running grant (fvl § 16 third paragraph)'),
    onwardReferral: z
      .object({
        to: z.enum(REFERRAL_TARGETS).describe('gp (fastlege), specialist_health_service, nav, voluntary, low_threshold (a municipal low-threshold offer), other'),
        name: text(300).optional().describe('The named offer or service, e.g. "Rask psykisk helsehjelp"'),
        note: text(2000).describe('What the person is advised to do, in words for the letter'),
      })
      .optional()
      .describe('Where the person is sent on when the request is refused or partly granted (videre henvisning); shown in the letter'),
  })
  .refine((p) => p.form !== 'frame' || p.frame !== undefined, { path: ['frame'], message: 'A frame decision needs its frame and goals' });

/** What can become of a message to a national service (message_receipt). */
export const MESSAGE_OUTCOMES = ['sent', 'delivered', 'read', 'printed', 'archived', 'failed'] as const;
export type MessageOutcome = (typeof MESSAGE_OUTCOMES)[number];

/** What the population register tells that the office must act on (register_event): a death, a move within the municipality, a move out of it. */
export const REGISTER_EVENTS = ['death', 'moved', 'moved_out'] as const;
export type RegisterEvent = (typeof REGISTER_EVENTS)[number];

export const actionPayloadSchemas = {
  /** A request or application arrives (søknad/henvendelse mottatt). Opens the case. */
  request_received: z.object({
    personId: z.uuid(),
    serviceCode: z.enum(SERVICE_CODES),
    channel: z.enum(REQUEST_CHANNELS),
    receivedOn: localDate,
    description: text(4000),
    representative: representativeSchema.optional().describe('Who applied on the person’s behalf, and under what authority (fvl § 12); required when the channel is representative'),
    diagnosisGroup: z.enum(DIAGNOSIS_GROUPS).optional().describe('A broad diagnosis group, where the municipality routes by it (routing rules)'),
  })
    .refine((r) => r.channel !== 'representative' || r.representative !== undefined, { path: ['representative'], message: 'A request through a representative names who they are and their authority (fvl § 12)' }),
  /** The request is routed to a unit by the policy in force (mottak). Written on registration. */
  case_routed: z.object({
    unitId: z.uuid().nullable(),
    districtId: z.uuid().nullable(),
    rule: text(500).describe('Which intake rule placed it, in words'),
  }),
  /** A provisional reply is sent because the request cannot be answered within a month (fvl § 11 a). */
  provisional_reply_sent: z.object({
    sentOn: localDate,
    reason: text(2000).describe('Why the request cannot be answered yet'),
    expectedBy: localDate.describe('When a decision can be expected'),
  }),
  /** Needs assessment begins (kartlegging startet). */
  assessment_started: z.object({ plannedVisitOn: localDate.optional() }),
  /** The case gets a new owner, or none (saksbehandler tildelt). */
  owner_assigned: z.object({ ownerStaffId: z.uuid().nullable() }),
  /** A letter was issued and stored with the case (written by the system when a letter is issued). */
  letter_issued: z.object({
    letterId: z.uuid(),
    kind: z.enum(['decision', 'provisional_reply', 'advance_notice']),
    sha256: z.string(),
    decisionSeq: z.int().positive().optional().describe('For a decision letter: the decision (its seq) the letter notifies'),
    reissueReason: text(2000).optional().describe('Why a decision letter is issued again (a second letter for the same decision)'),
  }),
  /**
   * What became of a message to a national service (issue 21), recorded by the system from the outbox:
   * taken by the service, delivered, read, sent to print, archived (with the archive's reference), or
   * failed, when a person must act (a work item until answered).
   */
  message_receipt: z.object({
    messageId: z.uuid(),
    channel: z.enum(['nhn', 'svarut', 'fiks_arkiv']),
    kind: z.string().min(1).max(80).describe('What the message is, e.g. letter, arkivmelding, plo_orientation'),
    outcome: z.enum(MESSAGE_OUTCOMES),
    reference: z.string().min(1).max(300).optional().describe('The receiving service’s reference (archive reference, forsendelse id)'),
    detail: text(2000).optional(),
  }),
  /**
   * A PLO message from the hospital arrived over Norsk Helsenett (issue 21), recorded by the system:
   * a patient ready for discharge (utskrivningsklar pasient), which the office must answer the same
   * day, or health information with a request for services (helseopplysninger ved søknad).
   */
  hospital_notice_received: z.object({
    notice: z.enum(['discharge_ready', 'health_information']),
    messageId: z.string().min(1).max(300).describe('The PLO message’s MsgId'),
    hospital: text(300).describe('The sending hospital and department'),
    hospitalHerId: z.string().regex(/^\d{1,9}$/).optional(),
    notifiedAt: z.iso.datetime({ offset: true }).describe('When the message was received'),
    admittedOn: localDate.optional(),
    dischargeReadyOn: localDate.optional().describe('When the hospital says the patient is (or is expected to be) ready for discharge'),
    estimated: z.boolean().optional().describe('Whether the discharge date is an estimate'),
    answerBy: localDate.optional().describe('When the municipality must answer whether it can receive the patient (the same day)'),
    summary: text(4000).optional().describe('What the hospital wrote about the stay, in its words'),
  }),
  /**
   * An event in the population register about the person (Folkeregisteret, issue 21): a death or a
   * move, read from the register's event feed by the job runner. The office acts on it (ends or
   * re-evaluates the service, moves the case): a work item until answered.
   */
  register_event: z.object({
    event: z.enum(REGISTER_EVENTS),
    eventType: z.string().min(1).max(80).describe('The register’s event type (hendelsetype), e.g. personErDoed, endringIBostedsadresse'),
    sequence: z.int().nonnegative().describe('The event’s sequence number in the register’s feed'),
    occurredOn: localDate.optional().describe('The date of death, or of moving'),
    summary: text(2000),
  }),
  /** A free-text journal note (notat). */
  note_added: z.object({ text: text(8000) }),
  /** A correction of an earlier entry; the earlier entry stays as it was (retting). */
  entry_corrected: z.object({
    correctsSeq: z.int().positive(),
    correction: text(4000),
  }),
  /** The case was evaluated against the criteria set in force (written by the system, not posted). */
  criteria_evaluated: z.object({
    criteriaSetId: z.uuid(),
    serviceCode: z.string(),
    version: z.int().positive(),
    assessmentId: z.uuid().nullable(),
    verdict: z.enum(['eligible', 'not_eligible', 'try_lower_level', 'refer_elsewhere', 'more_information_needed']),
    pathway: z.string().nullable(),
    pathwayOutcome: z.enum(['low_threshold', 'decision', 'refer']).nullable().optional().describe('Where the pathway leads (a low-threshold offer needs no decision)'),
    guidance: z.object({ nb: z.string(), nn: z.string() }).nullable(),
    results: z.array(
      z.object({
        id: z.string(),
        group: z.string(),
        text: z.object({ nb: z.string(), nn: z.string() }),
        outcome: z.enum(['met', 'not_met', 'unknown']),
        used: z.record(z.string(), z.unknown()),
      }),
    ),
  }),
  /** A formal individual decision (enkeltvedtak). */
  decision_made: decisionSchema,
  /** A second, senior person approves the decision (vedtak godkjent), where the policy has approvers. */
  decision_approved: z.object({ note: text(2000).optional() }),
  /** The service is arranged with a provider unit (bestilt/iverksatt). */
  service_arranged: z.object({
    providerUnitId: z.uuid(),
    startOn: localDate,
    order: orderSchema.optional().describe('The order (bestilling) to the provider'),
    partOrder: partOrderSchema.optional().describe('Mixed provision: a part ordered from another provider'),
  }),
  /** The person's informed choice of provider under user choice (brukervalg), before the first order. */
  provider_chosen: z.object({
    choice: z.enum(['provider', 'no_preference']).describe('no_preference: the municipal provider'),
    providerUnitId: z.uuid().optional(),
    informedOn: localDate.describe('When the person was told of the approved providers'),
    presentedProviderUnitIds: z.array(z.uuid()).min(1).describe('The approved providers presented to the person'),
  }),
  /** The provider accepts an order, an order change or an order end (bestilling mottatt og akseptert). */
  order_accepted: z.object({ providerUnitId: z.uuid() }),
  /** The provider rejects an order with a reason; the allocation office must order again. */
  order_rejected: z.object({ providerUnitId: z.uuid(), reason: text(2000) }),
  /** Who is responsible for the user: service-responsible person and primary contact. */
  responsibles_assigned: z.object({
    serviceResponsibleStaffId: z.uuid().describe('Tjenesteansvarlig'),
    primaryContactStaffId: z.uuid().describe('Primærkontakt'),
  }),
  /** A team member adjusts the action plan within the decision's frame (tiltaksplan justert). */
  plan_adjusted: z.object({
    hoursPerWeek: z.number().min(0).max(168),
    change: text(2000).describe('What changes in the action plan'),
  }),
  /** A provider or team member proposes a change of the decision (endringsmelding). */
  change_proposed: z.object({
    proposedHoursPerWeek: z.number().min(0).max(168).optional(),
    description: text(4000),
    direction: z.enum(['increase', 'decrease']).optional().describe('Whether the need has risen or fallen'),
    observedSince: localDate.optional().describe('Since when the change has been seen'),
    functions: z.array(z.string().max(64)).max(20).optional().describe('IPLOS variables where the change shows'),
  }),
  /** The provider has started delivering (tjenesten startet). */
  service_started: z.object({ startedOn: localDate }),
  /** A scheduled or prompted re-evaluation begins (revurdering). */
  reevaluation_started: z.object({ cause: z.enum(['scheduled', 'changed_need', 'complaint', 'other']) }),
  /** The service ends (tjenesten avsluttet). */
  service_ended: z.object({
    endedOn: localDate,
    cause: z.enum(['no_longer_needed', 'deceased', 'moved', 'replaced', 'other']),
  }),
  /** A refused or otherwise finished case is closed without an active service (saken avsluttet). */
  case_closed: z.object({ closedOn: localDate }),
  /** The applicant withdraws the request (søknaden trukket). */
  request_withdrawn: z.object({ withdrawnBy: z.enum(['applicant', 'representative']) }),
  /** A complaint against the decision arrives (klage mottatt; pbrl § 7-2). */
  complaint_received: z.object({
    complainant: z.enum(['person', 'representative']),
    contactPersonId: z.uuid().optional(),
    representative: representativeSchema.optional().describe('Required when a representative complains: who, and under what authority (fvl § 12)'),
    receivedOn: localDate,
    postedOn: localDate.optional().describe('For a complaint that came by post: the day it was handed to the postal service (the postmark). One posted by the deadline is in time, whenever it arrives (fvl § 30 first paragraph (a))'),
    summary: text(4000),
    concerns: z.enum(['decision', 'delivery']).default('decision').describe('About the decision and its scope, or about the delivery (seed 002)'),
    lateAcceptedReason: text(2000).optional().describe('Why a complaint after the deadline is considered (fvl § 31)'),
  }),
  /** The provider answers a complaint about the delivery (seed 002: such complaints go to the provider). */
  delivery_complaint_answered: z.object({ summary: text(4000) }),
  /** Own review reverses the decision fully or partly: a new decision (fvl § 33 second paragraph). */
  complaint_reversed_on_review: z.object({
    outcome: z.enum(DECISION_OUTCOMES),
    summary: text(4000),
    newDecision: decisionSchema.optional().describe('The new decision in full; required when the reversal grants what was refused'),
  }),
  /** Own review upholds the decision and forwards the case (fvl § 33 fourth paragraph). */
  complaint_forwarded: z.object({ forwardedOn: localDate, summary: text(4000) }),
  /** Statsforvalteren's outcome: upheld (stadfestet), reversed (omgjort) or sent back (opphevet). */
  complaint_resolved: z
    .object({
      result: z.enum(['upheld', 'reversed', 'sent_back']),
      outcome: z.enum(DECISION_OUTCOMES).optional(),
      resolvedOn: localDate,
      summary: text(4000),
      newDecision: decisionSchema.optional().describe('The decision that implements a reversal; required when it grants what was refused'),
    })
    .refine((p) => p.result !== 'reversed' || p.outcome !== undefined, {
      path: ['outcome'],
      message: 'A reversed decision needs the new outcome',
    }),
  /** A rule found something that needs the allocation office (oppfølging): written by the job runner, or by staff. */
  follow_up_opened: z.object({
    kind: z.enum(FOLLOW_UP_KINDS),
    key: z.string().min(1).max(200).describe('What the follow-up is about, unique on the case (the same finding is never opened twice)'),
    dueOn: localDate.describe('When it should be answered'),
    summary: text(2000).describe('What was found, in words'),
    sustainedChange: z
      .object({
        direction: z.enum(['increase', 'decrease']),
        thresholdPercent: z.number(),
        decidedHoursPerWeek: z.number(),
        weeks: z.array(z.object({ weekStart: localDate, performedHours: z.number(), changePercent: z.number().nullable() })).min(1),
      })
      .optional()
      .describe('The weeks and figures behind a sustained change'),
    scores: z
      .object({ decisionSeq: z.int().positive(), hoursBefore: z.number(), hoursAfter: z.number(), adlBefore: z.number().nullable(), adlAfter: z.number().nullable() })
      .optional()
      .describe('The hours and ADL sums behind an increase without a change in scores'),
  }),
  /**
   * A vacated place is offered to the person on the waiting list (hol § 3-2 a; seed 002 L781): where
   * they stood, their priority, and why each person ahead of them was passed over. Written by
   * POST /waiting-lists/offers, which reads the list; not posted as an action.
   */
  place_offered: z.object({
    placeType: z.enum(PLACE_TYPES),
    offeredOn: localDate,
    answerBy: localDate.describe('When the person should answer'),
    rank: z.int().positive().describe('Their place in the priority order when offered (1 = first)'),
    priorityGroup: z.enum(['A', 'B', 'C']),
    priorityKey: z.number(),
    reason: text(2000).describe('Why this person is offered the place'),
    passedOver: z
      .array(z.object({ caseNumber: z.string().min(1).max(40), reason: text(2000) }))
      .max(200)
      .describe('Everyone ahead in the priority order who was not offered the place, and why'),
  }),
  /** The person's answer to the offered place; an acceptance is followed by the order (service_arranged). */
  place_offer_answered: z.object({ offerSeq: z.int().positive(), accepted: z.boolean(), note: text(2000).optional() }),
  /** An open item is answered without a new decision: a reasoned "no change" (ingen endring), or a list review with its next date. */
  follow_up_answered: z.object({
    itemKey: z.string().min(1).max(200).describe('The work item answered (its key, as the case view lists it)'),
    reasons: text(4000).describe('Why nothing changes, or what was agreed'),
    nextReviewBy: localDate.optional().describe('For a waiting- or watch-list review: when the need is looked at next'),
  }),
  /** The allocation office and a provider consult each other on a case (drøfting), with a date for the answer. */
  consultation_requested: z.object({
    to: z.enum(['provider', 'allocation_office']),
    providerUnitId: z.uuid().optional().describe('The provider asked, when the office asks one of several'),
    question: text(4000),
    answerBy: localDate,
  }),
  consultation_answered: z.object({ consultationSeq: z.int().positive(), answer: text(4000) }),
  /** The agreed outcome of a consultation, recorded by the one who asked. */
  consultation_concluded: z.object({
    consultationSeq: z.int().positive(),
    outcome: z.enum(['no_change', 'change_proposed', 'reevaluation', 'other']),
    summary: text(4000),
  }),
  /**
   * The request is answered by a low-threshold offer the person accepted, without a decision (seed 004
   * L2212–2232: pathway 1 gets a low-threshold offer, which needs no decision). Only where the criteria
   * evaluation points there, and only with the person's consent: they may still ask for a decision.
   */
  /**
   * The office has checked the authority of someone who applied for the person through the digital
   * channel (fvl § 12): verified (the document seen, the guardianship register, or the person
   * confirmed), or not (the office then contacts the person, and the representative is not told more).
   */
  representative_checked: z.object({
    outcome: z.enum(['verified', 'not_verified']),
    how: z.enum(['document_seen', 'guardianship_register', 'person_confirmed', 'other']),
    note: text(2000),
  }),
  request_answered_low_threshold: z.object({
    offer: text(300).describe('The offer, e.g. "Rask psykisk helsehjelp" or a course'),
    agreedOn: localDate,
    personAccepted: z.literal(true).describe('The person accepted the offer instead of a decision on the request'),
    toldOfRightToDecision: z.literal(true).describe('The person was told they may still ask for a decision that can be appealed'),
    note: text(2000).optional(),
  }),
} as const;

export type ActionType = keyof typeof actionPayloadSchemas;
export const ACTION_TYPES = Object.keys(actionPayloadSchemas) as [ActionType, ...ActionType[]];
export type ActionPayload<T extends ActionType> = z.infer<(typeof actionPayloadSchemas)[T]>;

/** The part of an action that a command supplies: its type and payload. */
export type ActionBody = { [T in ActionType]: { type: T; payload: ActionPayload<T> } }[ActionType];

/**
 * Under which authority an action was taken: the staff member's roles and units at the time. The
 * organisational-models issue adds the policy version and the rule that allowed it.
 */
export interface Authority {
  readonly roles: readonly string[];
  readonly unitIds: readonly string[];
  /** The policy version the action was taken under, if one was in force. */
  readonly policy?: { readonly id: string; readonly effectiveFrom: string; readonly model: string };
  /** The grant of that policy that allowed it, in words. */
  readonly grant?: string;
}

/** One entry of a case's history (handling). */
export type CaseAction = ActionBody & {
  readonly seq: number;
  readonly actorStaffId: string;
  readonly authority: Authority;
  readonly reason: string | null;
  readonly occurredAt: string;
};

function bodyOf<T extends ActionType>(type: T) {
  return z.object({ type: z.literal(type), payload: actionPayloadSchemas[type] });
}

/**
 * The actions a command may append to an existing case, discriminated by type. (request_received
 * opens a case and has its own command.)
 */
export const followUpActionSchema = z.discriminatedUnion('type', [
  bodyOf('case_routed'),
  bodyOf('provisional_reply_sent'),
  bodyOf('assessment_started'),
  bodyOf('owner_assigned'),
  bodyOf('note_added'),
  bodyOf('entry_corrected'),
  bodyOf('decision_made'),
  bodyOf('decision_approved'),
  bodyOf('service_arranged'),
  bodyOf('provider_chosen'),
  bodyOf('order_accepted'),
  bodyOf('order_rejected'),
  bodyOf('responsibles_assigned'),
  bodyOf('plan_adjusted'),
  bodyOf('change_proposed'),
  bodyOf('service_started'),
  bodyOf('reevaluation_started'),
  bodyOf('service_ended'),
  bodyOf('case_closed'),
  bodyOf('request_withdrawn'),
  bodyOf('complaint_received'),
  bodyOf('delivery_complaint_answered'),
  bodyOf('complaint_reversed_on_review'),
  bodyOf('complaint_forwarded'),
  bodyOf('complaint_resolved'),
  bodyOf('follow_up_opened'),
  bodyOf('follow_up_answered'),
  bodyOf('consultation_requested'),
  bodyOf('consultation_answered'),
  bodyOf('consultation_concluded'),
  bodyOf('request_answered_low_threshold'),
  bodyOf('representative_checked'),
  bodyOf('place_offer_answered'),
]);
export type FollowUpAction = z.infer<typeof followUpActionSchema>;
