/**
 * Markdown for people: the gate's table for pull-request comments and the step summary, and
 * the standup/stakeholder summary (`golive export --format markdown`, `golive status
 * --format markdown`). User text is escaped so it cannot break a table, inject HTML or links,
 * nor ping people: `mdCell` for golive's and the catalogue's text, `mdText` for what people
 * wrote (owners, notes, reasons, waivers, who changed what).
 */
import { pushAll } from "../core/arrays.js";
import { type ItemView, type Progress, waiverExpired } from "../core/board.js";
import { type GateFinding, type GateResult, notable } from "../core/gate.js";
import type { TicketLink } from "../core/links.js";
import type { BoardReport } from "../core/report.js";
import { SOON_DAYS } from "../core/standup.js";
import { findingReason, pinnedWords, VERDICT_LABEL, verdictLine } from "./gate-words.js";
import { headline, projectChangeWords } from "./identity.js";
import {
  describeChange,
  excusedNote,
  lateNote,
  percent,
  printable,
  relativeDue,
  slipLine,
} from "./text.js";
import { evidenceSummary, staleEvidenceWords } from "./verify-words.js";

const ZWSP = "\u200b";

/**
 * Escapes text for a Markdown table cell (GitHub flavour): one line, no HTML, no markup. And
 * no mention or autolink: on GitHub `@name` and `@org/team` notify people (in a PR comment,
 * from whatever a note or a team catalogue's title says), and `https://…`, `www.…` and e-mail
 * addresses become links even without Markdown link syntax. A zero-width space after `@`,
 * inside `://` and after `www` keeps the text readable while GitHub sees neither. Every text
 * golive did not write itself, a person's or a catalogue's, goes through here.
 */
