/**
 * `golive show ID`: everything about one item.
 */
import { pushAll } from "../core/arrays.js";
import type { ItemView } from "../core/board.js";
import { waiverExpired } from "../core/board.js";
import { leftEntryOf } from "../core/gate.js";
import { evidenceStale, type ItemVerdict } from "../core/verdict.js";
import type { Closed, HistoryEntry } from "../schema/state.js";
import { date, multiline, relativeDue, type Style, safe, statusLabel } from "./text.js";
import { evidenceSummary, staleEvidenceWords } from "./verify-words.js";

function historyLine(style: Style, entry: HistoryEntry): string {
  const indented = (text: string) => multiline(text).replace(/\n/g, "\n      ");
  const parts: string[] = [];
  if (entry.waiver) {
    const w = entry.waiver;
    const approver = w.approver ? `, approved by ${safe(w.approver)}` : "";
    parts.push(`waived until ${w.until}${approver}: ${indented(w.reason)}`);
  } else if (entry.unwaived !== undefined) {
    parts.push(`waiver withdrawn: ${indented(entry.unwaived)}`);
  } else {
    parts.push(entry.status ? statusLabel(style, entry.status) : "todo");
    if (entry.owner) parts.push(`owner ${safe(entry.owner)}`);
    if (entry.reason) parts.push(`reason: ${indented(entry.reason)}`);
    if (entry.note) parts.push(`note: ${indented(entry.note)}`);
  }
  const who = [entry.at ? entry.at.slice(0, 10) : undefined, entry.by ? safe(entry.by) : undefined]
    .filter(Boolean)
    .join(" ");
  return `  ${who ? `${who}: ` : ""}${parts.join(", ")}`;
}

/** `now`: what the repository's checks say today, when the item has recorded evidence. */
export function renderShow(
  style: Style,
  view: ItemView,
  today?: string,
  closed?: Closed,
  now?: ItemVerdict,
): string {
  const c = style.chalk;
  const { item, window, state } = view;
  const lines = [
    `${c.bold(item.id)}  ${c.bold(safe(item.title))}${item.optional ? c.dim("  (optional)") : ""}`,
    safe(
      `${view.category.title} · ${view.phase.title}${item.aliases?.length ? ` · formerly ${item.aliases.join(", ")}` : ""}`,
    ),
    "",
    safe(item.summary.trim()),
    "",
    `Window   ${date(window.opens, true)} – ${date(window.due, true)}${window.dueUnshifted ? c.dim(` (moved from ${date(window.dueUnshifted)}, a weekend)`) : ""}`,
    `Status   ${statusLabel(style, view.status)}${view.open ? `, ${view.overdue ? c.red(relativeDue(view.daysUntilDue)) : relativeDue(view.daysUntilDue)}` : ""}`,
  ];
  // Once the project is closed, a late open item fails nothing: say why, as status does.
  if (closed && view.open) {
    const left = leftEntryOf(closed, view.item);
    lines.push(
      `Closed   on ${closed.on}, ${left ? `leaving it open: ${safe(left.reason)}` : "not among the items left open"}`,
    );
  }
  if (window.reminder) {
    lines.push(`Reminder ${date(window.reminder.date, true)}: ${safe(window.reminder.text)}`);
  }
  if (state.owner) lines.push(`Owner    ${safe(state.owner)}`);
  // Several lines stay several lines, indented under the label.
  const block = (text: string) => multiline(text).replace(/\n/g, "\n         ");
  if (state.reason) lines.push(`Reason   ${block(state.reason)}`);
  if (state.note) lines.push(`Note     ${block(state.note)}`);
  if (state.waiver) {
    const w = state.waiver;
    const expired = today !== undefined && waiverExpired(w, today);
    const approver = w.approver ? `, approved by ${safe(w.approver)}` : "";
    const when = expired ? c.red(`expired after ${w.until}`) : `until ${w.until}`;
    lines.push(`Waiver   ${when}${approver}: ${block(w.reason)}`);
  }
  if (state.evidence) {
    const e = state.evidence;
    lines.push(
      `Evidence ${e.result} on ${e.at.slice(0, 10)} (golive ${e.source === "probe" ? "probe" : "verify"}): ${safe(evidenceSummary(e))}`,
    );
    if (now !== undefined && evidenceStale(e, now))
      lines.push(
        `         ${c.yellow("stale")}: ${staleEvidenceWords(e, now)} (golive verify --record)`,
      );
  }
  if (view.tickets.length > 0) {
    const refs = view.tickets.map((t) =>
      t.url && t.url !== t.ref ? `${safe(t.ref)} (${safe(t.url)})` : safe(t.ref),
    );
    lines.push(`Tickets  ${refs.join(", ")}`);
  }
  if (item.criteria?.length) {
    pushAll(lines, ["", c.bold("Done when"), ...item.criteria.map((k) => `  - ${safe(k)}`)]);
  }
  if (item.links?.length) {
    pushAll(lines, [
      "",
      c.bold("Links"),
      ...item.links.map((l) => `  ${safe(l.title)}: ${safe(l.url)}`),
    ]);
  }
  const history = [...(state.history ?? []), ...(state.at ? [state as HistoryEntry] : [])];
  if (history.length > 0) {
    pushAll(lines, ["", c.bold("History"), ...history.map((h) => historyLine(style, h))]);
  }
  return `${lines.join("\n")}\n`;
}
