/**
 * The case's lifecycle beyond assessment and decision, each panel shown only when the transition
 * table (the case's allowedActions) lets the signed-in staff member take that action now: a
 * provisional reply (fvl § 11 a), a withdrawn request, the second person's approval, the close of a
 * refused case, the person's choice of provider (brukervalg), the start of delivery, the
 * responsibles, a re-evaluation, the end of the service, the complaint stages (Complaints.tsx), and,
 * folded away, the owner, a request sent on to another unit and the correction of an earlier entry
 * (Responsibles.tsx). Every command goes through ActionForm, so a refusal shows by field.
 */
import { Details, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useI18n } from '../i18n.tsx';
import type { Me } from '../session.ts';
import { ActionForm } from './ActionForm.tsx';
import { ComplaintPanels } from './Complaints.tsx';
import { Choice, type Done } from './LifecycleFields.tsx';
import { ServiceStarted } from './ServiceStart.tsx';
import { AssignOwner, AssignResponsibles, CorrectEntry, ProviderChoice, RouteCase } from './Responsibles.tsx';
import { appendAction, type CaseData, type FollowUp, type HistoryEntry } from './useCase.ts';
import type { Unit } from './useUnits.ts';

type Payload<T extends FollowUp['type']> = Extract<FollowUp, { type: T }>['payload'];
type ActionType = CaseData['allowedActions'][number];

const WITHDRAWN_BY = ['applicant', 'representative'] as const satisfies readonly Payload<'request_withdrawn'>['withdrawnBy'][];
const REEVALUATION_CAUSES = ['scheduled', 'changed_need', 'complaint', 'other'] as const satisfies readonly Payload<'reevaluation_started'>['cause'][];
const END_CAUSES = ['no_longer_needed', 'deceased', 'moved', 'replaced', 'other'] as const satisfies readonly Payload<'service_ended'>['cause'][];

/** A provisional reply: why the request cannot be answered within a month, and when it will be (fvl § 11 a). */
export function ProvisionalReply({ c, today, onDone }: { c: CaseData; today: string; onDone: Done }) {
  const { t } = useI18n();
  const [v, setV] = useState({ sentOn: today, reason: '', expectedBy: '' });
  const submit = async () => {
    await appendAction(c, { type: 'provisional_reply_sent', payload: v });
    await onDone();
  };
  return (
    <ActionForm title={t('provisionalTitle')} submitLabel={t('provisionalSubmit')} onSubmit={submit} testId="provisional-reply">
      {({ fieldError }) => (
        <>
          <Paragraph>{t('provisionalHelp')}</Paragraph>
          <div className="row">
            <Textfield label={t('provisionalSentOn')} type="date" value={v.sentOn} onChange={(e) => setV({ ...v, sentOn: e.target.value })} error={fieldError('sentOn')} />
            <Textfield label={t('provisionalExpectedBy')} type="date" value={v.expectedBy} onChange={(e) => setV({ ...v, expectedBy: e.target.value })} error={fieldError('expectedBy')} />
          </div>
          <Textfield multiline rows={2} label={t('provisionalReason')} value={v.reason} onChange={(e) => setV({ ...v, reason: e.target.value })} error={fieldError('reason')} />
        </>
      )}
    </ActionForm>
  );
}

/** The applicant, or someone for them, withdraws the request (søknaden trekkes). */
export function WithdrawRequest({ c, onDone }: { c: CaseData; onDone: Done }) {
  const { t } = useI18n();
  const [by, setBy] = useState<Payload<'request_withdrawn'>['withdrawnBy']>('applicant');
  const [reason, setReason] = useState('');
  const submit = async () => {
    await appendAction(c, { type: 'request_withdrawn', payload: { withdrawnBy: by } }, reason.trim() || undefined);
    await onDone();
  };
  return (
    <ActionForm title={t('withdrawTitle')} submitLabel={t('withdrawSubmit')} onSubmit={submit} testId="withdraw">
      {({ fieldError }) => (
        <>
          <Choice legend={t('withdrawnBy')} name="withdrawn-by" options={WITHDRAWN_BY} value={by} onChange={setBy} words={(o) => `withdrawnBy_${o}`} error={fieldError('withdrawnBy')} />
          <Textfield multiline rows={2} label={t('withdrawReason')} value={reason} onChange={(e) => setReason(e.target.value)} error={fieldError('reason')} />
        </>
      )}
    </ActionForm>
  );
}

/** A second, senior person approves the decision, where the policy has approvers. */
export function ApproveDecision({ c, onDone }: { c: CaseData; onDone: Done }) {
  const { t } = useI18n();
  const [note, setNote] = useState('');
  const submit = async () => {
    await appendAction(c, { type: 'decision_approved', payload: note.trim() ? { note } : {} });
    await onDone();
  };
  return (
    <ActionForm title={t('approveTitle')} submitLabel={t('approveSubmit')} onSubmit={submit} testId="approve">
      {({ fieldError }) => (
        <>
          <Paragraph>{t('approveHelp')}</Paragraph>
          <Textfield multiline rows={2} label={t('approveNote')} value={note} onChange={(e) => setNote(e.target.value)} error={fieldError('note')} />
        </>
      )}
    </ActionForm>
  );
}

