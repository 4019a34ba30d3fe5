/** DAT-02: no demo users, demo customers or demo imports. */

import type { Finding } from "../../core/verdict.js";
import type { Facts } from "../facts.js";
import { demoImport } from "../install.js";
import { hookSteps } from "../recipe-findings.js";

/**
 * DAT-02: demo users, demo customers and demo imports. The installer's users at spryker.com are
 * the demo shops' own (admin@, admin_de@, and the agents and merchants' users beside them).
 */
const DEMO_USERS = /[\w.+-]+@spryker\.com(?![\w.-])/;
/** The demo shops' customers: B2C at spryker.com and ottom.de, B2B at acme.com. */
const DEMO_CUSTOMERS = /@(?:spryker\.com|ottom\.de|acme\.com)(?![\w.-])/;

export function demoData(facts: Facts): Finding[] {
  const findings: Finding[] = [];
  for (const file of ["src/Pyz/Zed/User/UserConfig.php", "src/Pyz/Zed/Acl/AclConfig.php"]) {
    const text = facts.text(file);
    if (text === undefined) continue;
    text.split("\n").forEach((l, i) => {
      const m = DEMO_USERS.exec(l);
      if (m) findings.push({ code: "demo-user", result: "fail", file, line: i + 1, found: m[0] });
    });
  }
  for (const file of facts.matching("data/import/**/customer.csv")) {
    const text = facts.text(file);
    if (text === undefined || !DEMO_CUSTOMERS.test(text)) continue;
    const lines = text.split("\n");
    const first = lines.findIndex((l) => DEMO_CUSTOMERS.test(l));
    const count = lines.filter((l) => DEMO_CUSTOMERS.test(l)).length;
    findings.push({
      code: "demo-customers",
      result: "fail",
      file,
      line: first + 1,
      found: `${count}`,
    });
  }
  for (const r of [...facts.recipes().recipes, ...hookSteps(facts)]) {
    for (const c of r.commands ?? []) {
      const demo = demoImport(c.text);
      if (demo)
        findings.push({
          code: "demo-import",
          result: "fail",
          file: r.file,
          line: c.line,
          ...(demo.config ? { found: demo.config } : {}),
        });
    }
  }
  return findings.length > 0 ? findings : [{ code: "demo-data-none", result: "pass" }];
}
