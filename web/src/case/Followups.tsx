/** Commands that follow a decision: a complaint (klage) and a provider's change report (endringsmelding). */
import { Fieldset, Radio, Textfield } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { ApiProblem } from '../api/client.ts';
import { useI18n, type Key } from '../i18n.tsx';
import { authority, RepresentativeFields } from '../views/RepresentativeFields.tsx';
import { ActionForm } from './ActionForm.tsx';
import { appendAction, type CaseData } from './useCase.ts';
import { osloDate } from '../dates.ts';

type Done = () => Promise<void>;

export function ComplaintForm({ c, onDone }: { c: CaseData; onDone: Done }) {
  const { t } = useI18n();
  const [v, setV] = useState({ complainant: 'person', name: '', authority: 'power_of_attorney', documentedOn: '', receivedOn: osloDate(), postedOn: '', summary: '', concerns: 'decision', late: '' });
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });
  const submit = async () => {
    if (v.complainant === 'representative' && v.name.trim() === '') throw new ApiProblem({ status: 400, detail: t('representativeRequired'), errors: [{ field: 'representative.name', message: t('representativeRequired') }] });
    const representative = v.complainant === 'representative' ? { name: v.name, authority: authority(v.authority), ...(v.documentedOn ? { documentedOn: v.documentedOn } : {}) } : undefined;
    await appendAction(c, {
      type: 'complaint_received',
      payload: {
        complainant: v.complainant === 'representative' ? 'representative' : 'person',
        receivedOn: v.receivedOn,
        ...(v.postedOn ? { postedOn: v.postedOn } : {}),
        summary: v.summary,
        concerns: v.concerns === 'delivery' ? 'delivery' : 'decision',
        ...(representative ? { representative } : {}),
        ...(v.late ? { lateAcceptedReason: v.late } : {}),
      },
    });
    await onDone();
  };
  return (
    <ActionForm title={t('complaintTitle')} submitLabel={t('sendComplaint')} onSubmit={submit} testId="complaint">
      {({ fieldError }) => (
        <>
          <Fieldset>
            <Fieldset.Legend>{t('complainant')}</Fieldset.Legend>
            {['person', 'representative'].map((o) => (
              <Radio key={o} name="complainant" value={o} label={t(`complainant_${o}` as Key)} checked={v.complainant === o} onChange={set('complainant')} />
            ))}
          </Fieldset>
          {v.complainant === 'representative' && (
            <>
              <RepresentativeFields name={v.name} authority={v.authority} onName={set('name')} onAuthority={set('authority')} error={fieldError('name')} />
              <Textfield label={t('documentedOn')} type="date" value={v.documentedOn} onChange={set('documentedOn')} />
            </>
          )}
          <Fieldset>
            <Fieldset.Legend>{t('concerns')}</Fieldset.Legend>
            {['decision', 'delivery'].map((o) => (
              <Radio key={o} name="concerns" value={o} label={t(`concerns_${o}` as Key)} checked={v.concerns === o} onChange={set('concerns')} />
            ))}
          </Fieldset>
          <Textfield label={t('receivedOnLabel')} type="date" value={v.receivedOn} onChange={set('receivedOn')} error={fieldError('receivedOn')} />
          <Textfield label={t('postedOn')} description={t('postedOnHelp')} type="date" value={v.postedOn} max={v.receivedOn} onChange={set('postedOn')} error={fieldError('postedOn')} />
          <Textfield multiline rows={3} label={t('complaintSummary')} value={v.summary} onChange={set('summary')} error={fieldError('summary')} />
          <Textfield multiline rows={2} label={t('lateReason')} value={v.late} onChange={set('late')} error={fieldError('lateAcceptedReason')} />
        </>
      )}
    </ActionForm>
  );
}

export function ChangeProposal({ c, onDone }: { c: CaseData; onDone: Done }) {
  const { t } = useI18n();
  const [hours, setHours] = useState('');
  const [direction, setDirection] = useState<'increase' | 'decrease'>('increase');
  const [description, setDescription] = useState('');
  const submit = async () => {
    const payload = { description, direction, ...(hours !== '' ? { proposedHoursPerWeek: Number(hours) } : {}) };
    await appendAction(c, { type: 'change_proposed', payload });
    setDescription('');
    await onDone();
  };
  return (
    <ActionForm title={t('changeTitle')} submitLabel={t('sendChange')} onSubmit={submit} testId="change">
      {({ fieldError }) => (
        <>
          <Fieldset>
            <Fieldset.Legend>{t('direction')}</Fieldset.Legend>
            {(['increase', 'decrease'] as const).map((o) => (
              <Radio key={o} name="direction" value={o} label={t(`direction_${o}`)} checked={direction === o} onChange={() => setDirection(o)} />
            ))}
          </Fieldset>
          <Textfield label={t('proposedHours')} type="number" min={0} step={0.5} value={hours} onChange={(e) => setHours(e.target.value)} error={fieldError('proposedHoursPerWeek')} />
          <Textfield multiline rows={3} label={t('changeDescription')} value={description} onChange={(e) => setDescription(e.target.value)} error={fieldError('description')} />
        </>
      )}
    </ActionForm>
  );
}
