/**
 * The decision draft: applies the service's form rules before sending, and shows the server's
 * refusals by field. A refusal or partial grant may send the person on (onward referral); a new
 * decision on a running grant that reduces it says why no advance notice was given, when none was.
 * Beside the draft, the unit's budget forecast with and without it (information only, BudgetForecast).
 */
import { Field, Fieldset, Label, Radio, Select, Textfield, ValidationMessage } from '@digdir/designsystemet-react';
import { useEffect, useState } from 'react';
import { api, ApiProblem } from '../api/client.ts';
import { useI18n, type Key } from '../i18n.tsx';
import { REFERRAL_TARGETS, referralKey, type ReferralTarget } from '../labels.ts';
import type { Reply } from '../session.ts';
import { ActionForm } from './ActionForm.tsx';
import { RepresentativeCheckFirst } from './RepresentativeCheck.tsx';
import { BoardMeetingField, useAgendaMeeting } from './BoardMeetingField.tsx';
import { BudgetForecast } from './BudgetForecast.tsx';
import { ComparableGrants } from './ComparableGrants.tsx';
import { DecisionExtent, emptyExtent, extentPayload, frameProblems, FrameSummary, type Extent } from './DecisionExtent.tsx';
import { serviceCode } from '../services.ts';
import { appendAction, type CaseData } from './useCase.ts';

type Service = Reply<'/api/v1/service-catalogue', 'get'>['services'][number];
const OUTCOMES = ['granted', 'partly_granted', 'refused'] as const;

