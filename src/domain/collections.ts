/** Small helpers over collections, for the reports' groupings. */

/** Adds a value to the list under a key, in place (a new list the first time): linear in the values, not quadratic. */
export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
