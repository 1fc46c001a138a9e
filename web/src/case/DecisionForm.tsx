/** The decision draft: applies the service's form rules before sending, and shows the server's refusals by field. */
import { Fieldset, Radio, Textfield } from '@digdir/designsystemet-react';
import { useEffect, useState } from 'react';
import { api, ApiProblem } from '../api/client.ts';
import { useI18n } from '../i18n.tsx';
import type { Reply } from '../session.ts';
import { ActionForm } from './ActionForm.tsx';
import { BoardMeetingField, useAgendaMeeting } from './BoardMeetingField.tsx';
import { DecisionExtent, emptyExtent, extentPayload, type Extent } from './DecisionExtent.tsx';
import { serviceCode } from '../services.ts';
import { appendAction, type CaseData } from './useCase.ts';

type Service = Reply<'/api/v1/service-catalogue', 'get'>['services'][number];
const OUTCOMES = ['granted', 'partly_granted', 'refused'] as const;

function addMonths(date: string, months: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

/** The rules the form applies before the server does: hours where money follows hours, reasons for refusals. */
function draftProblems(service: Service | undefined, outcome: string, hours: string, considerations: string, t: (k: 'hoursRequired' | 'considerationsHelp') => string) {
  const errors: { field: string; message: string }[] = [];
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
  const meeting = useAgendaMeeting(c.id);
  const [minuteRef, setMinuteRef] = useState('');
  useEffect(() => {
    // The municipality's catalogue in force: the forms it decides this service in, mandatory hours, goals.
    void api.GET('/api/v1/service-catalogue', { params: { query: {} } }).then((r) => {
      const s = r.data?.services.find((x) => x.code === c.serviceCode);
      setService(s);
      setExtent(emptyExtent(s?.decisionForms[0] ?? ''));
    });
  }, [c.serviceCode]);
  const submit = async () => {
    const errors = draftProblems(service, outcome, extent.hours, considerations, t);
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
      ...(meeting ? { boardMeeting: { meetingId: meeting.id, minuteRef: minuteRef || `${c.caseNumber}` } } : {}),
    };
    await appendAction(c, { type: 'decision_made', payload });
    await onSaved();
  };
  return (
    <ActionForm title={t('decisionTitle')} submitLabel={t('saveDecision')} onSubmit={submit} testId="decision">
      {({ fieldError }) => (
        <>
          <Fieldset>
            <Fieldset.Legend>{t('outcome')}</Fieldset.Legend>
            {OUTCOMES.map((o) => (
              <Radio key={o} name="outcome" value={o} label={t(o)} checked={outcome === o} onChange={() => setOutcome(o)} />
            ))}
          </Fieldset>
          {outcome !== 'refused' && <DecisionExtent e={extent} set={setExtent} forms={service?.decisionForms ?? []} goalsRequired={service?.goalsRequired ?? false} fieldError={fieldError} />}
          <div className="row">
            <Textfield label={t('validFrom')} type="date" value={validFrom} onChange={(e) => setValidFrom(e.target.value)} error={fieldError('validFrom')} />
            <Textfield label={t('reevaluateBy')} type="date" value={reevaluateBy} onChange={(e) => setReevaluateBy(e.target.value)} error={fieldError('reevaluateBy')} />
          </div>
          {meeting && <BoardMeetingField meeting={meeting} minuteRef={minuteRef} onChange={setMinuteRef} />}
          <Textfield multiline rows={2} label={t('summary')} value={summary} onChange={(e) => setSummary(e.target.value)} error={fieldError('summary')} />
          <Textfield multiline rows={3} label={t('considerations')} description={t('considerationsHelp')} value={considerations} onChange={(e) => setConsiderations(e.target.value)} error={fieldError('considerations')} />
          {fieldError('withoutAssessmentReason') && (
            <Textfield multiline rows={2} label={t('withoutAssessmentReason')} value={withoutAssessmentReason} onChange={(e) => setWithoutAssessmentReason(e.target.value)} error={fieldError('withoutAssessmentReason')} />
          )}
          {fieldError('departureReason') && <Textfield multiline rows={2} label={t('departureReason')} value={departureReason} onChange={(e) => setDepartureReason(e.target.value)} error={fieldError('departureReason')} />}
        </>
      )}
    </ActionForm>
  );
}
