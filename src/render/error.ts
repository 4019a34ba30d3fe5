/**
 * The one place where errors and warnings become words on stderr.
 */
import { formatLocation, type GoliveError } from "../errors.js";
import { type Style, safe } from "./text.js";

export function renderError(style: Style, error: GoliveError): string {
  const c = style.chalk;
  const where = error.location ? `${formatLocation(error.location)}: ` : "";
  const lines = [`${c.red("error:")} ${safe(where + error.message)}`];
  for (const detail of error.details) lines.push(`  ${safe(detail)}`);
  if (error.hint) lines.push(`${c.dim("hint:")} ${safe(error.hint)}`);
  return `${lines.join("\n")}\n`;
}

export function renderWarnings(style: Style, warnings: readonly string[]): string {
  return warnings.map((w) => `${style.chalk.yellow("warning:")} ${safe(w)}\n`).join("");
}
