/** The work queue: open items with owner, age and escalation limit, filtered by owner, kind and overdue. */
import { Checkbox, Field, Heading, Label, Link, Paragraph, Select, Table, Tag } from '@digdir/designsystemet-react';
import { useEffect, useState } from 'react';
import { api, ok } from '../api/client.ts';
import { useI18n, type Key } from '../i18n.tsx';
import type { Reply } from '../session.ts';

type Item = Reply<'/api/v1/work-queue', 'get'>[number];
type Owner = 'me' | 'my_units' | 'unowned' | '';
const KINDS = ['request', 'assessment', 'order', 'delivery_start', 'change_report', 'complaint'] as const;

export function Queue() {
  const { t } = useI18n();
  const [owner, setOwner] = useState<Owner>(() => (localStorage.getItem('tildel.queue.owner') as Owner | null) ?? 'me');
  const [kind, setKind] = useState<(typeof KINDS)[number] | ''>('');
  const [overdue, setOverdue] = useState(false);
  const [items, setItems] = useState<Item[] | null>(null);
  useEffect(() => {
    localStorage.setItem('tildel.queue.owner', owner);
    const query = { ...(owner ? { owner } : {}), ...(kind ? { kind } : {}), ...(overdue ? { overdue: 'true' as const } : {}) };
    void api.GET('/api/v1/work-queue', { params: { query } }).then((r) => setItems(ok(r)));
  }, [owner, kind, overdue]);
  return (
    <div className="stack">
      <Heading level={1} data-size="lg">
        {t('queueTitle')}
      </Heading>
      <div className="row">
        <Field>
          <Label>{t('queueFilterOwner')}</Label>
          <Select value={owner} onChange={(e) => setOwner(e.target.value as Owner)}>
            <Select.Option value="me">{t('ownerMe')}</Select.Option>
            <Select.Option value="my_units">{t('ownerUnits')}</Select.Option>
            <Select.Option value="unowned">{t('ownerUnowned')}</Select.Option>
            <Select.Option value="">{t('ownerAll')}</Select.Option>
          </Select>
        </Field>
        <Field>
          <Label>{t('queueFilterKind')}</Label>
          <Select value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
            <Select.Option value="">{t('allKinds')}</Select.Option>
            {KINDS.map((k) => (
              <Select.Option key={k} value={k}>
                {t(`kind_${k}` as Key)}
              </Select.Option>
            ))}
          </Select>
        </Field>
        <Checkbox label={t('overdueOnly')} checked={overdue} onChange={(e) => setOverdue(e.target.checked)} />
      </div>
      {items && items.length === 0 && <Paragraph>{t('noItems')}</Paragraph>}
      {items && items.length > 0 && (
        <Table zebra>
          <caption className="ds-sr-only">{t('queueTitle')}</caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>{t('caseNumber')}</Table.HeaderCell>
              <Table.HeaderCell>{t('person')}</Table.HeaderCell>
              <Table.HeaderCell>{t('task')}</Table.HeaderCell>
              <Table.HeaderCell>{t('age')}</Table.HeaderCell>
              <Table.HeaderCell>{t('limit')}</Table.HeaderCell>
              <Table.HeaderCell>{t('owner')}</Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {items.slice(0, 200).map((i) => (
              <Table.Row key={`${i.caseId}-${i.kind}`}>
                <Table.Cell>
                  <Link href={`#/cases/${i.caseId}`}>{i.caseNumber}</Link>
                </Table.Cell>
                <Table.Cell>{i.personName}</Table.Cell>
                <Table.Cell>{t(`kind_${i.kind}` as Key)}</Table.Cell>
                <Table.Cell>
                  {i.ageDays} {i.overdue && <Tag data-color="danger">{t('overdue')}</Tag>}
                </Table.Cell>
                <Table.Cell>{i.limitDays ?? '–'}</Table.Cell>
                <Table.Cell>{i.owner?.name ?? i.ownerUnit?.name ?? '–'}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
    </div>
  );
}
