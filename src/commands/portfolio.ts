/**
 * `golive portfolio [PATH|GIT-URL[#REF]]... [--list portfolio.yaml]`: one line per project,
 * each read from its own golive.yaml (a work tree, or a ref with git). `--gate` fails when any
 * project's gate fails, or when a project cannot be read, naming each.
 */
import { resolve } from "node:path";
import { pushAll } from "../core/arrays.js";
import { buildBoard } from "../core/board.js";
import { withoutUserInfo } from "../core/links.js";
import { summariseProject } from "../core/portfolio.js";
import { pinnedTodayWarnings } from "../core/warnings.js";
import { EXIT, GoliveError } from "../errors.js";
import { findRepoRoot } from "../io/locate.js";
import {
  type ProjectSource,
  readPortfolioList,
  readProjects,
  sourceOfArgument,
} from "../io/portfolio.js";
import { writeReport } from "../io/report-file.js";
import { renderWarnings } from "../render/error.js";
import type { PortfolioFormat } from "../render/formats.js";
import { renderJson } from "../render/json.js";
import {
  jsonPortfolio,
  type PortfolioRow,
  renderPortfolioHtml,
  renderPortfolioMarkdown,
  renderPortfolioText,
} from "../render/portfolio.js";
import { plural, safe } from "../render/text.js";
import { VERSION } from "../version.js";
import { type Context, type Output, output } from "../work/context.js";

export interface PortfolioOptions {
  list?: string;
  json?: boolean;
  format?: PortfolioFormat;
  gate?: boolean;
  output?: string;
}

function describe(source: ProjectSource): string {
  switch (source.kind) {
    case "worktree":
      return source.dir;
    case "ref":
      return `${source.dir}#${source.ref}`;
    default:
      return `${withoutUserInfo(source.url)}#${source.ref}`;
  }
}

export async function portfolio(
  ctx: Context,
  args: string[],
  options: PortfolioOptions,
): Promise<Output> {
  const sources = args.map((a) => sourceOfArgument(a, ctx.cwd));
  if (options.list !== undefined) {
    pushAll(sources, readPortfolioList(resolve(ctx.cwd, options.list), options.list));
  }
  if (sources.length === 0) {
    throw new GoliveError("usage", "no projects given", {
      hint: "golive portfolio ../shop-a ../shop-b#main, or golive portfolio --list portfolio.yaml",
    });
  }
  const reads = await readProjects(sources);
  const rows: PortfolioRow[] = reads.map((r) => {
    const base = { name: r.source.name, source: describe(r.source) };
    if ("error" in r) return { ...base, error: r.error };
    const board = buildBoard(r.workspace.catalogue, r.workspace.state, ctx.today);
    // The project's own name, unless the portfolio list named it.
    const own = r.source.named ? undefined : board.name;
    return {
      ...base,
      ...(own !== undefined ? { name: own } : {}),
      title: r.workspace.catalogue.file.title,
      board,
      summary: summariseProject(board, ctx.today, r.workspace.state.slips),
    };
  });
  const format: PortfolioFormat = options.json ? "json" : (options.format ?? "text");
  let text: string;
  switch (format) {
    case "json":
      text = renderJson(jsonPortfolio(rows, ctx.today));
      break;
    case "markdown":
      text = renderPortfolioMarkdown(rows, ctx.today);
      break;
    case "html":
      text = renderPortfolioHtml(rows, ctx.today, { generated: ctx.now(), version: VERSION });
      break;
    default:
      text = renderPortfolioText(ctx.style, rows, ctx.today);
  }
  let stderr = "";
  let exitCode: Output["exitCode"] = EXIT.ok;
  if (options.gate) {
    // A gate, as check is: a day GOLIVE_TODAY pins would keep it green unseen.
    stderr = renderWarnings(ctx.style, pinnedTodayWarnings(ctx));
    const failed = rows.flatMap((r) => {
      if ("error" in r) return [`${safe(r.name)} (cannot be read)`];
      const n = r.summary.gate.failing.length;
      return r.summary.gate.passed ? [] : [`${safe(r.name)} (${plural(n, "failing item")})`];
    });
    if (failed.length > 0) {
      exitCode = EXIT.findings;
      stderr += `golive portfolio --gate failed: ${failed.join(", ")}\n`;
    }
  }
  if (options.output !== undefined) {
    // Never over a file just read: a project's golive.yaml, or the list.
    const reading = reads.flatMap((r) => ("workspace" in r ? [r.workspace.statePath] : []));
    if (options.list !== undefined) reading.push(resolve(ctx.cwd, options.list));
    writeReport(resolve(ctx.cwd, options.output), text, reading, findRepoRoot(ctx.cwd));
    return output(
      `Wrote the portfolio of ${plural(rows.length, "project")} to ${safe(options.output)}.\n`,
      stderr,
      exitCode,
    );
  }
  return output(text, stderr, exitCode);
}
