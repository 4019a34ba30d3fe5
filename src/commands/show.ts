import { jsonItem, REPORT_VERSION, renderJson } from "../render/json.js";
import { renderShow } from "../render/show.js";
import { type Context, type Output, output } from "../work/context.js";
import { currentVerdicts } from "../work/current-evidence.js";
import { resolveItems } from "../work/select.js";
import { openState } from "../work/workspace.js";

export interface ShowOptions {
  json?: boolean;
}

export async function show(ctx: Context, id: string, options: ShowOptions): Promise<Output> {
  const { workspace, board } = openState(ctx).board();
  const [item] = resolveItems(workspace.catalogue, [id]);
  const view = board.items.find((v) => v.item === item)!;
  // Recorded evidence is shown as status shows it: stale when the repository says otherwise.
  const current = await currentVerdicts(ctx, workspace, [view]);
  if (options.json) {
    return output(
      renderJson({
        version: REPORT_VERSION,
        command: "show",
        today: board.today,
        goLive: board.goLive,
        item: {
          ...jsonItem(view, board.today, current),
          summary: view.item.summary.trim(),
          aliases: view.item.aliases ?? [],
          criteria: view.item.criteria ?? [],
          links: view.item.links ?? [],
          history: view.state.history ?? [],
        },
      }),
    );
  }
  return output(
    renderShow(ctx.style, view, board.today, board.life.closed, current?.get(view.item.id)),
  );
}
