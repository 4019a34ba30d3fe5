/**
 * Three-way merge of state files, for `golive merge-driver`. Pure: three parsed states in,
 * the merged state (or the reasons it cannot be merged) out.
 *
 * Nothing is lost: when both sides changed the same item, the later change (by `at`) wins the
 * status and the other side's state goes into the item's history; a field only one side changed
 * keeps that change; two different notes are both kept; slips of both sides are kept, and the
 * go-live date follows the latest slip.
 */
import type { HistoryEntry, ItemState, Slip, StateData } from "../schema/state.js";
import { NEEDS_REASON } from "./transitions.js";

export type MergeResult =
  | {
      ok: true;
      state: StateData;
      /** The entries that differ from ours: a new state, or null when the entry goes. */
      changes: Map<string, ItemState | null>;
    }
  | { ok: false; reasons: string[] };

/** Order-independent for object keys, so `{a, b}` equals `{b, a}`. */
function same(a: unknown, b: unknown): boolean {
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

function time(at: string | undefined): number {
  const t = at === undefined ? Number.NaN : Date.parse(at);
  return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t;
}

/** The entries each side added after the base's, both sides', oldest first, none twice. */
function mergeLog<T extends { at?: string }>(
  base: readonly T[],
  ours: readonly T[],
  theirs: readonly T[],
): T[] {
  const common = base.filter((entry, i) => same(entry, ours[i]) && same(entry, theirs[i]));
  const added: T[] = [];
  for (const entry of [...ours.slice(common.length), ...theirs.slice(common.length)]) {
    if (!added.some((e) => same(e, entry))) added.push(entry);
  }
  // A stable sort: entries with the same time keep ours-then-theirs order.
  added.sort((a, b) => time(a.at) - time(b.at));
  return [...common, ...added];
}

const FIELDS = ["status", "owner", "note", "reason"] as const;
const MAX_TEXT = 10_000;

function snapshot(state: ItemState): HistoryEntry {
  const entry: HistoryEntry = {};
  for (const field of [...FIELDS, "by", "at"] as const) {
    if (state[field] !== undefined) (entry as Record<string, string>)[field] = state[field];
  }
  return entry;
}

/** Both sides changed one item, differently. */
export function mergeItem(base: ItemState, ours: ItemState, theirs: ItemState): ItemState {
  const theirsLater = time(theirs.at) > time(ours.at);
  const [later, earlier] = theirsLater ? [theirs, ours] : [ours, theirs];
  const merged: ItemState = {};
  for (const field of FIELDS) {
    const fromLater = later[field];
    const fromEarlier = earlier[field];
    let value: string | undefined;
    if (same(fromLater, base[field])) value = fromEarlier;
    else if (same(fromEarlier, base[field])) value = fromLater;
    else if (
      field === "note" &&
      fromLater !== undefined &&
      fromEarlier !== undefined &&
      fromLater !== fromEarlier &&
      fromEarlier.length + fromLater.length + 1 <= MAX_TEXT
    ) {
      value = `${fromEarlier}\n${fromLater}`;
    } else value = fromLater;
    if (value !== undefined) (merged as Record<string, string>)[field] = value;
  }
  if (!NEEDS_REASON.has(merged.status ?? "todo")) delete merged.reason;
  if (later.by !== undefined) merged.by = later.by;
  if (later.at !== undefined) merged.at = later.at;
  // The earlier side's state was real for a while: it joins the history, in time order.
  const history = mergeLog(base.history ?? [], ours.history ?? [], theirs.history ?? []);
  const lost = snapshot(earlier);
  if (Object.keys(lost).length > 0 && !history.some((h) => same(h, lost))) {
    history.push(lost);
    history.sort((a, b) => time(a.at) - time(b.at));
  }
  if (history.length > 0) merged.history = history;
  return merged;
}

type Items = Record<string, ItemState | null>;

export function mergeStates(base: StateData, ours: StateData, theirs: StateData): MergeResult {
  const reasons: string[] = [];
  const state: StateData = { ...ours };
  for (const key of ["golive", "catalogue", "settings"] as const) {
    const [o, a, b] = [base[key], ours[key], theirs[key]];
    if (same(a, b) || same(b, o)) continue;
    if (same(a, o)) (state as Record<string, unknown>)[key] = b;
    else reasons.push(`both sides changed ${key}, differently`);
  }

  const slips: Slip[] = mergeLog(base.slips ?? [], ours.slips ?? [], theirs.slips ?? []);
  if (slips.length > 0) state.slips = slips;
  if (!same(ours.goLive, theirs.goLive)) {
    if (same(ours.goLive, base.goLive)) state.goLive = theirs.goLive;
    else if (!same(theirs.goLive, base.goLive)) {
      // Both moved go-live: the latest slip says where it is now.
      const latest = [...slips].sort((a, b) => time(a.at) - time(b.at)).at(-1);
      if (latest && (latest.to === ours.goLive || latest.to === theirs.goLive)) {
        state.goLive = latest.to;
      } else reasons.push("both sides moved go-live, and no slip says which move is later");
    }
  }

  const o: Items = base.items ?? {};
  const a: Items = ours.items ?? {};
  const b: Items = theirs.items ?? {};
  const changes = new Map<string, ItemState | null>();
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const [baseItem, ourItem, theirItem] = [o[key], a[key], b[key]];
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
  const merged: Items = { ...a };
  for (const [key, value] of changes) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  state.items = merged;
  return { ok: true, state, changes };
}
