/**
 * The one place where the gate's findings become words, for every format of `golive check`.
 * Returns plain, unescaped text: each format escapes it its own way.
 */
import { failures, type GateCode, type GateFinding, type GateResult } from "../core/gate.js";
import { plural, relativeDue } from "./text.js";
import { verdictSummary } from "./verify-words.js";

export const VERDICT_LABEL = {
  fail: "FAIL",
  warn: "WARN",
  pass: "ok",
  skip: "skip",
} as const;

/** A short heading for a finding: "CLO-14 overdue". */
export function findingTitle(f: GateFinding): string {
  const what: Record<GateCode, string> = {
    overdue: "overdue",
    regressed: "regressed",
    "fails-check": "fails its check",
    "check-waived": "failing check waived",
    "waiver-expired": "waiver expired",
    "overdue-grace": "overdue (within grace)",
    "overdue-optional": "optional item overdue",
    "due-soon": "due soon",
    waived: "waived",
    open: "open",
    done: "done",
    "not-applicable": "not applicable",
    "left-open": "left open",
  };
  return `${f.view.item.id} ${what[f.code]}`;
}

function waiverText(f: GateFinding): string {
  const w = f.waiver;
  if (!w) return "";
  const approver = w.approver ? `, approved by ${w.approver}` : "";
  return `${w.reason} (until ${w.until}${approver})`;
}

function expired(f: GateFinding): string {
  return f.waiver?.expired ? `; the waiver expired after ${f.waiver.until}` : "";
}

/** Why the item got its verdict, in one sentence without the item's title. */
export function findingReason(f: GateFinding, grace: number): string {
  const reason = verdictReason(f, grace);
  // A blocked item says what blocks it: that is what the person reading the gate acts on.
  const v = f.view;
  return v.status === "blocked"
    ? `${reason}; blocked: ${v.state.reason ?? "no reason given"}`
    : reason;
}

function verdictReason(f: GateFinding, grace: number): string {
  const v = f.view;
  const due = `due ${v.window.due}`;
  switch (f.code) {
    case "overdue":
      return `${relativeDue(v.daysUntilDue)} (${due})`;
    case "regressed":
      return `done and its recorded evidence passed, but its check now fails: ${verdictSummary(f.check!)}${expired(f)}`;
    case "fails-check":
      return `done, but its check fails: ${verdictSummary(f.check!)}${expired(f)}`;
    case "check-waived":
      return `waived: ${waiverText(f)}; its check fails: ${verdictSummary(f.check!)}`;
    case "waiver-expired":
      return `${relativeDue(v.daysUntilDue)} (${due}); the waiver expired after ${f.waiver!.until}: ${waiverText(f)}`;
    case "overdue-grace":
      return `${relativeDue(v.daysUntilDue)} (${due}), within the grace of ${plural(grace, "day")}`;
    case "overdue-optional":
      return `${relativeDue(v.daysUntilDue)} (${due}); optional, so it does not fail the gate (--strict would)`;
    case "due-soon":
      return `${relativeDue(v.daysUntilDue)} (${due})`;
    case "waived":
      return `waived: ${waiverText(f)}; ${relativeDue(v.daysUntilDue)} (${due})`;
    case "open":
      return `${relativeDue(v.daysUntilDue)} (${due})`;
    case "done":
      return v.state.note ? `done: ${v.state.note}` : "done";
    case "not-applicable":
      return `not applicable: ${v.state.reason ?? "no reason given"}`;
    case "left-open": {
      const left = f.left!;
      // Only what the team named at the close was left. Anything else is not said to have
      // changed after it: a reopen on another branch, merged in, may be older than the close.
      if (left.named)
        return `left ${v.status} when the project was closed on ${left.on}: ${left.reason}`;
      return v.open
        ? `${v.status}, not among the items left open when the project was closed on ${left.on}`
        : `fails its check, not among the items left open when the project was closed on ${left.on}`;
    }
  }
}

/** When GOLIVE_TODAY pinned today: "GOLIVE_TODAY sets today to 2026-06-01, the clock says 2027-02-10". */
export function pinnedWords(result: GateResult): string {
  return `GOLIVE_TODAY sets today to ${result.today}, the clock says ${result.clockToday}`;
}

/** "golive check failed: 2 overdue, 1 regressed, 1 warning, 1 waived (of 95 items)". */
export function verdictLine(result: GateResult): string {
  if (result.closed) {
    const after = result.findings.filter((f) => f.code === "left-open" && !f.left?.named).length;
    const left = result.findings.filter((f) => f.code === "left-open").length - after;
    const since = after > 0 ? `, ${after} open or failing but not left` : "";
    return `golive check passed: closed on ${result.closed.on}, ${left} left open${since} (of ${plural(result.findings.length, "item")})`;
  }
  const waived = result.findings.filter(
    (f) => f.code === "waived" || f.code === "check-waived",
  ).length;
  const { overdue, regressed, failsCheck } = failures(result);
  const parts = [
    overdue.length > 0 ? `${overdue.length} overdue` : "nothing overdue",
    // Only a gate that ran the checks can say how many regressed.
    ...(result.verified ? [`${regressed.length} regressed`] : []),
    ...(failsCheck.length > 0 ? [`${failsCheck.length} failing their check`] : []),
    plural(result.counts.warn, "warning"),
    `${waived} waived`,
  ];
  return `golive check ${result.passed ? "passed" : "failed"}: ${parts.join(", ")} (of ${plural(result.findings.length, "item")})`;
}
