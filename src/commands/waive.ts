/**
 * `golive waive ID --reason TEXT --until DATE`: records an accepted exception, so the CI gate
 * passes on a late item until the waiver expires. It lives in golive.yaml and is reviewed in
 * the pull request like any other change. A waiver it replaces goes into the item's history,
 * as does one `golive unwaive` withdraws: what people agreed stays visible.
 */
import { addToHistory, waiverRecord } from "../core/transitions.js";
import { GoliveError } from "../errors.js";
import { renderWaived } from "../render/change.js";
import type { Waiver } from "../schema/state.js";
import { type Context, type Output, output } from "../work/context.js";
import { changedBy, updateItems } from "../work/edit-items.js";

/** What cli/options.ts parsed: texts trimmed and not blank, --until a real date. */
export interface WaiveOptions {
  reason: string;
  until: string;
  approver?: string;
  by?: string;
}

export async function waive(ctx: Context, ids: string[], options: WaiveOptions): Promise<Output> {
  const until = options.until;
  if (until < ctx.today) {
    throw new GoliveError("bad-date", `--until ${until} is already past (today is ${ctx.today})`, {
      hint: "a waiver holds through its --until day; choose today or later",
    });
  }
  const who = changedBy(ctx, options.by);
  const reason = options.reason;
  let waiver: Waiver | undefined;
  const waived = await updateItems(ctx, ids, (item, before) => {
    // Taken under the lock, like every change's time.
    waiver ??= {
      reason,
      until,
      ...(options.approver !== undefined ? { approver: options.approver } : {}),
      by: who,
      at: ctx.now(),
    };
    const replaced = before.waiver;
    const result = { id: item.id, title: item.title, until, status: before.status ?? "todo" };
    // The same terms again: the waiver stands as it was recorded, by whom and when.
    if (replaced && sameTerms(replaced, waiver)) return { after: undefined, result };
    return {
      after: {
        ...before,
        waiver,
        ...(replaced
          ? { history: addToHistory(before.history ?? [], waiverRecord(replaced)) }
          : {}),
      },
      result: { ...result, ...(replaced ? { replaced: replaced.until } : {}) },
    };
  });
  return output(renderWaived(ctx.style, waived));
}

function sameTerms(a: Waiver, b: Waiver): boolean {
  return a.reason === b.reason && a.until === b.until && a.approver === b.approver;
}
