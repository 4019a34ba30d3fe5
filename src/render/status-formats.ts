/**
 * `golive status --format`: each format a function of the one report the command builds.
 */
import type { BoardReport } from "../core/report.js";
import type { Formats, StatusFormat } from "./formats.js";
import { jsonReport, renderJson } from "./json.js";
import { renderMarkdownSummary } from "./markdown.js";
import { renderStatus } from "./status.js";
import type { Style } from "./text.js";

export function statusFormats(env: {
  style: Style;
  all: boolean;
}): Formats<StatusFormat, BoardReport> {
  return {
    text: (r) => renderStatus(env.style, r, { all: env.all }),
    markdown: renderMarkdownSummary,
    json: (r) =>
      renderJson({
        ...jsonReport("status", r.catalogue, r.board, r.items, r.warnings, r.current),
        goLiveSlip: r.slip ?? null,
        ...(r.since
          ? {
              since: r.since.date,
              changed: r.since.items.map((v) => v.item.id),
              projectChanges: r.since.project,
            }
          : {}),
      }),
  };
}
