/**
 * `golive portfolio`: one line per project, as a terminal table, Markdown, a self-contained
 * HTML page with each project's timeline on one shared calendar, and the versioned JSON report.
 */
import { pushAll } from "../core/arrays.js";
import type { Board, PhaseView } from "../core/board.js";
import { addDays, daysBetween } from "../core/dates.js";
import { paceOf } from "../core/pace.js";
import type { ProjectSummary } from "../core/portfolio.js";
import { COLOURS, escapeHtml as e, pageHead } from "./html.js";
import { REPORT_VERSION } from "./json.js";
import { mdCell, mdText } from "./markdown.js";
import { PACE_CSS, sparklineSvg } from "./pace-html.js";
import { type Column, renderTable } from "./table.js";
import { percent, plural, relativeDue, relativeGoLive, type Style, safe } from "./text.js";

/** One project as read: its summary, or why it could not be read. */
export type PortfolioRow =
  | { name: string; source: string; title: string; summary: ProjectSummary; board: Board }
  | { name: string; source: string; error: { code: string; message: string; where?: string } };

function errorText(row: Extract<PortfolioRow, { error: unknown }>): string {
  return row.error.where ? `${row.error.where}: ${row.error.message}` : row.error.message;
}

/** The portfolio's sections, in order: projects in preparation (and unreadable ones), live, closed. */
const SECTIONS = [
  { life: "planning", heading: "In preparation" },
  { life: "live", heading: "Live" },
  { life: "closed", heading: "Closed" },
] as const;

/**
 * The rows of each section that has any, in the order given. A portfolio of projects all in
 * preparation is one table without a heading, as before projects had a life.
 */
function sections(
  rows: readonly PortfolioRow[],
): { heading: string | undefined; rows: PortfolioRow[] }[] {
  const lifeOf = (r: PortfolioRow) => ("summary" in r ? r.summary.life : "planning");
  const found = SECTIONS.map((s) => ({
    heading: s.heading as string | undefined,
    rows: rows.filter((r) => lifeOf(r) === s.life),
  })).filter((s) => s.rows.length > 0);
  if (found.length === 1 && found[0]!.rows.every((r) => lifeOf(r) === "planning")) {
    return [{ heading: undefined, rows: found[0]!.rows }];
  }
  return found;
}

function nextDueText(s: ProjectSummary): string {
  if (s.closedOn !== null) return `closed ${s.closedOn}`;
  return s.nextDue ? `${s.nextDue.id} ${relativeDue(s.nextDue.daysUntilDue)}` : "—";
}

export function renderPortfolioText(
  style: Style,
  rows: readonly PortfolioRow[],
  today: string,
): string {
  const c = style.chalk;
  const columns: Column[] = [
    { header: "Project", flex: true, min: 12 },
    { header: "Go-live" },
    { header: "Progress" },
    { header: "Overdue" },
    { header: "Blocked" },
    { header: "Next due" },
    { header: "Last change" },
  ];
  const cellsOf = (row: PortfolioRow) => {
    if ("error" in row) {
      return [safe(row.name), c.red("cannot be read"), "", "", "", "", safe(errorText(row))];
    }
    const s = row.summary;
    const p = s.progress;
    return [
      safe(row.name),
      `${s.goLive} (${relativeGoLive(s.daysToGoLive)})`,
      `${p.closed}/${p.total} ${percent(p)}%`,
      // A closed project's open items were left open on purpose: nothing is overdue any more.
      s.closedOn !== null ? "—" : p.overdue > 0 ? c.red(String(p.overdue)) : "0",
      p.blocked > 0 ? c.yellow(String(p.blocked)) : "0",
      nextDueText(s),
      s.lastChange ? s.lastChange.slice(0, 10) : "—",
    ];
  };
  const unreadable = rows.filter((r) => "error" in r).length;
  const lines = [c.bold(`Portfolio: ${plural(rows.length, "project")}, today ${today}`)];
  for (const section of sections(rows)) {
    if (section.heading) lines.push("", c.bold(`${section.heading} (${section.rows.length})`));
    lines.push(renderTable(style, columns, section.rows.map(cellsOf)));
  }
  if (unreadable > 0) lines.push(c.yellow(`${plural(unreadable, "project")} could not be read.`));
  return `${lines.join("\n")}\n`;
}

