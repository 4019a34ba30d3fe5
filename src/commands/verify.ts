/**
 * `golive verify`: answers the checkable items from the repository's own files, and
 * optionally records the results as evidence in golive.yaml (never changing a status).
 */
import { statSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { type ItemView, indexState } from "../core/board.js";
import { type ItemVerdict, recordVerdict } from "../core/verdict.js";
import { EXIT, GoliveError } from "../errors.js";
import { findRepoRoot } from "../io/locate.js";
import { openRepo } from "../io/repo.js";
import { loadWorkspace, type Workspace } from "../io/state-read.js";
import { renderJson } from "../render/json.js";
import { renderVerify, type VerifyRun, verifyJson } from "../render/verify.js";
import type { CatalogueItem } from "../schema/catalogue.js";
import { verifyRepository } from "../verify/index.js";
import { RELEASE_PATTERN } from "../verify/spryker-releases.js";
import { type Context, type Output, output } from "./context.js";
import { editItems } from "./edit-items.js";
import { resolveItems, statePath } from "./shared.js";

export interface VerifyOptions {
  path?: string;
  item?: string;
  all?: boolean;
  /** Every finding in text, not the first 12 of each item. */
  full?: boolean;
  json?: boolean;
  record?: boolean;
  latestRelease?: string;
}

function repositoryRoot(ctx: Context, workspace: Workspace, path: string | undefined): string {
  if (path === undefined) return findRepoRoot(dirname(workspace.statePath));
  const root = resolve(ctx.cwd, path);
  let isDir = false;
  try {
    isDir = statSync(root).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) {
    throw new GoliveError("usage", `--path ${path} is not a folder`, {
      hint: "give the folder of the shop's repository",
    });
  }
  return root;
}

function latestRelease(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!RELEASE_PATTERN.test(value.trim())) {
    throw new GoliveError("usage", `--latest-release "${value}" is not a Spryker release`, {
      hint: "write it like 202507.0",
    });
  }
  return value.trim();
}

/** Runs the checks of `items` against the repository. */
export async function runVerify(
  ctx: Context,
  workspace: Workspace,
  items: readonly CatalogueItem[],
  options: { path?: string; latestRelease?: string },
): Promise<{ root: string; source: "git" | "walk"; fileCount: number; verdicts: ItemVerdict[] }> {
  const root = repositoryRoot(ctx, workspace, options.path);
  const release = latestRelease(options.latestRelease);
  const repo = openRepo(root);
  const verdicts = await verifyRepository(items, repo, {
    today: ctx.today,
    goLive: workspace.state.goLive,
    allow: workspace.state.verify?.allow ?? [],
    ...(release ? { latestRelease: release } : {}),
  });
  return { root, source: repo.source, fileCount: repo.files.length, verdicts };
}

export async function verify(ctx: Context, options: VerifyOptions): Promise<Output> {
  const workspace = loadWorkspace(statePath(ctx), ctx.cwd);
  // Items the team ruled out are not checked, unless asked for by name.
  const ruledOut = notApplicable(workspace);
  const items =
    options.item === undefined
      ? workspace.catalogue.items.filter((i) => !ruledOut.has(i.id))
      : resolveItems(workspace.catalogue, [options.item]);
  const result = await runVerify(ctx, workspace, items, options);
  const run: VerifyRun = {
    ...result,
    today: ctx.today,
    goLive: workspace.state.goLive,
    ...(options.full ? { full: true } : {}),
  };
  if (options.item === undefined) {
    run.notApplicable = workspace.catalogue.items
      .filter((i) => i.checks && ruledOut.has(i.id))
      .map((i) => i.id);
  }
  if (options.all || options.item !== undefined) {
    run.manual = items.filter((i) => !i.checks).map((i) => ({ id: i.id, title: i.title }));
  }
  if (options.record && result.verdicts.length > 0) {
    record(ctx, result.verdicts);
    run.recordedIn = relative(ctx.cwd, workspace.statePath) || workspace.statePath;
  }
  const exitCode = result.verdicts.some((v) => v.result === "fail") ? EXIT.findings : EXIT.ok;
  if (options.json) return output(renderJson(verifyJson(run)), "", exitCode);
  return output(renderVerify(ctx.style, run), "", exitCode);
}

function notApplicable(workspace: Workspace): Set<string> {
  const { keyOf } = indexState(workspace.catalogue, workspace.state);
  const entries = workspace.state.items ?? {};
  const ids = new Set<string>();
  for (const [id, key] of keyOf) {
    if (entries[key]?.status === "not-applicable") ids.add(id);
  }
  return ids;
}

/**
 * Stores each verdict as the item's evidence: the deciding finding's code and arguments, no
 * words (they are made when shown) and no secret (no finding holds one). Status, owner, by and
 * at stay as they are.
 */
function record(ctx: Context, verdicts: readonly ItemVerdict[]): void {
  let at: string | undefined;
  const byId = new Map(verdicts.map((v) => [v.id, v]));
  editItems(
    ctx,
    verdicts.map((v) => v.id),
    (item, before) => {
      const v = byId.get(item.id)!;
      at ??= ctx.now();
      return {
        after: { ...before, evidence: { ...recordVerdict(v), at } },
        result: undefined,
      };
    },
  );
}

/** `golive check --verify`: the repository's verdict on each of `items`, by item ID. */
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
  return new Map(verdicts.map((v) => [v.id, v]));
}
