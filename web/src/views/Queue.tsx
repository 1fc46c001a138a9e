/**
 * The work queue: open items with who answers them (the case owner, or the provider by name), the
 * case's service, received date and status (carried by each item: the queue reads no case), the age
 * (a request's from its received date; never below zero) and escalation limit, or the
 * due date of a dated item and how far off it is; filtered by owner, kind (every kind of work item)
 * and overdue, with saved views; searched by case number and sorted by age, due date, received
 * date, service or status. The counts are of the filtered items, the same items the leader's queue
 * health counts from (with "Alle" the overdue count is the leader's).
 * The list is read a page at a time (GET /work-queue/page, oldest first; "Vis flere" reads the next
 * page); the filters and the search are applied by the server, the counts come from
 * GET /work-queue/counts, and sorting by a column sorts the rows loaded so far.
 */
import { Button, Checkbox, Field, Heading, Label, Paragraph, Select, Spinner, Textfield } from '@digdir/designsystemet-react';
import { useDeferredValue, useState } from 'react';
import { useI18n } from '../i18n.tsx';
import { kindKey } from '../labels.ts';
import { useServiceName } from '../services.ts';
import type { Me } from '../session.ts';
import { FirstPageError, MorePages, PageSizeSelect, useQueuePages, type Counts, type QueuePages } from './queuePages.tsx';
import { QUEUE_KINDS, useQueueSort, useSavedViews, type QueueFilter, type SavedView } from './savedViews.ts';
import { sortItems, WorkItemTable, type WorkItem as Item } from './WorkItemTable.tsx';

export function Queue({ me }: { me: Me }) {
  const { t } = useI18n();
  const user = `${me.municipalityId}.${me.username}`;
  const { filter, setFilter, views, save, remove } = useSavedViews(user);
  const [search, setSearch] = useState('');
  const needle = useDeferredValue(search.trim());
  const [limit, setLimit] = useState<number>(50);
  const { pages, counts } = useQueuePages(filter, needle, limit);
  return (
    <div className="stack">
      <Heading level={1} data-size="lg">
        {t('queueTitle')}
      </Heading>
      <SavedViewButtons views={views} current={filter} onApply={setFilter} onRemove={remove} />
      <FilterRow filter={filter} setFilter={setFilter} onSave={save} />
      <div className="row">
        <Textfield label={t('queueSearch')} type="search" autoComplete="off" value={search} onChange={(e) => setSearch(e.target.value)} data-testid="queue-search" />
        <PageSizeSelect label="queuePageSize" limit={limit} onChange={setLimit} testId="queue-page-size" />
      </div>
      <QueueBody pages={pages} counts={counts} searching={needle !== ''} user={user} />
    </div>
  );
}


/** The first page's loading and error states, the list (or that it is empty), and "Vis flere". */
function QueueBody({ pages, counts, searching, user }: { pages: QueuePages; counts: Counts | null; searching: boolean; user: string }) {
  const { t } = useI18n();
  const items = pages.data?.pages.flatMap((p) => p.items) ?? null;
  if (pages.isError && !pages.isFetchNextPageError) return <FirstPageError pages={pages} />;
  if (!items) return <Spinner aria-label={t('loading')} />;
  if (items.length === 0) return <Paragraph role="status">{searching ? t('queueNoMatch') : t('noItems')}</Paragraph>;
  return (
    <>
      <QueueItems items={items} counts={counts} searching={searching} user={user} />
      <MorePages pages={pages} />
    </>
  );
}

function FilterRow({ filter, setFilter, onSave }: { filter: QueueFilter; setFilter: (f: QueueFilter) => void; onSave: (name: string) => void }) {
  const { t } = useI18n();
  return (
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
      <SaveViewForm onSave={onSave} />
    </div>
  );
}

const QUEUE_COLUMNS = ['case', 'person', 'task', 'service', 'received', 'status', 'holder', 'age', 'limit', 'due', 'owner'] as const;

function QueueItems({ items, counts, searching, user }: { items: readonly Item[]; counts: Counts | null; searching: boolean; user: string }) {
  const { t } = useI18n();
  const { sort, toggle } = useQueueSort(user);
  const serviceName = useServiceName();
  const shown = sortItems(items, sort, t, serviceName);
  return (
    <>
      <Paragraph data-testid="queue-counts">
        {t('queueCounts')}: <strong data-testid="queue-open-count">{counts?.open ?? items.length}</strong> · {t('queueOverdue')}: <strong data-testid="queue-overdue-count">{counts?.overdue ?? items.filter((i) => i.overdue).length}</strong>
        {(searching || (counts !== null && counts.open > items.length)) && (
          <>
            {' '}
            · {t('queueShowing')}: <strong data-testid="queue-shown-count">{shown.length}</strong>
          </>
        )}
      </Paragraph>
      <Paragraph data-size="sm">
        {t('queueAgeHelp')} {t('queueSortHint')} {counts !== null && counts.open > items.length ? t('queueSortLoaded') : ''}
      </Paragraph>
      <WorkItemTable items={shown} columns={QUEUE_COLUMNS} caption={t('queueTitle')} testId="work-queue" rowTestId={(i) => `queue-${i.caseNumber}-${i.kind}`} limit={shown.length} sort={sort} onSort={toggle} />
    </>
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