export function StartReevaluation({ c, onDone }: { c: CaseData; onDone: Done }) {
  const { t } = useI18n();
  const [cause, setCause] = useState<Payload<'reevaluation_started'>['cause']>('scheduled');
  const submit = async () => {
    await appendAction(c, { type: 'reevaluation_started', payload: { cause } });
    await onDone();
  };
  return (
    <ActionForm title={t('reevalTitle')} submitLabel={t('reevalSubmit')} onSubmit={submit} testId="reevaluation">
      {({ fieldError }) => <Choice legend={t('reevalCause')} name="reevaluation-cause" options={REEVALUATION_CAUSES} value={cause} onChange={setCause} words={(o) => `reevalCause_${o}`} error={fieldError('cause')} />}
    </ActionForm>
  );
}

export function EndService({ c, today, onDone }: { c: CaseData; today: string; onDone: Done }) {
  const { t } = useI18n();
  const [endedOn, setEndedOn] = useState(today);
  const [cause, setCause] = useState<Payload<'service_ended'>['cause']>('no_longer_needed');
  const submit = async () => {
    await appendAction(c, { type: 'service_ended', payload: { endedOn, cause } });
    await onDone();
  };
  return (
    <ActionForm title={t('endTitle')} submitLabel={t('endSubmit')} onSubmit={submit} testId="service-ended">
      {({ fieldError }) => (
        <>
          <Textfield label={t('endedOn')} type="date" value={endedOn} onChange={(e) => setEndedOn(e.target.value)} error={fieldError('endedOn')} />
          <Choice legend={t('endCause')} name="end-cause" options={END_CAUSES} value={cause} onChange={setCause} words={(o) => `endCause_${o}`} error={fieldError('cause')} />
        </>
      )}
    </ActionForm>
  );
}

/** A refused case is closed; a granted service is ended instead. */
export function CloseCase({ c, today, onDone }: { c: CaseData; today: string; onDone: Done }) {
  const { t } = useI18n();
  const [closedOn, setClosedOn] = useState(today);
  const submit = async () => {
    await appendAction(c, { type: 'case_closed', payload: { closedOn } });
    await onDone();
  };
  return (
    <ActionForm title={t('closeTitle')} submitLabel={t('closeSubmit')} onSubmit={submit} testId="case-closed">
      {({ fieldError }) => <Textfield label={t('closedOn')} type="date" value={closedOn} onChange={(e) => setClosedOn(e.target.value)} error={fieldError('closedOn')} />}
    </ActionForm>
  );
}

interface Props {
  readonly c: CaseData;
  readonly today: string;
  readonly reload: () => Promise<void>;
  readonly me: Me;
  readonly history: readonly HistoryEntry[];
  readonly units: Unit[] | null;
}

/** Before a decision: a provisional reply, or the request withdrawn. After it: the approval, the close of a refusal. */
function RequestPanels({ c, today, reload, may }: Props & { may: (a: ActionType) => boolean }) {
  return (
    <>
      {may('provisional_reply_sent') && <ProvisionalReply c={c} today={today} onDone={reload} />}
      {may('request_withdrawn') && <WithdrawRequest c={c} onDone={reload} />}
      {may('decision_approved') && <ApproveDecision c={c} onDone={reload} />}
      {may('case_closed') && <CloseCase c={c} today={today} onDone={reload} />}
    </>
  );
}

/** While the service is arranged or runs: the provider chosen, its start, the responsibles, a re-evaluation, the end. */
function ServicePanels({ c, today, reload, may }: Props & { may: (a: ActionType) => boolean }) {
  const full = c.access === 'full';
  return (
    <>
      {full && may('provider_chosen') && <ProviderChoice c={c} today={today} onDone={reload} />}
      {may('service_started') && <ServiceStarted c={c} today={today} onDone={reload} />}
      {full && may('responsibles_assigned') && <AssignResponsibles c={c} onDone={reload} />}
      {may('reevaluation_started') && <StartReevaluation c={c} onDone={reload} />}
      {full && may('service_ended') && <EndService c={c} today={today} onDone={reload} />}
    </>
  );
}

/**
 * The case's housekeeping, folded away: its owner, sending it to another unit, correcting an entry.
 * The forms are made only when opened: closed, the page holds no second copy of the timeline's words.
 */
function CaseHousekeeping({ c, reload, me, history, units, may }: Props & { may: (a: ActionType) => boolean }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const shown = (['case_routed', 'owner_assigned', 'entry_corrected'] as const).filter(may);
  if (c.access !== 'full' || shown.length === 0) return null;
  return (
    <Details data-testid="case-housekeeping" onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <Details.Summary>{t('moreActions')}</Details.Summary>
      <Details.Content className="stack">
        {open && may('owner_assigned') && <AssignOwner c={c} me={me} onDone={reload} />}
        {open && may('case_routed') && <RouteCase c={c} units={units} onDone={reload} />}
        {open && may('entry_corrected') && <CorrectEntry c={c} history={history} onDone={reload} />}
      </Details.Content>
    </Details>
  );
}

export function LifecyclePanels(props: Props) {
  const may = (a: ActionType) => props.c.allowedActions.includes(a);
  return (
    <>
      <RequestPanels {...props} may={may} />
      <ServicePanels {...props} may={may} />
      <ComplaintPanels c={props.c} today={props.today} onDone={props.reload} />
      <CaseHousekeeping {...props} may={may} />
    </>
  );
}
