/** Small helpers over collections, for the reports' groupings. */

/** Adds a value to the list under a key, in place (a new list the first time): linear in the values, not quadratic. */
export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The value under a key, made by `create` and stored the first time the key is asked for. */
export function entryOf<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  let value = map.get(key);
  if (value === undefined) map.set(key, (value = create()));
  return value;
}

/**
 * Texts in the order of their UTF-16 code units (as a plain `sort()` orders them). For plain ASCII
 * identifiers such as case numbers (a year, a slash and a zero-padded serial, nextCaseNumber in
 * store/cases.ts) this is the order every database collation gives them, so a report may order them
 * in Node instead of sorting tens of thousands of rows in SQL.
 */
export function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Texts compared as `localeCompare` compares them (the default locale), by one collator made once:
 * the same order at less per comparison, for sorting thousands of rows (issue 18).
 */
export const compareText: (a: string, b: string) => number = new Intl.Collator().compare;
