/**
 * The start of delivery (tjenesten startet): recorded by the provider on an accepted order, from the
 * case or from the provider's own list of cases (views/ProviderCases.tsx).
 */
import { Textfield } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useI18n } from '../i18n.tsx';
import { ActionForm } from './ActionForm.tsx';
import type { Done } from './LifecycleFields.tsx';
import { appendAction, type CaseData } from './useCase.ts';

/** The provider records that delivery has started; also offered in the provider's own list of cases. */
export function ServiceStarted({ c, today, onDone, title, level }: { c: CaseData; today: string; onDone: Done; title?: string; level?: 2 | 3 }) {
  const { t } = useI18n();
  const [startedOn, setStartedOn] = useState(today);
  const submit = async () => {
    await appendAction(c, { type: 'service_started', payload: { startedOn } });
    await onDone();
  };
  return (
    <ActionForm title={title ?? t('startedTitle')} submitLabel={t('startedSubmit')} onSubmit={submit} testId={`service-started-${c.caseNumber}`} level={level}>
      {({ fieldError }) => <Textfield label={t('startedOn')} type="date" value={startedOn} onChange={(e) => setStartedOn(e.target.value)} error={fieldError('startedOn')} />}
    </ActionForm>
  );
}
