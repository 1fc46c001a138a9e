/** The work queue: open items with owner, age and escalation limit, filtered by owner, kind and overdue, with saved views. */
import { Button, Checkbox, Field, Heading, Label, Link, Paragraph, Select, Table, Tag, Textfield } from '@digdir/designsystemet-react';
import { useEffect, useState } from 'react';
import { api, ok } from '../api/client.ts';
import { useI18n, type Key } from '../i18n.tsx';
import type { Me, Reply } from '../session.ts';
import { QUEUE_KINDS, useSavedViews, type QueueFilter, type SavedView } from './savedViews.ts';

type Item = Reply<'/api/v1/work-queue', 'get'>[number];
export function Queue({ me }: { me: Me }) {
  const { t } = useI18n();
  const { filter, setFilter, views, save, remove } = useSavedViews(`${me.municipalityId}.${me.username}`);
  const [items, setItems] = useState<Item[] | null>(null);
  useEffect(() => {
    const query = { ...(filter.owner ? { owner: filter.owner } : {}), ...(filter.kind ? { kind: filter.kind } : {}), ...(filter.overdue ? { overdue: 'true' as const } : {}) };
    void api.GET('/api/v1/work-queue', { params: { query } }).then((r) => setItems(ok(r)));
  }, [filter]);
  return (
    <div className="stack">
      <Heading level={1} data-size="lg">
        {t('queueTitle')}
      </Heading>
      <SavedViewButtons views={views} current={filter} onApply={setFilter} onRemove={remove} />
      <div className="row">
        <Field>
          <Label>{t('queueFilterOwner')}</Label>
          <Select value={filter.owner} onChange={(e) => setFilter({ ...filter, owner: e.target.value as QueueFilter['owner'] })}>
            <Select.Option value="me">{t('ownerMe')}</Select.Option>
            <Select.Option value="my_units">{t('ownerUnits')}</Select.Option>
            <Select.Option value="unowned">{t('ownerUnowned')}</Select.Option>
            <Select.Option value="">{t('ownerAll')}</Select.Option>
          </Select>
        </Field>
        <Field>
          <Label>{t('queueFilterKind')}</Label>
          <Select value={filter.kind} onChange={(e) => setFilter({ ...filter, kind: e.target.value as QueueFilter['kind'] })}>
            <Select.Option value="">{t('allKinds')}</Select.Option>
            {QUEUE_KINDS.map((k) => (
              <Select.Option key={k} value={k}>
                {t(`kind_${k}` as Key)}
              </Select.Option>
            ))}
          </Select>
        </Field>
        <Checkbox label={t('overdueOnly')} checked={filter.overdue} onChange={(e) => setFilter({ ...filter, overdue: e.target.checked })} />
        <SaveViewForm onSave={save} />
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

function SavedViewButtons({ views, current, onApply, onRemove }: { views: readonly SavedView[]; current: QueueFilter; onApply: (f: QueueFilter) => void; onRemove: (name: string) => void }) {
  const { t } = useI18n();
  if (views.length === 0) return null;
  return (
    <nav aria-label={t('savedViews')} className="row" data-testid="saved-views">
      {views.map((v) => (
        <span key={v.name} className="row">
          <Button variant={JSON.stringify(v.filter) === JSON.stringify(current) ? 'primary' : 'secondary'} data-size="sm" onClick={() => onApply(v.filter)}>
            {v.name}
          </Button>
          <Button variant="tertiary" data-size="sm" aria-label={`${t('removeView')} ${v.name}`} onClick={() => onRemove(v.name)}>
            ×
          </Button>
        </span>
      ))}
    </nav>
  );
}

function SaveViewForm({ onSave }: { onSave: (name: string) => void }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  return (
    <form
      className="row"
      onSubmit={(e) => {
        e.preventDefault();
        if (name.trim()) onSave(name.trim());
        setName('');
      }}
    >
      <Textfield label={t('viewName')} value={name} onChange={(e) => setName(e.target.value)} />
      <Button type="submit" variant="secondary">
        {t('saveView')}
      </Button>
    </form>
  );
}
