/**
 * Open work items as a table, shared by the work queue and the team's items: each view names the
 * columns it shows and in what order. An overdue item is tagged at its age when the age is shown
 * and the item has no due date, otherwise at its due date. An age is never below zero, and a due
 * date says how far off it is ("om 3 dager", "2 dager over fristen"). The case's service, received
 * date and status come with the item itself (`serviceCode`, `receivedOn`, `stateKey`), so the table
 * reads no case. With `onSort`, the sortable columns' headers are buttons and carry aria-sort.
 */
import { Link, Table, Tag } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';
import { osloDate } from '../dates.ts';
import { useI18n, type Key } from '../i18n.tsx';
import { holderWords, kindKey } from '../labels.ts';
import { useServiceName } from '../services.ts';
import { stateWords, useComplaintBodyOf, type ComplaintBody } from '../complaintBody.ts';
import type { Reply } from '../session.ts';
import type { QueueSort, QueueSortKey } from './savedViews.ts';

export type WorkItem = Reply<'/api/v1/work-queue', 'get'>[number];
export type WorkItemColumn = 'case' | 'person' | 'task' | 'holder' | 'age' | 'limit' | 'due' | 'owner' | 'service' | 'received' | 'status';

const HEADERS: Record<WorkItemColumn, Key> = {
  case: 'caseNumber',
  person: 'person',
  task: 'task',
  holder: 'holder',
  age: 'age',
  limit: 'limit',
  due: 'dueOn',
  owner: 'owner',
  service: 'service',
  received: 'received',
  status: 'status',
};

const SORTABLE: Partial<Record<WorkItemColumn, QueueSortKey>> = { age: 'age', due: 'due', received: 'received', service: 'service', status: 'status' };

type T = ReturnType<typeof useI18n>['t'];
/** A service code's name in the chosen language. */
export type ServiceName = (code: string) => string;

interface CellContext {
  readonly t: T;
  readonly tagAtAge: boolean;
  readonly serviceName: ServiceName;
  readonly today: string;
  readonly bodyOf: (serviceCode: string) => ComplaintBody | undefined;
}

const DAY = 86_400_000;

/** Whole days from one Norwegian date to another. */
export const daysFrom = (from: string, to: string): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);

/** How far off a due date is, in words. */
export function dueWords(t: T, dueOn: string, today: string): string {
  const n = daysFrom(today, dueOn);
  if (n === 0) return t('dueToday');
  if (n === 1) return t('dueTomorrow');
  if (n > 1) return t('dueInDays').replace('{n}', String(n));
  return n === -1 ? t('overdueOneDay') : t('overdueDays').replace('{n}', String(-n));
}


const NOWRAP = { whiteSpace: 'nowrap' } as const;

const overdueTag = (i: WorkItem, t: T) => i.overdue && <Tag data-color="danger">{t('overdue')}</Tag>;

const CELLS: Record<WorkItemColumn, (i: WorkItem, c: CellContext) => ReactNode> = {
  case: (i) => <Link href={`#/cases/${i.caseId}`}>{i.caseNumber}</Link>,
  person: (i) => i.personName,
  task: (i, { t }) => t(kindKey(i.kind)),
  holder: (i, { t }) => holderWords(t, i.holder, i.providerUnit?.name ?? null),
  age: (i, { t, tagAtAge }) => (
    <>
      {i.ageDays} {tagAtAge && overdueTag(i, t)}
    </>
  ),
  limit: (i) => i.limitDays ?? '–',
  due: (i, { t, tagAtAge, today }) =>
    i.dueOn === null ? (
      '–'
    ) : (
      <>
        <span style={NOWRAP}>{i.dueOn}</span> <span style={NOWRAP}>({dueWords(t, i.dueOn, today)})</span> {!tagAtAge && overdueTag(i, t)}
      </>
    ),
  owner: (i) => i.owner?.name ?? i.ownerUnit?.name ?? '–',
  service: (i, { serviceName }) => serviceName(i.serviceCode),
  received: (i) => <span style={NOWRAP}>{i.receivedOn}</span>,
  status: (i, { t, bodyOf }) => stateWords(t, i.stateKey, bodyOf(i.serviceCode)),
};

