/**
 * A case the staff member has no need for (tjenstlig behov): what that means, and emergency access
 * (akuttilgang) for a stated reason. The access lasts four hours, is written to the person's access
 * log and is reviewed by a leader afterwards (src/app/emergencyAccess.ts).
 */
import { Alert, Heading, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { api, ApiProblem, commandHeaders, ok } from '../api/client.ts';
import { useI18n } from '../i18n.tsx';
import { ActionForm } from './ActionForm.tsx';

/** The server's shortest reason (emergencyAccessInput), checked here so the field says it at once. */
const MIN_REASON = 10;

export function NoNeed({ caseId, onOpened }: { caseId: string; onOpened: (expiresAt: string) => Promise<void> }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const submit = async () => {
    if (reason.trim().length < MIN_REASON) {
      throw new ApiProblem({ status: 400, detail: t('emergencyReasonShort'), errors: [{ field: 'reason', message: t('emergencyReasonShort') }] });
    }
    const granted = ok(await api.POST('/api/v1/cases/{id}/emergency-access', { params: { path: { id: caseId }, header: commandHeaders() }, body: { reason: reason.trim() } }));
    await onOpened(granted.expiresAt);
  };
  return (
    <div className="stack">
      <Alert data-color="warning" data-testid="no-need">
        <Heading level={1} data-size="sm">
          {t('noNeedTitle')}
        </Heading>
        <Paragraph>{t('noNeedHelp')}</Paragraph>
      </Alert>
      <ActionForm title={t('emergencyTitle')} submitLabel={t('emergencyOpen')} onSubmit={submit} testId="emergency-access">
        {({ fieldError }) => (
          <>
            <Paragraph>{t('emergencyRules')}</Paragraph>
            <Textfield
              multiline
              rows={3}
              label={t('emergencyReason')}
              description={t('emergencyReasonHelp')}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              error={fieldError('reason')}
            />
          </>
        )}
      </ActionForm>
    </div>
  );
}

/** The time an emergency access ends, in the reader's words. */
export function EmergencyUntil({ expiresAt }: { expiresAt: string }) {
  const { t } = useI18n();
  const until = new Date(expiresAt).toLocaleTimeString('nb-NO', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Oslo' });
  return (
    <Alert data-color="warning" data-testid="emergency-until">
      {t('emergencyGranted')} {until}. {t('emergencyRules')}
    </Alert>
  );
}

/** What an order's view shows, and what it leaves out (history, letters, the criteria evaluation). */
export function OrderAccessNotice() {
  const { t } = useI18n();
  return (
    <Alert data-color="info" data-testid="order-access">
      <Heading level={2} data-size="xs">
        {t('orderAccessTitle')}
      </Heading>
      <Paragraph>{t('orderAccessHelp')}</Paragraph>
    </Alert>
  );
}
