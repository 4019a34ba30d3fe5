/**
 * Three-way merge of state files, for `golive merge-driver`. Pure: three parsed states in,
 * the merged state (or the reasons it cannot be merged) out.
 *
 * Nothing is lost: when both sides changed the same item, the later change (by `at`) wins the
 * status and the other side's state goes into the item's history; a field only one side changed
 * keeps that change; two different notes are both kept; slips of both sides are kept. Two
 * different go-live dates are never picked between: that is a conflict for a person. Fields and
 * top-level keys come from the schema, so a field added to it is merged, not dropped.
 *
 * The result does not depend on the direction of the merge: merging theirs into ours gives the
 * same data as ours into theirs. Where times tie (same-day edits with a pinned date, hand
 * edits), the tie is broken by the values themselves, never by which side is "ours".
 */

import { NEEDS_REASON } from "../schema/fields.js";
import { describeIssue, formatPath } from "../schema/issues.js";
import {
  type ItemState,
  ItemStateSchema,
  type Slip,
  type StateData,
  StateSchema,
} from "../schema/state.js";
import { own } from "./own.js";
import { snapshot } from "./transitions.js";

export type MergeResult =
  | {
      ok: true;
      /** The merged state; on a go-live conflict its `goLive` is ours'. */
      state: StateData;
      /** The entries that differ from ours: a new state, or null when the entry goes. */
      changes: Map<string, ItemState | null>;
      /** Both sides moved go-live, to different dates: everything else merged, that is not. */
      goLiveConflict?: { ours: string; theirs: string };
    }
  | { ok: false; reasons: string[] };

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
function compareValues(a: unknown, b: unknown): number {
  const [x, y] = [canonical(a), canonical(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}

function time(at: string | undefined): number {
  const t = at === undefined ? Number.NaN : Date.parse(at);
  return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t;
}

function has<T>(list: readonly T[], entry: T): boolean {
  return list.some((e) => same(e, entry));
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
  const dropped = base.slice(n).filter((e) => !has(ours, e) || !has(theirs, e));
  // Entries of one time keep each side's own order; which side's come first is decided by the
  // entries themselves, so that the merge reads the same in both directions.
  const sides = [ours.slice(n), theirs.slice(n)].sort(compareValues);
  const added: T[] = [];
  for (const entry of sides.flat()) {
    if (!has(common, entry) && !has(added, entry) && !has(dropped, entry)) added.push(entry);
  }
  // A stable sort: entries with the same time keep the order above.
  added.sort((a, b) => time(a.at) - time(b.at));
  return [...common, ...added];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The time a value carries itself (a waiver's, an evidence's `at`), if any. */
function ownTime(value: unknown): number | undefined {
  return isRecord(value) && typeof value.at === "string" ? time(value.at) : undefined;
}

const MAX_TEXT = 10_000;

/** Every field of an item but its history (merged as a log) and `by`/`at` (merged as a pair). */
const ITEM_KEYS = (Object.keys(ItemStateSchema.shape) as (keyof ItemState)[]).filter(
  (k) => k !== "history" && k !== "by" && k !== "at",
);

/**
 * Which status wins when both changes carry the same time: the one that says more was done.
 * Any fixed order would do; what matters is that it does not depend on the merge's direction.
 */
const TIE_RANK: Record<string, number> = {
  todo: 0,
  "in-progress": 1,
  blocked: 2,
  "not-applicable": 3,
  done: 4,
};

/** Whether `a` is the later change of the two: by time, and on a tie by status, then by value. */
function isLater(a: ItemState, b: ItemState): boolean {
  const [ta, tb] = [time(a.at), time(b.at)];
  if (ta !== tb) return ta > tb;
  const [ra, rb] = [TIE_RANK[a.status ?? "todo"] ?? 0, TIE_RANK[b.status ?? "todo"] ?? 0];
  if (ra !== rb) return ra > rb;
  // The histories are merged as a log either way: the tie goes by the rest of the state.
  return compareValues({ ...a, history: undefined }, { ...b, history: undefined }) > 0;
}

/** Both sides changed one item, differently. */
export function mergeItem(base: ItemState, ours: ItemState, theirs: ItemState): ItemState {
  const [later, earlier] = isLater(theirs, ours) ? [theirs, ours] : [ours, theirs];
  const merged: Record<string, unknown> = {};
  for (const key of ITEM_KEYS) {
    let fromLater: unknown = later[key];
    let fromEarlier: unknown = earlier[key];
    // A waiver or evidence knows when it was made: the later one wins, whatever the item's time.
    const [tl, te] = [ownTime(fromLater), ownTime(fromEarlier)];
    if (tl !== undefined && te !== undefined && te > tl) {
      [fromLater, fromEarlier] = [fromEarlier, fromLater];
    }
    let value: unknown;
    if (same(fromLater, fromEarlier) || same(fromEarlier, base[key])) value = fromLater;
    else if (same(fromLater, base[key])) value = fromEarlier;
    else if (key === "links") {
      // Tracker references are a set: both sides' additions, either side's removals.
      const later = (fromLater ?? []) as string[];
      const earlier = (fromEarlier ?? []) as string[];
      const before = new Set(base.links ?? []);
      const kept = (x: string, other: string[]) => !before.has(x) || other.includes(x);
      const union = earlier.filter((x) => kept(x, later));
      for (const x of later) if (!union.includes(x) && kept(x, earlier)) union.push(x);
      value = union.length > 0 ? union : undefined;
    } else if (
      key === "note" &&
      typeof fromLater === "string" &&
      typeof fromEarlier === "string" &&
      fromEarlier.length + fromLater.length + 1 <= MAX_TEXT
    ) {
      value = `${fromEarlier}\n${fromLater}`;
    } else value = fromLater;
    if (value !== undefined) merged[key] = value;
  }
  const item = merged as ItemState;
  if (!NEEDS_REASON.has(item.status ?? "todo")) delete item.reason;
  // Who and when go together: the later side's, unless only the earlier side changed them.
  const stamp = (s: ItemState) => ({ by: s.by, at: s.at });
  const { by, at } = same(stamp(later), stamp(base)) ? stamp(earlier) : stamp(later);
  if (by !== undefined) item.by = by;
  if (at !== undefined) item.at = at;
  // The earlier side's state was real for a while: it joins the history, in time order,
  // unless it is the base's state (that side changed only a waiver or evidence) or the result's.
  const history = mergeLog(base.history ?? [], ours.history ?? [], theirs.history ?? []);
  const lost = snapshot(earlier);
  if (
    lost &&
    !same(lost, snapshot(base)) &&
    !same(lost, snapshot(item)) &&
    !history.some((h) => same(h, lost))
  ) {
    history.push(lost);
    history.sort((a, b) => time(a.at) - time(b.at));
  }
  if (history.length > 0) item.history = history;
  return item;
}

/**
 * Merges a value both sides may have changed: maps key by key, lists as sets (both sides'
 * additions, either side's removals), anything else only when one side changed it.
 */
function mergeValue(
  base: unknown,
  ours: unknown,
  theirs: unknown,
  path: string,
  reasons: string[],
): unknown {
  if (same(ours, theirs) || same(theirs, base)) return ours;
  if (same(ours, base)) return theirs;
  if (Array.isArray(ours) && Array.isArray(theirs)) {
    // What both kept, in the base's order, then what either side added, sorted by value: the
    // same list in both directions of the merge.
    const was: unknown[] = Array.isArray(base) ? base : [];
    const kept = was.filter((e) => has(ours, e) && has(theirs, e));
    const added: unknown[] = [];
    for (const e of [...ours, ...theirs]) {
      if (!has(was, e) && !has(added, e)) added.push(e);
    }
    return [...kept, ...added.sort(compareValues)];
  }
  if (isRecord(ours) && isRecord(theirs)) {
    const was = isRecord(base) ? base : undefined;
    // Keys are data (an answer to a question named `constructor`): own lookups, no prototype.
    const merged: Record<string, unknown> = Object.create(null);
    for (const key of new Set([...Object.keys(ours), ...Object.keys(theirs)])) {
      const value = mergeValue(
        own(was, key),
        own(ours, key),
        own(theirs, key),
        `${path}.${key}`,
        reasons,
      );
      if (value !== undefined) merged[key] = value;
    }
    return merged;
  }
  reasons.push(`both sides changed ${path}, differently`);
  return ours;
}

/** The top-level keys merged as plain values; go-live, slips and items have their own rules. */
export const TOP_KEYS = (Object.keys(StateSchema.shape) as (keyof StateData)[]).filter(
  (k): k is Exclude<keyof StateData, "goLive" | "slips" | "items"> =>
    k !== "goLive" && k !== "slips" && k !== "items",
);

type Items = Record<string, ItemState | null>;

export function mergeStates(base: StateData, ours: StateData, theirs: StateData): MergeResult {
  const reasons: string[] = [];
  const state: StateData = { ...ours };
  for (const key of TOP_KEYS) {
    const value = mergeValue(base[key], ours[key], theirs[key], key, reasons);
    if (value === undefined) delete state[key];
    else (state as Record<string, unknown>)[key] = value;
  }

  const slips: Slip[] = mergeLog(base.slips ?? [], ours.slips ?? [], theirs.slips ?? []);
  if (slips.length > 0) state.slips = slips;
  else delete state.slips;
  let goLiveConflict: { ours: string; theirs: string } | undefined;
  if (!same(ours.goLive, theirs.goLive)) {
    if (same(ours.goLive, base.goLive)) state.goLive = theirs.goLive;
    else if (!same(theirs.goLive, base.goLive)) {
      // Both moved go-live, to different days. The date every due date hangs on is not picked
      // by a clock or a slip's order: a person decides. Ours stands in until then.
      goLiveConflict = { ours: ours.goLive, theirs: theirs.goLive };
    }
  }

  const o: Items = base.items ?? {};
  const a: Items = ours.items ?? {};
  const b: Items = theirs.items ?? {};
  const changes = new Map<string, ItemState | null>();
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const [baseItem, ourItem, theirItem] = [own(o, key), own(a, key), own(b, key)];
    if (same(ourItem, theirItem) || same(theirItem, baseItem)) continue;
    if (same(ourItem, baseItem)) {
      // Only theirs changed it (or added it, or removed it).
      changes.set(key, theirItem === undefined ? null : (theirItem ?? {}));
    } else if (ourItem === undefined || theirItem === undefined) {
      // One side removed an entry the other changed: the change is kept.
      if (ourItem === undefined) changes.set(key, theirItem ?? {});
    } else {
      changes.set(key, mergeItem(baseItem ?? {}, ourItem ?? {}, theirItem ?? {}));
    }
  }
  if (reasons.length > 0) return { ok: false, reasons };
  // An entry may be called `__proto__`: on a null-prototype object it is a key like any other.
  const merged: Items = Object.assign(Object.create(null), a);
  for (const [key, value] of changes) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  state.items = merged;
  // Merging valid parts can still make an invalid whole (a catalogue with a name and a path).
  const valid = StateSchema.safeParse(state, { error: describeIssue });
  if (!valid.success) {
    const issue = valid.error.issues[0]!;
    return {
      ok: false,
      reasons: [`the merge is not valid at ${formatPath(issue.path)}: ${issue.message}`],
    };
  }
  return { ok: true, state, changes, ...(goLiveConflict ? { goLiveConflict } : {}) };
}