interface TableProps {
  readonly items: readonly WorkItem[];
  readonly columns: readonly WorkItemColumn[];
  readonly caption: string;
  readonly testId: string;
  readonly rowTestId: (i: WorkItem) => string;
  readonly limit?: number;
  readonly sort?: QueueSort;
  readonly onSort?: (key: QueueSortKey) => void;
}

function HeaderCell({ column, sort, onSort }: { column: WorkItemColumn; sort: QueueSort | undefined; onSort: ((key: QueueSortKey) => void) | undefined }) {
  const { t } = useI18n();
  const key = SORTABLE[column];
  if (!key || !sort || !onSort) return <Table.HeaderCell>{t(HEADERS[column])}</Table.HeaderCell>;
  return (
    <Table.HeaderCell sort={sort.key === key ? sort.dir : 'none'} onClick={() => onSort(key)} data-testid={`sort-${key}`}>
      {t(HEADERS[column])}
    </Table.HeaderCell>
  );
}

export function WorkItemTable({ items, columns, caption, testId, rowTestId, limit = 200, sort, onSort }: TableProps) {
  const { t } = useI18n();
  const serviceName = useServiceName();
  const bodyOf = useComplaintBodyOf();
  const withAge = columns.includes('age');
  const today = osloDate();
  // A wide table scrolls inside its own box (reachable from the keyboard) instead of the page.
  return (
    <div role="group" aria-label={caption} tabIndex={0} style={{ overflowX: 'auto' }}>
      <Table zebra data-testid={testId}>
        <caption className="ds-sr-only">{caption}</caption>
        <Table.Head>
          <Table.Row>
            {columns.map((c) => (
              <HeaderCell key={c} column={c} sort={sort} onSort={onSort} />
            ))}
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {items.slice(0, limit).map((i) => {
            const context: CellContext = { t, tagAtAge: withAge && i.dueOn === null, serviceName, today, bodyOf };
            return (
              <Table.Row key={`${i.caseId}-${i.key}`} data-testid={rowTestId(i)}>
                {columns.map((c) => (
                  <Table.Cell key={c}>{CELLS[c](i, context)}</Table.Cell>
                ))}
              </Table.Row>
            );
          })}
        </Table.Body>
      </Table>
    </div>
  );
}

const byText = (a: string | null, b: string | null): number => (a === null ? (b === null ? 0 : 1) : b === null ? -1 : a.localeCompare(b, 'nb'));

/** The value an item sorts by (services and statuses by the words shown); null sorts last whatever the direction. */
function sortValue(i: WorkItem, key: QueueSortKey, t: T, serviceName: ServiceName): string | number | null {
  switch (key) {
    case 'age':
      return i.ageDays;
    case 'due':
      return i.dueOn;
    case 'received':
      return i.receivedOn;
    case 'service':
      return serviceName(i.serviceCode);
    case 'status':
      return stateWords(t, i.stateKey);
  }
}

/** The items in the chosen order (a stable sort: ties keep the server's order); unknown values last. */
export function sortItems(items: readonly WorkItem[], sort: QueueSort, t: T, serviceName: ServiceName): WorkItem[] {
  const sign = sort.dir === 'ascending' ? 1 : -1;
  const keyed = items.map((i) => ({ i, v: sortValue(i, sort.key, t, serviceName) }));
  keyed.sort((a, b) => {
    if (a.v === null || b.v === null) return byText(a.v === null ? null : '', b.v === null ? null : '');
    return sign * (typeof a.v === 'number' && typeof b.v === 'number' ? a.v - b.v : byText(String(a.v), String(b.v)));
  });
  return keyed.map((k) => k.i);
}
