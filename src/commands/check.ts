import { resolve } from "node:path";
import { DEFAULT_POLICY, type GatePolicy, readyToTick, runGate } from "../core/gate.js";
import { boardWarnings, pinnedTodayWarnings } from "../core/warnings.js";
import { EXIT, GoliveError, type SourceLocation } from "../errors.js";
import { findRepoRoot } from "../io/locate.js";
import { posixRelative } from "../io/posix-path.js";
import { appendStepSummary, writeReport } from "../io/report-file.js";
import { itemLines, type Workspace } from "../io/state-read.js";
import { renderReadyToTick } from "../render/check.js";
import { checkFormats, type GateReport } from "../render/check-formats.js";
import { renderWarnings } from "../render/error.js";
import type { CheckFormat } from "../render/formats.js";
import { renderGateMarkdown } from "../render/markdown.js";
import { type Context, type Output, output, rawOutput } from "../work/context.js";
import { type FilterOptions, filtered } from "../work/select.js";
import { openState, readFiles } from "../work/workspace.js";

export interface CheckOptions extends FilterOptions {
  json?: boolean;
  format?: CheckFormat;
  output?: string;
  /** Days; cli/options.ts parses them and gives the defaults. */
  warnWithin?: number;
  grace?: number;
  strict?: boolean;
  /** Also run `golive verify`: a done item whose check fails is a regression. */
  verify?: boolean;
}

/** Where each item sits in golive.yaml, by a path from the repository root as GitHub wants. */
function locations(workspace: Workspace): Map<string, SourceLocation> {
  const root = workspace.root;
  const file = posixRelative(root, workspace.statePath);
  return new Map([...itemLines(workspace)].map(([id, line]) => [id, { file, line }]));
}

/** The CI gate: exit 1 while an open item is past its due date (and its grace), unwaived. */
export async function check(ctx: Context, options: CheckOptions): Promise<Output> {
  const policy: GatePolicy = {
    warnWithin: options.warnWithin ?? DEFAULT_POLICY.warnWithin,
    grace: options.grace ?? DEFAULT_POLICY.grace,
    strict: options.strict ?? false,
  };
  const { workspace, board: whole } = openState(ctx).board();
  const { filter, items, board } = filtered(ctx, workspace, whole, options);
  // --verify: the repository's checks go into the gate, so a regressed done item fails it in
  // every format, counts included.
  // Loaded only for --verify: the plain gate never loads the verify rules
  // (test/unit/module-graph.test.ts).
  const checks = options.verify
    ? await (await import("../work/verify-run.js")).verifyChecks(ctx, workspace, items)
    : undefined;
  const result = {
    ...runGate(items, ctx.today, policy, checks, board.life.closed),
    ...(ctx.clockToday !== undefined ? { clockToday: ctx.clockToday } : {}),
  };
  const warnings = [...pinnedTodayWarnings(ctx), ...boardWarnings(board)];
  const consoleFormat: CheckFormat = ctx.ci?.githubActions ? "github" : "text";
  const format: CheckFormat = options.json ? "json" : (options.format ?? consoleFormat);

  const report: GateReport = {
    catalogue: workspace.catalogue,
    board,
    items,
    result,
    warnings,
    phases: filter.phase,
    locations: locations(workspace),
  };
  const formats = checkFormats({ style: ctx.style, now: ctx.now() });
  const render = (which: CheckFormat): string => formats[which](report);

  // With --output the report goes to the file and the console gets the usual summary.
  const shown = options.output === undefined ? format : consoleFormat;
  if (options.output !== undefined) {
    writeReport(
      resolve(ctx.cwd, options.output),
      render(format),
      readFiles(workspace),
      findRepoRoot(ctx.cwd),
    );
  }
  if (shown === "github" && ctx.ci?.stepSummary) {
    // The summary is a courtesy; the verdict must survive a runner that cannot take it.
    try {
      appendStepSummary(
        resolve(ctx.cwd, ctx.ci.stepSummary),
        renderGateMarkdown(result, `golive check: ${board.title}`),
        readFiles(workspace),
      );
    } catch (error) {
      if (!(error instanceof GoliveError)) throw error;
      warnings.push({
        code: "step-summary-unwritten",
        path: ctx.ci.stepSummary,
        reason: error.message,
      });
    }
  }
  const ready = checks ? renderReadyToTick(ctx.style, readyToTick(result)) : "";
  // Workflow commands are golive's own, meant to run; any other format is for the log.
  return (shown === "github" ? rawOutput : output)(
    render(shown),
    renderWarnings(ctx.style, warnings) + ready,
    result.passed ? EXIT.ok : EXIT.findings,
  );
}
