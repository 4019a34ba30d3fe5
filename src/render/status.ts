/**
 * The standup view: where the launch stands, what is late, what is next, who is stuck.
 */
import { maxOf, pushAll } from "../core/arrays.js";
import type { Board, ItemView, PhaseView, Progress } from "../core/board.js";
import { waiverExpired } from "../core/board.js";
import type { BoardReport } from "../core/report.js";
import { SOON_DAYS } from "../core/standup.js";
import { headline, projectChangeWords } from "./identity.js";
import { type Column, cutText, displayWidth, hangingLine, renderTable, wrapText } from "./table.js";
import {
  bar,
  date,
  describeChange,
  excusedNote,
  lateNote,
  multiline,
  percent,
  plural,
  relativeDue,
  type Style,
  safe,
  slipLine,
  statusLabel,
} from "./text.js";
import { evidenceSummary, staleEvidenceWords } from "./verify-words.js";

/** How `status` shows its report: every selected item, not only those that need attention. */
export interface StatusLayout {
  all: boolean;
}

/** The room a progress line takes besides its label and its bar. */
const COUNTS = 2 + 2 + 7 + 2 + 4;

/** How the progress lines fit the width: the bars give way first, then the labels. */
interface Bars {
  label: number;
  bar: number;
  /** The phase's due date goes on a line of its own. */
  tailBelow: boolean;
}

function barsFor(style: Style, board: Board): Bars {
  const labels = maxOf(
    board.phases.map((p) => displayWidth(safe(p.phase.title))),
    7,
  );
  const tail = maxOf(
    board.phases.map((p) => phaseTail(p).length),
    0,
  );
  const bar = Math.max(5, Math.min(20, style.width - labels - COUNTS - tail));
  const label = Math.min(labels, Math.max(12, style.width - COUNTS - bar - tail));
  return { label, bar, tailBelow: label + COUNTS + bar + tail > style.width };
}

function progressLine(style: Style, label: string, bars: Bars, p: Progress): string {
  const shown = cutText(label, bars.label);
  const pad = " ".repeat(Math.max(0, bars.label - displayWidth(shown)));
  return `${shown}${pad}  ${bar(style, p, bars.bar)}  ${`${p.closed}/${p.total}`.padStart(7)}  ${`${percent(p)}%`.padStart(4)}`;
}

/** What follows a phase's counts: "  due Mon 1 Feb  6 overdue", uncoloured. */
function phaseTail(view: PhaseView): string {
  const late = view.progress.overdue > 0 ? `  ${view.progress.overdue} overdue` : "";
  return `  due ${date(view.phase.due)}${late}`;
}

function phaseLine(style: Style, view: PhaseView, bars: Bars, today: string): string {
  const { phase, progress } = view;
  const c = style.chalk;
  const when = `due ${date(phase.due)}`;
  const late = progress.overdue > 0 ? c.red(`  ${progress.overdue} overdue`) : "";
  const past = phase.due < today && progress.overdue === 0 && progress.closed === progress.total;
  const gap = bars.tailBelow ? `\n${" ".repeat(bars.label)}` : "";
  return `${progressLine(style, safe(phase.title), bars, progress)}${gap}  ${past ? c.dim(when) : when}${late}`;
}

/**
 * A ticket as a text table shows it: a key whole, a URL as its host and last segment
 * (`jira.example.com/…/SHOP-12`), so that one long link does not widen the table; `golive show`
 * and the reports give it whole.
 */
