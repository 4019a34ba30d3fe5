/**
 * `golive export --format`: each report a function of the one value the command builds, and
 * what `--output` says it wrote.
 */
import { originalName } from "../core/identity.js";
import { launchReport } from "../core/launch.js";
import type { BoardReport } from "../core/report.js";
import { renderCsv } from "./csv.js";
import type { ExportFormat, Formats } from "./formats.js";
import { renderHtml } from "./html.js";
import { icsEventCount, renderIcs } from "./ics.js";
import { renderJiraCsv } from "./jira-csv.js";
import { renderLaunchHtml, renderLaunchMarkdown } from "./launch.js";
import { renderMarkdownSummary } from "./markdown.js";
import { plural } from "./text.js";

export interface ExportEnv {
  /** When the report is made (ICS stamps, the page's footer). */
  now: string;
  version: string;
  /** A CSV starts with a byte order mark unless false. */
  bom: boolean;
}

export function exportFormats(env: ExportEnv): Formats<ExportFormat, BoardReport> {
  return {
    markdown: renderMarkdownSummary,
    ics: (r) => {
      // The name and date the project was planned with name its events: UIDs survive a
      // rename and a slip.
      const uidName = originalName(r.state);
      return renderIcs(r.board, r.items, {
        catalogueName: r.catalogue.file.name,
        originalGoLive: r.slip?.from ?? r.board.goLive,
        title: r.board.title,
        ...(r.board.name !== undefined ? { name: r.board.name } : {}),
        ...(uidName !== undefined ? { uidName } : {}),
        now: env.now,
        version: env.version,
      });
    },
    csv: (r) =>
      renderCsv(r.items, {
        bom: env.bom,
        ...(r.board.name !== undefined ? { project: r.board.name } : {}),
      }),
    "jira-csv": (r) => renderJiraCsv(r.items, r.board.name),
    html: (r) => renderHtml(r, { generated: env.now, version: env.version }),
    report: (r) => renderLaunchMarkdown(r.board.title, launchReport(r.board, r.items, r.state)),
    "report-html": (r) =>
      renderLaunchHtml(r.board.title, launchReport(r.board, r.items, r.state), {
        generated: env.now,
        version: env.version,
      }),
  };
}

/** What `--output` says it wrote, by format. */
export const EXPORT_WRITTEN: Formats<ExportFormat, BoardReport> = {
  markdown: () => "the summary",
  ics: (r) => plural(icsEventCount(r.items), "event"),
  csv: (r) => plural(r.items.length, "row"),
  "jira-csv": (r) => plural(r.items.length, "issue"),
  html: (r) => `a page of ${plural(r.items.length, "item")}`,
  report: () => "the launch report",
  "report-html": () => "the launch report",
};
