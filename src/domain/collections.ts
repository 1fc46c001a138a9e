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
