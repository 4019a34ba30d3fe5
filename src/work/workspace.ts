/**
 * How a command reads and writes golive.yaml, in one place. `openState(ctx)` finds the file
 * once (from the working folder up to the repository's root, or --file) and the repository
 * around it, refuses a file git holds unmerged, and offers:
 *
 * - `read()`: the file read and checked with its catalogue (io/state-read.ts), every time:
 *   golive keeps no cache;
 * - `board()`: the same, and the board for today (core/board.ts);
 * - `update(edit)`: under the file's lock (io/lock.ts), the file read again, `edit` changes it
 *   through the YAML editor (io/state-edit.ts), the result is checked as any later command will
 *   read it and written atomically (io/state-update.ts). A thrown error changes nothing. It is
 *   asynchronous only because the editor is loaded when a command first writes.
 *
 * Changing items (done, assign, waive, ...) is `update` with the item edits of edit-items.ts
 * (`updateItems`, `changeItems`). Two commands write the file without `update`, because there
 * is no valid file to read first: `init` creates it, and `resolve` replaces a file git holds
 * unmerged with the merge of its three versions. Both take the same lock and write atomically
 * (io/lock.ts, io/fs-atomic.ts).
 *
 * What a workspace holds (io/state-read.ts): the file's text, its YAML and data, the catalogue,
 * and `root`, the repository the shop is read from (found once, here).
 */
import { existsSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { type Board, buildBoard } from "../core/board.js";
import { GO_LIVE_CONFLICT_HINT, GoliveError, itemConflictHint } from "../errors.js";
import { isUnmerged } from "../io/git-repo.js";
import { findRepo, findStateFile, type GitRepo, shellQuote } from "../io/locate.js";
import type { StateEditor } from "../io/state-edit.js";
import { loadWorkspace, type Workspace } from "../io/state-read.js";
import { readTextFile } from "../io/text-file.js";
import { hasGoLiveConflict, itemConflicts } from "../io/yaml-file.js";
import type { Context } from "./context.js";

export type { Workspace } from "../io/state-read.js";

/** golive.yaml as a command uses it: see the top of this file. */
export interface StateFile {
  /** The file's absolute path. */
  readonly path: string;
  /** The git repository holding it; undefined outside git. */
  readonly repo: GitRepo | undefined;
  read(): Workspace;
  board(): { workspace: Workspace; board: Board };
  update<T>(edit: (workspace: Workspace, editor: StateEditor) => T): Promise<T>;
}

/**
 * The state file: found from the working folder, or given with --file. While git holds it
 * unmerged, it is refused (`allowUnmerged` is for the commands that finish or check merges).
 */
export function openState(ctx: Context, options: { allowUnmerged?: boolean } = {}): StateFile {
  let path: string;
  let repo: GitRepo | undefined;
  if (ctx.file === undefined) {
    repo = findRepo(ctx.cwd);
    path = findStateFile(ctx.cwd, repo);
  } else {
    path = resolve(ctx.cwd, ctx.file);
    if (!existsSync(path)) {
      throw new GoliveError("no-state-file", "the state file given with --file does not exist", {
        location: { file: ctx.file },
        hint: `check the path, or create it with \`golive --file ${shellQuote(ctx.file)} init --date YYYY-MM-DD\``,
      });
    }
    repo = findRepo(dirname(path));
  }
  if (!options.allowUnmerged) refuseUnmerged(ctx, path, repo);
  const read = () => loadWorkspace(path, ctx.cwd);
  return {
    path,
    repo,
    read,
    board() {
      const workspace = read();
      return { workspace, board: buildBoard(workspace.catalogue, workspace.state, ctx.today) };
    },
    // The YAML editor is loaded by the commands that write: status and check never load it.
    update: async (edit) =>
      (await import("../io/state-update.js")).updateWorkspace(
        path,
        ctx.cwd,
        edit,
        repo?.root ?? dirname(path),
      ),
  };
}

/**
 * A state file git holds unmerged may be any one side of the merge, with or without conflict
 * markers (a merge driver that did not run leaves ours): reading it would show, and the next
 * commit would keep, one side only. Every command refuses it until `golive resolve` (or a
 * person and `git add`) has merged it.
 */
export function refuseUnmerged(
  ctx: Context,
  path: string,
  repo: GitRepo | undefined = findRepo(dirname(path)),
): void {
  if (!isUnmerged(path, repo)) return;
  const shown = relative(ctx.cwd, path) || path;
  const text = stateText(path);
  const items = text === undefined ? [] : itemConflicts(text);
  if (items.length > 0) {
    throw new GoliveError(
      "unmerged",
      `${shown} is merged but for ${items.length === 1 ? "an item" : `${items.length} items`} both sides changed differently (${items.slice(0, 5).join(", ")}${items.length > 5 ? ", ..." : ""}): golive does not choose for people`,
      { hint: itemConflictHint(items[0]!) },
    );
  }
  if (text !== undefined && hasGoLiveConflict(text)) {
    throw new GoliveError(
      "unmerged",
      `${shown} is merged but for its goLive line: both sides moved go-live, and golive does not pick the date every due date hangs on`,
      {
        hint: GO_LIVE_CONFLICT_HINT,
      },
    );
  }
  throw new GoliveError(
    "unmerged",
    `${shown} is unmerged in git's index: a merge (or rebase, cherry-pick, stash) stopped on it, and the file may hold one side's changes only`,
    {
      hint: "run `golive resolve`: it merges the base, our and their versions git holds, writes the file and stages it; then finish what stopped (`git commit`, `git rebase --continue`, ...)",
    },
  );
}

/** The state file's text, or undefined when it cannot be read as text. */
function stateText(path: string): string | undefined {
  try {
    return readTextFile(path, "state file");
  } catch {
    return undefined; // not readable as text: the general message and `golive resolve` say more
  }
}

/** The files a workspace was read from: a report must never be written over one of them. */
export function readFiles(workspace: Workspace): string[] {
  return [workspace.statePath, ...(workspace.cataloguePath ? [workspace.cataloguePath] : [])];
}
