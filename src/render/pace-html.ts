/**
 * The project manager's part of the HTML page (`export --format html`) and the portfolio's
 * small burn-ups: the burn-up chart (items closed per day against the plan the due dates draw,
 * today and go-live marked), the forecast at the last 14 days' pace with the items at risk,
 * open items per owner per week, and what opens next week. Inline SVG, no script.
 *
 * Every point of a chart carries its numbers as data attributes (`data-date`, `data-closed`,
 * `data-planned`), so that a test, or a person with the inspector, reads the chart's data.
 */
import type { Board, ItemView } from "../core/board.js";
import { addDays, type CalendarDate, daysBetween, humanDate } from "../core/dates.js";
import {
  type BurnPoint,
  type Forecast,
  openingNextWeek,
  ownerWeeks,
  PACE_DAYS,
  type Pace,
  paceOf,
} from "../core/pace.js";
import { escapeHtml as e } from "./html-escape.js";
import { plural, relativeDue } from "./text.js";

/** The burn-up's geometry, in SVG units (CSS pixels at full size). */
// Room around the plot for labels in the phone's larger type (see PACE_CSS).
const BURN = { width: 960, height: 300, left: 52, right: 16, top: 30, bottom: 60 } as const;

/** The last point on or before `day`, if the chart reaches back that far. */
function pointOn(points: readonly BurnPoint[], day: CalendarDate): BurnPoint | undefined {
  let found: BurnPoint | undefined;
  for (const p of points) {
    if (p.date > day) break;
    found = p;
  }
  return found;
}

/**
 * Items closed over time (up to today) against the plan line the due dates draw, with the
 * forecast's line from today at the current pace, today and go-live marked.
 */
export function burnUpSvg(board: Pick<Board, "today" | "goLive">, pace: Pace): string {
  const { width, height, left, right, top, bottom } = BURN;
  const { points, scope } = pace;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const first = points[0]!.date;
  const days = Math.max(1, points.length);
  const dayW = plotW / days;
  // A day's point sits at the end of its day: the line reaches it when the day is over.
  const x = (date: CalendarDate) =>
    left + Math.min(Math.max(daysBetween(first, date) + 1, 0), days) * dayW;
  const top0 = Math.max(1, scope);
  const y = (n: number) => top + plotH - (Math.min(n, top0) / top0) * plotH;
  const f = (n: number) => n.toFixed(1);
  const parts: string[] = [];
  // Horizontal grid: nothing, half and all the scope.
  for (const n of [0, Math.round(scope / 2), scope]) {
    parts.push(
      `<line class="grid" x1="${left}" y1="${f(y(n))}" x2="${width - right}" y2="${f(y(n))}"/>`,
      `<text class="axis" x="${left - 6}" y="${f(y(n) + 4)}" text-anchor="end">${n}</text>`,
    );
  }
  // Dates below: Mondays, spaced so that at most eight are written.
  const mondays = points.filter((p) => daysBetween("2024-01-01", p.date) % 7 === 0);
  const every = Math.max(1, Math.ceil(mondays.length / 8));
  mondays.forEach((p, k) => {
    if (k % every !== 0) return;
    const px = f(left + daysBetween(first, p.date) * dayW);
    parts.push(
      `<line class="grid" x1="${px}" y1="${top}" x2="${px}" y2="${top + plotH}"/>`,
      `<text class="axis" x="${px}" y="${top + plotH + 22}" text-anchor="middle">${e(humanDate(p.date, false).slice(4))}</text>`,
    );
  });
  const step = (value: (p: BurnPoint) => number, upTo: readonly BurnPoint[]) => {
    let path = `M${f(left)},${f(y(0))}`;
    let previous = 0;
    for (const p of upTo) {
      const v = value(p);
      const px = f(x(p.date));
      if (v !== previous) {
        // Up (or down) at the start of the day it changed, flat through the day.
        path += `L${f(x(p.date) - dayW)},${f(y(previous))}L${f(x(p.date) - dayW)},${f(y(v))}`;
        previous = v;
      }
      path += `L${px},${f(y(v))}`;
    }
    return path;
  };
  const past = points.filter((p) => p.date <= board.today);
  parts.push(`<path class="plan" d="${step((p) => p.planned, points)}"/>`);
  if (past.length > 0) {
    const closedPath = step((p) => p.closed, past);
    const last = past.at(-1)!;
    parts.push(
      `<path class="closed-area" d="${closedPath}L${f(x(last.date))},${f(y(0))}Z"/>`,
      `<path class="closed" d="${closedPath}"/>`,
    );
  }
  // The forecast: from today's count at the current pace, until the scope or the chart's end.
  const fc = pace.forecast;
  const now = pointOn(points, board.today);
  const end = points.at(-1)!.date;
  if (now !== undefined && fc.perDay > 0 && fc.open > 0 && board.today < end) {
    const toScope = Math.ceil((scope - now.closed) / fc.perDay);
    const span = Math.min(toScope, daysBetween(board.today, end));
    const reach = addDays(board.today, span);
    parts.push(
      `<line class="forecast" x1="${f(x(board.today))}" y1="${f(y(now.closed))}" x2="${f(x(reach))}" y2="${f(y(now.closed + span * fc.perDay))}"/>`,
    );
  }
  // Markers: go-live, and today (at the edge, with an arrow, when the chart does not hold it).
  // Go-live's label above the plot, today's below it, so the two never overlap.
  const mark = (cls: string, date: CalendarDate, label: string, labelY: number) => {
    const inside = date >= first && date <= end;
    const px = x(addDays(date, -1)) + dayW / 2;
    const text = inside ? label : date < first ? `← ${label}` : `${label} →`;
    const anchor = px > width - 220 ? "end" : px < left + 220 ? "start" : "middle";
    parts.push(
      `<line id="burn-${cls}" class="${cls}" x1="${f(px)}" y1="${top}" x2="${f(px)}" y2="${top + plotH}"/>`,
      `<text class="mark-${cls}" x="${f(px)}" y="${labelY}" text-anchor="${anchor}">${e(text)}</text>`,
    );
  };
  mark("golive", board.goLive, `go-live ${humanDate(board.goLive, false)}`, top - 10);
  mark("today", board.today, `today ${humanDate(board.today, false)}`, top + plotH + 50);
  // One column per day: its numbers for a tooltip, and as data for whoever reads the chart.
  const columns = points.map((p) => {
    const isPast = p.date <= board.today;
    const tip = `${humanDate(p.date, false)}: ${isPast ? `${p.closed} closed, ` : ""}${p.planned} due by then`;
    return `<rect class="day" x="${f(x(p.date) - dayW)}" y="${top}" width="${f(dayW)}" height="${plotH}" data-date="${p.date}"${isPast ? ` data-closed="${p.closed}"` : ""} data-planned="${p.planned}"><title>${e(tip)}</title></rect>`;
  });
  return `<svg id="burnup" role="img" aria-label="${e(`Burn-up: ${now?.closed ?? 0} of ${scope} items closed, ${now?.planned ?? 0} due by today`)}" data-scope="${scope}" data-today="${board.today}" data-golive="${board.goLive}" data-first="${first}" data-last="${end}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg">${parts.join("")}<g class="days">${columns.join("")}</g></svg>`;
}

