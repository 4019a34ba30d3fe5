/**
 * `golive verify`: answers the checkable items from the repository's own files, and
 * optionally records the results as evidence in golive.yaml (never changing a status).
 */
import { relative } from "node:path";
import { indexState } from "../core/board.js";
import { type ItemVerdict, recordVerdict } from "../core/verdict.js";
import { EXIT } from "../errors.js";
import { loadWorkspace, type Workspace } from "../io/state-read.js";
import { renderJson } from "../render/json.js";
import { renderVerify, type VerifyRun, verifyJson } from "../render/verify.js";
import type { EvidenceInputs } from "../schema/state.js";
import { type Context, type Output, output } from "../work/context.js";
import { editItems } from "../work/edit-items.js";
import { resolveItems, statePath } from "../work/shared.js";
import { runVerify } from "../work/verify-run.js";

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

export async function verify(ctx: Context, options: VerifyOptions): Promise<Output> {
  const workspace = loadWorkspace(statePath(ctx), ctx.cwd);
  // Items the team ruled out are not checked, unless asked for by name.
  const ruledOut = notApplicable(workspace);
  const items =
    options.item === undefined
      ? workspace.catalogue.items.filter((i) => !ruledOut.has(i.id))
      : resolveItems(workspace.catalogue, [options.item]);
  const result = await runVerify(ctx, workspace, items, {
    ...options,
    ...(options.record ? { inputs: true } : {}),
  });
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
    record(ctx, result.verdicts, result.inputs);
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
 * words (they are made when shown) and no secret (no finding holds one), and what its checks
 * read (`inputs`, so that status can tell unchanged evidence without running the checks).
 * Status, owner, by and at stay as they are.
 */
function record(
  ctx: Context,
  verdicts: readonly ItemVerdict[],
  inputs: ReadonlyMap<string, EvidenceInputs> | undefined,
): void {
  let at: string | undefined;
  const byId = new Map(verdicts.map((v) => [v.id, v]));
  editItems(
    ctx,
    verdicts.map((v) => v.id),
    (item, before) => {
      const v = byId.get(item.id)!;
      at ??= ctx.now();
      const read = inputs?.get(v.id);
      return {
        after: {
          ...before,
          evidence: { ...recordVerdict(v), at, ...(read ? { inputs: read } : {}) },
        },
        result: undefined,
      };
    },
  );
}
