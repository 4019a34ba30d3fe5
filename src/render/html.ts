/**
 * `golive export --format html`: one self-contained page for stakeholders: headline, progress
 * per phase, a timeline from eight weeks before to a week after go-live (a chart per phase,
 * each row labelled with its item's ID and title, its window coloured by status, the weeks
 * dated, today and go-live marked), and the tables below. A print style sheet makes it an A4
 * landscape document: colours kept, a chart per page, notes in full.
 *
 * Self-contained means no request leaves the page: inline CSS and SVG, no fonts, no scripts,
 * and a Content-Security-Policy that forbids them all. Every user text is HTML-escaped.
 */
import type { ItemView, Progress } from "../core/board.js";
import { waiverExpired } from "../core/board.js";
import { addDays, daysBetween, humanDate } from "../core/dates.js";
import { leftEntryOf } from "../core/gate.js";
import type { BoardReport } from "../core/report.js";
import { escapeHtml } from "./html-escape.js";
import { headline } from "./identity.js";
import { PACE_CSS, paceSections } from "./pace-html.js";
import { percent, relativeDue, slipLine } from "./text.js";
import { evidenceSummary } from "./verify-words.js";

export { escapeHtml };

const e = escapeHtml;

/**
 * The start of a self-contained page, up to `</head>`: a Content-Security-Policy that lets it
 * load nothing and run no script, whatever text it shows. `title` is escaped here.
 */