/** A project's burn-up in a portfolio row: the two lines, today and go-live, no text. */
export function sparklineSvg(board: Pick<Board, "today" | "goLive">, pace: Pace): string {
  const width = 160;
  const height = 36;
  const { points, scope } = pace;
  const first = points[0]!.date;
  const days = Math.max(1, points.length);
  const x = (date: CalendarDate) =>
    (Math.min(Math.max(daysBetween(first, date) + 1, 0), days) / days) * width;
  const y = (n: number) => height - 2 - (n / Math.max(1, scope)) * (height - 4);
  const f = (n: number) => n.toFixed(1);
  const line = (value: (p: BurnPoint) => number, upTo: readonly BurnPoint[]) =>
    upTo.map((p, k) => `${k === 0 ? "M" : "L"}${f(x(p.date))},${f(y(value(p)))}`).join("");
  const past = points.filter((p) => p.date <= board.today);
  const now = pointOn(points, board.today);
  const g = f(x(addDays(board.goLive, -1)) + width / days / 2);
  const t = f(x(addDays(board.today, -1)) + width / days / 2);
  return `<svg class="spark" role="img" aria-label="${e(`Burn-up: ${now?.closed ?? 0} of ${scope} closed, ${now?.planned ?? 0} due by today`)}" data-scope="${scope}" data-closed="${now?.closed ?? 0}" data-planned="${now?.planned ?? 0}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg"><path class="plan" d="${line((p) => p.planned, points)}"/>${past.length > 0 ? `<path class="closed" d="${line((p) => p.closed, past)}"/>` : ""}<line class="golive" x1="${g}" y1="0" x2="${g}" y2="${height}"/><line class="today" x1="${t}" y1="0" x2="${t}" y2="${height}"/></svg>`;
}

/** How many items at risk the forecast lists in full. */
const AT_RISK_ROWS = 10;

/** "2 days after go-live", "on go-live day", "5 days before go-live". */
function againstGoLive(date: CalendarDate, goLive: CalendarDate): string {
  const d = daysBetween(goLive, date);
  if (d === 0) return "on go-live day";
  return d > 0 ? `${plural(d, "day")} after go-live` : `${plural(-d, "day")} before go-live`;
}

function perWeek(perDay: number): string {
  const week = perDay * 7;
  return Number.isInteger(week) ? String(week) : week.toFixed(1);
}

