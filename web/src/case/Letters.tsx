/**
 * The letters of the case (from the history's letter_issued entries): which kind, when and by
 * whom, and why a decision letter was issued again; one opens as the stored PDF (GET /letters/{id})
 * beside the list.
 */
import { Alert, Button, Paragraph } from '@digdir/designsystemet-react';
import { useEffect, useState } from 'react';
import { api } from '../api/client.ts';
import { useI18n } from '../i18n.tsx';
import type { Entry, HistoryEntry } from './useCase.ts';
import { dateTimeIn } from './caseFileFormat.ts';
import { Empty, Panel } from './Panel.tsx';

type Issued = Entry<'letter_issued'>;

export function Letters({ history }: { history: readonly HistoryEntry[] }) {
  const { t, lang } = useI18n();
  const letters = history.filter((e): e is Issued => e.type === 'letter_issued');
  const [open, setOpen] = useState<{ id: string; url: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => () => (open ? URL.revokeObjectURL(open.url) : undefined), [open]);
  const show = async (id: string) => {
    setError(null);
    const r = await api.GET('/api/v1/letters/{id}', { params: { path: { id } }, parseAs: 'blob' });
    if (!r.response.ok || !r.data) return setError(`${t('cfLetterNotOpened')} (HTTP ${r.response.status})`);
    setOpen({ id, url: URL.createObjectURL(r.data as Blob) });
  };
  return (
    <Panel title={t('cfLetters')} testId="letters">
      {letters.length === 0 ? (
        <Empty>{t('cfNoLetters')}</Empty>
      ) : (
        <ul className="stack" style={{ listStyle: 'none', padding: 0 }}>
          {[...letters].reverse().map((l) => (
            <li key={l.seq} data-testid={`letter-${l.payload.letterId}`}>
              <Paragraph>
                <strong>{t(`cfLetterKind_${l.payload.kind}`)}</strong> — {dateTimeIn(lang, l.occurredAt)} {t('by')} {l.actorName}
                {l.payload.reissueReason ? ` · ${t('cfReissued')}: «${l.payload.reissueReason}»` : ''}
              </Paragraph>
              {open?.id === l.payload.letterId ? (
                <Button variant="tertiary" data-size="sm" onClick={() => setOpen(null)}>
                  {t('cfCloseLetter')}
                </Button>
              ) : (
                <Button variant="secondary" data-size="sm" onClick={() => void show(l.payload.letterId)}>
                  {t('cfOpenLetter')}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {error && (
        <Alert data-color="danger" role="alert">
          {error}
        </Alert>
      )}
      {open && <iframe className="letter" title={t('cfLetterShown')} src={open.url} data-testid="letter-frame" />}
    </Panel>
  );
}
