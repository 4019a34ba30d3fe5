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
 * What the repository's checks say now about the items with recorded evidence, so that status
 * shows evidence the repository no longer bears out as stale; undefined when no item has any
 * (then no check runs and status reads nothing but golive.yaml and the catalogue), or when the
 * repository cannot be read (the evidence is then shown as recorded).
 */
export async function currentVerdicts(
  ctx: Context,
  workspace: Workspace,
  items: readonly ItemView[],
): Promise<Map<string, ItemVerdict> | undefined> {
  const recorded = items.filter((v) => v.state.evidence !== undefined && v.item.checks);
  if (recorded.length === 0) return undefined;
  try {
    const { verifyChecks } = await import("./verify-run.js");
    return await verifyChecks(ctx, workspace, recorded);
  } catch (error) {
    if (error instanceof GoliveError) return undefined;
    throw error;
  }
}