export function renderPortfolioMarkdown(rows: readonly PortfolioRow[], today: string): string {
  const header = [
    "Project",
    "Go-live",
    "Progress",
    "Overdue",
    "Blocked",
    "Next due",
    "Last change",
  ];
  const cellsOf = (row: PortfolioRow) => {
    if ("error" in row) {
      return [mdText(row.name), "**cannot be read**", "", "", "", "", mdText(errorText(row))];
    }
    const s = row.summary;
    const p = s.progress;
    return [
      mdText(row.name),
      `${s.goLive} (${relativeGoLive(s.daysToGoLive)})`,
      `${p.closed}/${p.total} (${percent(p)}%)`,
      s.closedOn !== null ? "—" : p.overdue > 0 ? `**${p.overdue}**` : "0",
      String(p.blocked),
      s.closedOn !== null
        ? `closed ${s.closedOn}`
        : s.nextDue
          ? `${mdCell(s.nextDue.id)} ${mdCell(s.nextDue.title)}, ${relativeDue(s.nextDue.daysUntilDue)}`
          : "—",
      s.lastChange ? s.lastChange.slice(0, 10) : "—",
    ];
  };
  const lines = [`# Go-live portfolio`, "", `Today ${today} · ${plural(rows.length, "project")}`];
  for (const section of sections(rows)) {
    if (section.heading) lines.push("", `## ${section.heading} (${section.rows.length})`);
    pushAll(lines, [
      "",
      `| ${header.join(" | ")} |`,
      `| ${header.map(() => "---").join(" | ")} |`,
      ...section.rows.map((r) => `| ${cellsOf(r).join(" | ")} |`),
    ]);
  }
  return `${lines.join("\n")}\n`;
}

/**
 * How a phase is drawn on a project's strip, first match wins; the legend is made from the same
 * list, so that it names every colour a strip can show.
 */
const PHASE_LOOKS: readonly { colour: string; label: string; is: (p: PhaseView) => boolean }[] = [
  {
    colour: COLOURS.overdue,
    label: "a phase with overdue items",
    is: (p) => p.progress.overdue > 0,
  },
  { colour: COLOURS.blocked, label: "with blocked items", is: (p) => p.progress.blocked > 0 },
  {
    colour: COLOURS.done,
    label: "every item closed",
    is: (p) => p.progress.closed === p.progress.total,
  },
  {
    colour: COLOURS["in-progress"],
    label: "under way",
    is: (p) => p.progress.closed > 0 || p.progress.inProgress > 0,
  },
  { colour: COLOURS.todo, label: "not started", is: () => true },
];

function phaseColour(p: PhaseView): string {
  return PHASE_LOOKS.find((look) => look.is(p))!.colour;
}

function legend(): string {
  const dot = (colour: string) => `<span class="dot" style="background:${colour}"></span>`;
  return `<p class="legend">${PHASE_LOOKS.map((l) => `<span>${dot(l.colour)}${l.label}</span>`).join("")}<span><span class="swatch golive-key"></span>go-live</span><span><span class="swatch today-key"></span>today</span></p>`;
}

const STRIP = { width: 420, phaseH: 5 };

