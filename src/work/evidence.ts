/**
 * Recording verdicts as items' evidence in golive.yaml, for the commands that check items
 * (`verify --record`, `probe --record`): the deciding finding's code and arguments, no words
 * (they are made when shown) and no secret (no finding holds one), which command found it
 * (`source`, probe's; verify's is the default), when, and what verify's checks read (`inputs`,
 * so that status can tell unchanged evidence without running the checks). Status, owner, by
 * and at stay as they are.
 */
import { type ItemVerdict, type KeptEvidence, keepsOther, recordVerdict } from "../core/verdict.js";
import { evidenceLine } from "../io/evidence-line.js";
import type { Context } from "./context.js";
import { updateItems } from "./edit-items.js";

/**
 * The longest evidence line golive records inputs in (a real shop's longest is under 500
 * characters): far below the schema's 200,000 for inputs and the reader's 1 MiB for a line, so
 * that a shop's file names can neither refuse the record nor fill golive.yaml's 2 MiB.
 */
const INPUTS_LINE_BUDGET = 16 * 1024;

export interface RecordOptions {
  source?: "probe";
  /** What each item's checks read, by item ID (verify). */
  inputs?: ReadonlyMap<string, string> | undefined;
}

export async function recordEvidence(
  ctx: Context,
  verdicts: readonly ItemVerdict[],
  options: RecordOptions = {},
): Promise<KeptEvidence[]> {
  let at: string | undefined;
  const byId = new Map(verdicts.map((v) => [v.id, v]));
  const kept = await updateItems(
    ctx,
    verdicts.map((v) => v.id),
    (
      item,
      before,
      workspace,
    ): { after: typeof before | undefined; result: KeptEvidence | undefined } => {
      const v = byId.get(item.id)!;
      const other = before.evidence;
      if (keepsOther(other, v, options.source, workspace.state.goLive, ctx.today)) {
        return { after: undefined, result: { id: item.id, kept: other } };
      }
      at ??= ctx.now();
      const evidence = {
        ...recordVerdict(v),
        at,
        ...(options.source ? { source: options.source } : {}),
      };
      // What the checks read, unless too much for one line (thousands of long paths): then
      // status runs the checks again, as for evidence recorded without inputs.
      const read = options.inputs?.get(v.id);
      const withInputs = read === undefined ? undefined : { ...evidence, inputs: read };
      const recorded =
        withInputs && evidenceLine(withInputs).length <= INPUTS_LINE_BUDGET ? withInputs : evidence;
      return { after: { ...before, evidence: recorded }, result: undefined };
    },
  );
  return kept.filter((k): k is KeptEvidence => k !== undefined);
}
