/**
 * Three-way merge of one item both sides changed, differently: a field only one side changed
 * keeps that change; both sides' changes of one field are settled by a documented rule
 * (MergeRule) and said so, or left to a person (ItemConflict, `golive resolve`). Independent
 * of the merge's direction: ties are broken by the values, never by which side is "ours".
 */

import { NEEDS_REASON, type Status } from "../schema/fields.js";
import {
  type HistoryEntry,
  type ItemState,
  ItemStateSchema,
  MAX_TEXT,
  type Waiver,
} from "../schema/state.js";
import { compareValues, isRecord, same } from "./compare.js";
import { mergeLog, time } from "./merge-log.js";
import { addToHistory, snapshot, waiverRecord } from "./transitions.js";
import { type Result, worst } from "./verdict.js";

/** The time a value carries itself (a waiver's, an evidence's `at`), if any. */
function ownTime(value: unknown): number | undefined {
  return isRecord(value) && typeof value.at === "string" ? time(value.at) : undefined;
}

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
 * or two acknowledgements, the later one (by its own time) wins; but of evidence `verify
 * --record` and `probe --record` recorded with different results, or one command's two made
 * the same day, the worse one stays, as when either command records over the other's. And one the merge of the file makes (core/
 * merge.ts): a side closed the project while the other opened an item the close does not
 * leave open; both are kept (`open-after-close`), and said.
 */
export type MergeRule =
  | "further-along"
  | "both-notes"
  | "both-reasons"
  | "later-waiver"
  | "later-evidence"
  | "worse-evidence"
  | "worse-same-day"
  | "later-ack"
  | "open-after-close";

/**
 * Of two evidences the two commands recorded (one `source: probe`, one verify's), the side
 * whose result is worse; undefined when both come from one command or say the same. Merging
 * must not do what recording does not: let a passing `verify --record` on one branch wipe the
 * failure `probe --record` saw on the live host on the other, and the gate go green.
 */
function worseEvidence(o: unknown, t: unknown): Side | undefined {
  if (!isRecord(o) || !isRecord(t) || o.source === t.source) return undefined;
  return worseResult(o, t);
}

/**
 * Of two records one command made the same day (verify records the day only), the side whose
 * result is worse: neither is later, and a pass must not wipe a failure by the order of the
 * sides. Undefined when they were made at different times or say the same.
 */
function worseSameDay(o: unknown, t: unknown): Side | undefined {
  if (!isRecord(o) || !isRecord(t) || o.source !== t.source) return undefined;
  const [to, tt] = [ownTime(o), ownTime(t)];
  return to !== undefined && to === tt ? worseResult(o, t) : undefined;
}

function worseResult(o: Record<string, unknown>, t: Record<string, unknown>): Side | undefined {
  const [ro, rt] = [o.result as Result, t.result as Result];
  if (ro === rt) return undefined;
  return worst([ro, rt]) === ro ? "ours" : "theirs";
}

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
  // Who and when: a value that records its own time (a waiver, evidence, an acknowledgement)
  // is named by it, not by the item's last change, which may be someone else's, another day.
  const fromSide = (s: ItemState, value: unknown): SideValue => {
    if (ownTime(value) !== undefined) {
      const v = value as { by?: unknown; at: string };
      return { value, ...(typeof v.by === "string" ? { by: v.by } : {}), at: v.at };
    }
    return {
      value,
      ...(s.by !== undefined ? { by: s.by } : {}),
      ...(s.at !== undefined ? { at: s.at } : {}),
    };
  };
  const settle = (rule: MergeRule, kept: Side | undefined, o: unknown, t: unknown) =>
    settled.push({
      id,
      rule,
      ...(kept ? { kept } : {}),
      ours: fromSide(ours, o),
      theirs: fromSide(theirs, t),
    });

  // `common`: the values both takes share (agreed, changed by one side, or settled by a rule);
  // `take`: each side's values of the fields in conflict.
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
    } else if (key === "evidence" && worseEvidence(o, t) !== undefined) {
      const kept = worseEvidence(o, t)!;
      pick(key, kept === "ours" ? o : t);
      settle("worse-evidence", kept, o, t);
    } else if (key === "evidence" && worseSameDay(o, t) !== undefined) {
      const kept = worseSameDay(o, t)!;
      pick(key, kept === "ours" ? o : t);
      settle("worse-same-day", kept, o, t);
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
    // both names, and the later time. Never one person's name on another's note. A side a
    // person takes in a conflict is that side's decision, made when that side made it: its
    // own time, never the other side's later one.
    const now = said(item);
    const [eo, et] = [same(now, said(ours)), same(now, said(theirs))];
    const taken = conflicts.length > 0 ? (side === "ours" ? ours : theirs) : undefined;
    const stampOf = eo && et ? (taken ?? later) : eo ? ours : et ? theirs : undefined;
    if (stampOf) {
      if (stampOf.by !== undefined) item.by = stampOf.by;
      if (stampOf.at !== undefined) item.at = stampOf.at;
    } else {
      // Each name once, also after several merges ("Ana + Bo" and "Ana": "Ana + Bo").
      const names = [
        ...new Set([earlier.by, later.by].flatMap((n) => (n === undefined ? [] : n.split(" + ")))),
      ];
      if (names.length > 0) item.by = names.join(" + ");
      const when = taken?.at ?? later.at ?? earlier.at;
      if (when !== undefined) item.at = when;
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
