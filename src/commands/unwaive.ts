/**
 * `golive unwaive ID --reason TEXT`: withdraws a waiver (`golive waive`). The waiver and its
 * withdrawal, with who, when and why, stay in the item's history.
 */
import { addToHistory, waiverRecord } from "../core/transitions.js";
import { GoliveError } from "../errors.js";
import { renderUnwaived } from "../render/change.js";
import { type Context, type Output, output } from "../work/context.js";
import { changedBy, updateItems } from "../work/edit-items.js";

/** What cli/options.ts parsed: texts trimmed and not blank. */
export interface UnwaiveOptions {
  reason: string;
  by?: string;
}

/**
 * `golive unwaive ID --reason TEXT`: withdraws a waiver. The waiver and its withdrawal (who,
 * when, why) go into the item's history; the gate judges the item again from then on.
 */
export async function unwaive(
  ctx: Context,
  ids: string[],
  options: UnwaiveOptions,
): Promise<Output> {
  const who = changedBy(ctx, options.by);
  const reason = options.reason;
  let at: string | undefined;
  const withdrawn = await updateItems(ctx, ids, (item, before) => {
    const waiver = before.waiver;
    if (!waiver) {
      throw new GoliveError("invalid-change", `${item.id} has no waiver to withdraw`, {
        hint: `\`golive show ${item.id}\` shows what it holds; nothing was changed`,
      });
    }
    at ??= ctx.now();
    const { waiver: _withdrawn, ...rest } = before;
    const history = addToHistory(addToHistory(before.history ?? [], waiverRecord(waiver)), {
      unwaived: reason,
      by: who,
      at,
    });
    return {
      after: { ...rest, history },
      result: { id: item.id, title: item.title, until: waiver.until },
    };
  });
  return output(renderUnwaived(ctx.style, withdrawn));
}
