import { dirname } from "node:path";
import { planUpgrade, versionsChange } from "../core/upgrade.js";
import { type CatalogueRef, catalogueRefFor, loadCatalogue } from "../io/catalogue.js";
import { confinementOf } from "../io/confined.js";
import { catalogueRecord } from "../io/state-edit.js";
import { renderWarnings } from "../render/error.js";
import { renderUpgrade } from "../render/upgrade.js";
import { type Context, type Output, output } from "../work/context.js";
import { openState } from "../work/workspace.js";

export interface UpgradeOptions {
  /** Another catalogue to follow from now on: a shipped name or a path. */
  catalogue?: string;
  dryRun?: boolean;
}

/**
 * Moves golive.yaml to the catalogue version golive now ships (or the catalogue named): adds
 * entries for new items, carries every state across a rename, keeps entries of removed items,
 * and records the new versions. `--dry-run` only says what it would do.
 */
export async function upgrade(ctx: Context, options: UpgradeOptions): Promise<Output> {
  const state = openState(ctx);
  const path = state.path;
  const plan = await state.update((workspace, editor) => {
    let catalogue = workspace.catalogue;
    let ref: CatalogueRef = workspace.state.catalogue;
    if (options.catalogue !== undefined) {
      const inside = confinementOf(path);
      catalogue = loadCatalogue(options.catalogue, ctx.cwd, undefined, [], inside).catalogue;
      ref = catalogueRefFor(options.catalogue, dirname(path), ctx.cwd);
    }
    const plan = planUpgrade(catalogue, workspace.state);
    const named = "name" in ref ? { name: ref.name } : { path: ref.path };
    const sameRef =
      JSON.stringify(named) ===
      JSON.stringify(
        "name" in workspace.state.catalogue
          ? { name: workspace.state.catalogue.name }
          : { path: workspace.state.catalogue.path },
      );
    if (options.dryRun) return plan;
    editor.follow(catalogue);
    for (const { from, item } of plan.renamed) editor.renameItem(from, item);
    for (const item of plan.added) editor.addItem(item);
    if (versionsChange(plan) || !sameRef)
      editor.setTop("catalogue", catalogueRecord(catalogue, named));
    return plan;
  });
  const warnings = renderWarnings(
    ctx.style,
    plan.removed.map((id) => ({ code: "orphan-entry", id }) as const),
  );
  return output(renderUpgrade(ctx.style, plan, options.dryRun === true), warnings);
}
