/**
 * Merging three versions of the state file (base, ours, theirs) into one text: each is parsed
 * and checked, core/merge.ts merges the data, and the result is written into ours' document,
 * keeping its comments, line endings and layout. Shared by `golive merge-driver` (git hands it
 * three files) and `golive resolve` (it takes the three versions from git's index).
 */
import { join, resolve } from "node:path";
import { isMap, isNode, isScalar, parseDocument } from "yaml";
import { pushAll } from "../core/arrays.js";
import { type Catalogue, indexCatalogue } from "../core/catalogue.js";
import { same } from "../core/compare.js";
import { idKey } from "../core/ids.js";
import {
  type Conflict,
  GO_LIVE,
  mergeStates,
  PROJECT_KEYS,
  type ProjectKey,
  TOP_KEYS,
} from "../core/merge.js";
import { type Settled, SIDES, type Side, type SideValue } from "../core/merge-item.js";
import { GoliveError } from "../errors.js";
import type { CatalogueFile } from "../schema/catalogue.js";
import { type ItemState, STATE_VERSION, type StateData } from "../schema/state.js";
import { loadCatalogue } from "./catalogue.js";
import { mergeComments } from "./comment-merge.js";
import { confinementOf } from "./confined.js";
import { StateEditor } from "./state-edit.js";
import { validateState } from "./state-read.js";
import { checkStateText } from "./state-update.js";
import { parseYaml, toData, type YamlFile } from "./yaml-file.js";

/** One version of the state file: its text and what to call it in a message. */
export interface Version {
  text: string;
  /** "the base version", "our version", "their version". */
  what: string;
}

export type { Conflict };

/** What a person chose for each conflict, by its key ("goLive" or an item's ID). */
export type Choices = ReadonlyMap<string, Side>;

export type TextMerge =
  /** Merged: `text` is a file golive reads; `settled` the disagreements a rule settled. */
  | { kind: "merged"; text: string; state: StateData; settled: Settled[] }
  /**
   * Merged but for `conflicts`: `text` is the merge with each of them (the goLive line, an
   * item's entry) between git's conflict markers, ours then theirs; `settle` the merge with
   * a side chosen for each.
   */
  | {
      kind: "conflicts";
      text: string;
      conflicts: Conflict[];
      settled: Settled[];
      /** The catalogue's titles by item ID, to show the conflicts by. */
      titles: ReadonlyMap<string, string>;
      settle: (choices: Choices) => { text: string; state: StateData };
    }
  /** Not merged, for `reasons`. */
  | { kind: "failed"; reasons: string[] };

function readVersion(version: Version): { file: YamlFile; state: StateData } {
  const { what } = version;
  const file = parseYaml(what, version.text, what);
  const data = toData(file, what);
  const format = (data as { golive?: unknown } | null)?.golive;
  if (typeof format === "number" && format > STATE_VERSION) {
    throw new GoliveError(
      "newer-schema",
      `${what} is format ${format}, newer than this golive reads (${STATE_VERSION})`,
    );
  }
  return { file, state: validateState(file, data, what) };
}

/**
 * golive never removes an item's entry, so a side without an entry the base has was cut short
 * (a truncated file still parses): merging it would delete those items' records.
 */
function lostEntries(
  base: StateData,
  side: StateData,
  name: string,
  catalogue: () => Catalogue,
): string[] {
  const kept = side.items ?? {};
  const had = base.items ?? {};
  const lost = Object.keys(had).filter((key) => !Object.hasOwn(kept, key));
  if (lost.length === 0) return [];
  // `golive upgrade` moves an entry to the ID that names it now (the base had none under it):
  // the merge does not follow it. Any other entry gone was cut.
  const byKey = catalogue().byKey;
  const reasons: string[] = [];
  const cut: string[] = [];
  for (const key of lost) {
    const item = byKey.get(idKey(key) ?? "");
    if (item && item.id !== key && Object.hasOwn(kept, item.id) && !Object.hasOwn(had, item.id)) {
      reasons.push(
        `${name} moved ${key} to ${item.id} (golive upgrade: the catalogue names ${key} a former ID of ${item.id}), and the merge driver does not carry an entry across a move: keep one entry, under ${item.id}, with what each side recorded for it, then \`git add golive.yaml\``,
      );
    } else cut.push(key);
  }
  if (cut.length > 0) {
    const some = cut.slice(0, 3).join(", ") + (cut.length > 3 ? ", ..." : "");
    reasons.push(
      `${name} has no entry for ${cut.length} item${cut.length > 1 ? "s" : ""} the base has (${some}): golive never removes entries, so the file may be cut short`,
    );
  }
  return reasons;
}

