/** CLO-11: a production deploy that keeps its data. */

import { pushAll } from "../../core/arrays.js";
import type { Finding } from "../../core/verdict.js";
import type { Facts } from "../facts.js";
import { destructiveSteps, recipesOrNone } from "../recipe-findings.js";

/** CLO-11: the recipes the production deploy files name exist, and keep production's data. */
export function installRecipe(facts: Facts): Finding[] {
  const { recipes, findings } = recipesOrNone(facts);
  pushAll(findings, destructiveSteps(recipes));
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
