/**
 * `golive check --format github`: one workflow command per failure and warning, so they show
 * as annotations on the run and on golive.yaml in the pull request.
 *
 * Every user-provided text goes through GitHub's escaping for workflow commands: in data
 * `%`, CR and LF; in properties also `:` and `,`. A note cannot end the command's line,
 * so it cannot start a command of its own.
 */
import { unicodeEscape } from "../core/escape.js";
import type { GateFinding, GateResult } from "../core/gate.js";
import { notable } from "../core/gate.js";
import type { SourceLocation } from "../errors.js";
import { findingReason, findingTitle, pinnedWords, verdictLine } from "./gate-words.js";
import { INVISIBLE_CHARS } from "./text.js";

// Controls other than CR and LF (which are escaped) would colour or garble the log, and the
// invisible characters `safe` escapes (bidirectional marks such as U+200F and U+061C, zero-width
// spaces) would make an annotation read other than it says.
const CONTROL = new RegExp(
  `[\\u0000-\\u0009\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f${INVISIBLE_CHARS}]`,
  "gu",
);

function visible(text: string): string {
  return text.replace(CONTROL, unicodeEscape);
}

/** Escapes the message part of a workflow command (after the second `::`). */
export function escapeData(text: string): string {
  return visible(text).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Escapes a property value (`title=...`, `file=...`). */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

function command(
  name: string,
  properties: Record<string, string | number | undefined>,
  message: string,
): string {
  const props = Object.entries(properties)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
    .join(",");
  return `::${name}${props ? ` ${props}` : ""}::${escapeData(message)}`;
}

export interface GithubOptions {
  /** Where each item's entry sits in golive.yaml, by item ID, for annotations on the file. */
  locations?: ReadonlyMap<string, SourceLocation>;
}

function annotation(f: GateFinding, result: GateResult, options: GithubOptions): string {
  const name = f.verdict === "fail" ? "error" : f.verdict === "warn" ? "warning" : "notice";
  const where = options.locations?.get(f.view.item.id);
  const owner = f.view.state.owner ? ` Owner: ${f.view.state.owner}.` : "";
  return command(
    name,
    { file: where?.file, line: where?.line, title: `golive: ${findingTitle(f)}` },
    `${f.view.item.title}: ${findingReason(f, result.policy.grace)}.${owner}`,
  );
}

export function renderGithub(result: GateResult, options: GithubOptions = {}): string {
  const lines = notable(result).map((f) => annotation(f, result, options));
  if (result.clockToday !== undefined)
    lines.unshift(command("warning", { title: "golive: today is pinned" }, pinnedWords(result)));
  lines.push(verdictLine(result));
  return `${lines.join("\n")}\n`;
}
