import { buildBoard } from "../core/board.js";
import { updateWorkspace } from "../io/state.js";
import { renderTable } from "../render/table.js";
import { date, plural, relativeDue, relativeGoLive, safe } from "../render/text.js";
import { type Context, type Output, output } from "./context.js";
import { changedBy, pastGoLiveWarning, requireDate, statePath } from "./shared.js";

export interface RescheduleOptions {
  date: string;
  reason?: string;
  by?: string;
}

const SOON_DAYS = 7;

/** Moves go-live, records the slip, and lists what the move makes late or urgent. */
export function reschedule(ctx: Context, options: RescheduleOptions): Output {
  const to = requireDate(options.date, "--date");
  return updateWorkspace(statePath(ctx), (workspace, editor) => {
    const from = workspace.state.goLive;
    const c = ctx.style.chalk;
    if (from === to) return output(`Go-live is already ${date(to, true)}; nothing changed.\n`);
    const before = buildBoard(workspace.catalogue, workspace.state, ctx.today);
    const after = buildBoard(workspace.catalogue, { ...workspace.state, goLive: to }, ctx.today);
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
    const lines = [
      `Go-live moved from ${date(from, true)} to ${c.bold(date(to, true))} (${relativeGoLive(after.daysToGoLive)}). Every status is kept.`,
    ];
    if (urgent.length > 0) {
      lines.push(
        "",
        c.bold(
          `${plural(urgent.length, "item")} now overdue or due within ${SOON_DAYS} days because of the move:`,
        ),
        renderTable(
          ctx.style,
          [
            { header: "ID" },
            { header: "Title", flex: true },
            { header: "Owner" },
            { header: "Due" },
          ],
          urgent.map((v) => [
            c.bold(v.item.id),
            safe(v.item.title),
            v.state.owner ? safe(v.state.owner) : "—",
            v.overdue ? c.red(relativeDue(v.daysUntilDue)) : relativeDue(v.daysUntilDue),
          ]),
        ),
      );
    }
    return output(`${lines.join("\n")}\n`, pastGoLiveWarning(ctx, to));
  });
}
