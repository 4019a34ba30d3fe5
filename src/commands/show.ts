import { renderShow } from "../render/show.js";
import { type Context, type Output, output } from "./context.js";
import { loadBoard, resolveItems } from "./shared.js";

export async function show(ctx: Context, id: string, options: { json?: boolean }): Promise<Output> {
  const { workspace, board } = await loadBoard(ctx);
  const [item] = resolveItems(workspace.catalogue, [id]);
  const view = board.items.find((v) => v.item === item)!;
  if (options.json) {
    const { jsonItem, REPORT_VERSION, renderJson } = await import("../lazy-report.js");
    return output(
      renderJson({
        version: REPORT_VERSION,
        command: "show",
        today: board.today,
        goLive: board.goLive,
        item: {
          ...jsonItem(view, board.today),
          summary: view.item.summary.trim(),
          aliases: view.item.aliases ?? [],
          criteria: view.item.criteria ?? [],
          links: view.item.links ?? [],
          history: view.state.history ?? [],
        },
      }),
    );
  }
  return output(renderShow(ctx.style, view, board.today));
}
