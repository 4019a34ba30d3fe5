import { jsonItem, REPORT_VERSION, renderJson } from "../render/json.js";
import { renderShow } from "../render/show.js";
import { type Context, type Output, output } from "../work/context.js";
import { resolveItems } from "../work/select.js";
import { openState } from "../work/workspace.js";

export interface ShowOptions {
  json?: boolean;
}

export function show(ctx: Context, id: string, options: ShowOptions): Output {
  const { workspace, board } = openState(ctx).board();
  const [item] = resolveItems(workspace.catalogue, [id]);
  const view = board.items.find((v) => v.item === item)!;
  if (options.json) {
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
  return output(renderShow(ctx.style, view, board.today, board.life.closed));
}
