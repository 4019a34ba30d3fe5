/**
 * The `--json` reports: declared, versioned types, never internal objects.
 * Bump REPORT_VERSION when a field changes meaning or disappears; adding fields is compatible.
 */
import { type Board, type ItemView, type Progress, waiverExpired } from "../core/board.js";
import type { Catalogue } from "../core/catalogue.js";
import { INVISIBLE, LONE_JOINER, unicodeEscape } from "../core/escape.js";
import type { GateCode, GateResult, GateVerdict } from "../core/gate.js";
import { failures, readyToTick } from "../core/gate.js";
import { evidenceStale, type ItemVerdict } from "../core/verdict.js";
import type { Warning } from "../core/warnings.js";
import type { Evidence } from "../schema/state.js";
import { warningMessage } from "./error.js";
import { findingReason } from "./gate-words.js";
import { evidenceSummary } from "./verify-words.js";

export const REPORT_VERSION = 1;

export interface JsonItem {
  id: string;
  title: string;
  category: string;
  phase: string;
  status: string;
  optional: boolean;
  opens: string;
  due: string;
  overdue: boolean;
  /** Days from today to the due date; negative when overdue. */
  daysUntilDue: number;
  owner: string | null;
  note: string | null;
  reason: string | null;
  by: string | null;
  at: string | null;
  reminder: { date: string; text: string } | null;
  /** An accepted exception for the CI gate; `expired` once today is past `until`. */
  waiver: JsonWaiver | null;
  /** The latest `golive verify --record` result for the item. */
  evidence: JsonEvidence | null;
  /** Tracker references (golive link). */
  tickets: JsonTicket[];
}

export interface JsonEvidence {
  result: string;
  at: string;
  /** The deciding finding's code and arguments (null for evidence golive 1.0 recorded). */
  code: string | null;
  args: {
    file?: string;
    line?: number;
    subject?: string;
    found?: string;
    expected?: string;
  } | null;
  /** The evidence in words. */
  summary: string;
  /**
   * Whether the repository now says otherwise (another result or another deciding finding);
   * null where the command did not run the checks.
   */
  stale: boolean | null;
}

export interface JsonTicket {
  ref: string;
  /** null for a Jira key without `tracker.jira`. */
  url: string | null;
}

export interface JsonWaiver {
  reason: string;
  until: string;
  approver: string | null;
  by: string | null;
  at: string | null;
  expired: boolean;
}

export interface JsonProgress {
  total: number;
  closed: number;
  done: number;
  notApplicable: number;
  inProgress: number;
  blocked: number;
  overdue: number;
}

export interface JsonReport {
  version: typeof REPORT_VERSION;
  command: string;
  /** The project's name (golive.yaml's `name`), null when it has none. */
  name: string | null;
  /** Planning before go-live day, live from it, closed after `golive close`. */
  life: "planning" | "live" | "closed";
  today: string;
  goLive: string;
  daysToGoLive: number;
  catalogue: { name: string; version: string };
  progress: JsonProgress;
  phases: { id: string; title: string; opens: string; due: string; progress: JsonProgress }[];
  items: JsonItem[];
  /** Each warning's code (stable) and message (for people). */
  warnings: { code: string; message: string }[];
}

function progress(p: Progress): JsonProgress {
  return { ...p };
}

function jsonEvidence(
  e: Evidence,
  current: ItemVerdict | undefined,
  checked: boolean,
): JsonEvidence {
  return {
    result: e.result,
    at: e.at,
    code: e.code ?? null,
    args: e.args ? { ...e.args } : null,
    summary: evidenceSummary(e),
    stale: current ? evidenceStale(e, current) : checked ? false : null,
  };
}

/**
 * One item as the reports give it. `current`, by item ID, is what the repository's checks say
 * now, for commands that ran them (status): recorded evidence is then marked stale or not.
 */
export function jsonItem(
  view: ItemView,
  today: string,
  current?: ReadonlyMap<string, ItemVerdict>,
): JsonItem {
  const w = view.state.waiver;
  return {
    id: view.item.id,
    title: view.item.title,
    category: view.category.id,
    phase: view.phase.id,
    status: view.status,
    optional: view.item.optional ?? false,
    opens: view.window.opens,
    due: view.window.due,
    overdue: view.overdue,
    daysUntilDue: view.daysUntilDue,
    owner: view.state.owner ?? null,
    note: view.state.note ?? null,
    reason: view.state.reason ?? null,
    by: view.state.by ?? null,
    at: view.state.at ?? null,
    reminder: view.window.reminder ? { ...view.window.reminder } : null,
    waiver: w
      ? {
          reason: w.reason,
          until: w.until,
          approver: w.approver ?? null,
          by: w.by ?? null,
          at: w.at ?? null,
          expired: waiverExpired(w, today),
        }
      : null,
    evidence: view.state.evidence
      ? jsonEvidence(view.state.evidence, current?.get(view.item.id), current !== undefined)
      : null,
    tickets: view.tickets.map((t) => ({ ...t })),
  };
}

