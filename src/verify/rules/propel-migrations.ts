/** APP-28: the database is built by committed migrations. */

import { pushAll } from "../../core/arrays.js";
import type { Finding } from "../../core/verdict.js";
import type { Facts } from "../facts.js";
import { destructiveSteps, recipesOrNone } from "../recipe-findings.js";

/**
 * APP-28: committed Propel migrations, applied by the production recipe. Spryker's default
 * recipe makes them on each deploy (migration delete, diff, migrate): a warning, since the item
 * asks for a way to build the database, "for instance" from committed migrations. Destructive
 * steps fail, each with its line.
 */
export function propelMigrations(facts: Facts): Finding[] {
  const { recipes, findings } = recipesOrNone(facts);
  const migrations = facts.matching("src/Orm/Propel/**/Migration_{mysql,pgsql}/*.php");
  let diffs = recipes.length > 0;
  for (const r of recipes) {
    const lines = r.commands!;
    const diff = lines.filter((l) => /propel:diff\b/.test(l.text));
    for (const l of diff)
      findings.push({
        code: "recipe-diff",
        result: "warn",
        file: r.file,
        line: l.line,
        found: "propel:diff",
      });
    diffs &&= diff.length > 0;
    const migrate = lines.find((l) => /propel:migrate\b/.test(l.text));
    findings.push(
      migrate
        ? { code: "recipe-migrates", result: "pass", file: r.file, line: migrate.line }
        : { code: "recipe-no-migrate", result: "fail", file: r.file, expected: "propel:migrate" },
    );
  }
  pushAll(findings, destructiveSteps(recipes));
  findings.unshift(
    migrations.length > 0
      ? {
          code: "propel-migrations-present",
          result: "pass",
          file: migrations[0]!,
          found: `${migrations.length}`,
        }
      : {
          code: "propel-migrations-missing",
          // Made on each deploy by the recipe: the default, a warning; nothing to migrate: a failure.
          result: diffs ? "warn" : recipes.length > 0 ? "fail" : "unknown",
          subject: "src/Orm/Propel/Migration_mysql/ or Migration_pgsql/",
        },
  );
  return findings;
}
