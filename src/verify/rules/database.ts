/** APP-04: MariaDB in production. */

import type { Finding } from "../../core/verdict.js";
import { judged } from "../deploy-judged.js";
import type { Facts } from "../facts.js";
import { child, childIn, scalarText } from "../yaml-tree.js";

/** APP-04: MariaDB is `engine: mysql` with `version: mariadb-*`. */
export function database(facts: Facts): Finding[] {
  const { files, notes, none } = judged(facts);
  if (none) return none;
  const findings: Finding[] = [...notes];
  for (const f of files) {
    const db = childIn(f.tree, ["services", "database"]);
    const engine = scalarText(child(db, "engine"));
    const version = scalarText(child(db, "version")) ?? "";
    const line = (child(db, "version") ?? child(db, "engine") ?? db)?.line;
    const at = { file: f.file, ...(line !== undefined ? { line } : {}) };
    const found = [engine, version].filter(Boolean).join(" ");
    if (!engine) findings.push({ code: "db-unknown", result: "unknown", ...at });
    else if (/^postgres/i.test(engine))
      findings.push({ code: "db-postgresql", result: "warn", ...at, found });
    else if (engine === "mysql" && /^mariadb-/i.test(version))
      findings.push({ code: "db-mariadb", result: "pass", ...at, found });
    else if (engine === "mysql")
      findings.push({
        code: "db-mysql",
        result: "fail",
        ...at,
        found,
        expected: "mysql with version mariadb-*",
      });
    else findings.push({ code: "db-unknown", result: "unknown", ...at, found });
  }
  return findings;
}
