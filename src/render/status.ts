/**
 * The standup view: where the launch stands, what is late, what is next, who is stuck.
 */
import { maxOf, pushAll } from "../core/arrays.js";
import type { Board, ItemView, PhaseView, Progress } from "../core/board.js";
import { waiverExpired } from "../core/board.js";
import type { Catalogue } from "../core/catalogue.js";
import { SOON_DAYS, standup } from "../core/standup.js";
import { evidenceStale, type ItemVerdict } from "../core/verdict.js";
import { type Column, cutText, displayWidth, hangingLine, renderTable, wrapText } from "./table.js";
import {
  bar,
  date,
  describeChange,
  lateNote,
  multiline,
  percent,
  plural,
  relativeDue,
  relativeGoLive,
  type Style,
  safe,
  statusLabel,
} from "./text.js";
import { evidenceSummary } from "./verify-words.js";

export interface StatusSections {
  /** The items the filters selected, in catalogue order. */
  items: ItemView[];
  /** Changes since a date, when `--since` was given. */
  since?: { date: string; items: ItemView[] };
  /** Show every selected item, not only those that need attention. */
  all: boolean;
  /** Describes the active filters, for the heading. */
  filterLabel?: string;
  /**
   * What the repository's checks say now about the items with recorded evidence: evidence the
   * repository no longer bears out is shown as stale, not repeated.
   */
  current?: ReadonlyMap<string, ItemVerdict>;
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

function itemRows(style: Style, items: ItemView[], detail: (v: ItemView) => string): string[][] {
  return items.map((v) => [
    style.chalk.bold(v.item.id),
    v.tickets.length > 0
      ? `${safe(v.item.title)} ${style.chalk.dim(`(${v.tickets.map((t) => safe(t.ref)).join(", ")})`)}`
      : safe(v.item.title),
    v.state.owner ? safe(v.state.owner) : style.chalk.dim("—"),
    detail(v),
  ]);
}

function section(
  style: Style,
  heading: string,
  items: ItemView[],
  detail: (v: ItemView) => string,
  detailHeader = "When",
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
    renderTable(style, columns, itemRows(style, items, detail)),
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
  const today = `today ${date(board.today, true)}`;
  const closed = board.life.closed;
  if (closed) {
    return `${c.bold(`Closed on ${date(closed.on, true)}`)} · went live ${date(board.goLive, true)} · ${today}`;
  }
  if (board.life.phase === "live") {
    return `${c.bold(`Live since ${date(board.goLive, true)}`)} · ${relativeGoLive(board.daysToGoLive)} · ${today}`;
  }
  return `Go-live ${c.bold(date(board.goLive, true))} · ${relativeGoLive(board.daysToGoLive)} · ${today}`;
}

export function renderStatus(
  style: Style,
  _catalogue: Catalogue,
  board: Board,
  sections: StatusSections,
): string {
  const c = style.chalk;
  const lines: string[] = [];
  lines.push(
    hangingLine(style.width, "", c.bold(safe(board.title))),
    hangingLine(style.width, "", goLiveLine(style, board)),
  );
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
  const day = standup(board, items);
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
    section(style, "After go-live", day.afterGoLive, (v) =>
      v.window.opens > board.today
        ? `opens ${date(v.window.opens)}, ${relativeDue(v.daysUntilDue)} (${date(v.window.due)})`
        : due(v),
    ),
  );
  pushAll(lines, section(style, "Overdue", day.overdue, due));
  pushAll(
    lines,
    section(
      style,
      "Late, but waived or optional",
      day.lateExcused,
      (v) =>
        `${relativeDue(v.daysUntilDue)} (${date(v.window.due)}); ${v.waived ? `waived until ${v.state.waiver!.until}` : "optional"}`,
    ),
  );
  pushAll(lines, section(style, `Due in the next ${SOON_DAYS} days`, day.dueSoon, due));
  pushAll(
    lines,
    section(
      style,
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
    section(style, "Blocked", day.blocked, (v) => multiline(v.state.reason ?? ""), "Reason"),
  );
  pushAll(lines, section(style, "In progress", day.inProgress, due));
  pushAll(
    lines,
    section(
      style,
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
  const now = (v: ItemView) => sections.current?.get(v.item.id);
  const stale = (v: ItemView) => {
    const current = now(v);
    return v.state.evidence !== undefined && current !== undefined
      ? evidenceStale(v.state.evidence, current)
      : false;
  };
  pushAll(
    lines,
    section(
      style,
      "Recorded evidence fails",
      items.filter((v) => v.state.evidence?.result === "fail" && !stale(v)),
      (v) => `${v.state.evidence!.at.slice(0, 10)}: ${safe(evidenceSummary(v.state.evidence!))}`,
      "Evidence",
    ),
  );
  pushAll(
    lines,
    section(
      style,
      "Recorded evidence is stale",
      items.filter(stale),
      (v) =>
        `recorded ${v.state.evidence!.result} on ${v.state.evidence!.at.slice(0, 10)}, the repository now says ${now(v)!.result} (golive verify --record)`,
      "Evidence",
    ),
  );
  if (sections.since) {
    pushAll(
      lines,
      section(
        style,
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
      section(
        style,
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
