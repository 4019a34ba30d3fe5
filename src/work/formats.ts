/**
 * The output formats each command offers: one list for the `--format` choices in cli/ and
 * for the command's option type. Kept apart from the commands, so that building the program
 * does not load a command module to know its choices.
 */
export const CHECK_FORMATS = ["text", "github", "junit", "json", "markdown"] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];

export const EXPORT_FORMATS = [
  "markdown",
  "ics",
  "csv",
  "jira-csv",
  "html",
  "report",
  "report-html",
] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const STATUS_FORMATS = ["text", "markdown", "json"] as const;
export type StatusFormat = (typeof STATUS_FORMATS)[number];

export const PORTFOLIO_FORMATS = ["text", "markdown", "html", "json"] as const;
export type PortfolioFormat = (typeof PORTFOLIO_FORMATS)[number];

export const DIFF_FORMATS = ["text", "markdown", "json"] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];
