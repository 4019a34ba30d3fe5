/**
 * `golive merge-driver %O %A %B %P`: git's custom merge driver for golive.yaml
 * (`.gitattributes`: `golive.yaml merge=golive`). Resolves two edits of the same item
 * without losing either (see core/merge.ts) and writes the result to %A, keeping ours'
 * comments, line endings and layout. When it cannot merge, it leaves git's usual conflict
 * markers in %A and exits 1, so the merge stops for a person to resolve.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { type Catalogue, indexCatalogue } from "../core/catalogue.js";
import { mergeStates, same, TOP_KEYS } from "../core/merge.js";
import { EXIT, GoliveError } from "../errors.js";
import { loadCatalogue } from "../io/catalogue.js";
import { writeFileAtomic } from "../io/fs-atomic.js";
import { gitMergeFile } from "../io/git.js";
import { StateEditor } from "../io/state-edit.js";
import { checkStateText } from "../io/state-update.js";
import { readTextFile } from "../io/text-file.js";
import {
  conflictMarkerLines,
  parseYaml,
  toData,
  validate,
  type YamlFile,
} from "../io/yaml-file.js";
import { safe } from "../render/text.js";
import type { CatalogueFile } from "../schema/catalogue.js";
import { type ItemState, STATE_VERSION, type StateData, StateSchema } from "../schema/state.js";
import { type Context, type Output, output } from "./context.js";

function readOrEmpty(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}

function readState(path: string, what: string): { file: YamlFile; state: StateData } {
  const file = parseYaml(path, readTextFile(path, what), what);
  const data = toData(file, what);
  const version = (data as { golive?: unknown } | null)?.golive;
  if (typeof version === "number" && version > STATE_VERSION) {
    throw new GoliveError(
      "newer-schema",
      `${what} is format ${version}, newer than this golive reads (${STATE_VERSION})`,
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
function catalogueOf(state: StateData, ctx: Context, pathname: string | undefined): Catalogue {
  try {
    const base = pathname === undefined ? ctx.cwd : resolve(ctx.cwd, pathname, "..");
    return loadCatalogue(state.catalogue, base).catalogue;
  } catch {
    return indexCatalogue({ items: [], phases: [], categories: [] } as unknown as CatalogueFile);
  }
}

export function mergeDriver(
  ctx: Context,
  basePath: string,
  oursPath: string,
  theirsPath: string,
  pathname: string | undefined,
): Output {
  const shown = pathname ?? "golive.yaml";
  const [base, ours, theirs] = [basePath, oursPath, theirsPath].map((p) => resolve(ctx.cwd, p));
  let reasons: string[];
  try {
    const o = readState(base!, "the base version");
    const a = readState(ours!, "our version");
    const b = readState(theirs!, "their version");
    const lost = [lostEntries(o.state, a.state, "ours"), lostEntries(o.state, b.state, "theirs")];
    const result = mergeStates(o.state, a.state, b.state);
    if (lost.some((r) => r !== undefined)) {
      reasons = lost.filter((r): r is string => r !== undefined);
    } else if (result.ok) {
      const text = render(a.file, a.state, result.state, result.changes, ctx, pathname);
      // What the merge writes must be a file golive reads: else it is a conflict.
      checkStateText(text, shown);
      writeFileAtomic(ours!, text);
      return output("");
    } else {
      reasons = result.reasons;
    }
  } catch (error) {
    if (!(error instanceof GoliveError)) throw error;
    reasons = [error.message];
  }
  const before = readOrEmpty(ours!);
  gitMergeFile(ctx.cwd, base!, ours!, theirs!);
  const marked = conflictMarkerLines(readOrEmpty(ours!)).length > 0;
  const hint = marked
    ? `resolve the conflict markers in ${shown} by hand (keep both sides' items), then run \`golive check\``
    : `${shown} was left as our version${readOrEmpty(ours!) === before ? "" : " with git's text merge"}, without conflict markers: take their changes over by hand (\`git show :3:${shown}\` shows their version), then run \`golive check\``;
  return output(
    "",
    `golive merge-driver: cannot merge ${safe(shown)}: ${safe(reasons.join("; "))}\nhint: ${safe(hint)}\n`,
    EXIT.findings,
  );
}

/** Ours' document, edited only where the merge differs from ours. */
function render(
  file: YamlFile,
  ours: StateData,
  merged: StateData,
  changes: Map<string, ItemState | null>,
  ctx: Context,
  pathname: string | undefined,
): string {
  const editor = new StateEditor(file, catalogueOf(merged, ctx, pathname));
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
