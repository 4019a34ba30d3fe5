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

import { describeIssue, formatPath } from "../schema/issues.js";
import { type ItemState, type Slip, type StateData, StateSchema } from "../schema/state.js";
import { pushAll } from "./arrays.js";
import { canonical, isRecord, same } from "./compare.js";
import { leftEntryOf } from "./gate.js";
import {
  type ItemConflict,
  mergeItem,
  type Settled,
  type Side,
  type SideValue,
} from "./merge-item.js";
import { mergeLog } from "./merge-log.js";
import { own } from "./own.js";

export type MergeResult =
  | {
      ok: true;
      /** The merged state; on a go-live conflict its `goLive` is ours'. */
      state: StateData;
      /** The entries that differ from ours: a new state, or null when the entry goes. */
      changes: Map<string, ItemState | null>;
      /** Both sides moved go-live, to different dates: everything else merged, that is not. */
      goLiveConflict?: { ours: string; theirs: string };
      /**
       * The project's name or close both sides changed differently (two renames, two closes):
       * a person picks one, as an item's field; `state` takes ours' until then.
       */
      projectConflicts: ProjectConflict[];
      /** Items both sides changed differently, for a person; `state` takes ours' values. */
      conflicts: ItemConflict[];
      /** Disagreements a rule settled, for the merge to say so. */
      settled: Settled[];
    }
  | { ok: false; reasons: string[] };

/** The project's fields a person settles like an item's: its name (rename) and its close. */
export const PROJECT_KEYS = ["name", "closed"] as const;
export type ProjectKey = (typeof PROJECT_KEYS)[number];

/** Both sides changed a project field to different values: each side's value. */
export interface ProjectConflict {
  key: ProjectKey;
  ours: unknown;
  theirs: unknown;
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
  | {
      kind: "project";
      key: ProjectKey;
      /** Each side's value, and who set it when (the rename to it, the close). */
      sides: Record<Side, SideValue>;
    }
  | { kind: "item"; key: string; item: ItemConflict };

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
    // same list in both directions of the merge. Entries are compared by their canonical text,
    // in sets: a list of 20,000 (verify.allow in a 2 MiB golive.yaml) compared entry by entry
    // took minutes in the merge driver.
    const was: unknown[] = Array.isArray(base) ? base : [];
    const texts = (list: unknown[]) => new Set(list.map(canonical));
    const [inOurs, inTheirs, inWas] = [texts(ours), texts(theirs), texts(was)];
    const kept = was.filter((e) => inOurs.has(canonical(e)) && inTheirs.has(canonical(e)));
    const added = new Map<string, unknown>();
    for (const e of [...ours, ...theirs]) {
      const text = canonical(e);
      if (!inWas.has(text) && !added.has(text)) added.set(text, e);
    }
    const sorted = [...added].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return [...kept, ...sorted.map(([, e]) => e)];
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
  const projectConflicts: ProjectConflict[] = [];
  for (const key of TOP_KEYS) {
    const [b, o, t] = [base[key], ours[key], theirs[key]];
    if (
      (PROJECT_KEYS as readonly string[]).includes(key) &&
      o !== undefined &&
      t !== undefined &&
      !same(o, t) &&
      !same(o, b) &&
      !same(t, b)
    ) {
      // Two renames, or two closes: a person picks one. Ours stands in until then.
      projectConflicts.push({ key: key as ProjectKey, ours: o, theirs: t });
      continue;
    }
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
  pushAll(settled, openAfterClose(base, ours, theirs, state));
  // Merging valid parts can still make an invalid whole (a catalogue with a name and a path),
  // whichever side a person takes.
  const theirTakes = { ...merged };
  for (const c of conflicts) theirTakes[c.id] = c.take.theirs;
  const theirSide: StateData = { ...state, items: theirTakes };
  for (const p of projectConflicts) (theirSide as Record<string, unknown>)[p.key] = p.theirs;
  for (const whole of [state, theirSide]) {
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
    projectConflicts,
    settled,
    ...(goLiveConflict ? { goLiveConflict } : {}),
  };
}

/**
 * One side closed the project; the other, not knowing, opened an item (reopened it, say) that
 * the close does not leave open. The merge keeps both, as a text merge would: the project
 * stays closed, so the gate passes over that item. Said, since no person chose it.
 */
function openAfterClose(
  base: StateData,
  ours: StateData,
  theirs: StateData,
  merged: StateData,
): Settled[] {
  const closer: Side | undefined =
    !same(ours.closed, base.closed) && same(theirs.closed, base.closed)
      ? "ours"
      : !same(theirs.closed, base.closed) && same(ours.closed, base.closed)
        ? "theirs"
        : undefined;
  const closed = merged.closed;
  if (closer === undefined || closed === undefined) return [];
  const other = closer === "ours" ? theirs : ours;
  const closeSide: SideValue = {
    value: closed,
    ...(closed.by !== undefined ? { by: closed.by } : {}),
    ...(closed.at !== undefined ? { at: closed.at } : {}),
  };
  const out: Settled[] = [];
  for (const key of Object.keys(other.items ?? {})) {
    const item = own(merged.items ?? {}, key);
    const status = item?.status ?? "todo";
    if (item === undefined || status === "done" || status === "not-applicable") continue;
    const theirsItem = own(other.items ?? {}, key);
    // Only an item the other side changed: the closing side saw the rest as it closed.
    if (same(theirsItem, own(base.items ?? {}, key)) || leftEntryOf(closed, { id: key })) continue;
    const opener: SideValue = {
      value: status,
      ...(theirsItem?.by !== undefined ? { by: theirsItem.by } : {}),
      ...(theirsItem?.at !== undefined ? { at: theirsItem.at } : {}),
    };
    out.push({
      id: key,
      rule: "open-after-close",
      ours: closer === "ours" ? closeSide : opener,
      theirs: closer === "ours" ? opener : closeSide,
    });
  }
  return out;
}