export function ticketLabel(ref: string): string {
  const url = /^https?:\/\/([^/?#]+)(?:[/?#](.*))?$/i.exec(ref);
  if (!url) return ref;
  const path = (url[2] ?? "").split(/[?#]/)[0]!;
  const last = path
    .split("/")
    .filter((p) => p !== "")
    .at(-1);
  const label = last === undefined ? url[1]! : `${url[1]}/…/${last}`;
  return cutText(label, 32);
}

function itemRows(
  style: Style,
  items: readonly ItemView[],
  detail: (v: ItemView) => string,
  idWidth: number,
): string[][] {
  return items.map((v) => [
    // Every section's ID column as wide as the longest ID shown: the tables line up.
    style.chalk.bold(v.item.id) + " ".repeat(Math.max(0, idWidth - displayWidth(v.item.id))),
    v.tickets.length > 0
      ? `${safe(v.item.title)} ${style.chalk.dim(`(${v.tickets.map((t) => safe(ticketLabel(t.ref))).join(", ")})`)}`
      : safe(v.item.title),
    v.state.owner ? safe(v.state.owner) : style.chalk.dim("—"),
    detail(v),
  ]);
}

function section(
  style: Style,
  heading: string,
  items: readonly ItemView[],
  detail: (v: ItemView) => string,
  detailHeader = "When",
  idWidth = 0,
): string[] {
  if (items.length === 0) return [];
  const columns: Column[] = [
    { header: "ID" },
    { header: "Title", flex: true, min: 16 },
    { header: "Owner" },
    { header: detailHeader, wrap: true },
  ];
  return [
    "",
    style.chalk.bold(`${heading} (${items.length})`),
    renderTable(style, columns, itemRows(style, items, detail, idWidth)),
  ];
}

function dueDetail(style: Style, today: string): (v: ItemView) => string {
  return (v) => {
    const text = `${relativeDue(v.daysUntilDue)} (${date(v.window.due)})`;
    if (!v.overdue) return text;
    const note = lateNote(v, today);
    return note ? `${style.chalk.yellow(text)}; ${note}` : style.chalk.red(text);
  };
}

/** "Go-live Mon 1 Mar 2027 · 19 days to go", "Live since ...", "Closed on ...". */
function goLiveLine(style: Style, board: Board): string {
  const c = style.chalk;
  const h = headline(board, (d) => date(d, true));
  const lead = h.label === "Go-live" ? `Go-live ${c.bold(h.day)}` : c.bold(`${h.label} ${h.day}`);
  return [lead, ...h.rest].join(" · ");
}

export function renderStatus(style: Style, report: BoardReport, layout: StatusLayout): string {
  const { board } = report;
  const sections = { ...report, all: layout.all };
  const c = style.chalk;
  const lines: string[] = [];
  lines.push(
    hangingLine(style.width, "", c.bold(safe(board.title))),
    hangingLine(style.width, "", goLiveLine(style, board)),
  );
  if (report.slip) {
    lines.push(hangingLine(style.width, "", c.yellow(slipLine(report.slip, (d) => date(d, true)))));
  }
  if (sections.filterLabel) {
    lines.push(c.dim(wrapText(`Showing ${safe(sections.filterLabel)}`, style.width).join("\n")));
  }
  if (sections.items.length === 0) {
    lines.push("", "No items match.");
    return `${lines.join("\n")}\n`;
  }
  lines.push("");
  const bars = barsFor(style, board);
  lines.push(c.bold(progressLine(style, "Overall", bars, board.progress)));
  for (const phase of board.phases) lines.push(phaseLine(style, phase, bars, board.today));

  const items = sections.items;
  const day = report.day;
  const idWidth = maxOf(
    items.map((v) => displayWidth(v.item.id)),
    2,
  );
  const sect = (
    heading: string,
    list: readonly ItemView[],
    detail: (v: ItemView) => string,
    detailHeader?: string,
  ) => section(style, heading, list, detail, detailHeader, idWidth);
  const due = dueDetail(style, board.today);

  for (const phase of day.opened) {
    const when = phase.opens === board.today ? "opened today" : `opened ${date(phase.opens)}`;
    const owners =
      phase.unowned > 0 ? c.yellow(`${phase.unowned} without an owner`) : "every one has an owner";
    lines.push(
      "",
      hangingLine(
        style.width,
        "",
        `${c.bold(safe(phase.title))} ${when}: ${plural(phase.items, "item")}, ${owners}`,
      ),
    );
  }
  pushAll(
    lines,
    sect("After go-live", day.afterGoLive, (v) =>
      v.window.opens > board.today
        ? `opens ${date(v.window.opens)}, ${relativeDue(v.daysUntilDue)} (${date(v.window.due)})`
        : due(v),
    ),
  );
  pushAll(lines, sect("Overdue", day.overdue, due));
  pushAll(
    lines,
    sect(
      board.life.closed ? "Late, but the project is closed" : "Late, but waived or optional",
      day.lateExcused,
      (v) =>
        `${relativeDue(v.daysUntilDue)} (${date(v.window.due)}); ${excusedNote(v, board.today, board.life.closed, safe)}`,
    ),
  );
  pushAll(lines, sect(`Due in the next ${SOON_DAYS} days`, day.dueSoon, due));
  pushAll(
    lines,
    sect(
      "Reminders",
      day.reminders.map((r) => r.view),
      (v) => {
        const r = day.reminders.find((x) => x.view === v)!;
        const when =
          r.when === "missed"
            ? c.red(`missed ${date(r.date)}`)
            : r.when === "today"
              ? c.yellow("today")
              : date(r.date);
        return `${when}: ${safe(r.text)} (golive ack ${v.item.id} once done)`;
      },
      "Reminder",
    ),
  );
  pushAll(
    lines,
    sect("Blocked", day.blocked, (v) => multiline(v.state.reason ?? ""), "Reason"),
  );
  pushAll(lines, sect("In progress", day.inProgress, due));
  pushAll(
    lines,
    sect(
      "Waivers",
      day.waivers,
      (v) => {
        const w = v.state.waiver!;
        const when = waiverExpired(w, board.today)
          ? c.red(`expired after ${w.until}`)
          : `until ${w.until}`;
        return `${when}: ${multiline(w.reason)}`;
      },
      "Waiver",
    ),
  );
  const now = (v: ItemView) => report.current?.get(v.item.id);
  pushAll(
    lines,
    sect(
      "Recorded evidence fails",
      report.evidence.fails,
      (v) => `${v.state.evidence!.at.slice(0, 10)}: ${safe(evidenceSummary(v.state.evidence!))}`,
      "Evidence",
    ),
  );
  pushAll(
    lines,
    sect(
      "Recorded evidence is stale",
      report.evidence.stale,
      (v) => `${staleEvidenceWords(v.state.evidence!, now(v))} (golive verify --record)`,
      "Evidence",
    ),
  );
  if (sections.since && sections.since.project.length > 0) {
    const { date: since, project } = sections.since;
    lines.push("", c.bold(`Project changed since ${date(since, true)} (${project.length})`));
    pushAll(
      lines,
      project.map((p) => hangingLine(style.width, "  ", projectChangeWords(p, safe))),
    );
  }
  if (sections.since) {
    pushAll(
      lines,
      sect(
        `Changed since ${date(sections.since.date, true)}`,
        sections.since.items,
        (v) => describeChange(v, safe, (status) => statusLabel(style, status)),
        "Change",
      ),
    );
  }
  if (sections.all) {
    pushAll(
      lines,
      sect(
        "All items",
        items,
        // A closed item is never overdue: its due date is history.
        (v) =>
          v.open
            ? `${statusLabel(style, v.status)}, ${relativeDue(v.daysUntilDue)}`
            : `${statusLabel(style, v.status)}, was due ${date(v.window.due)}`,
        "Status",
      ),
    );
  }
  const quiet =
    day.overdue.length +
      day.dueSoon.length +
      day.blocked.length +
      day.inProgress.length +
      day.reminders.length +
      day.opened.length ===
    0;
  if (quiet && !sections.all) {
    lines.push("", c.green("Nothing overdue, nothing due this week, nobody blocked."));
  }
  return `${lines.join("\n")}\n`;
}
