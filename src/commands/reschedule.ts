import { buildBoard } from "../core/board.js";
import { goLiveWarnings } from "../core/warnings.js";
import { renderWarnings } from "../render/error.js";
import { type RescheduleResult, renderReschedule } from "../render/reschedule.js";
import { type Context, type Output, output } from "../work/context.js";
import { refusePastGoLive } from "../work/dates.js";
import { changedBy } from "../work/edit-items.js";
import { openState } from "../work/workspace.js";

export interface RescheduleOptions {
  date: string;
  reason?: string;
  by?: string;
  /** Move go-live to a day before today on purpose. */
  allowPast?: boolean;
}

const SOON_DAYS = 7;

/** Moves go-live, records the slip, and lists what the move makes late or urgent. */
export async function reschedule(ctx: Context, options: RescheduleOptions): Promise<Output> {
  const to = options.date;
  // Refused before golive.yaml is touched; said once it moved.
  refusePastGoLive(ctx, to, options.allowPast);
  const result = await openState(ctx).update((workspace, editor): RescheduleResult => {
    const from = workspace.state.goLive;
    const after = buildBoard(workspace.catalogue, { ...workspace.state, goLive: to }, ctx.today);
    const unchanged = {
      from,
      to,
      daysToGoLive: after.daysToGoLive,
      urgent: [],
      soonDays: SOON_DAYS,
    };
    if (from === to) return unchanged;
    const before = buildBoard(workspace.catalogue, workspace.state, ctx.today);
    editor.setGoLive(to);
    editor.addSlip({
      from,
      to,
      ...(options.reason ? { reason: options.reason } : {}),
      by: changedBy(ctx, options.by),
      at: ctx.now(),
    });
    const urgent = after.items.filter((v, i) => {
      const was = before.items[i]!;
      const nowUrgent = v.open && v.daysUntilDue <= SOON_DAYS;
      const wasUrgent = was.open && was.daysUntilDue <= SOON_DAYS;
      return nowUrgent && (!wasUrgent || (v.overdue && !was.overdue));
    });
    return { ...unchanged, urgent };
  });
  const warning =
    result.from === result.to ? "" : renderWarnings(ctx.style, goLiveWarnings(to, ctx.today));
  return output(renderReschedule(ctx.style, result), warning);
}
