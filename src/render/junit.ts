/**
 * `golive check --format junit`: JUnit XML as GitLab, Jenkins and most CI servers read it.
 * One test suite per phase, one test case per item: failing → <failure>; done or waived →
 * passed (a waiver's reason in <system-out>); anything else (not applicable, not yet due, late
 * but within the grace or optional) → <skipped>, so that "passed" never counts open work.
 * Any text makes valid XML 1.0: markup is escaped, characters XML forbids are dropped.
 */
import { pushAll } from "../core/arrays.js";
import type { GateFinding, GateResult } from "../core/gate.js";
import { findingReason, findingTitle, pinnedWords, verdictLine } from "./gate-words.js";
import { ciSafe, printable } from "./text.js";

// XML 1.0 allows tab, LF, CR and these ranges; lone surrogates are outside them.
const FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * Escapes character data and attribute values alike. What every other report file drops goes
 * too (`printable`): C1 controls (XML allows U+009B, a terminal's CSI when the report is
 * printed) and bidirectional overrides, which a CI server's test view would obey.
 */
export function escapeXml(text: string): string {
  return printable(text)
    .replace(FORBIDDEN, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** In attributes, line breaks would be normalised to spaces: keep them as references. */
function attr(text: string): string {
  return escapeXml(text).replace(/\r/g, "&#13;").replace(/\n/g, "&#10;").replace(/\t/g, "&#9;");
}

/**
 * How a finding reads as a test: it passes only when the item is done (and its check, if run,
 * agrees) or waived; it fails when the gate fails it; anything else (not applicable, not yet
 * due, late within the grace or optional) is skipped, with the gate's reason.
 */
export type JunitOutcome = "passed" | "failed" | "skipped";

export function junitOutcome(f: GateFinding): JunitOutcome {
  if (f.verdict === "fail") return "failed";
  if (f.code === "done" || f.code === "waived" || f.code === "check-waived") return "passed";
  return "skipped";
}

function testcase(f: GateFinding, grace: number): string {
  const v = f.view;
  const name = `${v.item.id} ${v.item.title}`;
  const open = `    <testcase classname="golive.${attr(v.phase.id)}" name="${attr(name)}" time="0">`;
  const reason = findingReason(f, grace);
  const owner = v.state.owner ? `\nOwner: ${v.state.owner}` : "";
  const body = `${v.item.title}\n${reason}${owner}\nDue ${v.window.due}; window opens ${v.window.opens}.`;
  const outcome = junitOutcome(f);
  if (outcome === "failed") {
    return `${open}\n      <failure message="${attr(reason)}" type="${f.code}">${escapeXml(body)}</failure>\n    </testcase>`;
  }
  if (outcome === "skipped") {
    const message = f.verdict === "warn" ? `${findingTitle(f)}: ${reason}` : reason;
    return `${open}\n      <skipped message="${attr(message)}"/>\n    </testcase>`;
  }
  if (f.code !== "done") {
    return `${open}\n      <system-out>${escapeXml(`${findingTitle(f)}: ${reason}`)}</system-out>\n    </testcase>`;
  }
  return `${open}</testcase>`;
}

export interface JunitOptions {
  /** The suite's name, e.g. the catalogue's title. */
  name: string;
  /** An ISO date or timestamp for the suites; omitted when unknown. */
  timestamp?: string;
}

/**
 * The JUnit schema types `timestamp` as `xs:dateTime` restricted to `YYYY-MM-DDTHH:MM:SS`
 * (no zone, Ant's local time): a pinned today (a bare date) becomes midnight, and the zone of
 * a full timestamp is dropped, keeping its wall-clock time.
 */
export function junitTimestamp(when: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(when) ? `${when}T00:00:00` : when.slice(0, 19);
}

export function renderJunit(result: GateResult, options: JunitOptions): string {
  const grace = result.policy.grace;
  const phases = new Map<string, { title: string; findings: GateFinding[] }>();
  for (const f of result.findings) {
    const entry = phases.get(f.view.phase.id) ?? { title: f.view.phase.title, findings: [] };
    entry.findings.push(f);
    phases.set(f.view.phase.id, entry);
  }
  const count = (fs: readonly GateFinding[], outcome: "failed" | "skipped") =>
    fs.filter((f) => junitOutcome(f) === outcome).length;
  const all = result.findings;
  const stamp = options.timestamp ? ` timestamp="${attr(junitTimestamp(options.timestamp))}"` : "";
  const lines = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<!-- ${escapeXml(verdictLine(result)).replace(/--/g, "- -")} -->`,
    ...(result.clockToday === undefined
      ? []
      : [`<!-- ${escapeXml(pinnedWords(result)).replace(/--/g, "- -")} -->`]),
    `<testsuites name="${attr(options.name)}" tests="${all.length}" failures="${count(all, "failed")}" errors="0" skipped="${count(all, "skipped")}" time="0">`,
  ];
  for (const [id, { title, findings }] of phases) {
    pushAll(lines, [
      `  <testsuite name="${attr(title)}" id="${attr(id)}" tests="${findings.length}" failures="${count(findings, "failed")}" errors="0" skipped="${count(findings, "skipped")}" time="0"${stamp}>`,
      ...findings.map((f) => testcase(f, grace)),
      "  </testsuite>",
    ]);
  }
  lines.push("</testsuites>");
  // CI servers print the report's messages in their logs: no note may run a workflow command.
  return ciSafe(`${lines.join("\n")}\n`);
}
