/**
 * `golive verify`'s formats: the terminal report, the JSON report and the "ready to tick" list.
 * The words come from verify-words.ts; repository text is made safe here, where it reaches a
 * terminal.
 */
import { pushAll } from "../core/arrays.js";
import type { FindingCode, ItemVerdict, KeptEvidence, Result } from "../core/verdict.js";
import { REPORT_VERSION } from "./json.js";
import { hangingLine } from "./table.js";
import { plural, type Style, safe } from "./text.js";
import { findingLocation, findingMessage, verdictHint, verdictSummary } from "./verify-words.js";

export function resultLabel(style: Style, result: Result): string {
  const c = style.chalk;
  const text = result.padEnd(7);
  switch (result) {
    case "pass":
      return c.green(text);
    case "warn":
      return c.yellow(text);
    case "fail":
      return c.red(text);
    default:
      return c.dim(text);
  }
}

export interface VerifyRun {
  root: string;
  source: "git" | "walk";
  fileCount: number;
  today: string;
  goLive: string;
  verdicts: ItemVerdict[];
  /** Items no file can answer: listed with --all. */
  manual?: { id: string; title: string }[];
  /** Checkable items marked not applicable: not checked. */
  notApplicable?: string[];
  /** The state file the results were recorded in, with --record. */
  recordedIn?: string;
  /** Items whose worse evidence from the other command was kept (work/evidence.ts). */
  kept?: readonly KeptEvidence[];
  /** Every finding in text (`--full`), not the first `MAX_EVIDENCE` of each item. */
  full?: boolean;
  /** With --record: tracked files changed during the run, so no inputs were recorded. */
  changedWhileRead?: boolean;
}

const MAX_EVIDENCE = 12;
const RANK: Record<Result, number> = { fail: 0, warn: 1, unknown: 2, pass: 3 };

/**
 * An item's findings as text lists them: failures first, then warnings, unknowns and notes,
 * each kind in the rule's order; so a cut after `MAX_EVIDENCE` never hides a failure behind
 * notes or warnings.
 */
export function findingsForText<T extends { result: Result }>(findings: readonly T[]): T[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => RANK[a.f.result] - RANK[b.f.result] || a.i - b.i)
    .map((x) => x.f);
}

export function counts(verdicts: readonly { result: Result }[]): Record<Result, number> {
  const n: Record<Result, number> = { pass: 0, warn: 0, fail: 0, unknown: 0 };
  for (const v of verdicts) n[v.result]++;
  return n;
}

export function renderVerify(style: Style, run: VerifyRun): string {
  const c = style.chalk;
  // Every line fits the terminal: evidence and hints wrap under their own first column.
  const line = (head: string, body: string) => hangingLine(style.width, head, body);
  const lines = [
    line(
      `${c.bold("golive verify")} `,
      `${safe(run.root)} ${c.dim(`(${run.source === "git" ? "git-tracked" : "all"} files: ${run.fileCount})`)}`,
    ),
  ];
  for (const v of run.verdicts) {
    lines.push("", line(`${resultLabel(style, v.result)} ${c.bold(v.id)}  `, safe(v.title)));
    const ordered = findingsForText(v.findings);
    const shown = run.full ? ordered : ordered.slice(0, MAX_EVIDENCE);
    for (const f of shown) {
      const where = findingLocation(f);
      const mark = f.result === v.result && v.result !== "pass" ? "›" : " ";
      lines.push(
        line(`   ${mark} `, `${where ? `${c.cyan(safe(where))}  ` : ""}${safe(findingMessage(f))}`),
      );
    }
    if (ordered.length > shown.length) {
      const hidden = counts(ordered.slice(shown.length));
      const kinds = (["fail", "warn", "unknown"] as const)
        .filter((r) => hidden[r] > 0)
        .map((r) => `${hidden[r]} ${r}`);
      lines.push(
        c.dim(
          `     … ${plural(ordered.length - shown.length, "more finding")}${kinds.length > 0 ? ` (${kinds.join(", ")})` : ""}: --full shows them`,
        ),
      );
    }
    const hint = verdictHint(v);
    if (hint) lines.push(line(`     ${c.dim("hint:")} `, safe(hint)));
  }
  if (run.manual && run.manual.length > 0) {
    lines.push("", c.bold(`Manual: no file can answer these (${run.manual.length})`));
    for (const m of run.manual)
      lines.push(line(`  ${c.dim("manual ")} ${c.bold(m.id)}  `, safe(m.title)));
  }
  if (run.notApplicable && run.notApplicable.length > 0) {
    lines.push(
      "",
      c.dim(
        line(
          "",
          `Not applicable, so not checked: ${run.notApplicable.join(", ")} (\`golive verify --item ID\` checks one anyway).`,
        ),
      ),
    );
  }
  const n = counts(run.verdicts);
  lines.push(
    "",
    line(
      "",
      `${plural(run.verdicts.length, "checked item")}: ${n.pass} pass, ${n.warn} warn, ${n.fail} fail, ${n.unknown} unknown.` +
        (run.manual === undefined
          ? c.dim(" `--all` also lists the items to confirm by hand.")
          : ""),
    ),
  );
  pushAll(lines, recordedLines(run, line));
  if (run.recordedIn && run.changedWhileRead) lines.push(line("  ", CHANGED_WHILE_READ));
  return `${lines.join("\n")}\n`;
}