export function pageHead(title: string, css: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)}</title>
<style>${css}</style>
</head>`;
}

/** How an item is drawn: its status, with overdue and an active waiver standing out. */
export type Look =
  | "done"
  | "checks-fail"
  | "not-applicable"
  | "in-progress"
  | "blocked"
  | "overdue"
  | "waived"
  | "todo";

export const COLOURS: Record<Look, string> = {
  done: "#2e7d32",
  "checks-fail": "#ad1457",
  "not-applicable": "#9e9e9e",
  "in-progress": "#1565c0",
  blocked: "#ef6c00",
  overdue: "#c62828",
  waived: "#6a1b9a",
  todo: "#90a4ae",
};

const LABELS: Record<Look, string> = {
  done: "done",
  "checks-fail": "done, checks fail",
  "not-applicable": "not applicable",
  "in-progress": "in progress",
  blocked: "blocked",
  overdue: "overdue",
  waived: "waived",
  todo: "to do",
};

/**
 * `failingNow`: IDs of items whose checks fail now (or, unread, as last recorded): a done item
 * among them is not drawn as done, as `check --verify` fails it.
 */
export function lookOf(v: ItemView, today: string, failingNow?: ReadonlySet<string>): Look {
  if (v.status === "done" && failingNow?.has(v.item.id)) return "checks-fail";
  if (v.open && v.state.waiver && !waiverExpired(v.state.waiver, today)) return "waived";
  if (v.overdue) return "overdue";
  return v.status === "todo" ? "todo" : v.status;
}

/** The timeline's first and last day, relative to go-live. */
export const TIMELINE = { from: -56, to: 7 } as const;

/** The timeline's geometry, in SVG units (CSS pixels at full size). */
const CHART = {
  /** Where the bars start: left of it, each row's ID and title. */
  left: 330,
  plot: 660,
  row: 14,
  /** The axis' two lines (T-offset, date) above the rows, and the dates again below. */
  top: 36,
  bottom: 34,
  /** Titles longer than this are cut in the label (whole in the tooltip and the tables). */
  title: 44,
} as const;

function cut(text: string, length: number): string {
  const chars = [...text];
  return chars.length <= length ? text : `${chars.slice(0, length - 1).join("")}…`;
}

/**
 * One phase's rows on the timeline: each item labelled with its ID and title, its window a bar
 * coloured by status, the weeks on an axis with their dates above and below, today and go-live
 * marked. Every phase shares the same scale, so their bars line up; one chart per phase keeps
 * a chart on one printed page.
 */
function phaseChart(report: BoardReport, items: readonly ItemView[], first: boolean): string {
  const board = report.board;
  const { left, plot, row, top, bottom } = CHART;
  const start = addDays(board.goLive, TIMELINE.from);
  const days = TIMELINE.to - TIMELINE.from + 1;
  const dayW = plot / days;
  const height = top + items.length * row + bottom;
  const end = height - bottom;
  const x = (date: string) => {
    const d = Math.min(Math.max(daysBetween(start, date), 0), days);
    return left + d * dayW;
  };
  const parts: string[] = [];
  for (let t: number = TIMELINE.from; t <= TIMELINE.to; t += 7) {
    const px = (left + (t - TIMELINE.from) * dayW).toFixed(1);
    const when = e(humanDate(addDays(board.goLive, t), false));
    parts.push(
      `<line x1="${px}" y1="${top - 4}" x2="${px}" y2="${end + 4}" class="grid"/>`,
      `<text x="${px}" y="${top - 20}" class="tick">T${t === 0 ? "" : t > 0 ? `+${t}` : t}</text>`,
      `<text x="${px}" y="${top - 8}" class="date">${when}</text>`,
      `<text x="${px}" y="${end + 16}" class="date">${when}</text>`,
    );
  }
  items.forEach((v, k) => {
    const y = top + k * row;
    const look = lookOf(v, board.today, report.evidence.failingNow);
    const x1 = x(v.window.opens);
    const x2 = Math.max(x(addDays(v.window.due, 1)), x1 + 3);
    if (k % 2 === 1) {
      parts.push(`<rect class="band" x="0" y="${y}" width="${left + plot}" height="${row}"/>`);
    }
    parts.push(
      `<text x="4" y="${y + row - 4}" class="label"><tspan class="id">${e(v.item.id)}</tspan> ${e(cut(v.item.title, CHART.title))}</text>`,
      `<rect class="mark" data-id="${e(v.item.id)}" data-look="${look}" x="${x1.toFixed(1)}" y="${y + 2}" width="${(x2 - x1).toFixed(1)}" height="${row - 4}" rx="2" fill="${COLOURS[look]}"><title>${e(`${v.item.id} ${v.item.title}: ${LABELS[look]}, ${v.window.opens} – ${v.window.due}`)}</title></rect>`,
    );
  });
  const goLiveX = x(board.goLive).toFixed(1);
  const todayX = x(board.today).toFixed(1);
  const inRange = board.today >= start && board.today <= addDays(board.goLive, TIMELINE.to);
  parts.push(
    `<line x1="${goLiveX}" y1="${top - 4}" x2="${goLiveX}" y2="${end + 4}" class="golive"/>`,
    `<line${first ? ' id="today"' : ""} x1="${todayX}" y1="${top - 4}" x2="${todayX}" y2="${end + 4}" class="today"/>`,
    `<text x="${todayX}" y="${end + 29}" class="todaylabel">${inRange ? "today" : board.today < start ? "← today" : "today →"} ${e(humanDate(board.today, false))}</text>`,
  );
  // Room right of the plot for the last date, centred on its tick.
  const width = left + plot + 32;
  return `<svg role="img" aria-label="Timeline of ${e(items[0]?.phase.title ?? "")} from T${TIMELINE.from} to T+${TIMELINE.to}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg">${parts.join("")}</svg>`;
}

function timeline(report: BoardReport, items: readonly ItemView[]): string {
  const phases = report.board.phases
    .map((ph) => ({ ph, rows: items.filter((v) => v.phase.id === ph.phase.id) }))
    .filter(({ rows }) => rows.length > 0);
  const charts = phases.map(
    ({ ph, rows }, k) =>
      `<figure class="phase"><figcaption><b>${e(ph.phase.title)}</b> · due ${e(humanDate(ph.phase.due, false))} · ${ph.progress.closed}/${ph.progress.total} closed${ph.progress.overdue > 0 ? ` · ${ph.progress.overdue} overdue` : ""}</figcaption>${phaseChart(report, rows, k === 0)}</figure>`,
  );
  return `<div id="timeline">${charts.join("")}</div>`;
}

function bar(p: Progress): string {
  const pct = percent(p);
  return `<div class="bar" title="${pct}%"><div style="width:${pct}%"></div></div>`;
}

/** Once the project is closed, why an open item fails nothing, as status and show say it. */
function closeNote(report: BoardReport, v: ItemView): string {
  const closed = report.board.life.closed;
  if (closed === undefined || !v.open) return "";
  const left = leftEntryOf(closed, v.item);
  return left ? `Left open at the close: ${e(left.reason)}` : "Not left open at the close";
}

function itemTable(report: BoardReport, items: readonly ItemView[]): string {
  const board = report.board;
  const rows = items.map((v) => {
    const look = lookOf(v, board.today, report.evidence.failingNow);
    const evidence = v.state.evidence;
    const w = v.state.waiver;
    const notes = [
      v.tickets.length > 0
        ? `Tickets: ${v.tickets.map((t) => (t.url ? `<a href="${e(t.url)}">${e(t.ref)}</a>` : e(t.ref))).join(", ")}`
        : "",
      v.state.reason ? `Reason: ${e(v.state.reason)}` : "",
      evidence && report.evidence.failingNow.has(v.item.id)
        ? `Checks fail: ${e(evidenceSummary(evidence))} (recorded ${e(evidence.at.slice(0, 10))})`
        : "",
      v.state.note ? `Note: ${e(v.state.note)}` : "",
      closeNote(report, v),
      w
        ? `Waiver ${waiverExpired(w, board.today) ? "expired after" : "until"} ${e(w.until)}${w.approver ? ` (approved by ${e(w.approver)})` : ""}: ${e(w.reason)}`
        : "",
    ].filter((s) => s !== "");
    return `<tr><td>${e(v.item.id)}</td><td>${e(v.item.title)}${v.item.optional ? " <small>(optional)</small>" : ""}</td><td><span class="dot" style="background:${COLOURS[look]}"></span>${LABELS[look]}</td><td>${v.state.owner ? e(v.state.owner) : "—"}</td><td>${e(v.window.due)}${v.open ? `<br><small>${e(relativeDue(v.daysUntilDue))}</small>` : ""}</td><td><div class="notes">${notes.join("<br>")}</div></td></tr>`;
  });
  return `<table class="items"><colgroup><col style="width:78px"><col style="width:28%"><col style="width:118px"><col style="width:14%"><col style="width:128px"><col></colgroup><thead><tr><th>ID</th><th>Title</th><th>Status</th><th>Owner</th><th>Due</th><th>Notes</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px auto;max-width:1000px;color:#1b1f23;padding:0 12px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}
