/**
 * The CI gate's policy: which open items fail a pipeline, which only warn, which are waived.
 * Pure: the board's items, today, the policy and (with `check --verify`) what the repository's
 * checks said in; one finding per item out.
 *
 * Policy (documented in the README):
 * - an open item more than `grace` days past its due date fails the gate;
 * - an open item due within `warnWithin` days (or late but within the grace) is a warning;
 * - an optional item never fails unless `strict`: when late it is a warning;
 * - an item with a waiver that holds today (`today <= until`) is waived, whatever its dates;
 *   once the waiver expired the item is judged again, and a failure says the waiver expired;
 * - a done item whose repository check fails (`check --verify`) fails the gate: it has
 *   _regressed_ when its recorded evidence passed, else it _fails its check_; a waiver that
 *   holds accepts the failing check (the team reviewed it) until it expires;
 * - otherwise done passes; not applicable is skipped;
 * - once the project is closed (`golive close`) nothing fails: what the team left open at the
 *   close is skipped with its reason; any other item open or failing warns; the gate passes.
 */

import type { CatalogueItem } from "../schema/catalogue.js";
import type { Closed, Waiver } from "../schema/state.js";
import { type ItemView, waiverExpired } from "./board.js";
import type { CalendarDate } from "./dates.js";
import { idKey } from "./ids.js";
import type { ItemVerdict } from "./verdict.js";

export interface GatePolicy {
  /** Open items due within this many days are warnings (never failures). */
  warnWithin: number;
  /** Days past due that are tolerated as warnings before an item fails. */
  grace: number;
  /** Optional items fail like any other. */
  strict: boolean;
}

export const DEFAULT_POLICY: GatePolicy = { warnWithin: 3, grace: 0, strict: false };

/** fail: breaks the build; warn: shown, never fails; pass: fine; skip: not judged. */
export type GateVerdict = "fail" | "warn" | "pass" | "skip";

/** Why an item got its verdict; tests and tools read codes, people read the formatter's words. */
export type GateCode =
  | "overdue"
  | "regressed"
  | "fails-check"
  | "check-waived"
  | "waiver-expired"
  | "overdue-grace"
  | "overdue-optional"
  | "due-soon"
  | "waived"
  | "open"
  | "done"
  | "not-applicable"
  | "left-open";

export interface GateFinding {
  view: ItemView;
  verdict: GateVerdict;
  code: GateCode;
  /** Days past the due date; 0 when not late. */
  daysLate: number;
  /** The item's waiver, active or expired, when it has one. */
  waiver?: Waiver & { expired: boolean };
  /** What the repository's check said about the item, when the gate was given checks. */
  check?: ItemVerdict;
  /**
   * The project was closed (`left-open`): when, and whether the team left this item open then
   * (`named`, with its reason); an item reopened or failing its check since, or reopened on a
   * branch merged after the close, was not.
   */
  left?: { on: CalendarDate; reason?: string; named: boolean };
}

export interface GateCounts {
  fail: number;
  warn: number;
  pass: number;
  skip: number;
}

export interface GateResult {
  today: CalendarDate;
  policy: GatePolicy;
  passed: boolean;
  /** The gate was given the repository's checks (`check --verify`), so regressions count. */
  verified: boolean;
  findings: GateFinding[];
  counts: GateCounts;
  /** The project was closed (`golive close`): the gate passes whatever is open. */
  closed?: Closed;
  /** The clock's date, when GOLIVE_TODAY pinned `today` to another: each format says so. */
  clockToday?: CalendarDate;
}

export function judgeItem(
  view: ItemView,
  today: CalendarDate,
  policy: GatePolicy,
  check?: ItemVerdict,
): GateFinding {
  const daysLate = view.open && view.daysUntilDue < 0 ? -view.daysUntilDue : 0;
  const raw = view.state.waiver;
  const waiver = raw ? { ...raw, expired: waiverExpired(raw, today) } : undefined;
  const finding = (verdict: GateVerdict, code: GateCode): GateFinding => ({
    view,
    verdict,
    code,
    daysLate,
    ...(waiver ? { waiver } : {}),
    ...(check ? { check } : {}),
  });
  if (view.status === "done") {
    if (check?.result !== "fail") return finding("pass", "done");
    // A waiver on a done item accepts its failing check, like lateness, until it expires.
    if (waiver && !waiver.expired) return finding("skip", "check-waived");
    return finding("fail", view.state.evidence?.result === "pass" ? "regressed" : "fails-check");
  }
  if (view.status === "not-applicable") return finding("skip", "not-applicable");
  if (waiver && !waiver.expired) return finding("skip", "waived");
  if (daysLate > 0) {
    if (daysLate <= policy.grace) return finding("warn", "overdue-grace");
    if (view.item.optional && !policy.strict) return finding("warn", "overdue-optional");
    return finding("fail", waiver ? "waiver-expired" : "overdue");
  }
  if (view.daysUntilDue <= policy.warnWithin) return finding("warn", "due-soon");
  return finding("pass", "open");
}