function strip(board: Board, from: string, days: number, today: string): string {
  const x = (d: string) => (Math.min(Math.max(daysBetween(from, d), 0), days) / days) * STRIP.width;
  const height = board.phases.length * (STRIP.phaseH + 1) + 6;
  const parts = board.phases.map((p, i) => {
    const x1 = x(p.phase.opens);
    const x2 = Math.max(x(addDays(p.phase.due, 1)), x1 + 2);
    return `<rect x="${x1.toFixed(1)}" y="${3 + i * (STRIP.phaseH + 1)}" width="${(x2 - x1).toFixed(1)}" height="${STRIP.phaseH}" fill="${phaseColour(p)}"><title>${e(`${p.phase.title}: ${p.progress.closed}/${p.progress.total} closed, ${p.progress.overdue} overdue, due ${p.phase.due}`)}</title></rect>`;
  });
  const g = x(board.goLive).toFixed(1);
  const t = x(today).toFixed(1);
  parts.push(
    `<line x1="${g}" y1="0" x2="${g}" y2="${height}" class="golive"/>`,
    `<line x1="${t}" y1="0" x2="${t}" y2="${height}" class="today"/>`,
  );
  return `<svg class="strip" role="img" aria-label="${e(`timeline to go-live ${board.goLive}`)}" viewBox="0 0 ${STRIP.width} ${height}" width="${STRIP.width}" height="${height}" xmlns="http://www.w3.org/2000/svg">${parts.join("")}</svg>`;
}

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px auto;max-width:1200px;color:#1b1f23;padding:0 12px}
h1{font-size:22px;margin:0 0 4px}table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #e3e7eb;vertical-align:middle;overflow-wrap:anywhere}
th{background:#f3f5f7;white-space:nowrap}td:nth-child(2),td:nth-child(3){white-space:nowrap}small{color:#5f6b76}.err{color:#c62828}.late{color:#c62828;font-weight:600}
.golive{stroke:#1b1f23;stroke-width:2}.today{stroke:#c62828;stroke-width:1.5;stroke-dasharray:3 2}
svg{max-width:100%;height:auto}
.legend span{margin-right:14px;white-space:nowrap}.dot{display:inline-block;width:9px;height:9px;border-radius:50%;margin-right:6px}
.swatch{display:inline-block;width:14px;height:0;margin-right:6px;vertical-align:middle}.golive-key{border-top:2px solid #1b1f23}.today-key{border-top:2px dashed #c62828}
`;

export function renderPortfolioHtml(
  rows: readonly PortfolioRow[],
  today: string,
  options: { generated: string; version: string },
): string {
  const read = rows.filter((r): r is Extract<PortfolioRow, { board: Board }> => "board" in r);
  // One calendar for every strip: from the earliest phase opening to a week after the last go-live.
  const starts = read.flatMap((r) => r.board.phases.map((p) => p.phase.opens));
  const from = [...starts, today].sort()[0]!;
  const to = [...read.map((r) => addDays(r.board.goLive, 7)), addDays(today, 7)].sort().at(-1)!;
  const days = Math.max(1, daysBetween(from, to));
  const rowHtml = (row: PortfolioRow) => {
    if ("error" in row) {
      return `<tr class="project" data-project="${e(row.name)}"><td>${e(row.name)}<br><small>${e(row.source)}</small></td><td colspan="7" class="err">cannot be read: ${e(errorText(row))}</td></tr>`;
    }
    const s = row.summary;
    const p = s.progress;
    return `<tr class="project" data-project="${e(row.name)}" data-life="${s.life}"><td>${e(row.name)}<br><small>${e(row.title)}</small></td><td>${e(s.goLive)}<br><small>${e(relativeGoLive(s.daysToGoLive))}</small></td><td>${p.closed}/${p.total} (${percent(p)}%)</td>${s.closedOn !== null ? "<td>—</td>" : `<td${p.overdue > 0 ? ' class="late"' : ""}>${p.overdue}</td>`}<td>${p.blocked}</td><td>${s.closedOn !== null ? e(`closed ${s.closedOn}`) : s.nextDue ? `${e(s.nextDue.id)} ${e(s.nextDue.title)}<br><small>${e(relativeDue(s.nextDue.daysUntilDue))}</small>` : "—"}</td><td>${strip(row.board, from, days, today)}</td><td>${sparklineSvg(row.board, paceOf(row.board, row.board.items))}</td></tr>`;
  };
  const head =
    "<table><thead><tr><th>Project</th><th>Go-live</th><th>Progress</th><th>Overdue</th><th>Blocked</th><th>Next due</th><th>Timeline</th><th>Burn-up</th></tr></thead>";
  const body = sections(rows)
    .map(
      (section) =>
        `${section.heading ? `<h2>${e(section.heading)} (${section.rows.length})</h2>\n` : ""}${head}<tbody>${section.rows.map(rowHtml).join("")}</tbody></table>`,
    )
    .join("\n");
  return `${pageHead(`Go-live portfolio ${today}`, CSS + PACE_CSS)}
<body>
<h1>Go-live portfolio</h1>
<p>Today ${e(today)} · ${e(plural(rows.length, "project"))} · timelines from ${e(from)} to ${e(to)}; the black line is go-live, the red one today; each burn-up shows items closed (green) against items due (dashed)</p>
${legend()}
${body}
<p><small>Made by golive ${e(options.version)} on ${e(options.generated)}.</small></p>
</body>
</html>
`;
}

/** `golive portfolio --json`. */
export interface JsonPortfolioReport {
  version: typeof REPORT_VERSION;
  command: "portfolio";
  today: string;
  /** Whether every project was read and passes its gate. */
  passed: boolean;
  projects: JsonPortfolioProject[];
}

export type JsonPortfolioProject =
  | ({ name: string; source: string; error: null; catalogue: string } & ProjectSummary)
  | {
      name: string;
      source: string;
      error: { code: string; message: string; where: string | null };
    };

export function jsonPortfolio(rows: readonly PortfolioRow[], today: string): JsonPortfolioReport {
  const projects = rows.map((row): JsonPortfolioProject => {
    if ("error" in row) {
      return {
        name: row.name,
        source: row.source,
        error: { code: row.error.code, message: row.error.message, where: row.error.where ?? null },
      };
    }
    return {
      name: row.name,
      source: row.source,
      error: null,
      catalogue: row.title,
      ...row.summary,
    };
  });
  return {
    version: REPORT_VERSION,
    command: "portfolio",
    today,
    passed: rows.every((r) => "summary" in r && r.summary.gate.passed),
    projects,
  };
}