const CHANGED_WHILE_READ =
  "Tracked files changed while golive verify ran, so the evidence is recorded without its inputs and status runs its checks each time: run golive verify --record again once nothing writes to the repository.";

/**
 * "Recorded as evidence in golive.yaml", and each item that kept the other command's worse
 * evidence, with what replaces it: verify's and probe's report say the same.
 */
export function recordedLines(
  run: { recordedIn?: string; kept?: readonly KeptEvidence[] },
  line: (indent: string, text: string) => string,
): string[] {
  if (!run.recordedIn) return [];
  const out = [line("", `Recorded as evidence in ${safe(run.recordedIn)}; no status changed.`)];
  for (const k of run.kept ?? []) {
    const by = k.kept.source === "probe" ? "probe" : "verify";
    out.push(
      line(
        "  ",
        `${k.id} keeps the ${k.kept.result} golive ${by} recorded on ${k.kept.at.slice(0, 10)}: worse than this run's verdict, and an item keeps one evidence (golive ${by} --record replaces it).`,
      ),
    );
  }
  return out;
}

/** Kept evidence in a JSON report: which item, whose, what and when. */
export function jsonKept(kept: readonly KeptEvidence[] | undefined) {
  return (kept ?? []).map((k) => ({
    id: k.id,
    source: k.kept.source ?? "verify",
    result: k.kept.result,
    at: k.kept.at,
  }));
}

export interface JsonFinding {
  code: FindingCode;
  result: Result;
  file: string | null;
  line: number | null;
  subject: string | null;
  found: string | null;
  expected: string | null;
  message: string;
}

export interface JsonVerdict {
  id: string;
  title: string;
  result: Result;
  summary: string;
  hint: string | null;
  findings: JsonFinding[];
}

/** `golive verify --json`. */
export interface VerifyJsonReport {
  version: typeof REPORT_VERSION;
  command: "verify";
  today: string;
  goLive: string;
  repository: { root: string; files: "git" | "walk"; count: number };
  counts: Record<Result, number>;
  items: JsonVerdict[];
  manual: { id: string; title: string }[] | null;
  /** Checkable items marked not applicable, which were not checked. */
  notApplicable: string[];
  recorded: boolean;
  /**
   * `--record` wrote no inputs (what the checks read): tracked files changed during the run,
   * so status runs the recorded items' checks each time.
   */
  changedWhileRead: boolean;
  /** Items that kept the other command's worse evidence (`--record`). */
  kept: ReturnType<typeof jsonKept>;
}

export function jsonVerdict(v: ItemVerdict): JsonVerdict {
  return {
    id: v.id,
    title: v.title,
    result: v.result,
    summary: verdictSummary(v),
    hint: verdictHint(v) ?? null,
    findings: v.findings.map((f) => ({
      code: f.code,
      result: f.result,
      file: f.file ?? null,
      line: f.line ?? null,
      subject: f.subject ?? null,
      found: f.found ?? null,
      expected: f.expected ?? null,
      message: findingMessage(f),
    })),
  };
}

export function verifyJson(run: VerifyRun): VerifyJsonReport {
  return {
    version: REPORT_VERSION,
    command: "verify",
    today: run.today,
    goLive: run.goLive,
    repository: { root: run.root, files: run.source, count: run.fileCount },
    counts: counts(run.verdicts),
    items: run.verdicts.map(jsonVerdict),
    manual: run.manual ?? null,
    notApplicable: run.notApplicable ?? [],
    recorded: run.recordedIn !== undefined,
    changedWhileRead: run.recordedIn !== undefined && run.changedWhileRead === true,
    kept: jsonKept(run.kept),
  };
}
