/**
 * Merging three versions of the state file (base, ours, theirs) into one text: each is parsed
 * and checked, core/merge.ts merges the data, and the result is written into ours' document,
 * keeping its comments, line endings and layout. Shared by `golive merge-driver` (git hands it
 * three files) and `golive resolve` (it takes the three versions from git's index).
 */
import { join, resolve } from "node:path";
import { type Catalogue, indexCatalogue } from "../core/catalogue.js";
import { mergeStates, same, TOP_KEYS } from "../core/merge.js";
import { GoliveError } from "../errors.js";
import type { CatalogueFile } from "../schema/catalogue.js";
import { type ItemState, STATE_VERSION, type StateData, StateSchema } from "../schema/state.js";
import { loadCatalogue } from "./catalogue.js";
import { confinementOf } from "./confined.js";
import { StateEditor } from "./state-edit.js";
import { checkStateText } from "./state-update.js";
import { parseYaml, toData, validate, type YamlFile } from "./yaml-file.js";

/** One version of the state file: its text and what to call it in a message. */
export interface Version {
  text: string;
  /** "the base version", "our version", "their version". */
  what: string;
}

export type TextMerge =
  /** Merged: `text` is a file golive reads. */
  | { kind: "merged"; text: string; state: StateData }
  /**
   * Merged but for go-live: both sides moved it to different dates. `text` is the merge with
   * the goLive line in git's conflict markers; `resolved(date)` the merge with that date.
   */
  | {
      kind: "go-live";
      text: string;
      ours: string;
      theirs: string;
      state: StateData;
      resolved: (date: string) => string;
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
  return { file, state: validate(file, data, StateSchema, what, "invalid-state") };
}

/**
 * golive never removes an item's entry, so a side without an entry the base has was cut short
 * (a truncated file still parses): merging it would delete those items' records.
 */
function lostEntries(base: StateData, side: StateData, name: string): string | undefined {
  const kept = side.items ?? {};
  const lost = Object.keys(base.items ?? {}).filter((key) => !Object.hasOwn(kept, key));
  if (lost.length === 0) return undefined;
  const some = lost.slice(0, 3).join(", ") + (lost.length > 3 ? ", ..." : "");
  return `${name} has no entry for ${lost.length} item${lost.length > 1 ? "s" : ""} the base has (${some}): golive never removes entries, so the file may be cut short`;
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
      lostEntries(o.state, a.state, "ours"),
      lostEntries(o.state, b.state, "theirs"),
    ].filter((r): r is string => r !== undefined);
    if (lost.length > 0) return { kind: "failed", reasons: lost };
    const result = mergeStates(o.state, a.state, b.state);
    if (!result.ok) return { kind: "failed", reasons: result.reasons };
    const catalogue = catalogueOf(result.state, stateDir);
    const render = (goLive: string) =>
      renderInto(a.file, a.state, { ...result.state, goLive }, result.changes, catalogue);
    const text = render(result.state.goLive);
    // What the merge writes must be a file golive reads: else it is a conflict.
    checkStateText(text, shown);
    if (!result.goLiveConflict) return { kind: "merged", text, state: result.state };
    const { ours: ourDate, theirs: theirDate } = result.goLiveConflict;
    checkStateText(render(theirDate), shown);
    return {
      kind: "go-live",
      text: markGoLive(text, theirDate, a.file.eol),
      ours: ourDate,
      theirs: theirDate,
      state: result.state,
      resolved: render,
    };
  } catch (error) {
    if (!(error instanceof GoliveError)) throw error;
    return { kind: "failed", reasons: [error.message] };
  }
}

/** Whether `text` is `merge` with go-live settled on one of its two dates (a person's choice). */
export function settledGoLive(
  merge: Extract<TextMerge, { kind: "go-live" }>,
  text: string,
): string | undefined {
  try {
    const { state } = readVersion({ text, what: "golive.yaml" });
    if (state.goLive !== merge.ours && state.goLive !== merge.theirs) return undefined;
    return same(state, { ...merge.state, goLive: state.goLive }) ? state.goLive : undefined;
  } catch {
    return undefined;
  }
}

/** Ours' document, edited only where the merge differs from ours. */
function renderInto(
  file: YamlFile,
  ours: StateData,
  merged: StateData,
  changes: Map<string, ItemState | null>,
  catalogue: Catalogue,
): string {
  // Each rendering edits a fresh copy of ours' document: the go-live variants share nothing.
  const fresh = parseYaml(file.path, (file.bom ? "\uFEFF" : "") + file.text, file.path);
  const editor = new StateEditor(fresh, catalogue);
  for (const key of TOP_KEYS) {
    if (!same(ours[key], merged[key])) editor.setTop(key, merged[key]);
  }
  if (!same(ours.slips ?? [], merged.slips ?? [])) editor.setSlips(merged.slips ?? []);
  if (ours.goLive !== merged.goLive) editor.setGoLive(merged.goLive);
  for (const [key, value] of changes) {
    if (value === null) editor.removeItem(key);
    else editor.replaceItem(key, value);
  }
  return editor.toString();
}

/**
 * The merged text with its top-level goLive line in git's conflict markers: ours' date, then
 * theirs'. Only that line is in conflict; the rest of the file is merged.
 */
function markGoLive(text: string, theirs: string, eol: string): string {
  const lines = text.split("\n");
  const at = lines.findIndex((line) => /^goLive\s*:/.test(line));
  if (at < 0) throw new GoliveError("invalid-state", "the merged file has no goLive line");
  const line = lines[at]!.replace(/\r$/, "");
  const theirLine = line.replace(/^(goLive\s*:\s*["']?)\d{4}-\d{2}-\d{2}/, `$1${theirs}`);
  const cr = eol === "\r\n" ? "\r" : "";
  lines.splice(
    at,
    1,
    `<<<<<<< ours${cr}`,
    `${line}${cr}`,
    `=======${cr}`,
    `${theirLine}${cr}`,
    `>>>>>>> theirs${cr}`,
  );
  return lines.join("\n");
}

/** Resolves a path the way git hands it to a merge driver: relative to the repository root. */
export function stateDirOf(cwd: string, pathname: string | undefined): string {
  return pathname === undefined ? cwd : resolve(cwd, pathname, "..");
}
