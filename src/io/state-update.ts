/**
 * Changing the state file: read it under its lock, let the edit change the document, check
 * the result as any later command will read it, and write it back atomically. A thrown error
 * leaves the file as it was: golive never writes a file it would then refuse to read.
 */
import { dirname } from "node:path";
import { isMap, visit } from "yaml";
import { GoliveError } from "../errors.js";
import { STATE_VERSION } from "../schema/state.js";
import { writableTarget, writeFileAtomic } from "./fs-atomic.js";
import { findRepoRoot } from "./locate.js";
import { withLock } from "./lock.js";
import { StateEditor } from "./state-edit.js";
import { loadWorkspace, validateState, type Workspace } from "./state-read.js";
import { MAX_FILE_BYTES } from "./text-file.js";
import { parseYaml, toData, type YamlFile } from "./yaml-file.js";

/**
 * Runs `edit` on the state file at `statePath` under its lock, and writes what it changed.
 * `root` is the repository's root (the file's folder outside git): a link inside it is written
 * through; one that leads out of it is refused.
 */
export function updateWorkspace<T>(
  statePath: string,
  shownFrom: string,
  edit: (workspace: Workspace, editor: StateEditor) => T,
  root = findRepoRoot(dirname(statePath)),
): T {
  const target = writableTarget(statePath, root);
  return withLock(target, () => {
    const workspace = loadWorkspace(statePath, shownFrom);
    refuseAliasedItems(workspace.file);
    const editor = new StateEditor(workspace.file, workspace.catalogue);
    const result = edit(workspace, editor);
    if (editor.changed) {
      const text = editor.toString();
      checkStateText(text, workspace.file.path);
      writeFileAtomic(target, text);
    }
    return result;
  });
}

/**
 * Items that share a YAML anchor (`CLO-02: *x`) are one node: editing one would change them
 * all. golive edits items one at a time, so such a file is refused for edits, with the place.
 */
function refuseAliasedItems(file: YamlFile): void {
  const items = file.doc.get("items", true);
  if (!isMap(items)) return;
  let found: [number, number] | undefined;
  visit(items, {
    Alias(_key, node) {
      found = node.range ? [node.range[0], node.range[1]] : [0, 0];
      return visit.BREAK;
    },
  });
  if (found === undefined) return;
  const pos = file.lines.linePos(found[0]);
  throw new GoliveError(
    "invalid-state",
    "the state file's items use a YAML alias (*name): an edit of one item would change every item that shares it",
    {
      location: { file: file.path, line: pos.line, col: pos.col },
      hint: "write each item's entry out in full instead of the alias, then run the command again",
    },
  );
}

/**
 * The text an edit (or a merge) is about to write, read back as every later command will read
 * it: refused, with the field named, when this golive could not read it.
 */
export function checkStateText(text: string, shown: string): void {
  const what = "the changed state file";
  // Every later command refuses a file over the read limit: so is the change that makes one.
  const bytes = Buffer.byteLength(text);
  if (bytes > MAX_FILE_BYTES) {
    throw new GoliveError(
      "too-large",
      `this change would make golive.yaml ${(bytes / 1024 / 1024).toFixed(2)} MiB; golive reads at most ${MAX_FILE_BYTES / 1024 / 1024} MiB`,
      {
        location: { file: shown },
        hint: "shorten long notes or reasons (golive show ID lists them); golive.yaml was not changed",
      },
    );
  }
  const file = parseYaml(shown, text, what);
  try {
    const data = toData(file, what);
    const version = (data as { golive?: unknown } | null)?.golive;
    if (typeof version === "number" && version > STATE_VERSION) {
      throw new GoliveError(
        "newer-schema",
        `${what}: golive: format ${version} is newer than this golive reads (${STATE_VERSION})`,
      );
    }
    validateState(file, data, what);
  } catch (error) {
    if (!(error instanceof GoliveError)) throw error;
    // The location is in text that was never written: name the field instead.
    throw new GoliveError(
      "invalid-change",
      `this change would make golive.yaml unreadable: ${error.message.replace(`${what}: `, "")}`,
      { hint: "shorten or correct the value; golive.yaml was not changed" },
    );
  }
}
