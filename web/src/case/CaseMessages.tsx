/**
 * The messages the case caused to national services (digital post of its letters, the archive, the
 * GP's orientation), and what became of each: waiting, sent, delivered (read, printed, archived) or
 * not delivered, with the archive's reference and the last error. A message not delivered is also a
 * work item on the case until someone has sent it another way and answered it.
 */
import { Paragraph, Tag } from '@digdir/designsystemet-react';
import { api, ok } from '../api/client.ts';
import { useI18n, type Key } from '../i18n.tsx';
import { LoadState, useLoad } from '../useLoad.tsx';
import { dateTimeIn } from './caseFileFormat.ts';
import { Empty, Panel } from './Panel.tsx';

type Message = Awaited<ReturnType<typeof loadMessages>>[number];

async function loadMessages(caseId: string) {
  return ok(await api.GET('/api/v1/cases/{id}/messages', { params: { path: { id: caseId } } }));
}

const COLOUR: Record<Message['status'], 'neutral' | 'info' | 'success' | 'danger'> = { pending: 'neutral', sent: 'info', delivered: 'success', failed: 'danger' };

export function CaseMessages({ caseId, version }: { caseId: string; version: number }) {
  const { t, lang } = useI18n();
  const loaded = useLoad(() => loadMessages(caseId), [caseId, version]);
  const messages = loaded.data;
  return (
    <Panel title={t('msgTitle')} testId="case-messages">
      <LoadState loaded={loaded} />
      {messages && messages.length === 0 && <Empty>{t('msgNone')}</Empty>}
      {messages && messages.length > 0 && (
        <ul className="stack" style={{ listStyle: 'none', padding: 0 }}>
          {messages.map((m) => (
            <li key={m.id} data-testid={`message-${m.channel}`} data-status={m.status}>
              <Paragraph>
                <strong>{t(`msgChannel_${m.channel}` as Key)}</strong> · {dateTimeIn(lang, m.createdAt)}{' '}
                <Tag data-color={COLOUR[m.status]} data-size="sm">
                  {t(`msgStatus_${m.status}` as Key)}
                </Tag>
              </Paragraph>
              <Paragraph data-size="sm">
                {m.reference ? `${t('msgReference')}: ${m.reference} · ` : ''}
                {t('msgAttempts')}: {m.attempts}
                {m.lastError ? ` · ${t('msgLastError')}: ${m.lastError}` : ''}
              </Paragraph>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

