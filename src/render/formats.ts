/**
 * The output formats each command offers, and a command's formats: each a function of the one value the command builds (its report, its
 * gate's result, its digest), so that two formats cannot count or select on their own
 * (STYLE.md 22). A command picks one by the name given to --format; there is no other switch.
 * The name lists are also the `--format` choices in cli/ and the commands' option types; this
 * module is plain data, so building the program loads no renderer to know its choices.
 */
export type Formats<Name extends string, Value, Out = string> = Record<Name, (value: Value) => Out>;

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
