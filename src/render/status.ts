/**
 * The standup view: where the launch stands, what is late, what is next, who is stuck.
 */
import type { Board, ItemView, PhaseView, Progress } from "../core/board.js";
import type { Catalogue } from "../core/catalogue.js";
import { addDays } from "../core/dates.js";
import { waiverExpired } from "../core/gate.js";
import { evidenceStale, type ItemVerdict } from "../core/verdict.js";
import { type Column, renderTable } from "./table.js";
import {
  bar,
  date,
  describeChange,
  lateNote,
  percent,
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

const SOON_DAYS = 7;

function progressLine(style: Style, label: string, labelWidth: number, p: Progress): string {
  return `${label.padEnd(labelWidth)}  ${bar(style, p, 20)}  ${`${p.closed}/${p.total}`.padStart(7)}  ${`${percent(p)}%`.padStart(4)}`;
}

function phaseLine(style: Style, view: PhaseView, labelWidth: number, today: string): string {
  const { phase, progress } = view;
  const c = style.chalk;
  const when = `due ${date(phase.due)}`;
  const late = progress.overdue > 0 ? c.red(`  ${progress.overdue} overdue`) : "";
  const past = phase.due < today && progress.overdue === 0 && progress.closed === progress.total;
  return `${progressLine(style, safe(phase.title), labelWidth, progress)}  ${past ? c.dim(when) : when}${late}`;
}

function itemRows(style: Style, items: ItemView[], detail: (v: ItemView) => string): string[][] {
  return items.map((v) => [
    style.chalk.bold(v.item.id),
    safe(v.item.title),
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
    { header: detailHeader },
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

export function renderStatus(
  style: Style,
  catalogue: Catalogue,
  board: Board,
  sections: StatusSections,
): string {
  const c = style.chalk;
  const lines: string[] = [];
  lines.push(
    `${c.bold(safe(catalogue.file.title))}`,
    `Go-live ${c.bold(date(board.goLive, true))} · ${relativeGoLive(board.daysToGoLive)} · today ${date(board.today, true)}`,
  );
  if (sections.filterLabel) lines.push(c.dim(`Showing ${safe(sections.filterLabel)}`));
  lines.push("");
  const labelWidth = Math.max(7, ...board.phases.map((p) => safe(p.phase.title).length));
  lines.push(c.bold(progressLine(style, "Overall", labelWidth, board.progress)));
  for (const phase of board.phases) lines.push(phaseLine(style, phase, labelWidth, board.today));

  const items = sections.items;
  const overdue = items.filter((v) => v.overdue);
  const soon = items.filter(
    (v) => v.open && !v.overdue && v.daysUntilDue <= SOON_DAYS && v.window.opens <= board.today,
  );
  const reminders = items.filter((v) => {
    const r = v.window.reminder;
    return (
      v.open &&
      r !== undefined &&
      r.date >= board.today &&
      r.date <= addDays(board.today, SOON_DAYS)
    );
  });
  const blocked = items.filter((v) => v.status === "blocked");
  const inProgress = items.filter((v) => v.status === "in-progress" && !v.overdue);
  const due = dueDetail(style, board.today);

  lines.push(...section(style, "Overdue", overdue, due));
  lines.push(...section(style, `Due in the next ${SOON_DAYS} days`, soon, due));
  lines.push(
    ...section(
      style,
      "Reminders this week",
      reminders,
      (v) => `${date(v.window.reminder!.date)}: ${safe(v.window.reminder!.text)}`,
      "Reminder",
    ),
  );
  lines.push(...section(style, "Blocked", blocked, (v) => safe(v.state.reason ?? ""), "Reason"));
  lines.push(...section(style, "In progress", inProgress, due));
  const waived = items.filter((v) => v.state.waiver !== undefined);
  lines.push(
    ...section(
      style,
      "Waivers",
      waived,
      (v) => {
        const w = v.state.waiver!;
        const when = waiverExpired(w, board.today)
          ? c.red(`expired after ${w.until}`)
          : `until ${w.until}`;
        return `${when}: ${safe(w.reason)}`;
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
  lines.push(
    ...section(
      style,
      "Recorded evidence fails",
      items.filter((v) => v.state.evidence?.result === "fail" && !stale(v)),
      (v) => `${v.state.evidence!.at.slice(0, 10)}: ${safe(evidenceSummary(v.state.evidence!))}`,
      "Evidence",
    ),
  );
  lines.push(
    ...section(
      style,
      "Recorded evidence is stale",
      items.filter(stale),
      (v) =>
        `recorded ${v.state.evidence!.result} on ${v.state.evidence!.at.slice(0, 10)}, the repository now says ${now(v)!.result} (golive verify --record)`,
      "Evidence",
    ),
  );
  if (sections.since) {
    lines.push(
      ...section(
        style,
        `Changed since ${date(sections.since.date, true)}`,
        sections.since.items,
        (v) => describeChange(v, safe, (status) => statusLabel(style, status)),
        "Change",
      ),
    );
  }
  if (sections.all) {
    lines.push(
      ...section(
        style,
        "All items",
        items,
        (v) => `${statusLabel(style, v.status)}, ${relativeDue(v.daysUntilDue)}`,
        "Status",
      ),
    );
  }
  if (overdue.length + soon.length + blocked.length + inProgress.length === 0 && !sections.all) {
    lines.push("", c.green("Nothing overdue, nothing due this week, nobody blocked."));
  }
  return `${lines.join("\n")}\n`;
}
