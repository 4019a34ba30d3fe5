/**
 * Running the checks of `golive verify` against a repository: shared by `golive verify` and
 * `golive check --verify`, which imports this module only when --verify is given, so that the
 * plain gate never loads the verify rules.
 */

import { statSync } from "node:fs";
import { resolve } from "node:path";
import type { ItemView } from "../core/board.js";
import { echo, PATH_SHOWN_MAX } from "../core/escape.js";
import { type ItemVerdict, probeEvidenceVerdict, worst } from "../core/verdict.js";
import { GoliveError } from "../errors.js";
import { gitChangedFiles } from "../io/git.js";
import { openRepo, type RealRepo } from "../io/repo-view.js";
import type { Workspace } from "../io/state-read.js";
import type { CatalogueItem } from "../schema/catalogue.js";
import { verifyRepository } from "../verify/index.js";
import { type InputKeys, setMembers } from "../verify/inputs.js";
import type { Context } from "./context.js";
import {
  type BlobSource,
  evidenceInputs,
  goliveFiles,
  verifyContext,
  worktreeFingerprint,
} from "./evidence-inputs.js";

/** Stands for a file the work tree's fingerprint cannot take, when two are compared. */
const NO_BLOB = "0".repeat(40);

function repositoryRoot(ctx: Context, workspace: Workspace, path: string | undefined): string {
  if (path === undefined) return workspace.root;
  const root = resolve(ctx.cwd, path);
  let isDir = false;
  try {
    isDir = statSync(root).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) {
    throw new GoliveError("usage", `--path ${echo(path, PATH_SHOWN_MAX)} is not a folder`, {
      hint: "give the folder of the shop's repository",
    });
  }
  return root;
}

/**
 * Runs the checks of `items` against the repository. With `inputs`, also what each item's
 * checks read (evidence-inputs.ts), in a repository git tracks.
 */
export async function runVerify(
  ctx: Context,
  workspace: Workspace,
  items: readonly CatalogueItem[],
  options: {
    path?: string;
    latestRelease?: string;
    inputs?: boolean;
    /** Runs once the checks' view has read git's index, before the checks (for tests). */
    afterOpen?: (view: RealRepo) => void;
    /** Runs once the checks are done, before the inputs are taken (for tests). */
    afterChecks?: () => void;
  },
): Promise<{
  root: string;
  source: "git" | "walk";
  fileCount: number;
  verdicts: ItemVerdict[];
  inputs?: Map<string, string>;
  /** With `inputs`: tracked files changed while the checks read them, so none are recorded. */
  changedWhileRead?: boolean;
}> {
  const root = repositoryRoot(ctx, workspace, options.path);
  const release = options.latestRelease;
  const omit = goliveFiles(workspace, root);
  // The work tree before the checks' view reads git's index, and again once the inputs are
  // taken, each time through a view of its own (the checks' view keeps the IDs and bytes it
  // took): a file written in between (an editor saving, a build, a checkout, `git add`) would
  // leave a verdict over bytes, or a list of files, the inputs do not name, which status would
  // show as current once they are back. The same twice, the fingerprint is what the checks
  // read: while it stays the same, status need not take a blob ID (evidence-inputs.ts:
  // `treeDigest`). Taken first: a file the index gained after the checks' list was read would
  // be in both fingerprints and in no check.
  // The view is given git's answer: with hundreds of files listed, it would stat them and ask
  // git again. A listed file that cannot be read (deleted, a link out of the repository)
  // leaves no fingerprint to record, but the two are still compared, with it as no blob ID:
  // a work tree with one deleted file must not let every other change go unseen.
  const tree = () => {
    let view: RealRepo | undefined;
    let changed: Set<string> | undefined;
    let complete = true;
    const fresh = () =>
      (view ??= openRepo(root, { fromIndex: true, omit, ...(changed && { changed }) }));
    const seen: BlobSource = {
      get files() {
        return fresh().files;
      },
      blob: (path) => {
        const id = fresh().blob(path);
        if (id !== undefined && id !== "unreadable") return id;
        complete = false;
        return NO_BLOB;
      },
    };
    const digest = worktreeFingerprint(
      root,
      omit,
      () => seen,
      () => (changed = gitChangedFiles(root)),
    );
    return { digest, fingerprint: complete ? digest : undefined };
  };
  const first = options.inputs ? tree() : undefined;
  const before = first?.fingerprint;
  // git's index read here, not `git ls-files` started: the same list, ~40 ms sooner.
  const repo = openRepo(root, { fromIndex: true, omit });
  options.afterOpen?.(repo);
  const vctx = verifyContext(ctx, workspace, release);
  const keys = options.inputs && repo.source === "git" ? new Map<string, InputKeys>() : undefined;
  const verdicts = await verifyRepository(items, repo, vctx, keys);
  options.afterChecks?.();
  const result = { root, source: repo.source, fileCount: repo.files.length, verdicts };
  if (!keys) return result;
  if (keys.size === 0) return { ...result, inputs: new Map() };
  const inputs = new Map<string, string>();
  const sets = new Map<string, string>();
  for (const item of items) {
    const k = keys.get(item.id);
    if (k) inputs.set(item.id, evidenceInputs(item, k, repo, vctx, setMembers, sets, before));
  }
  if (tree().digest !== first?.digest) return { ...result, changedWhileRead: true };
  return { ...result, inputs };
}

/**
 * `golive check --verify`: the repository's verdict on each of `items`, by item ID, joined by
 * the evidence `golive probe --record` kept (the gate never contacts a host itself): an item
 * both answer gets the worse of the two.
 */
export async function verifyChecks(
  ctx: Context,
  workspace: Workspace,
  items: readonly ItemView[],
): Promise<Map<string, ItemVerdict>> {
  const { verdicts } = await runVerify(
    ctx,
    workspace,
    items.map((v) => v.item),
    {},
  );
  const byId = new Map(verdicts.map((v) => [v.id, v]));
  for (const view of items) {
    const e = view.state.evidence;
    if (e?.source !== "probe") continue;
    const probed = probeEvidenceVerdict(
      view.item.id,
      view.item.title,
      e,
      workspace.state.goLive,
      ctx.today,
    );
    if (!probed) continue;
    const files = byId.get(view.item.id);
    byId.set(
      view.item.id,
      files
        ? {
            ...files,
            result: worst([files.result, probed.result]) ?? files.result,
            // The probe's finding first when it decides: the gate words the deciding one.
            findings:
              probed.result === worst([files.result, probed.result])
                ? [...probed.findings, ...files.findings]
                : [...files.findings, ...probed.findings],
          }
        : probed,
    );
  }
  return byId;
}
