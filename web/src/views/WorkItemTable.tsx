/**
 * Open work items as a table, shared by the work queue and the team's items: each view names the
 * columns it shows and in what order. An overdue item is tagged at its age when the age is shown
 * and the item has no due date, otherwise at its due date.
 */
import { Link, Table, Tag } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';
import { useI18n, type Key } from '../i18n.tsx';
import { holderWords, kindKey } from '../labels.ts';
import type { Reply } from '../session.ts';

export type WorkItem = Reply<'/api/v1/work-queue', 'get'>[number];
export type WorkItemColumn = 'case' | 'person' | 'task' | 'holder' | 'age' | 'limit' | 'due' | 'owner';

const HEADERS: Record<WorkItemColumn, Key> = { case: 'caseNumber', person: 'person', task: 'task', holder: 'holder', age: 'age', limit: 'limit', due: 'dueOn', owner: 'owner' };

type T = ReturnType<typeof useI18n>['t'];

const overdueTag = (i: WorkItem, t: T) => i.overdue && <Tag data-color="danger">{t('overdue')}</Tag>;

const CELLS: Record<WorkItemColumn, (i: WorkItem, t: T, tagAtAge: boolean) => ReactNode> = {
  case: (i) => <Link href={`#/cases/${i.caseId}`}>{i.caseNumber}</Link>,
  person: (i) => i.personName,
  task: (i, t) => t(kindKey(i.kind)),
  holder: (i, t) => holderWords(t, i.holder, i.providerUnit?.name ?? null),
  age: (i, t, tagAtAge) => (
    <>
      {i.ageDays} {tagAtAge && overdueTag(i, t)}
    </>
  ),
  limit: (i) => i.limitDays ?? '–',
  due: (i, t, tagAtAge) => (
    <>
      {i.dueOn ?? '–'} {!tagAtAge && overdueTag(i, t)}
    </>
  ),
  owner: (i) => i.owner?.name ?? i.ownerUnit?.name ?? '–',
};

export function WorkItemTable({ items, columns, caption, testId, rowTestId, limit = 200 }: { items: readonly WorkItem[]; columns: readonly WorkItemColumn[]; caption: string; testId: string; rowTestId: (i: WorkItem) => string; limit?: number }) {
  const { t } = useI18n();
  const withAge = columns.includes('age');
  return (
    <Table zebra data-testid={testId}>
      <caption className="ds-sr-only">{caption}</caption>
      <Table.Head>
        <Table.Row>
          {columns.map((c) => (
            <Table.HeaderCell key={c}>{t(HEADERS[c])}</Table.HeaderCell>
          ))}
        </Table.Row>
      </Table.Head>
      <Table.Body>
        {items.slice(0, limit).map((i) => (
          <Table.Row key={`${i.caseId}-${i.key}`} data-testid={rowTestId(i)}>
            {columns.map((c) => (
              <Table.Cell key={c}>{CELLS[c](i, t, withAge && i.dueOn === null)}</Table.Cell>
            ))}
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  );
}