/**
 * Judges every item. `checks`, by item ID, are the repository's verdicts (`check --verify`);
 * without them nothing can regress.
 */
export function runGate(
  items: readonly ItemView[],
  today: CalendarDate,
  policy: GatePolicy,
  checks?: ReadonlyMap<string, ItemVerdict>,
  closed?: Closed,
): GateResult {
  const judged = items.map((v) => judgeItem(v, today, policy, checks?.get(v.item.id)));
  const findings = closed ? judged.map((f) => leftOpen(f, closed)) : judged;
  const counts: GateCounts = { fail: 0, warn: 0, pass: 0, skip: 0 };
  for (const f of findings) counts[f.verdict]++;
  return {
    today,
    policy,
    passed: counts.fail === 0,
    verified: checks !== undefined,
    findings,
    counts,
    ...(closed ? { closed } : {}),
  };
}

/**
 * The close's entry for an item, by its ID as people type it (`gen-10`) or a former ID
 * (`GEN-8`, written before `golive upgrade` renamed it GEN-08): every view finds it alike.
 */
export function leftEntryOf(
  closed: Closed,
  item: Pick<CatalogueItem, "id" | "aliases">,
): NonNullable<Closed["left"]>[number] | undefined {
  const keys = new Set([item.id, ...(item.aliases ?? [])].map(idKey));
  return closed.left?.find((l) => {
    const key = idKey(l.id);
    return key !== undefined && keys.has(key);
  });
}

/** A finding of a closed project: an item still open, or failing, was left so. */
function leftOpen(f: GateFinding, closed: Closed): GateFinding {
  if (!f.view.open && f.verdict !== "fail") return f;
  const entry = leftEntryOf(closed, f.view.item);
  return {
    ...f,
    // What the team left open at the close is settled; anything open or failing since (a
    // reopen, a merge, a hand edit) passes too, the project being closed, but as a warning.
    verdict: entry ? "skip" : "warn",
    code: "left-open",
    left: { on: closed.on, ...(entry ? { reason: entry.reason } : {}), named: entry !== undefined },
  };
}

/**
 * Failing findings by kind: late items, done items whose check failed after recorded evidence
 * passed (regressed), and done items whose check fails and never passed.
 */
export function failures(result: GateResult): {
  overdue: GateFinding[];
  regressed: GateFinding[];
  failsCheck: GateFinding[];
} {
  const fails = result.findings.filter((f) => f.verdict === "fail");
  return {
    overdue: fails.filter((f) => f.code !== "regressed" && f.code !== "fails-check"),
    regressed: fails.filter((f) => f.code === "regressed"),
    failsCheck: fails.filter((f) => f.code === "fails-check"),
  };
}

/** Open items, their window open, whose check passes: the repository says they are done. */
export function readyToTick(result: GateResult): GateFinding[] {
  return result.findings.filter(
    (f) => f.view.open && f.check?.result === "pass" && f.view.window.opens <= result.today,
  );
}

/** Findings that people need to see: failures first, then warnings, then waivers. */
export function notable(result: GateResult): GateFinding[] {
  const rank: Record<GateVerdict, number> = { fail: 0, warn: 1, skip: 2, pass: 3 };
  return result.findings
    .filter(
      (f) =>
        f.verdict === "fail" ||
        f.verdict === "warn" ||
        f.code === "waived" ||
        f.code === "check-waived" ||
        f.code === "left-open",
    )
    .sort((a, b) => rank[a.verdict] - rank[b.verdict] || a.view.daysUntilDue - b.view.daysUntilDue);
}
