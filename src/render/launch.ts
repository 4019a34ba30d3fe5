/**
 * The launch report in words: Markdown (`export --format report`) and a self-contained HTML
 * page (`export --format report-html`), both from one LaunchReport (core/launch.ts). What
 * people wrote (owners, reasons, approvers, who moved the date) is escaped for each format:
 * `mdText` in Markdown (no markup, mentions or autolinks), `escapeHtml` in the page.
 * Recorded evidence is worded from its code; an argument with a credential's shape (a hand-
 * edited golive.yaml) is withheld, as verify withholds it.
 */
import type { ItemView } from "../core/board.js";
import { humanDate } from "../core/dates.js";
import { leftEntryOf } from "../core/gate.js";
import type { DoneItem, LaunchReport } from "../core/launch.js";
import type { Closed, Evidence } from "../schema/state.js";
import { hasCredentialShape } from "../verify/secret-names.js";
import { pageHead } from "./html.js";
import { escapeHtml } from "./html-escape.js";
import { mdCell, mdText } from "./markdown.js";
import { plural } from "./text.js";
import { evidenceSummary } from "./verify-words.js";

/** Shown in place of recorded evidence whose arguments look like a credential. */
const WITHHELD = "(looks like a credential: not shown)";

/** The evidence in words, unless an argument has a credential's shape. */
export function evidenceWords(e: Evidence): string {
  const args = Object.values(e.args ?? {}).filter((v): v is string => typeof v === "string");
  if (args.some(hasCredentialShape) || (e.summary !== undefined && hasCredentialShape(e.summary))) {
    return `${e.code ?? "finding"} ${WITHHELD}`;
  }
  return evidenceSummary(e);
}

/** One cell of a table, as each format escapes it. */
interface Cells {
  /** Catalogue and golive text. */
  ours(text: string): string;
  /** Text people wrote. */
  theirs(text: string): string;
}

interface Table {
  id: string;
  title: string;
  /** A sentence under the title. */
  note?: string;
  header: string[];
  rows: string[][];
}

function owner(c: Cells, v: ItemView): string {
  return v.state.owner ? c.theirs(v.state.owner) : "—";
}

function tables(r: LaunchReport, c: Cells): Table[] {
  const doneRow = (d: DoneItem, late: boolean) => [
    c.ours(d.view.item.id),
    c.ours(d.view.item.title),
    owner(c, d.view),
    c.ours(d.view.window.due),
    c.ours(d.doneOn ?? "—"),
    ...(late ? [plural(d.daysLate!, "day")] : []),
  ];
  const out: Table[] = [
    {
      id: "late",
      title: `Done late (${r.late.length})`,
      header: ["ID", "Title", "Owner", "Due", "Done", "Late by"],
      rows: r.late.map((d) => doneRow(d, true)),
    },
    {
      id: "on-time",
      title: `Done on time (${r.onTime.length})`,
      header: ["ID", "Title", "Owner", "Due", "Done"],
      rows: r.onTime.map((d) => doneRow(d, false)),
    },
  ];
  if (r.undated.length > 0) {
    out.push({
      id: "undated",
      title: `Done, date not recorded (${r.undated.length})`,
      header: ["ID", "Title", "Owner", "Due", "Done"],
      rows: r.undated.map((d) => doneRow(d, false)),
    });
  }
  out.push(
    {
      id: "waived",
      title: `Waived (${r.waived.length})`,
      note: "Accepted exceptions: the gate did not fail on these items until the waiver expired.",
      header: ["ID", "Title", "Status", "Until", "Approved by", "Reason"],
      rows: r.waived.map(({ view, waiver, expired }) => [
        c.ours(view.item.id),
        c.ours(view.item.title),
        view.open ? "open" : view.status === "done" ? "done" : "not applicable",
        c.ours(`${expired ? "expired after " : ""}${waiver.until}`),
        waiver.approver
          ? c.theirs(waiver.approver)
          : waiver.by
            ? `${c.theirs(waiver.by)} (recorded)`
            : "—",
        c.theirs(waiver.reason),
      ]),
    },
    {
      id: "skipped",
      title: `Skipped (${r.skipped.length})`,
      note: "Not applicable to this project: marked so by the team, or ruled out by an answer.",
      header: ["ID", "Title", "Why", "By"],
      rows: r.skipped.map(({ view, ruledOut }) => [
        c.ours(view.item.id),
        c.ours(view.item.title),
        ruledOut
          ? c.ours(`ruled out: ${view.doesNotApply!.question} = ${view.doesNotApply!.answer}`)
          : view.state.reason
            ? c.theirs(view.state.reason)
            : "—",
        !ruledOut && view.state.by ? c.theirs(view.state.by) : "—",
      ]),
    },
    {
      id: "open",
      title: `Still open (${r.open.length})`,
      ...(r.closed
        ? { note: "The project is closed: why each item was left open at the close, as recorded." }
        : {}),
      header: ["ID", "Title", "Owner", "Due", "Status", ...(r.closed ? ["Left at the close"] : [])],
      rows: r.open.map((v) => [
        c.ours(v.item.id),
        c.ours(v.item.title),
        owner(c, v),
        c.ours(v.window.due),
        v.status === "todo" ? "to do" : v.status.replace("-", " "),
        ...(r.closed ? [leftReason(c, r.closed, v)] : []),
      ]),
    },
    {
      id: "slips",
      title: `Go-live date moves (${r.slips.length})`,
      header: ["From", "To", "Reason", "By", "When"],
      rows: r.slips.map((s) => [
        c.ours(s.from),
        c.ours(s.to),
        s.reason ? c.theirs(s.reason) : "—",
        s.by ? c.theirs(s.by) : "—",
        c.ours(s.at?.slice(0, 10) ?? "—"),
      ]),
    },
    {
      id: "evidence",
      title: `Evidence recorded (${r.evidence.length})`,
      note: "What `golive verify --record` found in the repository's files, and `golive probe --record` on the live hosts, as recorded in golive.yaml.",
      header: ["ID", "Title", "By", "Result", "Recorded", "Finding"],
      rows: r.evidence.map(({ view, evidence }) => [
        c.ours(view.item.id),
        c.ours(view.item.title),
        evidence.source ?? "verify",
        evidence.result,
        c.ours(evidence.at.slice(0, 10)),
        c.ours(evidenceWords(evidence)),
      ]),
    },
  );
  return out;
}

