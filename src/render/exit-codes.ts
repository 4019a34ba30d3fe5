/** The exit-code table (errors.ts) as `--help` and the docs show it. */
import { EXIT_MEANINGS } from "../errors.js";

/** The "Exit codes:" block of `golive --help`. */
export function exitCodesHelp(): string {
  const lines = ["Exit codes:"];
  for (const { code, help } of EXIT_MEANINGS) {
    for (const [i, line] of help.entries())
      lines.push(`${i === 0 ? `  ${code}  ` : "     "}${line}`);
  }
  return lines.join("\n");
}

/** The Markdown table under "## Exit codes" in README.md and docs/commands.md. */
export function exitCodesMarkdown(): string {
  const rows = EXIT_MEANINGS.map(({ code, doc }) => `| ${code} | ${doc} |`);
  return ["| Code | Meaning |", "|---|---|", ...rows].join("\n");
}
