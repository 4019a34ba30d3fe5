/**
 * `golive merge-driver %O %A %B %P`: git's custom merge driver for golive.yaml
 * (`.gitattributes`: `golive.yaml merge=golive`). Resolves two edits of the same item
 * without losing either (see core/merge.ts) and writes the result to %A, keeping ours'
 * comments, line endings and layout. When it cannot merge, it leaves git's usual conflict
 * markers in %A and exits 1, so the merge stops for a person to resolve.
 */
import { resolve } from "node:path";
import { type Catalogue, indexCatalogue } from "../core/catalogue.js";
import { mergeStates, same, TOP_KEYS } from "../core/merge.js";
import { EXIT, GoliveError } from "../errors.js";
import { loadCatalogue } from "../io/catalogue.js";
import { writeFileAtomic } from "../io/fs-atomic.js";
import { gitMergeFile } from "../io/git.js";
import { StateEditor } from "../io/state-edit.js";
import { readTextFile } from "../io/text-file.js";
import { parseYaml, toData, validate, type YamlFile } from "../io/yaml-file.js";
import type { CatalogueFile } from "../schema/catalogue.js";
import { type ItemState, type StateData, StateSchema } from "../schema/state.js";
import { type Context, type Output, output } from "./context.js";

function readState(path: string, shown: string): { file: YamlFile; state: StateData } {
  const what = `${shown} (${path})`;
  const file = parseYaml(path, readTextFile(path, what), what);
  return { file, state: validate(file, toData(file, what), StateSchema, what, "invalid-state") };
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
    const o = readState(base!, `${shown}, base`);
    const a = readState(ours!, `${shown}, ours`);
    const b = readState(theirs!, `${shown}, theirs`);
    const result = mergeStates(o.state, a.state, b.state);
    if (result.ok) {
      writeFileAtomic(ours!, render(a.file, a.state, result.state, result.changes, ctx, pathname));
      return output("");
    }
    reasons = result.reasons;
  } catch (error) {
    if (!(error instanceof GoliveError)) throw error;
    reasons = [error.message];
  }
  gitMergeFile(ctx.cwd, base!, ours!, theirs!);
  return output(
    "",
    `golive merge-driver: cannot merge ${shown}: ${reasons.join("; ")}\nhint: resolve the conflict markers in ${shown} by hand, then run \`golive check\`\n`,
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