/** The forecast in words, the figures in `data-` attributes for whoever reads the page. */
function forecastHtml(
  board: Pick<Board, "today" | "goLive"> & { life?: Board["life"] },
  fc: Forecast,
): string {
  const data = `data-open="${fc.open}" data-per-day="${fc.perDay.toFixed(3)}" data-closes-on="${fc.closesOn ?? ""}" data-ready-on="${fc.readyOn ?? ""}" data-on-time="${fc.onTime}" data-at-risk="${fc.atRisk.length}"`;
  const pace = `At the pace of the last ${PACE_DAYS} days (${plural(fc.closedRecently, "item")} closed, ${perWeek(fc.perDay)} a week)`;
  let lead: string;
  if (fc.open === 0) lead = "Every item is closed.";
  else if (fc.closesOn === undefined) {
    lead = `Nothing was closed in the last ${PACE_DAYS} days: at this pace the ${plural(fc.open, "open item")} never close.`;
  } else {
    lead = `${pace}, the ${plural(fc.open, "open item")} close by <b>${e(humanDate(fc.closesOn))}</b>, ${e(againstGoLive(fc.closesOn, board.goLive))}.`;
  }
  let verdict = "";
  const closed = board.life?.closed;
  if (closed) {
    // Go-live is behind the project: no risk to it is forecast, only what was left.
    verdict = `<span class="verdict">Closed on ${e(humanDate(closed.on))}.</span>`;
  } else if (board.today >= board.goLive) {
    verdict =
      fc.dueByGoLive > 0
        ? `<span class="verdict late">Live since ${e(humanDate(board.goLive))}:</span> ${plural(fc.dueByGoLive, "item")} due by go-live ${fc.dueByGoLive === 1 ? "is" : "are"} still open.`
        : `<span class="verdict ok">Live since ${e(humanDate(board.goLive))}.</span>`;
  } else if (fc.dueByGoLive > 0) {
    verdict =
      fc.readyOn === undefined
        ? `<span class="verdict late">Go-live is at risk:</span> ${plural(fc.dueByGoLive, "item")} due by go-live ${fc.dueByGoLive === 1 ? "is" : "are"} open.`
        : fc.onTime
          ? `<span class="verdict ok">On track for go-live:</span> the ${plural(fc.dueByGoLive, "item")} due by go-live close by ${e(humanDate(fc.readyOn))}.`
          : `<span class="verdict late">Go-live is at risk:</span> the ${plural(fc.dueByGoLive, "item")} due by go-live close by ${e(humanDate(fc.readyOn))}, ${e(againstGoLive(fc.readyOn, board.goLive))}.`;
  }
  // The first ten in a table; a long list goes on as IDs, each titled.
  const rows = fc.atRisk
    .slice(0, AT_RISK_ROWS)
    .map(
      (v) =>
        `<tr data-id="${e(v.item.id)}"><td>${e(v.item.id)}</td><td>${e(v.item.title)}</td><td>${v.state.owner ? e(v.state.owner) : "—"}</td><td>${e(v.window.due)}<br><small>${e(relativeDue(v.daysUntilDue))}</small></td></tr>`,
    );
  const rest = fc.atRisk.slice(AT_RISK_ROWS);
  const more =
    rest.length > 0
      ? `<p class="more">and ${rest.length} more: ${rest.map((v) => `<span data-id="${e(v.item.id)}" title="${e(`${v.item.title}, due ${v.window.due}`)}">${e(v.item.id)}</span>`).join(", ")}</p>`
      : "";
  const table =
    rows.length > 0
      ? `<h3>At risk (${fc.atRisk.length})</h3><p><small>Open items this pace closes after their due date, taking them in due-date order.</small></p><div class="scroll"><table class="risk"><thead><tr><th>ID</th><th>Title</th><th>Owner</th><th>Due</th></tr></thead><tbody>${rows.join("")}</tbody></table></div>${more}`
      : "";
  return `<div id="forecast" ${data}><p>${lead}${verdict ? ` ${verdict}` : ""}</p>${table}</div>`;
}

function ownersHtml(board: Pick<Board, "today" | "goLive">, items: readonly ItemView[]): string {
  const { weeks, rows } = ownerWeeks(board, items);
  if (rows.length === 0) return `<p id="owners">No open items.</p>`;
  const cell = (n: number, cls = "") =>
    `<td class="n${cls}">${n === 0 ? '<span class="zero">·</span>' : n}</td>`;
  const head = weeks.map((w) => `<th class="n">${e(humanDate(w, false).slice(4))}</th>`).join("");
  const body = rows.map((r) => {
    const total = r.late + r.later + r.perWeek.reduce((a, b) => a + b, 0);
    return `<tr data-owner="${e(r.owner ?? "")}" data-total="${total}"><td>${r.owner === undefined ? "<i>nobody</i>" : e(r.owner)}</td>${cell(r.late, r.late > 0 ? " late" : "")}${r.perWeek.map((n) => cell(n)).join("")}${cell(r.later)}</tr>`;
  });
  return `<div class="scroll"><table id="owners"><thead><tr><th>Owner</th><th class="n">Late</th>${head}<th class="n">Later</th></tr></thead><tbody>${body.join("")}</tbody></table></div><p><small>Open items by the week they are due (weeks from Monday); late ones are past their due date.</small></p>`;
}

