/**
 * Three-way merge of state files, for `golive merge-driver`. Pure: three parsed states in,
 * the merged state (or the reasons it cannot be merged) out.
 *
 * Nothing is lost, and nothing is decided for people in silence: a field only one side changed
 * keeps that change; when both sides changed the same field of one item to different values, a
 * documented rule settles it (done beats todo, both notes are kept: MergeRule) and the merge
 * says so, or it is a conflict a person settles (`golive resolve`). Each side's state goes
 * into the item's history with its own author. Slips of both sides are kept; two different
 * go-live dates are a conflict. Fields and top-level keys come from the schema, so a field
 * added to it is merged, not dropped.
 *
 * The result does not depend on the direction of the merge: merging theirs into ours gives the
 * same data as ours into theirs. Where times tie (same-day edits with a pinned date, hand
 * edits), the tie is broken by the values themselves, never by which side is "ours".
 */

import { NEEDS_REASON, type Status } from "../schema/fields.js";
import { describeIssue, formatPath } from "../schema/issues.js";
import {
  type HistoryEntry,
  type ItemState,
  ItemStateSchema,
  type Slip,
  type StateData,
  StateSchema,
  type Waiver,
} from "../schema/state.js";
import { pushAll } from "./arrays.js";
import { own } from "./own.js";
import { addToHistory, snapshot, waiverRecord } from "./transitions.js";

export type MergeResult =
  | {
      ok: true;
      /** The merged state; on a go-live conflict its `goLive` is ours'. */
      state: StateData;
      /** The entries that differ from ours: a new state, or null when the entry goes. */
      changes: Map<string, ItemState | null>;
      /** Both sides moved go-live, to different dates: everything else merged, that is not. */
      goLiveConflict?: { ours: string; theirs: string };
      /** Items both sides changed differently, for a person; `state` takes ours' values. */
      conflicts: ItemConflict[];
      /** Disagreements a rule settled, for the merge to say so. */
      settled: Settled[];
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
 * Which status goes first when both changes carry the same time. Any fixed order would do;
 * what matters is that it does not depend on the merge's direction.
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
  return compareValues({ ...a, history: undefined }, { ...b, history: undefined }) > 0;
}

/** The two sides of a merge, as git names them. */
export type Side = "ours" | "theirs";
export const SIDES: readonly Side[] = ["ours", "theirs"];

/**
 * The rules that settle a disagreement without a person, each documented in
 * docs/state-file.md: the status further along (todo, in progress, done) wins; two notes,
 * or two reasons for the same status, are both kept; of two waivers, two recorded evidences
 * or two acknowledgements, the later one (by its own time) wins.
 */
export type MergeRule =
  | "further-along"
  | "both-notes"
  | "both-reasons"
  | "later-waiver"
  | "later-evidence"
  | "later-ack";

/** One side's part in a disagreement: its value, and who changed the item when. */
export interface SideValue {
  value: unknown;
  by?: string;
  at?: string;
}

/** A disagreement a rule settled: data with a code; render/resolve.ts words it. */
export interface Settled {
  id: string;
  rule: MergeRule;
  /** The side whose value the item now holds; absent when both are kept. */
  kept?: Side;
  ours: SideValue;
  theirs: SideValue;
}

/**
 * Both sides changed a field of one item to different values, and no rule settles it: a
 * person decides (`golive resolve`).
 */
export interface ItemConflict {
  id: string;
  /** The fields in conflict: `status` (with its reason), `owner`, `note`, `waiver`, ... */
  fields: string[];
  /** Each side's state of the item, to show who changed what, and when. */
  sides: Record<Side, ItemState>;
  /** The merged item with that side's values for the fields in conflict. */
  take: Record<Side, ItemState>;
}

/** The key of the go-live conflict among the item IDs. */
export const GO_LIVE = "goLive" as const;

/** Something both sides changed differently, for a person to choose between. */
export type Conflict =
  | {
      kind: "go-live";
      key: typeof GO_LIVE;
      /** Each side's date, and the slip that moved it there (who, when). */
      sides: Record<Side, SideValue>;
    }
  | { kind: "item"; key: string; item: ItemConflict };

export interface ItemMerge {
  /** The merged item; with a conflict, the one that takes ours' values. */
  item: ItemState;
  conflict?: ItemConflict;
  settled: Settled[];
}

/** The statuses on one road from nothing to done: the one further along wins. */
const PROGRESS: Record<string, number> = { todo: 0, "in-progress": 1, done: 2 };

