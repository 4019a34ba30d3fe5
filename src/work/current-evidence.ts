/**
 * What the reports (status, export) show about recorded evidence: the repository's checks run
 * only for items that have some, loaded only then, so a board without evidence reads nothing
 * but golive.yaml and the catalogue.
 */
import type { ItemView } from "../core/board.js";
import type { ItemVerdict } from "../core/verdict.js";
import { GoliveError } from "../errors.js";
import type { Workspace } from "../io/state-read.js";
import type { Context } from "./context.js";

/**
 * What the repository's checks say now about the items with recorded evidence, so that the
 * reports show evidence the repository no longer bears out as stale; undefined when no item has
 * any (then no check runs), or when the repository cannot be read (the evidence is then shown
 * as recorded). Only the checks whose recorded inputs changed run again (work/evidence-inputs.ts).
 */
export async function currentVerdicts(
  ctx: Context,
  workspace: Workspace,
  items: readonly ItemView[],
): Promise<Map<string, ItemVerdict> | undefined> {
  // Probe evidence is about the live hosts: no file tells whether it still holds.
  const recorded = items.filter(
    (v) => v.state.evidence !== undefined && v.state.evidence.source !== "probe" && v.item.checks,
  );
  if (recorded.length === 0) return undefined;
  try {
    const { currentEvidence } = await import("./evidence-inputs.js");
    return (await currentEvidence(ctx, workspace, recorded)).verdicts;
  } catch (error) {
    if (error instanceof GoliveError) return undefined;
    throw error;
  }
}
