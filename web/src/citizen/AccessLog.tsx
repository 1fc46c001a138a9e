/**
 * The applicant's own access log (innsynslogg, pasientjournalloven § 18): who in the municipality
 * has seen or changed their information, when and why, in plain words. Emergency access stands out
 * with its reason. Only the applicant's own record: never that of someone they applied for.
 */
import { Alert, Button, Heading, Paragraph, Spinner, Table, Tag } from '@digdir/designsystemet-react';
import { api, ok } from '../api/client.ts';
import { osloDateTime } from '../dates.ts';
import { useI18n, type Key } from '../i18n.tsx';
import type { Reply } from '../session.ts';
import { useLoad } from '../useLoad.tsx';

type Entry = Reply<'/api/v1/citizen/access-log', 'get'>[number];

/** The reason an emergency access gave: what follows the first ": " of its resource text. */
export function emergencyReason(resource: string): string {
  const at = resource.indexOf(': ');
  return at < 0 ? '' : resource.slice(at + 2);
}

/** The plain word for a code, or the code itself when the words have none (a value added later). */
function useWord(): (prefix: string, code: string) => string {
  const { t } = useI18n();
  return (prefix, code) => t(`${prefix}${code}` as Key) ?? code;
}

function WhatTheyDid({ entry }: { entry: Entry }) {
  const { t } = useI18n();
  const word = useWord();
  if (entry.operation !== 'emergency') return <>{word('citizenLogOp_', entry.operation)}</>;
  const reason = emergencyReason(entry.resource);
  return (
    <div className="stack">
      <div>
        <Tag data-color="warning">{t('citizenLogOp_emergency')}</Tag>
      </div>
      <Paragraph data-size="sm">{t('citizenLogEmergencyHelp')}</Paragraph>
      {reason && (
        <Paragraph data-size="sm" data-testid="emergency-reason">
          {t('citizenLogReason')}: «{reason}»
        </Paragraph>
      )}
    </div>
  );
}

function LogTable({ entries }: { entries: readonly Entry[] }) {
  const { t } = useI18n();
  const word = useWord();
  return (
    <Table zebra data-testid="citizen-access-log">
      <caption className="ds-sr-only">{t('citizenLogTitle')}</caption>
      <Table.Head>
        <Table.Row>
          <Table.HeaderCell>{t('citizenLogWhen')}</Table.HeaderCell>
          <Table.HeaderCell>{t('citizenLogWho')}</Table.HeaderCell>
          <Table.HeaderCell>{t('citizenLogWhat')}</Table.HeaderCell>
          <Table.HeaderCell>{t('citizenLogWhy')}</Table.HeaderCell>
        </Table.Row>
      </Table.Head>
      <Table.Body>
        {entries.map((e, i) => (
          <Table.Row key={`${e.at}-${i}`} data-operation={e.operation}>
            <Table.Cell>
              <time dateTime={e.at}>{osloDateTime(e.at)}</time>
            </Table.Cell>
            <Table.Cell>{e.staffName}</Table.Cell>
            <Table.Cell>
              <WhatTheyDid entry={e} />
            </Table.Cell>
            <Table.Cell>{word('citizenLogPurpose_', e.purpose)}</Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  );
}

export function AccessLog() {
  const { t } = useI18n();
  // Loaded once: reading the log is itself logged, so it is not read again without the applicant asking.
  const loaded = useLoad(async () => ok(await api.GET('/api/v1/citizen/access-log')), []);
  const entries = loaded.data;
  return (
    <section className="panel stack" aria-labelledby="access-log-title">
      <Heading level={2} data-size="md" id="access-log-title">
        {t('citizenLogTitle')}
      </Heading>
      <Paragraph>{t('citizenLogIntro')}</Paragraph>
      {loaded.error && (
        <Alert data-color="danger" role="alert">
          <div className="stack">
            <Paragraph>{t('citizenLogError')}</Paragraph>
            <div>
              <Button variant="secondary" data-size="sm" onClick={loaded.reload}>
                {t('citizenLogRetry')}
              </Button>
            </div>
          </div>
        </Alert>
      )}
      {!loaded.error && !entries && <Spinner aria-label={t('loading')} />}
      {entries && entries.length === 0 && <Paragraph>{t('citizenLogEmpty')}</Paragraph>}
      {entries && entries.length > 0 && <LogTable entries={entries} />}
    </section>
  );
}
