/**
 * Comparing parsed values (states, items, log entries): structural equality, and a canonical
 * text that orders equal values alike whichever side of a merge they came from.
 */

/** Structural equality, order-independent for object keys, so `{a, b}` equals `{b, a}`. */
export function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return (
    ka.length === kb.length &&
    ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}

/**
 * A value as text with object keys sorted, so that equal values read the same: what ties are
 * broken by, independently of which side a value came from.
 */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((k) => record[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(record[k])}`).join(",")}}`;
  }
  return value === undefined ? "null" : JSON.stringify(value);
}

/** -1, 0 or 1 as `a`'s canonical text sorts before, with or after `b`'s. */
export function compareValues(a: unknown, b: unknown): number {
  const [x, y] = [canonical(a), canonical(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
