/**
 * Recording verdicts as items' evidence in golive.yaml, for the commands that check items
 * (`probe --record`; verify keeps its own for now): the deciding finding's code and
 * arguments, which command found it, and when. Status, owner, by and at stay as they are.
 */
import { type ItemVerdict, recordVerdict } from "../core/verdict.js";
import type { Context } from "./context.js";
import { editItems } from "./edit-items.js";

export function recordEvidence(
  ctx: Context,
  verdicts: readonly ItemVerdict[],
  source: "probe",
): void {
  let at: string | undefined;
  const byId = new Map(verdicts.map((v) => [v.id, v]));
  editItems(
    ctx,
    verdicts.map((v) => v.id),
    (item, before) => {
      const v = byId.get(item.id)!;
      at ??= ctx.now();
      return {
        after: { ...before, evidence: { ...recordVerdict(v), at, source } },
        result: undefined,
      };
    },
  );
}
