/**
 * The words for the API's codes: work item kinds, case statuses, action types, follow-up kinds,
 * referral targets and consultation outcomes. Each function's return type is the words' Key, so a
 * code the API gains without a word in i18n.tsx (and its words files) does not compile.
 */
import type { paths } from './api/schema';
import type { Key } from './i18n.tsx';
import type { CaseData, FollowUp } from './case/useCase.ts';
import type { Reply } from './session.ts';

export type ActionType = CaseData['allowedActions'][number];
export type WorkItemKind = Reply<'/api/v1/work-queue', 'get'>[number]['kind'];
export type CaseStatus = CaseData['status'];
export type FollowUpKind = CaseData['followUps'][number]['kind'];
type Payload<T extends FollowUp['type']> = Extract<FollowUp, { type: T }>['payload'];
export type ReferralTarget = NonNullable<Payload<'decision_made'>['onwardReferral']>['to'];
export type ConsultationOutcome = Payload<'consultation_concluded'>['outcome'];
export type ConsultationParty = Payload<'consultation_requested'>['to'];
export type ItemHolder = CaseData['workItems'][number]['holder'];
export type PlaceType = NonNullable<NonNullable<paths['/api/v1/waiting-lists']['get']['parameters']['query']>['placeType']>;

// Every code once: `satisfies` fails to compile when the API gains or loses one.
const KINDS = {
  request: true,
  assessment: true,
  order: true,
  delivery_start: true,
  change_report: true,
  complaint: true,
  delivery_complaint: true,
  consultation: true,
  revision: true,
  score_review: true,
  frame_review: true,
  reevaluation_due: true,
  decision_expiry: true,
  list_review: true,
  place_offer: true,
  representative_check: true,
  message_failed: true,
  discharge_answer: true,
} satisfies Record<WorkItemKind, true>;
export const WORK_ITEM_KINDS = Object.keys(KINDS) as WorkItemKind[];

const REFERRALS = { gp: true, specialist_health_service: true, nav: true, voluntary: true, low_threshold: true, other: true } satisfies Record<ReferralTarget, true>;
export const REFERRAL_TARGETS = Object.keys(REFERRALS) as ReferralTarget[];

const OUTCOMES = { no_change: true, change_proposed: true, reevaluation: true, other: true } satisfies Record<ConsultationOutcome, true>;
export const CONSULTATION_OUTCOMES = Object.keys(OUTCOMES) as ConsultationOutcome[];

const PLACES = { long_term_stay: true, short_term_stay: true, care_flat: true } satisfies Record<PlaceType, true>;
export const PLACE_TYPES = Object.keys(PLACES) as PlaceType[];

export const kindKey = (kind: WorkItemKind): Key => `kind_${kind}`;
export const statusKey = (status: CaseStatus): Key => `state_${status}`;
export const actionKey = (type: ActionType): Key => `action_${type}`;
export const followUpKey = (kind: FollowUpKind): Key => `followUp_${kind}`;
export const referralKey = (to: ReferralTarget): Key => `referral_${to}`;
export const consultationOutcomeKey = (o: ConsultationOutcome): Key => `consultationOutcome_${o}`;
export const consultationPartyKey = (to: ConsultationParty): Key => `consultTo_${to}`;
export const placeTypeKey = (p: PlaceType): Key => `placeType_${p}`;

// The priority's group reasons and factors come as the server's plain words (src/domain/prioritisation/priority.ts).
const GROUP_REASONS = new Map<string, Key>([
  ['urgent: no safe alternative', 'groupReason_urgent'],
  ['very severe need', 'groupReason_very_severe'],
  ['severe need', 'groupReason_severe'],
  ['moderate need', 'groupReason_moderate'],
]);
const FACTORS = new Map<string, Key>([
  ['severity', 'factor_severity'],
  ['benefit', 'factor_benefit'],
  ['resource use', 'factor_resource_use'],
  ['weeks waited', 'factor_weeks_waited'],
]);
/** A priority group's reason in words, or the server's own words for one this list does not know. */
export function groupReasonWords(t: (k: Key) => string, reason: string): string {
  const key = GROUP_REASONS.get(reason);
  return key ? t(key) : reason;
}
/** A priority factor in words, or the server's own words for one this list does not know. */
export function factorWords(t: (k: Key) => string, factor: string): string {
  const key = FACTORS.get(factor);
  return key ? t(key) : factor;
}

const VERDICTS = new Set(['eligible', 'not_eligible', 'try_lower_level', 'refer_elsewhere', 'more_information_needed']);
/** The criteria's verdict in words (src/domain/criteria/criteriaSet.ts VERDICTS), or the server's code for one this list does not know. */
export function criteriaVerdictWords(t: (k: Key) => string, verdict: string): string {
  return VERDICTS.has(verdict) ? t(`criteriaVerdict_${verdict}` as Key) : verdict;
}

/** Who answers an item, in words: the case owner, the provider (by name), or the provider followed up by the case owner. */
export function holderWords(t: (k: Key) => string, holder: ItemHolder, providerName: string | null): string {
  if (holder === 'office') return t('holder_office');
  const provider = providerName ?? t('holder_provider');
  return holder === 'provider' ? provider : `${provider}, ${t('holderFollowedBy')}`;
}
