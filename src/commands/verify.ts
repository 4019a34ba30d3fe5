/**
 * `golive verify`: answers the checkable items from the repository's own files, and
 * optionally records the results as evidence in golive.yaml (never changing a status).
 */
import { relative } from "node:path";
import { indexState } from "../core/board.js";
import { EXIT } from "../errors.js";
import type { Workspace } from "../io/state-read.js";
import { renderJson } from "../render/json.js";
import { renderVerify, type VerifyRun, verifyJson } from "../render/verify.js";
import { type Context, type Output, output } from "../work/context.js";
import { recordEvidence } from "../work/evidence.js";
import { resolveItems } from "../work/select.js";
import { runVerify } from "../work/verify-run.js";
import { openState } from "../work/workspace.js";

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
  const workspace = openState(ctx).read();
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
    run.kept = await recordEvidence(ctx, result.verdicts, { inputs: result.inputs });
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