/** Why an item was left open at the close; "—" for one the close did not name (reopened since, or on a branch merged after it). */
function leftReason(c: Cells, closed: Closed, view: ItemView): string {
  const left = leftEntryOf(closed, view.item);
  return left ? c.theirs(left.reason) : "— (not left open at the close)";
}

/** "Closed on Fri 12 Mar 2027 by Ana: handed over to support." */
function closeLine(r: LaunchReport, c: Cells): string | undefined {
  if (!r.closed) return undefined;
  const by = r.closed.by ? ` by ${c.theirs(r.closed.by)}` : "";
  const reason = r.closed.reason ? `: ${c.theirs(r.closed.reason)}` : "";
  return `Closed on ${humanDate(r.closed.on)}${by}${reason}.`;
}

function headline(r: LaunchReport): string {
  const done = r.onTime.length + r.late.length + r.undated.length;
  return `${plural(r.scope, "item")} applied: ${done} done (${r.onTime.length} on time, ${r.late.length} late), ${r.waived.length} waived, ${r.skipped.length} skipped, ${r.open.length} still open.`;
}

function dateLine(r: LaunchReport): string {
  const moved =
    r.slips.length === 0
      ? "never moved"
      : `planned for ${humanDate(r.plannedGoLive)}, moved ${plural(r.slips.length, "time")}`;
  return `Go-live ${humanDate(r.goLive)} (${moved}) · report of ${humanDate(r.today)}`;
}

export function renderLaunchMarkdown(title: string, r: LaunchReport): string {
  const c: Cells = { ours: mdCell, theirs: mdText };
  const closed = closeLine(r, c);
  const lines = [
    `# Launch report: ${mdCell(title)}`,
    "",
    dateLine(r),
    ...(closed ? ["", `**${closed}**`] : []),
    "",
    headline(r),
  ];
  for (const t of tables(r, c)) {
    lines.push("", `## ${t.title}`, "");
    if (t.note) lines.push(t.note, "");
    if (t.rows.length === 0) {
      lines.push("None.");
      continue;
    }
    lines.push(`| ${t.header.join(" | ")} |`, `| ${t.header.map(() => "---").join(" | ")} |`);
    for (const row of t.rows) lines.push(`| ${row.join(" | ")} |`);
  }
  return `${lines.join("\n")}\n`;
}

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px auto;max-width:1000px;color:#1b1f23;padding:0 12px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}small,.note{color:#5f6b76}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #e3e7eb;vertical-align:top;overflow-wrap:anywhere}
th{background:#f3f5f7}td:first-child{white-space:nowrap}.scroll{overflow-x:auto}
.summary{background:#f3f5f7;border-radius:6px;padding:8px 14px}
@media (max-width:640px){body{margin:12px auto;font-size:13px}}
@media print{@page{size:A4;margin:14mm}body{margin:0;max-width:none;padding:0;font-size:10pt}h2{break-after:avoid}tr{break-inside:avoid}thead{display:table-header-group}.scroll{overflow:visible}}
`;

export function renderLaunchHtml(
  title: string,
  r: LaunchReport,
  options: { generated: string; version: string },
): string {
  const e = escapeHtml;
  const c: Cells = { ours: e, theirs: e };
  const sections = tables(r, c).map((t) => {
    const note = t.note ? `<p class="note">${e(t.note)}</p>` : "";
    const body =
      t.rows.length === 0
        ? "<p>None.</p>"
        : `<div class="scroll"><table><thead><tr>${t.header.map((h) => `<th>${e(h)}</th>`).join("")}</tr></thead><tbody>${t.rows.map((row) => `<tr>${row.map((cell) => `<td>${cell}</td>`).join("")}</tr>`).join("")}</tbody></table></div>`;
    return `<section id="${t.id}"><h2>${e(t.title)}</h2>${note}${body}</section>`;
  });
  return `${pageHead(`Launch report: ${title}`, CSS)}
<body>
<h1>Launch report: ${e(title)}</h1>
<p>${e(dateLine(r))}</p>
${r.closed ? `<p><b>${closeLine(r, c)}</b></p>\n` : ""}<p class="summary">${e(headline(r))}</p>
${sections.join("\n")}
<p><small>Made by golive ${e(options.version)} on ${e(options.generated)}.</small></p>
</body>
</html>
`;
}