export function jsonReport(
  command: string,
  catalogue: Catalogue,
  board: Board,
  items: readonly ItemView[],
  warnings: readonly Warning[],
  current?: ReadonlyMap<string, ItemVerdict>,
): JsonReport {
  return {
    version: REPORT_VERSION,
    command,
    name: board.name ?? null,
    life: board.life.phase,
    today: board.today,
    goLive: board.goLive,
    daysToGoLive: board.daysToGoLive,
    catalogue: { name: catalogue.file.name, version: catalogue.file.version },
    progress: progress(board.progress),
    phases: board.phases.map((p) => ({ ...p.phase, progress: progress(p.progress) })),
    items: items.map((v) => jsonItem(v, board.today, current)),
    warnings: warnings.map((w) => ({ code: w.code, message: warningMessage(w) })),
  };
}

// What JSON.stringify leaves raw and a terminal acts on or hides meaning with: DEL, the C1
// controls and the invisible characters `safe` escapes (core/escape.ts: bidirectional marks
// and overrides, zero-width characters, separators; a joiner inside an emoji is kept). They
// stand only inside strings, so their escapes are the same JSON.
const ACTIVE = new RegExp(`[\\u007f-\\u009f${INVISIBLE}]|${LONE_JOINER}`, "gu");

/** A JSON report: indented, and with no character a terminal would act on (`ACTIVE`). */
export function renderJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2).replace(ACTIVE, unicodeEscape)}\n`;
}

/** `golive check --format json`: the report plus the gate's verdict and each item's reason. */
export interface JsonCheckReport extends JsonReport {
  passed: boolean;
  /** IDs of the items that fail the gate for being late. */
  overdue: string[];
  /**
   * With `--verify`: IDs of done items whose check fails after their recorded evidence passed
   * (they fail the gate too).
   */
  regressed?: string[];
  /** With `--verify`: IDs of done items whose check fails and never passed (they fail too). */
  failsCheck?: string[];
  /** With `--verify`: IDs of open items whose check passes, their window open. */
  readyToTick?: string[];
  policy: { warnWithin: number; grace: number; strict: boolean; phases: string[] | null };
  counts: { fail: number; warn: number; pass: number; skip: number };
  /** The project was closed (`golive close`): when, why, by whom, and the items left open. */
  closed: {
    on: string;
    reason: string | null;
    by: string | null;
    left: { id: string; reason: string | null }[];
  } | null;
  /**
   * Each item as in the other reports (its own `reason`: why it is blocked or not applicable),
   * with the gate's verdict, its code and `gateReason`, the sentence that explains the verdict.
   */
  items: (JsonItem & { verdict: GateVerdict; code: GateCode; gateReason: string })[];
}

export function jsonCheckReport(
  base: JsonReport,
  result: GateResult,
  phases: readonly string[] | undefined,
): JsonCheckReport {
  const byId = new Map(result.findings.map((f) => [f.view.item.id, f]));
  const ids = (fs: readonly { view: ItemView }[]) => fs.map((f) => f.view.item.id);
  const { overdue, regressed, failsCheck } = failures(result);
  return {
    ...base,
    passed: result.passed,
    overdue: ids(overdue),
    ...(result.verified
      ? {
          regressed: ids(regressed),
          failsCheck: ids(failsCheck),
          readyToTick: ids(readyToTick(result)),
        }
      : {}),
    policy: { ...result.policy, phases: phases ? [...phases] : null },
    closed: result.closed
      ? {
          on: result.closed.on,
          reason: result.closed.reason ?? null,
          by: result.closed.by ?? null,
          left: result.findings
            .filter((f) => f.code === "left-open" && f.left?.named)
            .map((f) => ({ id: f.view.item.id, reason: f.left?.reason ?? null })),
        }
      : null,
    counts: { ...result.counts },
    items: base.items.map((item) => {
      const f = byId.get(item.id)!;
      return {
        ...item,
        verdict: f.verdict,
        code: f.code,
        gateReason: findingReason(f, result.policy.grace),
      };
    }),
  };
}