/** The catalogue orders and titles new entries; without it they go last, untitled. */
function catalogueOf(state: StateData, stateDir: string): Catalogue {
  try {
    // The branch's golive.yaml names the path: it stays inside the repository.
    const inside = confinementOf(join(stateDir, "golive.yaml"));
    return loadCatalogue(state.catalogue, stateDir, undefined, [], inside).catalogue;
  } catch {
    return indexCatalogue({ items: [], phases: [], categories: [] } as unknown as CatalogueFile);
  }
}

/**
 * Merges three versions of the state file. `stateDir` is the folder the state file lives in
 * (a catalogue path in it is relative to that folder); `shown` its name in messages.
 */
export function mergeStateTexts(
  base: Version,
  ours: Version,
  theirs: Version,
  stateDir: string,
  shown: string,
): TextMerge {
  try {
    const o = readVersion(base);
    const a = readVersion(ours);
    const b = readVersion(theirs);
    const lost = [
      ...lostEntries(o.state, a.state, "ours", () => catalogueOf(a.state, stateDir)),
      ...lostEntries(o.state, b.state, "theirs", () => catalogueOf(b.state, stateDir)),
    ];
    if (lost.length > 0) return { kind: "failed", reasons: lost };
    const result = mergeStates(o.state, a.state, b.state);
    if (!result.ok) return { kind: "failed", reasons: result.reasons };
    const catalogue = catalogueOf(result.state, stateDir);
    const { conflicts: items, settled, goLiveConflict, projectConflicts } = result;
    const conflicts: Conflict[] = [
      ...(goLiveConflict
        ? [
            {
              kind: "go-live" as const,
              key: GO_LIVE as typeof GO_LIVE,
              sides: {
                ours: slipTo(a.state, goLiveConflict.ours),
                theirs: slipTo(b.state, goLiveConflict.theirs),
              },
            },
          ]
        : []),
      ...projectConflicts.map((p) => ({
        kind: "project" as const,
        key: p.key,
        sides: {
          ours: projectSide(a.state, p.key, p.ours),
          theirs: projectSide(b.state, p.key, p.theirs),
        },
      })),
      ...items.map((item) => ({ kind: "item" as const, key: item.id, item })),
    ];
    const settle = (choices: Choices | Side) => {
      const choice = (key: string): Side =>
        typeof choices === "string" ? choices : (choices.get(key) ?? "ours");
      const state: StateData = { ...result.state, items: { ...result.state.items } };
      const changes = new Map(result.changes);
      if (goLiveConflict) state.goLive = goLiveConflict[choice(GO_LIVE)];
      for (const p of projectConflicts)
        (state as Record<string, unknown>)[p.key] = p[choice(p.key)];
      for (const c of items) {
        const taken = c.take[choice(c.id)];
        state.items![c.id] = taken;
        changes.set(c.id, taken);
      }
      const { text, format } = renderInto(
        [o.file, a.file, b.file],
        a.state,
        state,
        changes,
        catalogue,
      );
      // The text may declare a higher format than either side (an evidence line written).
      if (format !== undefined) state.golive = format;
      // What the merge writes must be a file golive reads: else it is not merged.
      checkStateText(text, shown);
      return { text, state };
    };
    const first = settle("ours");
    if (conflicts.length === 0) {
      return { kind: "merged", text: first.text, state: first.state, settled };
    }
    const other = settle("theirs");
    return {
      kind: "conflicts",
      text: markConflicts(
        first.text,
        other.text,
        conflicts.map((c) => c.key),
        a.file.eol,
      ),
      conflicts,
      settled,
      titles: new Map(catalogue.items.map((item) => [item.id, item.title])),
      settle,
    };
  } catch (error) {
    if (!(error instanceof GoliveError)) throw error;
    return { kind: "failed", reasons: [error.message] };
  }
}

/** A side's name or close, and who set it when: the rename to that name, the close's own. */
function projectSide(state: StateData, key: ProjectKey, value: unknown): SideValue {
  const stamp =
    key === "name"
      ? [...(state.renames ?? [])].reverse().find((r) => r.to === value)
      : (value as { by?: string; at?: string });
  return {
    value,
    ...(stamp?.by !== undefined ? { by: stamp.by } : {}),
    ...(stamp?.at !== undefined ? { at: stamp.at } : {}),
  };
}

/** A side's go-live date, and who moved it there when (its latest slip to that day). */
function slipTo(state: StateData, date: string): SideValue {
  const slip = [...(state.slips ?? [])].reverse().find((s) => s.to === date);
  return {
    value: date,
    ...(slip?.by !== undefined ? { by: slip.by } : {}),
    ...(slip?.at !== undefined ? { at: slip.at } : {}),
  };
}

/**
 * The choices a person made by editing the conflicted file (keeping one side of each
 * conflict, deleting the other and the markers), when `text` is exactly the merge settled
 * that way; undefined when it is not.
 */
