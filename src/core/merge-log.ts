/**
 * Merging logs (slips, an item's history) that grew apart from a common base: what all three
 * share, then both sides' entries, oldest first, none twice.
 */

import { canonical, compareValues, same } from "./compare.js";

/** An entry's time in milliseconds; one without a readable time sorts first. */
export function time(at: string | undefined): number {
  const t = at === undefined ? Number.NaN : Date.parse(at);
  return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t;
}

/**
 * Merges two logs (slips, an item's history) that grew from `base`: the longest prefix all
 * three share, then both sides' entries after it, oldest first, none twice. An entry of the
 * base that one side removed or rewrote by hand goes, so that the correction holds.
 */
export function mergeLog<T extends { at?: string }>(
  base: readonly T[],
  ours: readonly T[],
  theirs: readonly T[],
): T[] {
  if (same(theirs, base)) return [...ours];
  if (same(ours, base)) return [...theirs];
  let n = 0;
  while (
    n < base.length &&
    n < ours.length &&
    n < theirs.length &&
    same(base[n], ours[n]) &&
    same(base[n], theirs[n])
  ) {
    n++;
  }
  const common = base.slice(0, n);
  // Entries compared by their canonical text, through sets: a history of thousands of entries
  // (golive.yaml's 2 MiB) is merged in one pass, not one per entry.
  const keys = (log: readonly T[]) => new Set(log.map(canonical));
  const [inOurs, inTheirs] = [keys(ours), keys(theirs)];
  const skip = keys(common);
  for (const e of base.slice(n)) {
    const key = canonical(e);
    if (!inOurs.has(key) || !inTheirs.has(key)) skip.add(key);
  }
  // Entries of one time keep each side's own order; which side's come first is decided by the
  // entries themselves, so that the merge reads the same in both directions.
  const sides = [ours.slice(n), theirs.slice(n)].sort(compareValues);
  const added: T[] = [];
  for (const entry of sides.flat()) {
    const key = canonical(entry);
    if (skip.has(key)) continue;
    skip.add(key);
    added.push(entry);
  }
  // A stable sort: entries with the same time keep the order above.
  added.sort((a, b) => time(a.at) - time(b.at));
  return [...common, ...added];
}