function nextWeekHtml(board: Pick<Board, "today" | "goLive">, items: readonly ItemView[]): string {
  const next = openingNextWeek(board, items);
  const when = `${humanDate(next.from, false)} to ${humanDate(next.to, false)}`;
  if (next.items.length === 0) return `<p id="next-week">Nothing opens ${e(when)}.</p>`;
  const rows = next.items.map(
    (v) =>
      `<tr data-id="${e(v.item.id)}"><td>${e(v.item.id)}</td><td>${e(v.item.title)}</td><td>${v.state.owner ? e(v.state.owner) : "—"}</td><td>${e(humanDate(v.window.opens, false))}</td><td>${e(humanDate(v.window.due, false))}</td></tr>`,
  );
  return `<p>${plural(next.items.length, "item")} open${next.items.length === 1 ? "s" : ""} ${e(when)}:</p><div class="scroll"><table id="next-week"><thead><tr><th>ID</th><th>Title</th><th>Owner</th><th>Opens</th><th>Due</th></tr></thead><tbody>${rows.join("")}</tbody></table></div>`;
}

/** The sections a project manager reads first, for the page's top. */
export function paceSections(
  board: Pick<Board, "today" | "goLive"> & { life?: Board["life"] },
  items: readonly ItemView[],
): string {
  const pace = paceOf(board, items);
  const legend = `<p class="legend"><span><span class="swatch closed"></span>closed</span><span><span class="swatch plan"></span>due by then (the plan)</span><span><span class="swatch forecast"></span>at the current pace</span></p>`;
  return `<section id="pace">
<h2>Burn-up</h2>
${legend}
<figure class="burnup">${burnUpSvg(board, pace)}</figure>
<h2>Forecast</h2>
${forecastHtml(board, pace.forecast)}
<h2>Open items per owner per week</h2>
${ownersHtml(board, items)}
<h2>Opening next week</h2>
${nextWeekHtml(board, items)}
</section>`;
}

/** The style of the sections above and of the portfolio's sparklines. */
export const PACE_CSS = `
.plan{fill:none;stroke:#5f6b76;stroke-width:1.5;stroke-dasharray:5 3}.closed{fill:none;stroke:#2e7d32;stroke-width:2.5}
.closed-area{fill:#2e7d32;fill-opacity:.12;stroke:none}.forecast{stroke:#1565c0;stroke-width:2;stroke-dasharray:2 3}
.axis{fill:#5f6b76;font-size:10px}.day{fill:transparent}.day:hover{fill:#1565c0;fill-opacity:.08}
.mark-golive{fill:#1b1f23;font-weight:600;font-size:11px}.mark-today{fill:#c62828;font-weight:600;font-size:11px}.spark .today{stroke-width:1.5}.spark .closed{stroke-width:2}
figure.burnup{margin:0}.swatch{display:inline-block;width:18px;height:0;border-top:3px solid;vertical-align:middle;margin-right:6px}
.swatch.closed{border-color:#2e7d32}.swatch.plan{border-top:2px dashed #5f6b76}.swatch.forecast{border-top:2px dotted #1565c0}
.verdict{font-weight:600}.verdict.ok{color:#2e7d32}.verdict.late{color:#c62828}
.scroll{overflow-x:auto}td.n,th.n{text-align:right;white-space:nowrap}td.late{color:#c62828;font-weight:600}.zero{color:#c9d1d9}
h3{font-size:15px;margin:14px 0 4px}
@media (max-width:640px){body{margin:12px auto;font-size:13px}.bar{width:64px}th,td{padding:4px 5px}table.items,table.items tbody,table.items tr{display:block}table.items colgroup,table.items thead{display:none}table.items tr{border-bottom:1px solid #e3e7eb;padding:6px 0}table.items td{display:inline-block;border:0;padding:1px 8px 1px 0;vertical-align:top}table.items td:nth-child(2),table.items td:nth-child(6){display:block}table.items td:first-child{font-weight:600}#burnup text{font-size:24px}.headline{gap:8px}.headline div{padding:6px 10px}}
@media print{#pace figure,#forecast p,#owners{break-inside:avoid}.scroll{overflow:visible}.day:hover{fill:transparent}}
`;