.headline{display:flex;gap:24px;flex-wrap:wrap;margin:12px 0}.headline div{background:#f3f5f7;border-radius:6px;padding:8px 14px}
.headline b{display:block;font-size:20px}
.bar{background:#e3e7eb;border-radius:4px;height:10px;width:200px;overflow:hidden}.bar div{background:#2e7d32;height:100%}
table{border-collapse:collapse;width:100%;margin-bottom:8px}th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #e3e7eb;vertical-align:top;overflow-wrap:anywhere}
th{background:#f3f5f7}td:nth-child(1),td:nth-child(3){white-space:nowrap}small{color:#5f6b76}.dot{display:inline-block;width:9px;height:9px;border-radius:50%;margin-right:6px}
figure.phase{margin:0 0 18px}figcaption{margin:0 0 2px}
svg{display:block;max-width:100%;height:auto;font:11px system-ui,sans-serif}.grid{stroke:#e3e7eb}.band{fill:#f6f8fa}
.tick{fill:#1b1f23;text-anchor:middle;font-weight:600}.date{fill:#5f6b76;text-anchor:middle;font-size:10px}
.label{fill:#1b1f23}.label .id{font-weight:600}
.golive{stroke:#1b1f23;stroke-width:2}.today{stroke:#c62828;stroke-width:2;stroke-dasharray:4 3}
table.items{table-layout:fixed}
.notes{max-height:7.5em;overflow:auto;white-space:pre-line}
.todaylabel{fill:#c62828;text-anchor:middle;font-weight:600}.legend span{margin-right:14px;white-space:nowrap}
@media print{
@page{size:A4 landscape;margin:12mm}
body{margin:0;max-width:none;padding:0;font-size:10pt}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
h1,h2,figcaption{break-after:avoid}
figure.phase,.headline div,tr{break-inside:avoid}
thead{display:table-header-group}
.notes{max-height:none;overflow:visible}
.headline div{border:1px solid #c9d1d9}
}
`;

export interface HtmlOptions {
  /** When the page was made, shown in its footer. */
  generated: string;
  version: string;
}

/** "Go-live <b>2027-03-01</b> · 19 days to go · today 2027-02-10", or live since / closed on. */
function headlineHtml(board: BoardReport["board"]): string {
  const h = headline(board, (d) => d);
  return [`${h.label} <b>${escapeHtml(h.day)}</b>`, ...h.rest.map(escapeHtml)].join(" · ");
}

export function renderHtml(report: BoardReport, options: HtmlOptions): string {
  const { board, items, day } = report;
  const p = board.progress;
  const phases = board.phases
    .map(
      (ph) =>
        `<tr><td>${e(ph.phase.title)}</td><td>${e(ph.phase.due)}</td><td>${bar(ph.progress)}</td><td>${ph.progress.closed}/${ph.progress.total}</td><td>${ph.progress.overdue}</td><td>${ph.progress.blocked}</td></tr>`,
    )
    .join("");
  const legend = (Object.keys(COLOURS) as Look[])
    .map(
      (k) => `<span><span class="dot" style="background:${COLOURS[k]}"></span>${LABELS[k]}</span>`,
    )
    .join("");
  // What needs someone today: the gate's failures, what is due today, the blocked, and open
  // items under a waiver. A done item is done, whatever its waiver says.
  const attention = items.filter(
    (v) =>
      v.overdue ||
      (v.open && v.daysUntilDue === 0) ||
      v.status === "blocked" ||
      (v.open && v.state.waiver !== undefined),
  );
  return `${pageHead(`${board.title}: go-live ${board.goLive}`, CSS + PACE_CSS)}
<body>
<h1>${e(board.title)}</h1>
<p>${headlineHtml(board)}</p>
${report.slip ? `<p class="slip"><b>${e(slipLine(report.slip, (d) => d))}</b></p>\n` : ""}
<div class="headline">
<div><b>${percent(p)}%</b>closed (${p.closed}/${p.total})</div>
<div><b>${p.overdue}</b>overdue</div>
<div><b>${p.blocked}</b>blocked</div>
<div><b>${p.inProgress}</b>in progress</div>
</div>
${paceSections(board, items)}
<h2>Progress per phase</h2>
<table><thead><tr><th>Phase</th><th>Due</th><th>Progress</th><th>Closed</th><th>Overdue</th><th>Blocked</th></tr></thead><tbody>${phases}</tbody></table>
<h2>Timeline</h2>
<p class="legend">${legend}</p>
${timeline(report, items)}
${attention.length > 0 ? `<h2>Needs attention (${attention.length})</h2>${itemTable(report, attention)}` : ""}
${day.inProgress.length > 0 ? `<h2>In progress (${day.inProgress.length})</h2>${itemTable(report, day.inProgress)}` : ""}
${report.evidence.fails.length > 0 ? `<h2>Recorded evidence fails (${report.evidence.fails.length})</h2>${itemTable(report, report.evidence.fails)}` : ""}
${report.evidence.stale.length > 0 ? `<h2>Recorded evidence is stale (${report.evidence.stale.length})</h2>${itemTable(report, report.evidence.stale)}` : ""}
<h2>All items (${items.length})</h2>
${itemTable(report, items)}
<p><small>Made by golive ${e(options.version)} on ${e(options.generated)}.</small></p>
</body>
</html>
`;
}
