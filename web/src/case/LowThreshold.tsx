/**
 * Answering a request with a low-threshold offer the person accepted, without a decision. The
 * criteria evaluation must point there (the server's guard), and the person must have accepted and
 * have been told they may still ask for a decision that can be appealed: both are confirmed here.
 */
import { Checkbox, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { ApiProblem } from '../api/client.ts';
import { useI18n } from '../i18n.tsx';
import { ActionForm } from './ActionForm.tsx';
import { RepresentativeCheckFirst } from './RepresentativeCheck.tsx';
import { appendAction, type CaseData } from './useCase.ts';

export function LowThresholdAnswer({ c, today, onDone }: { c: CaseData; today: string; onDone: () => Promise<void> }) {
  const { t } = useI18n();
  const [offer, setOffer] = useState('');
  const [agreedOn, setAgreedOn] = useState(today);
  const [accepted, setAccepted] = useState(false);
  const [told, setTold] = useState(false);
  const [note, setNote] = useState('');
  const submit = async () => {
    const missing = [...(accepted ? [] : ['personAccepted']), ...(told ? [] : ['toldOfRightToDecision'])];
    if (missing.length) throw new ApiProblem({ status: 400, detail: t('mustConfirm'), errors: missing.map((field) => ({ field, message: t('mustConfirm') })) });
    await appendAction(c, { type: 'request_answered_low_threshold', payload: { offer, agreedOn, personAccepted: true, toldOfRightToDecision: true, ...(note.trim() ? { note } : {}) } });
    await onDone();
  };
  return (
    <ActionForm title={t('lowThresholdTitle')} submitLabel={t('answerLowThreshold')} onSubmit={submit} testId="low-threshold">
      {({ fieldError }) => (
        <>
          <RepresentativeCheckFirst c={c} />
          <Paragraph>{t('lowThresholdHelp')}</Paragraph>
          <Textfield label={t('offer')} value={offer} onChange={(e) => setOffer(e.target.value)} error={fieldError('offer')} />
          <Textfield label={t('agreedOn')} type="date" value={agreedOn} onChange={(e) => setAgreedOn(e.target.value)} error={fieldError('agreedOn')} />
          <Checkbox label={t('personAccepted')} checked={accepted} onChange={(e) => setAccepted(e.target.checked)} error={fieldError('personAccepted')} required />
          <Checkbox label={t('toldOfRightToDecision')} checked={told} onChange={(e) => setTold(e.target.checked)} error={fieldError('toldOfRightToDecision')} required />
          <Textfield multiline rows={2} label={t('lowThresholdNote')} value={note} onChange={(e) => setNote(e.target.value)} error={fieldError('note')} />
        </>
      )}
    </ActionForm>
  );
}
