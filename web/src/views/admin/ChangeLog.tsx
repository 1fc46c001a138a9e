/**
 * The log of changes to the organisation, newest first: what kind of change, from which day, who made
 * it and why, when it was recorded and when it took effect (a scheduled merge waits for its day). The
 * summary is the server's record of what was done, kept as written (in English).
 */
import { Heading, Paragraph, Table, Tag } from '@digdir/designsystemet-react';
import { api, ok } from '../../api/client.ts';
import { osloDateTime } from '../../dates.ts';
import { useI18n } from '../../i18n.tsx';
import { LoadState, useLoad } from '../../useLoad.tsx';
import { changeKindWords, dayWords, type OrgChange } from './adminData.ts';

/** When a merge took effect; a scheduled one waits for its day. Other changes hold from their date as recorded. */
function Applied({ c }: { c: OrgChange }) {
  const { t } = useI18n();
  if (c.appliedAt) return <>{osloDateTime(c.appliedAt)}</>;
  return c.kind === 'unit_merge_scheduled' ? <Tag data-color="warning">{t('adminNotApplied')}</Tag> : <>–</>;
}

function ChangeRow({ c }: { c: OrgChange }) {
  const { t } = useI18n();
  return (
    <Table.Row data-testid={`change-${c.kind}`}>
      <Table.Cell>{osloDateTime(c.recordedAt)}</Table.Cell>
      <Table.Cell>{changeKindWords(t, c.kind)}</Table.Cell>
      <Table.Cell>
        <span lang="en">{c.summary}</span>
      </Table.Cell>
      <Table.Cell>{dayWords(c.effectiveOn)}</Table.Cell>
      <Table.Cell>
        <Applied c={c} />
      </Table.Cell>
      <Table.Cell>{c.staffName}</Table.Cell>
      <Table.Cell>{c.reason ?? '–'}</Table.Cell>
    </Table.Row>
  );
}

export function ChangeLogSection() {
  const { t } = useI18n();
  const loaded = useLoad(async () => ok(await api.GET('/api/v1/organisation/changes', { params: { query: { limit: 200 } } })), []);
  const changes = loaded.data;
  return (
    <div className="stack">
      <Heading level={2} data-size="sm">
        {t('adminLog')}
      </Heading>
      <Paragraph data-size="sm">{t('adminLogHelp')}</Paragraph>
      <LoadState loaded={loaded} />
      {changes && changes.length === 0 && <Paragraph data-testid="admin-log-empty">{t('adminNoChanges')}</Paragraph>}
      {changes && changes.length > 0 && (
        <Table zebra data-testid="admin-log">
          <caption className="ds-sr-only">{t('adminLog')}</caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>{t('adminRecordedAt')}</Table.HeaderCell>
              <Table.HeaderCell>{t('adminChangeKind')}</Table.HeaderCell>
              <Table.HeaderCell>{t('adminSummary')}</Table.HeaderCell>
              <Table.HeaderCell>{t('adminEffectiveOn')}</Table.HeaderCell>
              <Table.HeaderCell>{t('adminAppliedAt')}</Table.HeaderCell>
              <Table.HeaderCell>{t('adminBy')}</Table.HeaderCell>
              <Table.HeaderCell>{t('adminReasonShort')}</Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {changes.map((c) => (
              <ChangeRow key={c.id} c={c} />
            ))}
          </Table.Body>
        </Table>
      )}
    </div>
  );
}
