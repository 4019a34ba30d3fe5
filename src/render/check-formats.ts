/**
 * `golive check --format`: each format a function of the gate's one result.
 */
import type { Board, ItemView } from "../core/board.js";
import type { Catalogue } from "../core/catalogue.js";
import type { GateResult } from "../core/gate.js";
import type { Warning } from "../core/warnings.js";
import type { SourceLocation } from "../errors.js";
import { renderCheck } from "./check.js";
import type { CheckFormat, Formats } from "./formats.js";
import { renderGithub } from "./github.js";
import { jsonCheckReport, jsonReport, renderJson } from "./json.js";
import { renderJunit } from "./junit.js";
import { renderGateMarkdown } from "./markdown.js";
import type { Style } from "./text.js";

/** What `golive check` found: the gate's result over the selected items, and where they are. */
export interface GateReport {
  catalogue: Catalogue;
  board: Board;
  items: readonly ItemView[];
  result: GateResult;
  warnings: readonly Warning[];
  /** The phases `--phase` selected, for the JSON report's policy. */
  phases?: readonly string[] | undefined;
  /** Where each item sits in golive.yaml, for GitHub's annotations. */
  locations: ReadonlyMap<string, SourceLocation>;
}

export function checkFormats(env: { style: Style; now: string }): Formats<CheckFormat, GateReport> {
  return {
    text: (r) => renderCheck(env.style, r.result),
    github: (r) => renderGithub(r.result, { locations: r.locations }),
    junit: (r) => renderJunit(r.result, { name: r.board.title, timestamp: env.now }),
    json: (r) =>
      renderJson(
        jsonCheckReport(
          jsonReport("check", r.catalogue, r.board, r.items, r.warnings),
          r.result,
          r.phases,
        ),
      ),
    markdown: (r) => renderGateMarkdown(r.result, r.board.title),
  };
}
