/**
 * Work over many rows without holding the event loop (issue 18: no request may block it for more
 * than 50 ms). A report that computes over every case of an Oslo-size municipality in one go holds
 * the loop for hundreds of milliseconds, and every other user waits that long; taken in slices, with
 * the loop given a turn between them, other requests are answered in between.
 */
import { setImmediate } from 'node:timers/promises';

/** Gives the event loop a turn: other requests' callbacks run before the caller goes on. */
export const nextTurn = (): Promise<void> => setImmediate();

/** Rows per slice: a few milliseconds of work for the row-by-row computations it is used for. */
export const SLICE_SIZE = 2_000;

/** The items in order, in slices of `size`, giving the event loop a turn before each slice after the first. */
export async function* inSlices<T>(items: readonly T[], size = SLICE_SIZE): AsyncGenerator<readonly T[]> {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`slice size must be a positive integer, not ${size}`);
  for (let at = 0; at < items.length; at += size) {
    if (at > 0) await nextTurn();
    yield items.slice(at, at + size);
  }
}

/** `fn` over every slice of the items, its results concatenated in order. */
export async function flatMapInSlices<T, R>(items: readonly T[], fn: (slice: readonly T[]) => readonly R[], size = SLICE_SIZE): Promise<R[]> {
  const out: R[] = [];
  for await (const slice of inSlices(items, size)) for (const r of fn(slice)) out.push(r);
  return out;
}

/** `fn` of every item, in order, computed in slices. */
export async function mapInSlices<T, R>(items: readonly T[], fn: (item: T) => R, size = SLICE_SIZE): Promise<R[]> {
  return flatMapInSlices(items, (slice) => slice.map(fn), size);
}
