/**
 * `golive export --format jira-csv`: a file Jira's CSV import (External System Import → CSV)
 * takes as it is: one issue per item, with columns named after Jira's fields so that the
 * import maps them on its own. Several labels are several `Labels` columns, which is how
 * Jira's importer reads a multi-valued field. Dates are written YYYY-MM-DD: give the import
 * the date format `yyyy-MM-dd`. Cells are RFC 4180 and formula-neutralised, like `--format csv`.
 */
import { maxOf } from "../core/arrays.js";
import type { ItemView } from "../core/board.js";
import { csvField } from "./csv.js";

/** Jira labels hold no spaces. */
function label(text: string): string {
  return text.trim().replace(/\s+/g, "-");
}

/** A link title in Jira's wiki markup: its own brackets, bars and braces are escaped. */
export function jiraText(text: string): string {
  return text.replace(/[\\[\]|{}]/g, (c) => `\\${c}`);
}

/** A URL inside `[title|url]`: what would end the link is percent-encoded. */
function jiraUrl(url: string): string {
  return url.replace(/[[\]|{}\s]/g, (c) => encodeURIComponent(c));
}

function description(v: ItemView): string {
  const parts = [v.item.summary.trim()];
  if (v.item.criteria?.length) {
    parts.push(`Done when:\n${v.item.criteria.map((c) => `* ${c}`).join("\n")}`);
  }
  const links = [
    ...v.tickets.map((t) => t.url ?? t.ref),
    ...(v.item.links ?? []).map((l) => `[${jiraText(l.title)}|${jiraUrl(l.url)}]`),
  ];
  if (links.length > 0) parts.push(`Links:\n${links.map((l) => `* ${l}`).join("\n")}`);
  parts.push(`golive item ${v.item.id}, window ${v.window.opens} to ${v.window.due}.`);
  return parts.join("\n\n");
}

/** `name`: the project's, before every summary, so issues of several projects tell apart. */
export function renderJiraCsv(items: readonly ItemView[], name?: string): string {
  const prefix = name === undefined ? "" : `${name}: `;
  const labelsOf = (v: ItemView) => ["golive", label(v.category.id), label(v.phase.id)];
  const width = maxOf(
    items.map((v) => labelsOf(v).length),
    3,
  );
  const header = [
    "Summary",
    "Issue Type",
    "Description",
    "Due Date",
    "Assignee",
    ...Array.from({ length: width }, () => "Labels"),
  ];
  const rows = items.map((v) => {
    const labels = labelsOf(v);
    return [
      `${prefix}${v.item.id} ${v.item.title}`,
      "Task",
      description(v),
      v.window.due,
      v.state.owner ?? "",
      ...Array.from({ length: width }, (_, i) => labels[i] ?? ""),
    ];
  });
  return [header, ...rows].map((r) => `${r.map(csvField).join(",")}\r\n`).join("");
}
