/**
 * What done, start, block, skip, reopen, assign and note report: one line per item.
 */
import type { Change, ItemChange } from "../core/transitions.js";
import { type Style, safe, statusLabel } from "./text.js";

function unchanged(style: Style, change: Change, before: ItemChange["before"]): string {
  if (change.status !== undefined) return `already ${statusLabel(style, before.status ?? "todo")}`;
  if (change.owner === null) return "it has no owner";
  if (change.owner) return `already owned by ${safe(change.owner)}`;
  if (change.note === null) return "it has no note";
  return "the note is the same";
}

export function renderChanges(
  style: Style,
  changes: readonly ItemChange[],
  change: Change,
): string {
  const lines = changes.map(({ id, title, before, after }) => {
    const label = `${style.chalk.bold(id)} ${safe(title)}`;
    if (!after) return `${label}: unchanged (${unchanged(style, change, before)})`;
    const parts = [statusLabel(style, after.status ?? "todo")];
    if (change.owner) parts.push(`owner ${safe(change.owner)}`);
    if (change.owner === null) parts.push("no owner");
    if (change.note) parts.push("note set");
    if (change.note === null) parts.push("note removed");
    if (change.reason) parts.push(`reason: ${safe(change.reason)}`);
    return `${label}: ${parts.join(", ")}`;
  });
  return `${lines.join("\n")}\n`;
}

/** What `golive waive` reports: one line per item, saying when a waived item is closed already. */
export function renderWaived(
  style: Style,
  waived: readonly {
    id: string;
    title: string;
    until: string;
    status: string;
    /** The `until` of the waiver this one replaced, which is now in the item's history. */
    replaced?: string;
  }[],
): string {
  const lines = waived.map(({ id, title, until, status, replaced }) => {
    const closed = status === "done" || status === "not-applicable" ? ` (it is ${status})` : "";
    const before =
      replaced !== undefined ? `; the waiver until ${replaced} it replaces is in its history` : "";
    return `${style.chalk.bold(id)} ${safe(title)}: waived until ${until}${closed}${before}`;
  });
  return `${lines.join("\n")}\n`;
}

/** What `golive unwaive` reports: one line per item. */
export function renderUnwaived(
  style: Style,
  withdrawn: readonly { id: string; title: string; until: string }[],
): string {
  const lines = withdrawn.map(
    ({ id, title, until }) =>
      `${style.chalk.bold(id)} ${safe(title)}: waiver until ${until} withdrawn (kept in its history); the gate judges it again`,
  );
  return `${lines.join("\n")}\n`;
}

/** What `golive ack` reports: one line per item. */
export function renderAcked(
  style: Style,
  acked: readonly { id: string; title: string; text: string; already: boolean }[],
): string {
  const lines = acked.map(
    ({ id, title, text, already }) =>
      `${style.chalk.bold(id)} ${safe(title)}: ${already ? "reminder already acknowledged" : `reminder acknowledged (${safe(text)})`}`,
  );
  return `${lines.join("\n")}\n`;
}

/** What `golive link` reports: the item and its references now. */
export function renderLinked(
  style: Style,
  linked: { id: string; title: string; links: readonly string[]; changed: boolean },
  removed: boolean,
): string {
  const label = `${style.chalk.bold(linked.id)} ${safe(linked.title)}`;
  const now = linked.links.length > 0 ? linked.links.map(safe).join(", ") : "no links";
  if (!linked.changed) {
    return `${label}: unchanged (${removed ? "not linked to that" : "already linked"}; ${now})\n`;
  }
  return `${label}: ${now}\n`;
}
