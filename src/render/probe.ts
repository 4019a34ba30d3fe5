/**
 * `golive probe`'s formats: the terminal report and the JSON report. Verdicts are verify's
 * (core/verdict.ts), so verify's labels, ordering and JSON verdict are reused; what differs is
 * the head (which hosts, which day) and the hints. Everything a server sent (headers, URLs,
 * status lines) is made safe here, where it reaches a terminal.
 */

import { pushAll } from "../core/arrays.js";
import { daysBetween } from "../core/dates.js";
import type { ItemVerdict, KeptEvidence, Result } from "../core/verdict.js";
import { REPORT_VERSION } from "./json.js";
import { PROBE_HINTS } from "./probe-words.js";
import { hangingLine } from "./table.js";
import { plural, type Style, safe } from "./text.js";
import {
  counts,
  findingsForText,
  type JsonVerdict,
  jsonKept,
  jsonVerdict,
  recordedLines,
  resultLabel,
} from "./verify.js";
import { findingMessage } from "./verify-words.js";

export interface ProbeHostView {
  host: string;
  scheme: "https" | "http";
  port: number;
  kind: "storefront" | "admin" | "api";
}

export interface ProbeRun {
  today: string;
  goLive: string;
  /** Where the hosts came from: a deploy file's environment, or `--url`. */
  environment: "production" | "staging" | "urls";
  /** The deploy files the hosts were read from. */
  from: string[];
  hosts: ProbeHostView[];
  /** Endpoints that name no host golive can ask for (a variable, a local name). */
  skipped: { file: string; line: number; reason: string }[];
  verdicts: ItemVerdict[];
  recordedIn?: string;
  /** Items whose worse evidence from verify was kept (work/evidence.ts). */
  kept?: readonly KeptEvidence[];
}

/** "2 days before go-live", "go-live day", "3 days after go-live". */
export function dayWords(today: string, goLive: string): string {
  const d = daysBetween(today, goLive);
  if (d === 0) return "go-live day";
  return d > 0 ? `${plural(d, "day")} before go-live` : `${plural(-d, "day")} after go-live`;
}

/** What to do about a verdict that is not a pass: the deciding finding's hint. */
export function probeHint(v: ItemVerdict): string | undefined {
  if (v.result === "pass") return undefined;
  for (const f of v.findings) {
    if (f.result !== v.result) continue;
    const hint = (PROBE_HINTS as Record<string, string | undefined>)[f.code];
    if (hint) return hint;
  }
  return undefined;
}

function hostLabel(h: ProbeHostView): string {
  const def = h.scheme === "https" ? 443 : 80;
  return `${h.scheme === "http" ? "http://" : ""}${h.host}${h.port === def ? "" : `:${h.port}`}`;
}

export function renderProbe(style: Style, run: ProbeRun): string {
  const c = style.chalk;
  const line = (head: string, body: string) => hangingLine(style.width, head, body);
  const where =
    run.environment === "urls"
      ? "the URLs given"
      : `${run.environment} (${run.from.length > 0 ? run.from.map(safe).join(", ") : "no deploy file"})`;
  const lines = [
    line(`${c.bold("golive probe")} `, where),
    line(
      "",
      c.dim(
        `judged on ${run.today}, ${dayWords(run.today, run.goLive)} (${run.goLive}): hosts ${
          run.hosts.length > 0 ? run.hosts.map((h) => safe(hostLabel(h))).join(", ") : "none"
        }`,
      ),
    ),
  ];
  for (const s of run.skipped)
    lines.push(
      line(`${c.yellow("skipped")} `, `${c.cyan(`${safe(s.file)}:${s.line}`)}  ${s.reason}`),
    );
  for (const v of run.verdicts) {
    lines.push("", line(`${resultLabel(style, v.result)} ${c.bold(v.id)}  `, safe(v.title)));
    for (const f of findingsForText(v.findings)) {
      const mark = f.result === v.result && v.result !== "pass" ? "›" : " ";
      lines.push(line(`   ${mark} `, safe(findingMessage(f))));
    }
    const hint = probeHint(v);
    if (hint) lines.push(line(`     ${c.dim("hint:")} `, hint));
  }
  const n = counts(run.verdicts);
  lines.push(
    "",
    line(
      "",
      `${plural(run.verdicts.length, "probed item")}: ${n.pass} pass, ${n.warn} warn, ${n.fail} fail, ${n.unknown} unknown (judged on ${run.today}).`,
    ),
  );
  pushAll(lines, recordedLines(run, line));
  return `${lines.join("\n")}\n`;
}

export interface ProbeJsonVerdict extends JsonVerdict {
  /** The day the verdict was judged on (the same answer can pass before go-live and fail after). */
  judgedOn: string;
}

/** `golive probe --json`. */
export interface ProbeJsonReport {
  version: typeof REPORT_VERSION;
  command: "probe";
  today: string;
  goLive: string;
  /** Days from today to go-live: positive before, 0 on the day, negative after. */
  daysToGoLive: number;
  environment: "production" | "staging" | "urls";
  deployFiles: string[];
  hosts: ProbeHostView[];
  skipped: { file: string; line: number; reason: string }[];
  counts: Record<Result, number>;
  items: ProbeJsonVerdict[];
  recorded: boolean;
  /** Items that kept verify's worse evidence (`--record`). */
  kept: ReturnType<typeof jsonKept>;
}

export function probeJson(run: ProbeRun): ProbeJsonReport {
  return {
    version: REPORT_VERSION,
    command: "probe",
    today: run.today,
    goLive: run.goLive,
    daysToGoLive: daysBetween(run.today, run.goLive),
    environment: run.environment,
    deployFiles: run.from,
    hosts: run.hosts,
    skipped: run.skipped,
    counts: counts(run.verdicts),
    items: run.verdicts.map((v) => ({
      ...jsonVerdict(v),
      hint: probeHint(v) ?? null,
      judgedOn: run.today,
    })),
    recorded: run.recordedIn !== undefined,
    kept: jsonKept(run.kept),
  };
}
