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

/**
 * `golive export`'s formats and what each makes, for --help and docs/commands.md. The
 * registry, render/export-formats.ts, is typed by these names, so it has a renderer for each
 * and no other; it is not imported here, so that building the program loads no renderer.
 */
export const EXPORT_FORMAT_WORDS = {
  markdown: "the stakeholder summary",
  ics: "the due dates, for a calendar",
  csv: "a spreadsheet",
  "jira-csv": "a file for Jira's CSV import",
  html: "the page a project manager opens",
  report: "the launch report for the client, in Markdown",
  "report-html": "the launch report, as a page",
} as const;
export type ExportFormat = keyof typeof EXPORT_FORMAT_WORDS;
export const EXPORT_FORMATS = Object.keys(EXPORT_FORMAT_WORDS) as readonly ExportFormat[];

export const STATUS_FORMATS = ["text", "markdown", "json"] as const;
export type StatusFormat = (typeof STATUS_FORMATS)[number];

export const PORTFOLIO_FORMATS = ["text", "markdown", "html", "json"] as const;
export type PortfolioFormat = (typeof PORTFOLIO_FORMATS)[number];

/** Where `golive notify` posts: the payload render/notify.ts makes for each. */
export const NOTIFY_TARGETS = ["slack", "teams", "json"] as const;
export type NotifyTarget = (typeof NOTIFY_TARGETS)[number];

export const DIFF_FORMATS = ["text", "markdown", "json"] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];
