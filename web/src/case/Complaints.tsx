/**
 * The stages of a complaint after it is registered (fvl §§ 28–34, pbrl § 7-2): the own review either
 * changes the decision (a reversal that grants what was refused states the new decision in full) or
 * upholds it and forwards the case to the complaint body (Statsforvalteren, or for a care flat the
 * municipal complaints board: `complaintBody` on the decision), whose outcome is registered here; and
 * the provider's answer to a complaint about the delivery.
 */
import { Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useEffect, useState } from 'react';
import { api } from '../api/client.ts';
import { useI18n, type Key } from '../i18n.tsx';
import { serviceCode } from '../services.ts';
import type { Reply } from '../session.ts';
import { ActionForm } from './ActionForm.tsx';
import { DecisionExtent, emptyExtent, extentPayload, type Extent } from './DecisionExtent.tsx';
import { Choice, type Done } from './LifecycleFields.tsx';
import { appendAction, type CaseData, type FollowUp } from './useCase.ts';

type Payload<T extends FollowUp['type']> = Extract<FollowUp, { type: T }>['payload'];
type Outcome = Payload<'complaint_reversed_on_review'>['outcome'];
type Result = Payload<'complaint_resolved'>['result'];
type Service = Reply<'/api/v1/service-catalogue', 'get'>['services'][number];

const OUTCOMES = ['granted', 'partly_granted', 'refused'] as const satisfies readonly Outcome[];
const RESULTS = ['upheld', 'reversed', 'sent_back'] as const satisfies readonly Result[];

interface NewDecision {
  extent: Extent;
  validFrom: string;
  reevaluateBy: string;
  summary: string;
  considerations: string;
}

/** The service as the municipality's catalogue in force describes it (its decision forms, goals). */
function useService(code: string): Service | undefined {
  const [service, setService] = useState<Service | undefined>();
  useEffect(() => {
    void api.GET('/api/v1/service-catalogue', { params: { query: {} } }).then((r) => setService(r.data?.services.find((x) => x.code === code)));
  }, [code]);
  return service;
}

/** A reversal that grants what was refused is a new decision, stated in full (fvl § 33 second paragraph). */
const needsNewDecision = (c: CaseData, outcome: Outcome) => outcome !== 'refused' && c.decision?.outcome === 'refused';

/** The extent with the service's first decision form until another is chosen. */
const withForm = (e: Extent, service: Service | undefined): Extent => (e.form === '' && service?.decisionForms[0] ? { ...e, form: service.decisionForms[0] } : e);

function newDecisionPayload(c: CaseData, outcome: Outcome, d: NewDecision, service: Service | undefined) {
  return {
    outcome,
    serviceCode: serviceCode(c.serviceCode),
    ...extentPayload(withForm(d.extent, service), true, service?.goalsRequired ?? false),
    validFrom: d.validFrom,
    reevaluateBy: d.reevaluateBy,
    summary: d.summary,
    ...(d.considerations.trim() ? { considerations: d.considerations } : {}),
  };
}

function NewDecisionFields({ d, set, service, fieldError }: { d: NewDecision; set: (d: NewDecision) => void; service: Service | undefined; fieldError: (f: string) => string | undefined }) {
  const { t } = useI18n();
  const forms = service?.decisionForms ?? [];
  const extent = withForm(d.extent, service);
  return (
    <section className="stack" aria-label={t('ownReviewNewDecision')}>
      <Paragraph>{t('ownReviewNewDecisionHelp')}</Paragraph>
      <DecisionExtent e={extent} set={(e) => set({ ...d, extent: e })} forms={forms} goalsRequired={service?.goalsRequired ?? false} fieldError={fieldError} />
      <div className="row">
        <Textfield label={t('validFrom')} type="date" value={d.validFrom} onChange={(e) => set({ ...d, validFrom: e.target.value })} error={fieldError('validFrom')} />
        <Textfield label={t('reevaluateBy')} type="date" value={d.reevaluateBy} onChange={(e) => set({ ...d, reevaluateBy: e.target.value })} error={fieldError('reevaluateBy')} />
      </div>
      <Textfield multiline rows={2} label={t('ownReviewNewDecisionSummary')} value={d.summary} onChange={(e) => set({ ...d, summary: e.target.value })} error={fieldError('newDecision.summary')} />
      <Textfield multiline rows={2} label={t('considerations')} value={d.considerations} onChange={(e) => set({ ...d, considerations: e.target.value })} error={fieldError('considerations')} />
    </section>
  );
}

const emptyDecision = (today: string): NewDecision => ({ extent: emptyExtent(''), validFrom: today, reevaluateBy: '', summary: '', considerations: '' });

/** Own review changes the decision (fvl § 33): the new outcome, why, and the new decision where it grants what was refused. */
export function ReverseOnReview({ c, today, onDone }: { c: CaseData; today: string; onDone: Done }) {
  const { t } = useI18n();
  const service = useService(c.serviceCode);
  const [outcome, setOutcome] = useState<Outcome>('granted');
  const [summary, setSummary] = useState('');
  const [d, setD] = useState(emptyDecision(today));
  const full = needsNewDecision(c, outcome);
  const submit = async () => {
    const newDecision = full ? { newDecision: newDecisionPayload(c, outcome, d, service) } : {};
    await appendAction(c, { type: 'complaint_reversed_on_review', payload: { outcome, summary, ...newDecision } });
    await onDone();
  };
  return (
    <ActionForm title={t('ownReviewTitle')} submitLabel={t('ownReviewSubmit')} onSubmit={submit} testId="complaint-review">
      {({ fieldError }) => (
        <>
          <Choice legend={t('ownReviewOutcome')} name="review-outcome" options={OUTCOMES} value={outcome} onChange={setOutcome} words={(o) => o} error={fieldError('outcome')} />
          <Textfield multiline rows={3} label={t('ownReviewSummary')} value={summary} onChange={(e) => setSummary(e.target.value)} error={fieldError('payload.summary')} />
          {full && <NewDecisionFields d={d} set={setD} service={service} fieldError={fieldError} />}
        </>
      )}
    </ActionForm>
  );
}

