/**
 * What each entry of the case's history adds to its line in the timeline, in words in the chosen
 * language: never a raw code or id (units and staff by name, codes by their words, dates written
 * out). An action type without a line here shows its name only.
 */
import type { Key, Lang } from '../i18n.tsx';
import { criteriaVerdictWords, followUpKey } from '../labels.ts';
import { placeEntryDetail } from './PlaceOffer.tsx';
import type { Entry, HistoryEntry } from './useCase.ts';
import { dateIn, fill } from './caseFileFormat.ts';

type Type = HistoryEntry['type'];
export interface DetailWords {
  readonly t: (k: Key) => string;
  readonly lang: Lang;
  readonly unit: (id: string | null | undefined) => string;
  readonly staff: (id: string | null | undefined) => string;
  readonly service: (code: string) => string;
  readonly history: readonly HistoryEntry[];
}
type Line<K extends Type> = (p: Entry<K>['payload'], w: DetailWords, e: Entry<K>) => string | null;
type Lines = { [K in Type]?: Line<K> };

const hours = (w: DetailWords, h: number | undefined) => (h === undefined ? '' : `, ${h} ${w.t('hoursPerWeek').toLowerCase()}`);
const date = (w: DetailWords, d: string) => dateIn(w.lang, d);
const quoted = (s: string | undefined) => (s ? ` («${s}»)` : '');

const REQUEST: Lines = {
  request_received: (p, w) => `${w.service(p.serviceCode)} · ${w.t(`channel_${p.channel}`)}${p.representative ? ` (${p.representative.name})` : ''} · ${p.description}`,
  case_routed: (p, w) => (p.unitId ? `${w.t('cfRoutedTo')} ${w.unit(p.unitId)}` : w.t('cfNotRouted')),
  provisional_reply_sent: (p, w) => `${p.reason} · ${w.t('cfExpectedBy')} ${date(w, p.expectedBy)}`,
  assessment_started: (p, w) => (p.plannedVisitOn ? `${w.t('cfPlannedVisit')} ${date(w, p.plannedVisitOn)}` : null),
  owner_assigned: (p, w) => (p.ownerStaffId ? w.staff(p.ownerStaffId) : w.t('cfNoOwner')),
  letter_issued: (p, w) => `${w.t(`cfLetterKind_${p.kind}`)}${quoted(p.reissueReason)}`,
  note_added: (p) => p.text,
  message_receipt: (p, w) => `${w.t(`msgChannel_${p.channel}`)}: ${w.t(`msgOutcome_${p.outcome}`)}${p.reference ? ` (${p.reference})` : ''}${p.detail ? ` · ${p.detail}` : ''}`,
  entry_corrected: (p, w) => {
    const corrected = w.history.find((e) => e.seq === p.correctsSeq);
    return `${corrected ? `${w.t(`action_${corrected.type}` as Key)}, ${dateIn(w.lang, corrected.occurredAt.slice(0, 10))}` : ''}: ${p.correction}`;
  },
  criteria_evaluated: (p, w) => `${criteriaVerdictWords(w.t, p.verdict)} (${fill(w.t('cfCriteriaVersion'), { n: p.version })})`,
  decision_made: (p, w) => `${w.t(p.outcome)}: ${w.service(p.serviceCode)}${hours(w, p.hoursPerWeek ?? p.frame?.maxHoursPerWeek)}`,
  decision_approved: (p) => p.note ?? null,
  request_withdrawn: (p, w) => w.t(`cfWithdrawnBy_${p.withdrawnBy}`),
  request_answered_low_threshold: (p) => p.offer,
};

const SERVICE: Lines = {
  service_arranged: (p, w) => `${w.unit(p.providerUnitId)}, ${w.t('startOn').toLowerCase()} ${date(w, p.startOn)}${p.partOrder ? ` · ${w.t('cfPartOrder')}: ${w.unit(p.partOrder.providerUnitId)}` : ''}`,
  provider_chosen: (p, w) => (p.choice === 'provider' ? w.unit(p.providerUnitId) : w.t('cfNoPreference')),
  order_accepted: (p, w) => w.unit(p.providerUnitId),
  order_rejected: (p, w) => `${w.unit(p.providerUnitId)}: ${p.reason}`,
  responsibles_assigned: (p, w) => `${w.t('serviceResponsible')}: ${w.staff(p.serviceResponsibleStaffId)}, ${w.t('primaryContact')}: ${w.staff(p.primaryContactStaffId)}`,
  plan_adjusted: (p, w) => `${p.hoursPerWeek} ${w.t('hoursPerWeek').toLowerCase()}: ${p.change}`,
  change_proposed: (p, w) => `${p.direction ? `${w.t('direction')} ${w.t(`direction_${p.direction}`)}: ` : ''}${p.description}`,
  service_started: (p, w) => date(w, p.startedOn),
  reevaluation_started: (p, w) => w.t(`cfReevaluationCause_${p.cause}`),
  service_ended: (p, w) => `${date(w, p.endedOn)}: ${w.t(`cfEndCause_${p.cause}`)}`,
  case_closed: (p, w) => date(w, p.closedOn),
};

const FOLLOWING: Lines = {
  complaint_received: (p, w) => `${w.t(`concerns_${p.concerns}`)}: ${p.summary}`,
  delivery_complaint_answered: (p) => p.summary,
  complaint_reversed_on_review: (p, w) => `${w.t(p.outcome)}: ${p.summary}`,
  complaint_forwarded: (p) => p.summary,
  complaint_resolved: (p, w) => `${w.t(`cfComplaintResult_${p.result}`)}: ${p.summary}`,
  follow_up_opened: (p, w) => `${w.t(followUpKey(p.kind))}: ${p.summary}`,
  follow_up_answered: (p) => p.reasons,
  consultation_requested: (p) => p.question,
  consultation_answered: (p) => p.answer,
  consultation_concluded: (p) => p.summary,
  representative_checked: (p, w) => `${w.t(`repOutcome_${p.outcome}`)}: ${p.note}`,
  place_offered: (_p, w, e) => placeEntryDetail(e, w.t),
  place_offer_answered: (_p, w, e) => placeEntryDetail(e, w.t),
};

const LINES: Lines = { ...REQUEST, ...SERVICE, ...FOLLOWING };

/** The entry's detail in words, or null when its action's name says it all. */
export function entryDetail(e: HistoryEntry, w: DetailWords): string | null {
  const line = LINES[e.type] as Line<Type> | undefined;
  return line ? line(e.payload as never, w, e as never) : null;
}
