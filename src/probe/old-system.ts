/** GEN-10: the old system still answers in the 72 hours after go-live, and is only asked then. */
import { addDays } from "../core/dates.js";
import { failed } from "./answers.js";
import type { ProbeFinding, ProbeRun } from "./types.js";

export async function oldSystemCheck({ net, targets: t, ctx }: ProbeRun): Promise<ProbeFinding[]> {
  if (!t.oldSystem) return [];
  const end = addDays(ctx.goLive, 3);
  if (ctx.today < ctx.goLive || ctx.today > end)
    return [
      {
        code: "old-system-window",
        // Nothing was asked of the old system: neither kept nor switched off is shown.
        result: "unknown",
        subject: t.oldSystem,
        found: `${ctx.goLive} to ${end}`,
      },
    ];
  const a = await net.http(t.oldSystem);
  if (failed(a) || a.status >= 500)
    return [
      {
        code: "old-system-down",
        result: "fail",
        subject: t.oldSystem,
        found: failed(a) ? a.error : `${a.status}`,
      },
    ];
  if (a.status >= 400)
    return [
      { code: "old-system-error", result: "warn", subject: t.oldSystem, found: `${a.status}` },
    ];
  return [{ code: "old-system-up", result: "pass", subject: t.oldSystem, found: `${a.status}` }];
}
