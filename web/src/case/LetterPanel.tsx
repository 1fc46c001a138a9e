/** The decision letter: a preview of the PDF before it is issued, and issuing it (stored with the case). */
import { Alert, Button, Heading, Textfield } from '@digdir/designsystemet-react';
import { useEffect, useState } from 'react';
import { api, ApiProblem, commandHeaders, ok } from '../api/client.ts';
import { useI18n } from '../i18n.tsx';

export function LetterPanel({ caseId, onIssued }: { caseId: string; onIssued: () => Promise<void> }) {
  const { t } = useI18n();
  const [url, setUrl] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // A decision letter is issued once; a second one is a reissue with a reason (the server asks for it).
  const [reasonAsked, setReasonAsked] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url]);
  const preview = async () => {
    const r = await api.POST('/api/v1/cases/{id}/letters/preview', { params: { path: { id: caseId } }, body: { kind: 'decision' }, parseAs: 'blob' });
    if (!r.response.ok || !r.data) return setMessage(t('error'));
    setUrl(URL.createObjectURL(r.data as Blob));
  };
  const issue = async () => {
    setError(null);
    try {
      const body = { kind: 'decision' as const, ...(reasonAsked && reason.trim() ? { reissueReason: reason.trim() } : {}) };
      ok(await api.POST('/api/v1/cases/{id}/letters', { params: { path: { id: caseId }, header: commandHeaders() }, body }));
    } catch (e) {
      if (!(e instanceof ApiProblem)) throw e;
      const asked = e.fieldError('reissueReason');
      if (asked) setReasonAsked(asked);
      else setError(e.message);
      return;
    }
    setReasonAsked(null);
    setReason('');
    setMessage(t('letterIssued'));
    await onIssued();
  };
  return (
    <section className="panel stack" aria-label={t('letterPreview')}>
      <Heading level={2} data-size="sm">
        {t('letterPreview')}
      </Heading>
      <div className="row">
        <Button variant="secondary" onClick={preview}>
          {t('previewLetter')}
        </Button>
        {url && (
          <Button variant="tertiary" onClick={() => setUrl(null)}>
            {t('closePreview')}
          </Button>
        )}
        <Button onClick={issue}>{reasonAsked ? t('reissueLetter') : t('issueLetter')}</Button>
      </div>
      {reasonAsked && <Textfield multiline rows={2} label={t('reissueReason')} description={reasonAsked} value={reason} onChange={(e) => setReason(e.target.value)} />}
      {error && (
        <Alert data-color="danger" role="alert">
          {error}
        </Alert>
      )}
      {message && <Alert data-color="info">{message}</Alert>}
      {url && <iframe className="letter" title={t('letterPreview')} src={url} />}
    </section>
  );
}