/** The words that name the complaint body: the municipal complaints board's own, or Statsforvalteren's. */
const bodyWord = (c: CaseData, key: 'forwardTitle' | 'forwardSubmit' | 'resolveTitle' | 'resolveSummary'): Key =>
  c.decision?.complaintBody === 'municipal_board' ? `${key}_board` : key;

/** Own review upholds the decision: the case goes to the complaint body (fvl § 33 fourth paragraph). */
export function ForwardComplaint({ c, today, onDone }: { c: CaseData; today: string; onDone: Done }) {
  const { t } = useI18n();
  const [forwardedOn, setForwardedOn] = useState(today);
  const [summary, setSummary] = useState('');
  const submit = async () => {
    await appendAction(c, { type: 'complaint_forwarded', payload: { forwardedOn, summary } });
    await onDone();
  };
  return (
    <ActionForm title={t(bodyWord(c, 'forwardTitle'))} submitLabel={t(bodyWord(c, 'forwardSubmit'))} onSubmit={submit} testId="complaint-forward">
      {({ fieldError }) => (
        <>
          <Textfield label={t('forwardedOn')} type="date" value={forwardedOn} onChange={(e) => setForwardedOn(e.target.value)} error={fieldError('forwardedOn')} />
          <Textfield multiline rows={3} label={t('forwardSummary')} value={summary} onChange={(e) => setSummary(e.target.value)} error={fieldError('summary')} />
        </>
      )}
    </ActionForm>
  );
}

/** The complaint body's outcome: upheld, reversed (with the new outcome, and the new decision where it grants what was refused) or sent back. */
export function ResolveComplaint({ c, today, onDone }: { c: CaseData; today: string; onDone: Done }) {
  const { t } = useI18n();
  const service = useService(c.serviceCode);
  const [result, setResult] = useState<Result>('upheld');
  const [outcome, setOutcome] = useState<Outcome>('granted');
  const [resolvedOn, setResolvedOn] = useState(today);
  const [summary, setSummary] = useState('');
  const [d, setD] = useState(emptyDecision(today));
  const reversed = result === 'reversed';
  const full = reversed && needsNewDecision(c, outcome);
  const submit = async () => {
    const changed = reversed ? { outcome, ...(full ? { newDecision: newDecisionPayload(c, outcome, d, service) } : {}) } : {};
    await appendAction(c, { type: 'complaint_resolved', payload: { result, resolvedOn, summary, ...changed } });
    await onDone();
  };
  return (
    <ActionForm title={t(bodyWord(c, 'resolveTitle'))} submitLabel={t('resolveSubmit')} onSubmit={submit} testId="complaint-resolve">
      {({ fieldError }) => (
        <>
          <Choice legend={t('resolveResult')} name="resolve-result" options={RESULTS} value={result} onChange={setResult} words={(o) => `result_${o}`} error={fieldError('result')} />
          {reversed && <Choice legend={t('ownReviewOutcome')} name="resolve-outcome" options={OUTCOMES} value={outcome} onChange={setOutcome} words={(o) => o} error={fieldError('payload.outcome')} />}
          <Textfield label={t('resolvedOn')} type="date" value={resolvedOn} onChange={(e) => setResolvedOn(e.target.value)} error={fieldError('resolvedOn')} />
          <Textfield multiline rows={3} label={t(bodyWord(c, 'resolveSummary'))} value={summary} onChange={(e) => setSummary(e.target.value)} error={fieldError('payload.summary')} />
          {full && <NewDecisionFields d={d} set={setD} service={service} fieldError={fieldError} />}
        </>
      )}
    </ActionForm>
  );
}

/** The provider's answer to a complaint about the delivery (seed 002: such complaints go to the provider). */
export function AnswerDeliveryComplaint({ c, onDone }: { c: CaseData; onDone: Done }) {
  const { t } = useI18n();
  const [summary, setSummary] = useState('');
  const submit = async () => {
    await appendAction(c, { type: 'delivery_complaint_answered', payload: { summary } });
    await onDone();
  };
  return (
    <ActionForm title={t('deliveryAnswerTitle')} submitLabel={t('deliveryAnswerSubmit')} onSubmit={submit} testId="delivery-complaint-answer">
      {({ fieldError }) => <Textfield multiline rows={3} label={t('deliveryAnswerSummary')} value={summary} onChange={(e) => setSummary(e.target.value)} error={fieldError('summary')} />}
    </ActionForm>
  );
}

/** Each complaint stage's panel, when the transition table allows it now. */
export function ComplaintPanels({ c, today, onDone }: { c: CaseData; today: string; onDone: Done }) {
  const may = (a: CaseData['allowedActions'][number]) => c.allowedActions.includes(a);
  const full = c.access === 'full';
  return (
    <>
      {full && may('complaint_reversed_on_review') && <ReverseOnReview c={c} today={today} onDone={onDone} />}
      {full && may('complaint_forwarded') && <ForwardComplaint c={c} today={today} onDone={onDone} />}
      {full && may('complaint_resolved') && <ResolveComplaint c={c} today={today} onDone={onDone} />}
      {may('delivery_complaint_answered') && <AnswerDeliveryComplaint c={c} onDone={onDone} />}
    </>
  );
}
