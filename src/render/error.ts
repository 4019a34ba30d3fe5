/**
 * The one place where errors and warnings become words on stderr.
 */

import { echo, PATH_SHOWN_MAX } from "../core/escape.js";
import type { Warning } from "../core/warnings.js";
import { formatLocation, type GoliveError } from "../errors.js";
import { type Style, safe } from "./text.js";

export function renderError(style: Style, error: GoliveError): string {
  const c = style.chalk;
  // The file may be a path the user typed (--output, verify --path): shown as a typed value is.
  const where = error.location
    ? `${formatLocation({ ...error.location, file: echo(error.location.file, PATH_SHOWN_MAX) })}: `
    : "";
  const lines = [`${c.red("error:")} ${safe(where + error.message)}`];
  for (const detail of error.details) lines.push(`  ${safe(detail)}`);
  if (error.hint) lines.push(`${c.dim("hint:")} ${safe(error.hint)}`);
  return `${lines.join("\n")}\n`;
}

/** The words for a warning; the one place they are written. */
export function warningMessage(w: Warning): string {
  switch (w.code) {
    case "orphan-entry":
      return `golive.yaml has an entry for ${w.id}, which the catalogue does not list; it is kept as it is`;
    case "duplicate-entry":
      return `golive.yaml lists the same item twice; the entry under ${w.id} is ignored`;
    case "missing-reason":
      return `${w.id} is ${w.status} without a reason in golive.yaml; add one`;
    case "catalogue-changed":
      return `golive.yaml was started with ${w.name === undefined ? "catalogue" : `the catalogue ${w.name},`} version ${w.recorded}; it is now ${w.current}, so items and due dates may differ: run \`golive upgrade --dry-run\` to see what changed, then \`golive upgrade\``;
    case "go-live-in-past":
      return `go-live ${w.goLive} is before today (${w.today}); check the date if that is not what you meant`;
    case "owner-spellings": {
      const full = w.full.map((o) => `"${o}"`).join(" and ");
      return `owners "${w.short}" and ${full} may be one person: \`golive assign --to ${full.split(" and ")[0]} --owner "${w.short}"\` gives ${w.short}'s items that name`;
    }
    case "today-pinned":
      return `GOLIVE_TODAY sets today to ${w.today}, the clock says ${w.clock}: due dates are judged as of ${w.today}; unset GOLIVE_TODAY unless you mean it`;
    case "step-summary-unwritten":
      return `the job summary was not written: ${w.reason} (${w.path})`;
  }
}

export function renderWarnings(style: Style, warnings: readonly Warning[]): string {
  return warnings
    .map((w) => `${style.chalk.yellow("warning:")} ${safe(warningMessage(w))}\n`)
    .join("");
}
