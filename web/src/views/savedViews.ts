/**
 * Named work-queue views a user saves in this browser (per municipality and user): a filter
 * (owner, kind, overdue) under a name, applied with one click. The last filter and the last sort
 * order used are kept too.
 */
import { useState } from 'react';
import { WORK_ITEM_KINDS, type WorkItemKind } from '../labels.ts';

/** Every kind of work item the queue can hold (the filter offers them all). */
export const QUEUE_KINDS: readonly WorkItemKind[] = WORK_ITEM_KINDS;

export interface QueueFilter {
  readonly owner: 'me' | 'my_units' | 'unowned' | '';
  readonly kind: WorkItemKind | '';
  readonly overdue: boolean;
}

export const DEFAULT_FILTER: QueueFilter = { owner: 'me', kind: '', overdue: false };

export interface SavedView {
  readonly name: string;
  readonly filter: QueueFilter;
}

function read<T>(key: string, fallback: T): T {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : fallback;
  } catch {
    return fallback;
  }
}

export function useSavedViews(user: string) {
  const viewsKey = `tildel.queue.views.${user}`;
  const lastKey = `tildel.queue.last.${user}`;
  const [filter, setFilterState] = useState<QueueFilter>(() => ({ ...DEFAULT_FILTER, ...read<Partial<QueueFilter>>(lastKey, {}) }));
  const [views, setViews] = useState<SavedView[]>(() => read<SavedView[]>(viewsKey, []));
  const setFilter = (f: QueueFilter) => {
    localStorage.setItem(lastKey, JSON.stringify(f));
    setFilterState(f);
  };
  const store = (next: SavedView[]) => {
    localStorage.setItem(viewsKey, JSON.stringify(next));
    setViews(next);
  };
  return {
    filter,
    setFilter,
    views,
    save: (name: string) => store([...views.filter((v) => v.name !== name), { name, filter }]),
    remove: (name: string) => store(views.filter((v) => v.name !== name)),
  };
}

/** The columns the queue sorts by, and the direction. */
export type QueueSortKey = 'age' | 'due' | 'received' | 'service' | 'status';
export interface QueueSort {
  readonly key: QueueSortKey;
  readonly dir: 'ascending' | 'descending';
}

/** Oldest first: the default, as the queue has always been read. */
export const DEFAULT_SORT: QueueSort = { key: 'age', dir: 'descending' };

/** The sort order the user chose last (kept in this browser); choosing the same column again turns the direction. */
export function useQueueSort(user: string) {
  const key = `tildel.queue.sort.${user}`;
  const [sort, setSortState] = useState<QueueSort>(() => ({ ...DEFAULT_SORT, ...read<Partial<QueueSort>>(key, {}) }));
  const toggle = (column: QueueSortKey) => {
    const next: QueueSort = sort.key === column ? { key: column, dir: sort.dir === 'ascending' ? 'descending' : 'ascending' } : { key: column, dir: column === 'age' ? 'descending' : 'ascending' };
    localStorage.setItem(key, JSON.stringify(next));
    setSortState(next);
  };
  return { sort, toggle };
}
