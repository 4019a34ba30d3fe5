/**
 * What the reports (status, export) show about recorded evidence: the repository's checks run
 * only for items that have some, loaded only then, so a board without evidence reads nothing
 * but golive.yaml and the catalogue.
 */
import type { ItemView } from "../core/board.js";
import type { ItemVerdict } from "../core/verdict.js";
import { GoliveError } from "../errors.js";
import { gitChangedFilesLater } from "../io/git.js";
import type { Workspace } from "../io/state-read.js";
import { readTextFile } from "../io/text-file.js";
import type { Context } from "./context.js";
import type { EarlyCheck } from "./evidence-inputs.js";
import type { StateFile } from "./workspace.js";

/**
 * Starts the one git process recorded evidence needs before golive.yaml is parsed, when the
 * file holds evidence recorded with the work tree's fingerprint (`t:`): git stats the work tree
 * on another core while golive reads the file. Undefined otherwise: nothing is started.
 */
export function startEvidenceCheck(state: StateFile): EarlyCheck | undefined {
  const root = state.repo?.root;
  if (root === undefined) return undefined;
  let text: string;
  try {
    text = readTextFile(state.path, "state file");
  } catch {
    return undefined;
  }
  if (!/ t:[0-9a-f]{40}\b/.test(text)) return undefined;
  return { root, changed: gitChangedFilesLater(root) };
}

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
  early?: EarlyCheck,
): Promise<Map<string, ItemVerdict> | undefined> {
  // Probe evidence is about the live hosts: no file tells whether it still holds.
  const recorded = items.filter(
    (v) => v.state.evidence !== undefined && v.state.evidence.source !== "probe" && v.item.checks,
  );
  if (recorded.length === 0) return undefined;
  try {
    const { currentEvidence } = await import("./evidence-inputs.js");
    return (await currentEvidence(ctx, workspace, recorded, early)).verdicts;
  } catch (error) {
    if (error instanceof GoliveError) return undefined;
    throw error;
  }
}
