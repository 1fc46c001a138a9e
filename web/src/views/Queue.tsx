/**
 * The work queue: open items with who answers them (the case owner, or the provider by name), age
 * and escalation limit, or the due date of a dated item; filtered by owner, kind (every kind of work
 * item) and overdue, with saved views.
 */
import { Alert, Button, Checkbox, Field, Heading, Label, Link, Paragraph, Select, Spinner, Table, Tag, Textfield } from '@digdir/designsystemet-react';
import { useEffect, useState } from 'react';
import { api, ok } from '../api/client.ts';
import { useI18n } from '../i18n.tsx';
import { holderWords, kindKey } from '../labels.ts';
import type { Me, Reply } from '../session.ts';
import { QUEUE_KINDS, useSavedViews, type QueueFilter, type SavedView } from './savedViews.ts';

type Item = Reply<'/api/v1/work-queue', 'get'>[number];
export function Queue({ me }: { me: Me }) {
  const { t } = useI18n();
  const { filter, setFilter, views, save, remove } = useSavedViews(`${me.municipalityId}.${me.username}`);
  const [items, setItems] = useState<Item[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const query = { ...(filter.owner ? { owner: filter.owner } : {}), ...(filter.kind ? { kind: filter.kind } : {}), ...(filter.overdue ? { overdue: 'true' as const } : {}) };
    let current = true;
    setItems(null);
    api
      .GET('/api/v1/work-queue', { params: { query } })
      .then((r) => {
        if (!current) return;
        setItems(ok(r));
        setError(null);
      })
      .catch((e: unknown) => current && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      current = false;
    };
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
                {t(kindKey(k))}
              </Select.Option>
            ))}
          </Select>
        </Field>
        <Checkbox label={t('overdueOnly')} checked={filter.overdue} onChange={(e) => setFilter({ ...filter, overdue: e.target.checked })} />
        <SaveViewForm onSave={save} />
      </div>
      {error && (
        <Alert data-color="danger" role="alert">
          {t('error')}: {error}
        </Alert>
      )}
      {!items && !error && <Spinner aria-label={t('loading')} />}
      {items && items.length === 0 && <Paragraph>{t('noItems')}</Paragraph>}
      {items && items.length > 0 && <QueueTable items={items} />}
    </div>
  );
}

function QueueRow({ i }: { i: Item }) {
  const { t } = useI18n();
  const overdue = i.overdue && <Tag data-color="danger">{t('overdue')}</Tag>;
  return (
    <Table.Row data-testid={`queue-${i.caseNumber}-${i.kind}`}>
      <Table.Cell>
        <Link href={`#/cases/${i.caseId}`}>{i.caseNumber}</Link>
      </Table.Cell>
      <Table.Cell>{i.personName}</Table.Cell>
      <Table.Cell>{t(kindKey(i.kind))}</Table.Cell>
      <Table.Cell>{holderWords(t, i.holder, i.providerUnit?.name ?? null)}</Table.Cell>
      <Table.Cell>
        {i.ageDays} {i.dueOn === null && overdue}
      </Table.Cell>
      <Table.Cell>{i.limitDays ?? '–'}</Table.Cell>
      <Table.Cell>
        {i.dueOn ?? '–'} {i.dueOn !== null && overdue}
      </Table.Cell>
      <Table.Cell>{i.owner?.name ?? i.ownerUnit?.name ?? '–'}</Table.Cell>
    </Table.Row>
  );
}

/** The items with their kind, who answers, age against the limit (aged items) or the due date (dated items), and owner. */
function QueueTable({ items }: { items: readonly Item[] }) {
  const { t } = useI18n();
  return (
    <Table zebra data-testid="work-queue">
      <caption className="ds-sr-only">{t('queueTitle')}</caption>
      <Table.Head>
        <Table.Row>
          <Table.HeaderCell>{t('caseNumber')}</Table.HeaderCell>
          <Table.HeaderCell>{t('person')}</Table.HeaderCell>
          <Table.HeaderCell>{t('task')}</Table.HeaderCell>
          <Table.HeaderCell>{t('holder')}</Table.HeaderCell>
          <Table.HeaderCell>{t('age')}</Table.HeaderCell>
          <Table.HeaderCell>{t('limit')}</Table.HeaderCell>
          <Table.HeaderCell>{t('dueOn')}</Table.HeaderCell>
          <Table.HeaderCell>{t('owner')}</Table.HeaderCell>
        </Table.Row>
      </Table.Head>
      <Table.Body>
        {items.slice(0, 200).map((i) => (
          <QueueRow key={`${i.caseId}-${i.key}`} i={i} />
        ))}
      </Table.Body>
    </Table>
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