function addMonths(date: string, months: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

interface Referral {
  to: ReferralTarget | '';
  name: string;
  note: string;
}

/** The onward referral of a refusal or partial grant, when a target is chosen. */
function referralPayload(r: Referral, outcome: string) {
  if (outcome === 'granted' || r.to === '') return {};
  return { onwardReferral: { to: r.to, ...(r.name.trim() ? { name: r.name.trim() } : {}), note: r.note } };
}

/** The rules the form applies before the server does: hours where money follows hours, reasons for refusals, a referral's advice. */
function draftProblems(service: Service | undefined, outcome: string, extent: Extent, considerations: string, referral: Referral, t: (k: Key) => string) {
  const hours = extent.form === 'frame' ? 'frame' : extent.hours;
  const errors: { field: string; message: string }[] = frameProblems(extent, outcome !== 'refused').map((p) => ({ field: p.field, message: t(p.key) }));
  if (outcome !== 'granted' && referral.to !== '' && referral.note.trim() === '') errors.push({ field: 'onwardReferral.note', message: t('referralNoteRequired') });
  if (service?.hoursMandatory && outcome !== 'refused' && hours === '') errors.push({ field: 'hoursPerWeek', message: t('hoursRequired') });
  // The rest (the form's demands, the end, the assessment) the server checks and names by field.
  if (outcome !== 'granted' && considerations.trim() === '') errors.push({ field: 'considerations', message: t('considerationsHelp') });
  return errors;
}

export function DecisionForm({ c, today, onSaved }: { c: CaseData; today: string; onSaved: () => Promise<void> }) {
  const { t } = useI18n();
  const [service, setService] = useState<Service | undefined>();
  const [outcome, setOutcome] = useState<(typeof OUTCOMES)[number]>('granted');
  const [extent, setExtent] = useState<Extent>(emptyExtent(''));
  const [withoutAssessmentReason, setWithoutAssessmentReason] = useState('');
  const [validFrom, setValidFrom] = useState(today);
  const [reevaluateBy, setReevaluateBy] = useState(addMonths(today, 6));
  const [summary, setSummary] = useState('');
  const [considerations, setConsiderations] = useState('');
  const [departureReason, setDepartureReason] = useState('');
  const [referral, setReferral] = useState<Referral>({ to: '', name: '', note: '' });
  const [advanceNoticeWaivedReason, setAdvanceNoticeWaivedReason] = useState('');
  // A new decision while a grant runs (a re-evaluation): a reduction needs an advance notice, or a reason why none was given.
  const reevaluation = c.decision !== null && c.decision.outcome !== 'refused' && c.advanceNoticeAt === null;
  const meeting = useAgendaMeeting(c.id);
  const [minuteRef, setMinuteRef] = useState('');
  useEffect(() => {
    // The municipality's catalogue in force: the forms it decides this service in, mandatory hours, goals.
    void api.GET('/api/v1/service-catalogue', { params: { query: {} } }).then((r) => {
      const s = r.data?.services.find((x) => x.code === c.serviceCode);
      setService(s);
      // What was typed before the catalogue came stays; only the form defaults to the service's first.
      setExtent((e) => ({ ...e, form: e.form || (s?.decisionForms[0] ?? '') }));
    });
  }, [c.serviceCode]);
  const submit = async () => {
    const errors = draftProblems(service, outcome, extent, considerations, referral, t);
    if (errors.length) throw new ApiProblem({ status: 400, detail: errors.map((e) => e.message).join(' '), errors });
    const payload = {
      outcome,
      serviceCode: serviceCode(c.serviceCode),
      ...extentPayload(extent, outcome !== 'refused', service?.goalsRequired ?? false),
      validFrom,
      ...(outcome !== 'refused' ? { reevaluateBy } : {}),
      summary,
      ...(considerations ? { considerations } : {}),
      ...(departureReason ? { departureReason } : {}),
      ...(withoutAssessmentReason ? { withoutAssessmentReason } : {}),
      ...referralPayload(referral, outcome),
      ...(advanceNoticeWaivedReason.trim() ? { advanceNoticeWaivedReason } : {}),
      ...(meeting ? { boardMeeting: { meetingId: meeting.id, minuteRef: minuteRef || `${c.caseNumber}` } } : {}),
    };
    await appendAction(c, { type: 'decision_made', payload });
    await onSaved();
  };
  return (
    <ActionForm title={t('decisionTitle')} submitLabel={t('saveDecision')} onSubmit={submit} testId="decision">
      {({ fieldError }) => (
        <>
          <RepresentativeCheckFirst c={c} />
          <FrameInForce c={c} />
          <Fieldset>
            <Fieldset.Legend>{t('outcome')}</Fieldset.Legend>
            {OUTCOMES.map((o) => (
              <Radio key={o} name="outcome" value={o} label={t(o)} checked={outcome === o} onChange={() => setOutcome(o)} />
            ))}
          </Fieldset>
          <ComparableGrants caseId={c.id} serviceCode={c.serviceCode} typed={extent} refused={outcome === 'refused'} />
          {outcome !== 'refused' && <DecisionExtent e={extent} set={setExtent} forms={service?.decisionForms ?? []} goalsRequired={service?.goalsRequired ?? false} fieldError={fieldError} />}
          <div className="row">
            <Textfield label={t('validFrom')} type="date" value={validFrom} onChange={(e) => setValidFrom(e.target.value)} error={fieldError('validFrom')} />
            <Textfield label={t('reevaluateBy')} type="date" value={reevaluateBy} onChange={(e) => setReevaluateBy(e.target.value)} error={fieldError('reevaluateBy')} />
          </div>
          <BudgetForecast c={c} extent={extent} outcome={outcome} from={validFrom} />
          {meeting && <BoardMeetingField meeting={meeting} minuteRef={minuteRef} onChange={setMinuteRef} />}
          <Textfield multiline rows={2} label={t('summary')} value={summary} onChange={(e) => setSummary(e.target.value)} error={fieldError('summary')} />
          <Textfield multiline rows={3} label={t('considerations')} description={t('considerationsHelp')} value={considerations} onChange={(e) => setConsiderations(e.target.value)} error={fieldError('considerations')} />
          {fieldError('withoutAssessmentReason') && (
            <Textfield multiline rows={2} label={t('withoutAssessmentReason')} value={withoutAssessmentReason} onChange={(e) => setWithoutAssessmentReason(e.target.value)} error={fieldError('withoutAssessmentReason')} />
          )}
          {outcome !== 'granted' && <ReferralFields r={referral} set={setReferral} fieldError={fieldError} />}
          {(reevaluation || fieldError('advanceNoticeWaivedReason')) && (
            <Textfield multiline rows={2} label={t('advanceNoticeWaivedReason')} description={t('advanceNoticeHelp')} value={advanceNoticeWaivedReason} onChange={(e) => setAdvanceNoticeWaivedReason(e.target.value)} error={fieldError('advanceNoticeWaivedReason')} />
          )}
          {fieldError('departureReason') && <Textfield multiline rows={2} label={t('departureReason')} value={departureReason} onChange={(e) => setDepartureReason(e.target.value)} error={fieldError('departureReason')} />}
        </>
      )}
    </ActionForm>
  );
}

/** On a new decision while a frame runs: the frame in force, its maximum and goals. */
function FrameInForce({ c }: { c: CaseData }) {
  const { t } = useI18n();
  return c.decision?.frame ? <FrameSummary frame={c.decision.frame} title={t('frameInForce')} /> : null;
}

function ReferralFields({ r, set, fieldError }: { r: Referral; set: (r: Referral) => void; fieldError: (f: string) => string | undefined }) {
  const { t } = useI18n();
  const toError = fieldError('onwardReferral') ?? fieldError('onwardReferral.to');
  return (
    <Fieldset data-testid="onward-referral">
      <Fieldset.Legend>{t('onwardReferral')}</Fieldset.Legend>
      <Field>
        <Label>{t('referralTo')}</Label>
        <Select value={r.to} onChange={(e) => set({ ...r, to: REFERRAL_TARGETS.find((x) => x === e.target.value) ?? '' })} aria-invalid={toError ? true : undefined}>
          <Select.Option value="">{t('referralNone')}</Select.Option>
          {REFERRAL_TARGETS.map((x) => (
            <Select.Option key={x} value={x}>
              {t(referralKey(x))}
            </Select.Option>
          ))}
        </Select>
        {toError && <ValidationMessage>{toError}</ValidationMessage>}
      </Field>
      {r.to !== '' && (
        <>
          <Textfield label={t('referralName')} value={r.name} onChange={(e) => set({ ...r, name: e.target.value })} error={fieldError('onwardReferral.name')} />
          <Textfield multiline rows={2} label={t('referralNote')} value={r.note} onChange={(e) => set({ ...r, note: e.target.value })} error={fieldError('onwardReferral.note')} />
        </>
      )}
    </Fieldset>
  );
}
