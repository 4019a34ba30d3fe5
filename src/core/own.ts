/**
 * Names a user or a file chooses (question IDs, answers, item IDs, catalogue names, owners, any
 * YAML key) never reach Object.prototype: data read from a file is made of null-prototype
 * objects, and a lookup by a chosen name reads own properties only. Without this, a question
 * `id: constructor` read `answers.constructor` as `Object` and the gate passed an overdue item.
 */

/** A deep copy of parsed data whose objects have no prototype; arrays and scalars as they are. */
export function withoutPrototypes<T>(data: T): T {
  if (Array.isArray(data)) return data.map((v) => withoutPrototypes(v)) as T;
  if (data === null || typeof data !== "object") return data;
  const proto = Object.getPrototypeOf(data);
  if (proto !== Object.prototype && proto !== null) return data;
  const out = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(data))
    out[key] = withoutPrototypes((data as Record<string, unknown>)[key]);
  return out as T;
}

/** `record[key]` when `key` is the record's own, else undefined: never a prototype's member. */
export function own<V>(
  record: Readonly<Record<string, V>> | undefined,
  key: string,
): V | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}
