/**
 * Names a user or a file chooses (question IDs, answers, item IDs, catalogue names, owners, any
 * YAML key) never reach Object.prototype: data read from a file is made of null-prototype
 * objects, and a lookup by a chosen name reads own properties only. Without this, a question
 * `id: constructor` read `answers.constructor` as `Object` and the gate passed an overdue item.
 */

/**
 * A key `__proto__` (a YAML file may hold one anywhere) is data like any other, but a plain
 * object cannot take it by assignment and zod's records and objects drop it. Data goes into a
 * schema with such keys renamed, one NUL in front (`__proto__` → `\0__proto__`, and a key that
 * already starts with NULs gets one more, so no two keys meet); `withoutPrototypes` renames
 * them back. So the key is checked, kept and merged like any other, and never sets a prototype.
 */
const PROTO_KEY = /^\0*__proto__$/;

/** A deep copy of parsed data in which every `__proto__`-like key is renamed (see PROTO_KEY). */
export function withProtoKeysRenamed<T>(data: T): T {
  if (Array.isArray(data)) return data.map((v) => withProtoKeysRenamed(v)) as T;
  if (data === null || typeof data !== "object") return data;
  const proto = Object.getPrototypeOf(data);
  if (proto !== Object.prototype && proto !== null) return data;
  const out = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(data)) {
    const value = withProtoKeysRenamed((data as Record<string, unknown>)[key]);
    out[PROTO_KEY.test(key) ? `\0${key}` : key] = value;
  }
  return out as T;
}

/** A key as the file wrote it, undoing `withProtoKeysRenamed`; other keys as they are. */
export function restoredKey<K extends PropertyKey>(key: K): K {
  return (
    typeof key === "string" && key.startsWith("\0") && PROTO_KEY.test(key) ? key.slice(1) : key
  ) as K;
}

/** A schema issue about renamed data, with the keys it names as the file wrote them. */
export function issueWithKeysRestored<I extends object>(issue: I): I {
  const keys: unknown = (issue as { keys?: unknown }).keys;
  return Array.isArray(keys) ? { ...issue, keys: keys.map(restoredKey) } : issue;
}

/**
 * A deep copy of parsed data whose objects have no prototype, every key as the file wrote it
 * (undoing `withProtoKeysRenamed`); arrays and scalars as they are.
 */
export function withoutPrototypes<T>(data: T): T {
  if (Array.isArray(data)) return data.map((v) => withoutPrototypes(v)) as T;
  if (data === null || typeof data !== "object") return data;
  const proto = Object.getPrototypeOf(data);
  if (proto !== Object.prototype && proto !== null) return data;
  const out = Object.create(null) as Record<string, unknown>;
  // A null-prototype object has no `__proto__` setter: the assignment makes an own property.
  for (const key of Object.keys(data))
    out[restoredKey(key)] = withoutPrototypes((data as Record<string, unknown>)[key]);
  return out as T;
}

/** `record[key]` when `key` is the record's own, else undefined: never a prototype's member. */
export function own<V>(
  record: Readonly<Record<string, V>> | undefined,
  key: string,
): V | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}