/** The fields a change records, without its stamp: what a side said about the item. */
function said(s: ItemState): Record<string, unknown> {
  return { status: s.status ?? "todo", owner: s.owner, note: s.note, reason: s.reason };
}

function joinText(first: string, second: string): string | undefined {
  return first.length + second.length + 1 <= MAX_TEXT ? `${first}\n${second}` : undefined;
}

/**
 * Both sides changed one item, differently. A field only one side changed keeps that change;
 * both sides' changes of one field are settled by a rule (MergeRule) or left to a person.
 */
export function mergeItem(base: ItemState, ours: ItemState, theirs: ItemState, id = ""): ItemMerge {
  // The side whose latest change is earlier: its note goes first when both are kept.
  const [earlier, later] = isLater(theirs, ours) ? [ours, theirs] : [theirs, ours];
  const sideOf = (s: ItemState): Side => (s === ours ? "ours" : "theirs");
  const settled: Settled[] = [];
  const conflicts: string[] = [];
  const fromSide = (s: ItemState, value: unknown): SideValue => ({
    value,
    ...(s.by !== undefined ? { by: s.by } : {}),
    ...(s.at !== undefined ? { at: s.at } : {}),
  });
  const settle = (rule: MergeRule, kept: Side | undefined, o: unknown, t: unknown) =>
    settled.push({
      id,
      rule,
      ...(kept ? { kept } : {}),
      ours: fromSide(ours, o),
      theirs: fromSide(theirs, t),
    });

  // Values both sides agree on, or only one changed; `undefined` in `open` marks a field both
  // changed, settled below.
  const common: Record<string, unknown> = {};
  const take: Record<Side, Record<string, unknown>> = { ours: {}, theirs: {} };
  const archived: HistoryEntry[] = [];
  const pick = (key: string, value: unknown) => {
    common[key] = value;
  };

  // The status and its reason are one thing a side says: "blocked, because".
  const pair = (s: ItemState) => ({ status: s.status ?? "todo", reason: s.reason });
  const [sb, so, st] = [pair(base), pair(ours), pair(theirs)];
  if (same(so, st) || same(st, sb)) Object.assign(common, so);
  else if (same(so, sb)) Object.assign(common, st);
  else if (so.status === st.status) {
    // The same status for two reasons: both are kept, as two notes are.
    const e = pair(earlier);
    const l = pair(later);
    const joined =
      e.reason !== undefined && l.reason !== undefined ? joinText(e.reason, l.reason) : undefined;
    if (joined !== undefined || e.reason === undefined || l.reason === undefined) {
      Object.assign(common, { status: so.status, reason: joined ?? l.reason ?? e.reason });
      settle("both-reasons", undefined, so.reason, st.reason);
    } else conflicts.push("status");
  } else if (so.status in PROGRESS && st.status in PROGRESS) {
    const kept: Side = PROGRESS[so.status]! > PROGRESS[st.status]! ? "ours" : "theirs";
    Object.assign(common, kept === "ours" ? so : st);
    settle("further-along", kept, so.status, st.status);
  } else conflicts.push("status");
  if (conflicts.includes("status")) {
    Object.assign(take.ours, so);
    Object.assign(take.theirs, st);
  }

  for (const key of ITEM_KEYS) {
    if (key === "status" || key === "reason") continue;
    const [b, o, t] = [base[key], ours[key], theirs[key]] as unknown[];
    if (same(o, t) || same(t, b)) pick(key, o);
    else if (same(o, b)) pick(key, t);
    else if (key === "links") {
      // Tracker references are a set: both sides' additions, either side's removals.
      const [lo, lt] = [(o ?? []) as string[], (t ?? []) as string[]];
      const before = new Set(base.links ?? []);
      const kept = (x: string, other: string[]) => !before.has(x) || other.includes(x);
      const [first, second] = sideOf(earlier) === "ours" ? [lo, lt] : [lt, lo];
      const union = first.filter((x) => kept(x, second));
      for (const x of second) if (!union.includes(x) && kept(x, first)) union.push(x);
      pick(key, union.length > 0 ? union : undefined);
    } else if (key === "note" && typeof o === "string" && typeof t === "string") {
      const joined = joinText(earlier.note as string, later.note as string);
      if (joined === undefined) conflicts.push(key);
      else {
        pick(key, joined);
        settle("both-notes", undefined, o, t);
      }
    } else if (
      (key === "waiver" || key === "evidence" || key === "reminded") &&
      ownTime(o) !== undefined &&
      ownTime(t) !== undefined
    ) {
      // A waiver, evidence or acknowledgement knows when it was made: the later one wins.
      const [to, tt] = [ownTime(o)!, ownTime(t)!];
      const kept: Side = to > tt || (to === tt && compareValues(o, t) > 0) ? "ours" : "theirs";
      const [won, lost] = kept === "ours" ? [o, t] : [t, o];
      pick(key, won);
      if (key === "waiver") archived.push(waiverRecord(lost as Waiver));
      const rule =
        key === "waiver" ? "later-waiver" : key === "evidence" ? "later-evidence" : "later-ack";
      settle(rule, kept, o, t);
    } else conflicts.push(key);
    if (conflicts.includes(key)) {
      take.ours[key] = o;
      take.theirs[key] = t;
    }
  }

  const build = (side: Side): ItemState => {
    const merged: Record<string, unknown> = { ...common, ...take[side] };
    if (merged.status === "todo") delete merged.status;
    if (!NEEDS_REASON.has((merged.status as Status | undefined) ?? "todo")) delete merged.reason;
    for (const key of Object.keys(merged)) if (merged[key] === undefined) delete merged[key];
    const item = merged as ItemState;
    // Who and when: the side whose word the item now holds; when it holds both sides' words,
    // both names, and the later time. Never one person's name on another's note.
    const now = said(item);
    const [eo, et] = [same(now, said(ours)), same(now, said(theirs))];
    const stampOf = eo && et ? later : eo ? ours : et ? theirs : undefined;
    if (stampOf) {
      if (stampOf.by !== undefined) item.by = stampOf.by;
      if (stampOf.at !== undefined) item.at = stampOf.at;
    } else {
      const names = [...new Set([earlier.by, later.by].filter((n) => n !== undefined))];
      if (names.length > 0) item.by = names.join(" + ");
      if (later.at !== undefined) item.at = later.at;
      else if (earlier.at !== undefined) item.at = earlier.at;
    }
    // Each side's state was real for a while: it joins the history with its own author,
    // unless it is the base's (that side changed only a waiver or evidence) or the result's.
    let history = mergeLog(base.history ?? [], ours.history ?? [], theirs.history ?? []);
    const lostWaiver = conflicts.includes("waiver")
      ? (side === "ours" ? theirs : ours).waiver
      : undefined;
    const records = [
      // Earlier first, so that entries of one time read the same in both directions.
      ...[earlier, later].map((s) => snapshot(s)),
      ...archived,
      ...(lostWaiver ? [waiverRecord(lostWaiver)] : []),
    ];
    const [fromBase, fromResult] = [snapshot(base), snapshot(item)];
    for (const entry of records) {
      if (
        entry &&
        !same(entry, fromBase) &&
        !same(entry, fromResult) &&
        !history.some((h) => same(h, entry))
      ) {
        history = addToHistory(history, entry);
      }
    }
    if (history.length > 0) item.history = history;
    return item;
  };

  const item = build("ours");
  if (conflicts.length === 0) return { item, settled };
  return {
    item,
    settled,
    conflict: {
      id,
      fields: conflicts,
      sides: { ours, theirs },
      take: { ours: item, theirs: build("theirs") },
    },
  };
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
  const settled: Settled[] = [];
  const conflicts: ItemConflict[] = [];
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
      const m = mergeItem(baseItem ?? {}, ourItem ?? {}, theirItem ?? {}, key);
      changes.set(key, m.item);
      pushAll(settled, m.settled);
      if (m.conflict) conflicts.push(m.conflict);
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
  // Merging valid parts can still make an invalid whole (a catalogue with a name and a path),
  // whichever side a person takes.
  const theirTakes = { ...merged };
  for (const c of conflicts) theirTakes[c.id] = c.take.theirs;
  for (const whole of [state, { ...state, items: theirTakes }]) {
    const valid = StateSchema.safeParse(whole, { error: describeIssue });
    if (!valid.success) {
      const issue = valid.error.issues[0]!;
      return {
        ok: false,
        reasons: [`the merge is not valid at ${formatPath(issue.path)}: ${issue.message}`],
      };
    }
  }
  return {
    ok: true,
    state,
    changes,
    conflicts,
    settled,
    ...(goLiveConflict ? { goLiveConflict } : {}),
  };
}