export function mdCell(text: string): string {
  return printable(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/[\\`*_[\]|~#!]/g, (c) => `\\${c}`)
    .replace(/\r\n|\r|\n/g, "<br>")
    .replace(/@/g, `@${ZWSP}`)
    .replace(/:\/\//g, `:${ZWSP}//`)
    .replace(/(www)\./gi, `$1${ZWSP}.`);
}

/** `mdCell`, by the name the renderers give text people wrote. */
export function mdText(text: string): string {
  return mdCell(text);
}

function table(header: string[], rows: string[][]): string[] {
  return [
    `| ${header.join(" | ")} |`,
    `| ${header.map(() => "---").join(" | ")} |`,
    ...rows.map((r) => `| ${r.join(" | ")} |`),
  ];
}

function gateRow(f: GateFinding, grace: number): string[] {
  const v = f.view;
  return [
    f.code === "waived" || f.code === "check-waived"
      ? "⏸️ WAIVED"
      : f.code === "left-open"
        ? "⏹️ LEFT OPEN"
        : f.verdict === "fail"
          ? "❌ FAIL"
          : f.verdict === "warn"
            ? "⚠️ WARN"
            : VERDICT_LABEL[f.verdict],
    mdCell(v.item.id),
    mdCell(v.item.title),
    mdCell(v.phase.id),
    v.state.owner ? mdText(v.state.owner) : "—",
    v.window.due,
    // The reason quotes notes, reasons and waivers.
    mdText(findingReason(f, grace)),
  ];
}

const GATE_HEADER = ["Verdict", "ID", "Title", "Phase", "Owner", "Due", "Reason"];

/** The gate as Markdown: the verdict, a table of what needs attention, every item folded away. */
export function renderGateMarkdown(result: GateResult, title: string): string {
  const grace = result.policy.grace;
  const lines = [
    `### ${result.passed ? "✅" : "❌"} ${mdCell(title)}`,
    "",
    `${verdictLine(result)}. Today is ${result.clockToday === undefined ? result.today : `${result.today} (${pinnedWords(result)})`}; warn within ${result.policy.warnWithin} days, grace ${grace} days${result.policy.strict ? ", strict" : ""}.`,
    "",
  ];
  const attention = notable(result);
  if (attention.length > 0) {
    pushAll(lines, [
      ...table(
        GATE_HEADER,
        attention.map((f) => gateRow(f, grace)),
      ),
      "",
    ]);
  }
  pushAll(lines, [
    `<details><summary>All ${result.findings.length} items</summary>`,
    "",
    ...table(
      GATE_HEADER,
      result.findings.map((f) => gateRow(f, grace)),
    ),
    "",
    "</details>",
  ]);
  return `${lines.join("\n")}\n`;
}

function progressCells(p: Progress): string[] {
  return [`${p.closed}/${p.total}`, `${percent(p)}%`, String(p.overdue), String(p.blocked)];
}

/** An item's tracker references: links where golive knows the URL, plain text otherwise. */
export function mdTickets(tickets: readonly TicketLink[]): string {
  return tickets
    .map((t) =>
      t.url
        ? `[${mdCell(t.ref)}](${t.url.replace(/[()<>\s|]/g, encodeURIComponent)})`
        : mdCell(t.ref),
    )
    .join(", ");
}

function itemTable(items: readonly ItemView[], detail: (v: ItemView) => string): string[] {
  return table(
    ["ID", "Title", "Owner", "Details"],
    items.map((v) => [
      mdCell(v.item.id),
      v.tickets.length > 0
        ? `${mdCell(v.item.title)} (${mdTickets(v.tickets)})`
        : mdCell(v.item.title),
      v.state.owner ? mdText(v.state.owner) : "—",
      detail(v),
    ]),
  );
}

function section(heading: string, items: readonly ItemView[], detail: (v: ItemView) => string) {
  return ["", `## ${heading} (${items.length})`, "", ...itemTable(items, detail)];
}

/** "**Go-live 2027-03-01** · 19 days to go · today 2027-02-10", or live since / closed on. */
function headlineMarkdown(board: BoardReport["board"]): string {
  const h = headline(board, (d) => d);
  return [`**${h.label} ${h.day}**`, ...h.rest].join(" · ");
}

/** The standup/stakeholder summary: progress per phase, overdue, due soon, blocked, waivers. */
export function renderMarkdownSummary(report: BoardReport): string {
  const { board } = report;
  const sections = report;
  const today = board.today;
  const lines = [`# ${mdCell(board.title)}`, "", headlineMarkdown(board)];
  if (report.slip) lines.push("", `**${slipLine(report.slip, (d) => d)}**`);
  if (sections.filterLabel) lines.push("", `_Showing ${mdText(sections.filterLabel)}_`);
  pushAll(lines, [
    "",
    "## Progress",
    "",
    ...table(
      ["Phase", "Due", "Closed", "%", "Overdue", "Blocked"],
      [
        ...board.phases.map((p) => [
          mdCell(p.phase.title),
          p.phase.due,
          ...progressCells(p.progress),
        ]),
        ["**Overall**", board.goLive, ...progressCells(board.progress)],
      ],
    ),
  ]);
  const due = (v: ItemView) => {
    const note = v.overdue ? lateNote(v, today) : "";
    return `${relativeDue(v.daysUntilDue)} (${v.window.due})${note ? `; ${note}` : ""}`;
  };
  const day = report.day;
  const { overdue, dueSoon: soon, blocked } = day;
  if (overdue.length > 0) pushAll(lines, section("Overdue", overdue, due));
  if (day.lateExcused.length > 0) {
    pushAll(
      lines,
      section(
        board.life.closed ? "Late, but the project is closed" : "Late, but waived or optional",
        day.lateExcused,
        (v) => `${due(v)}; ${excusedNote(v, today, board.life.closed, mdText)}`,
      ),
    );
  }
  if (soon.length > 0) pushAll(lines, section(`Due in the next ${SOON_DAYS} days`, soon, due));
  if (day.reminders.length > 0) {
    pushAll(
      lines,
      section(
        "Reminders",
        day.reminders.map((r) => r.view),
        (v) => {
          const r = day.reminders.find((x) => x.view === v)!;
          const when = r.when === "missed" ? `**missed** ${r.date}` : r.date;
          return `${when}: ${mdText(r.text)}`;
        },
      ),
    );
  }
  if (blocked.length > 0) {
    pushAll(
      lines,
      section("Blocked", blocked, (v) => mdText(v.state.reason ?? "")),
    );
  }
  if (day.inProgress.length > 0) pushAll(lines, section("In progress", day.inProgress, due));
  const waived = day.waivers;
  if (waived.length > 0) {
    pushAll(
      lines,
      section("Waivers", waived, (v) => {
        const w = v.state.waiver!;
        const state = waiverExpired(w, today) ? "**expired** after" : "until";
        const approver = w.approver ? `, approved by ${mdText(w.approver)}` : "";
        return `${state} ${w.until}${approver}: ${mdText(w.reason)}`;
      }),
    );
  }
  if (report.evidence.fails.length > 0) {
    pushAll(
      lines,
      section("Recorded evidence fails", report.evidence.fails, (v) => {
        const e = v.state.evidence!;
        return `${e.at.slice(0, 10)}: ${mdText(evidenceSummary(e))}`;
      }),
    );
  }
  if (report.evidence.stale.length > 0) {
    pushAll(
      lines,
      section("Recorded evidence is stale", report.evidence.stale, (v) =>
        staleEvidenceWords(v.state.evidence!, report.current?.get(v.item.id)),
      ),
    );
  }
  if (sections.since && sections.since.project.length > 0) {
    lines.push(
      "",
      `## Project changed since ${sections.since.date} (${sections.since.project.length})`,
      "",
    );
    pushAll(
      lines,
      sections.since.project.map((p) => `- ${projectChangeWords(p, mdText)}`),
    );
  }
  if (sections.since) {
    pushAll(
      lines,
      section(`Changed since ${sections.since.date}`, sections.since.items, (v) =>
        describeChange(v, mdText, (status) => status),
      ),
    );
  }
  if (overdue.length + soon.length + blocked.length === 0) {
    lines.push("", "Nothing overdue, nothing due this week, nobody blocked.");
  }
  return `${lines.join("\n")}\n`;
}
