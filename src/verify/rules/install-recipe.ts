/** CLO-11: a production deploy that keeps its data. */

import { pushAll } from "../../core/arrays.js";
import type { Finding } from "../../core/verdict.js";
import type { Facts } from "../facts.js";
import { recipeCommands } from "../install.js";
import { destructiveSteps, recipesOrNone } from "../recipe-findings.js";

/** What Spryker Cloud runs when a deploy file sets no SPRYKER_HOOK_INSTALL (region EU). */
const CLOUD_DEFAULT_RECIPE = "config/install/EU/production.yml";

/**
 * CLO-11: the recipes the production deploy files name exist, and keep production's data.
 * Without a cloud deploy file, production's recipe is not known yet; but a first cloud file
 * without a hook runs the cloud's default recipe, so one that destroys the data warns.
 */
export function installRecipe(facts: Facts): Finding[] {
  const { recipes, findings } = recipesOrNone(facts);
  pushAll(findings, destructiveSteps(recipes));
  if (findings.some((f) => f.code === "deploy-none")) {
    const text = facts.text(CLOUD_DEFAULT_RECIPE);
    const steps =
      text === undefined
        ? []
        : destructiveSteps([{ file: CLOUD_DEFAULT_RECIPE, commands: recipeCommands(text) }]);
    if (steps.length > 0) {
      findings.push({
        code: "recipe-default",
        result: "pass",
        subject: "EU",
        found: CLOUD_DEFAULT_RECIPE,
      });
      for (const step of steps) findings.push({ ...step, result: "warn" });
    }
    return findings;
  }
  if (!findings.some((f) => f.result !== "pass"))
    for (const r of recipes)
      findings.push({
        code: "recipe-safe",
        result: "pass",
        file: r.file,
        subject: r.deployFiles.join(", "),
      });
  return findings;
}
