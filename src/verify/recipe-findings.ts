/**
 * What install recipes say, as findings: which recipe production runs and why, recipes that
 * are missing or unreadable, and destructive steps. APP-28 and CLO-11 judge from these.
 */

import { pushAll } from "../core/arrays.js";
import type { Finding } from "../core/verdict.js";
import type { Facts, ProductionRecipe } from "./facts.js";
import { DESTRUCTIVE_STEPS, type RecipeCommand } from "./install.js";

export function recipesOrNone(facts: Facts): { recipes: ProductionRecipe[]; findings: Finding[] } {
  const set = facts.recipes();
  const findings: Finding[] = [...set.notes];
  // Which rule chose each recipe: the hook, or the cloud's default for the file's region.
  for (const ref of set.chosen) {
    if (ref.file === undefined) continue;
    const at = ref.from ? { line: ref.from.line } : {};
    findings.push(
      ref.via === "hook"
        ? { code: "recipe-hook", result: "pass", file: ref.deployFile, ...at, found: ref.file }
        : {
            code: "recipe-default",
            result: "pass",
            file: ref.deployFile,
            ...at,
            subject: ref.region ?? "EU",
            found: ref.file,
          },
    );
  }
  for (const u of set.unresolved)
    findings.push({
      code: "recipe-unresolved",
      result: "unknown",
      ...(u.from ? { file: u.from.file, line: u.from.line } : {}),
    });
  if (
    set.recipes.length === 0 &&
    set.unresolved.length === 0 &&
    set.notes.every((n) => n.result === "pass")
  )
    findings.push({ code: "deploy-none", result: "unknown" });
  for (const r of set.recipes) {
    if (!r.exists)
      findings.push({
        code: "recipe-missing",
        result: "fail",
        file: r.file,
        subject: r.from ? `${r.from.file}:${r.from.line}` : r.deployFiles.join(", "),
      });
    else if (r.commands === undefined)
      findings.push({ code: "file-unreadable", result: "unknown", file: r.file });
  }
  // What the hook runs itself, besides its recipes, counts as a recipe's step.
  pushAll(findings, destructiveSteps(hookSteps(facts)));
  return { recipes: set.recipes.filter((r) => r.commands !== undefined), findings };
}

/** The hooks' own commands (`vendor/bin/install -r X && vendor/bin/console ...`), by deploy file. */
export function hookSteps(facts: Facts): { file: string; commands: RecipeCommand[] }[] {
  const out: { file: string; commands: RecipeCommand[] }[] = [];
  for (const ref of facts.recipes().chosen)
    if (ref.hookCommands) out.push({ file: ref.deployFile, commands: ref.hookCommands });
  return out;
}

export function destructiveSteps(
  recipes: readonly Pick<ProductionRecipe, "file" | "commands">[],
): Finding[] {
  const out: Finding[] = [];
  for (const r of recipes)
    for (const c of r.commands!)
      for (const step of DESTRUCTIVE_STEPS)
        if (step.test(c.text))
          out.push({
            code: "recipe-destructive",
            result: "fail",
            file: r.file,
            line: c.line,
            found: step.name,
          });
  return out;
}