export function settledBy(
  merge: Extract<TextMerge, { kind: "conflicts" }>,
  text: string,
): Choices | undefined {
  try {
    const { state } = readVersion({ text, what: "golive.yaml" });
    const choices = new Map<string, Side>();
    for (const c of merge.conflicts) {
      const value =
        c.kind === "go-live"
          ? state.goLive
          : c.kind === "project"
            ? state[c.key]
            : state.items?.[c.key];
      const side = SIDES.find((s) =>
        same(value, c.kind === "item" ? c.item.take[s] : c.sides[s].value),
      );
      if (side === undefined) return undefined;
      choices.set(c.key, side);
    }
    return same(state, merge.settle(choices).state) ? choices : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Ours' document, edited only where the merge differs from ours, with the comments either
 * side added, changed or removed since the base.
 */
function renderInto(
  [base, ours, theirs]: [YamlFile, YamlFile, YamlFile],
  ourState: StateData,
  merged: StateData,
  changes: Map<string, ItemState | null>,
  catalogue: Catalogue,
): { text: string; format: number | undefined } {
  // Each rendering edits a fresh copy of ours' document: the variants share nothing.
  const fresh = parseYaml(ours.path, (ours.bom ? "\uFEFF" : "") + ours.text, ours.path);
  const editor = new StateEditor(fresh, catalogue);
  for (const key of TOP_KEYS) {
    if (!same(ourState[key], merged[key])) editor.setTop(key, merged[key]);
  }
  if (!same(ourState.slips ?? [], merged.slips ?? [])) editor.setSlips(merged.slips ?? []);
  if (ourState.goLive !== merged.goLive) editor.setGoLive(merged.goLive);
  for (const [key, value] of changes) {
    if (value === null) editor.removeItem(key);
    else editor.replaceItem(key, value);
  }
  mergeComments(fresh.doc, base.doc, ours.doc, theirs.doc);
  const text = editor.toString();
  return { text, format: editor.format() };
}

/**
 * The merge with each conflict's lines (the goLive line, an item's entry) between git's
 * conflict markers: ours' lines from `ours` (the merge taking ours' side), then theirs' from
 * `theirs`. Everything else is the same in both texts, and is merged.
 */
function markConflicts(ours: string, theirs: string, keys: string[], eol: string): string {
  const [a, b] = [regionsOf(ours, keys), regionsOf(theirs, keys)];
  const lines = ours.split("\n");
  const theirLines = theirs.split("\n");
  const cr = eol === "\r\n" ? "\r" : "";
  // In file order, whatever the order of the keys.
  const order = keys.map((_, i) => i).sort((x, y) => a[x]![0] - a[y]![0]);
  const out: string[] = [];
  let next = 0;
  for (const i of order) {
    const [from, to] = a[i]!;
    const [tf, tt] = b[i]!;
    pushAll(out, lines.slice(next, from));
    out.push(`<<<<<<< ours${cr}`);
    pushAll(out, lines.slice(from, to + 1));
    out.push(`=======${cr}`);
    pushAll(out, theirLines.slice(tf, tt + 1));
    out.push(`>>>>>>> theirs${cr}`);
    next = to + 1;
  }
  pushAll(out, lines.slice(next));
  return out.join("\n");
}

/** The first and last line (0-based) of each key's entry: `goLive`, or an item's ID. */
function regionsOf(text: string, keys: string[]): [number, number][] {
  const doc = parseDocument(text.replace(/^\uFEFF/, ""), { uniqueKeys: false });
  const offset = text.startsWith("\uFEFF") ? 1 : 0;
  const lineAt = (pos: number) => {
    let n = 0;
    for (let i = text.indexOf("\n"); i >= 0 && i < pos + offset; i = text.indexOf("\n", i + 1)) n++;
    return n;
  };
  const items = doc.get("items", true);
  return keys.map((key) => {
    const topLevel = key === GO_LIVE || (PROJECT_KEYS as readonly string[]).includes(key);
    const map = topLevel ? doc.contents : items;
    const pair = isMap(map)
      ? map.items.find((p) => isScalar(p.key) && String(p.key.value) === key)
      : undefined;
    const start = isScalar(pair?.key) ? pair.key.range?.[0] : undefined;
    const end = isNode(pair?.value) ? pair.value.range?.[1] : undefined;
    if (start === undefined || end === undefined) {
      throw new GoliveError("invalid-state", `the merged file has no entry for ${key}`);
    }
    return [lineAt(start), lineAt(Math.max(start, end - 1))];
  });
}

/** Resolves a path the way git hands it to a merge driver: relative to the repository root. */
export function stateDirOf(cwd: string, pathname: string | undefined): string {
  return pathname === undefined ? cwd : resolve(cwd, pathname, "..");
}
