import type { Finding } from "../../core/verdict.js";
import type { Facts } from "../facts.js";

/**
 * APP-07: a production-like and a staging-like deploy file, named after their environment
 * (`deploy.<project>-<env>[-more].yml`), at the root or in folders.
 */
export function deployFiles(facts: Facts): Finding[] {
  const findings: Finding[] = [];
  let production = false;
  let staging = false;
  for (const e of facts.deployEntries()) {
    if (e.kind === "production" || e.kind === "staging" || e.kind === "development") {
      findings.push({ code: "deploy-env-file", result: "pass", file: e.file, subject: e.word! });
      production ||= e.kind === "production";
      staging ||= e.kind === "staging";
    } else if (e.kind === "other") {
      // deploy.shop-dynamicstore.yml and the like: named like an environment file, but not one.
      findings.push({
        code: "deploy-lookalike",
        result: "pass",
        file: e.file,
        expected: "deploy.<project>-<environment>.yml",
      });
    }
  }
  if (!production)
    findings.push({
      code: "deploy-production-missing",
      result: "fail",
      expected: "deploy.<project>-prod.yml or -production.yml",
    });
  if (!staging)
    findings.push({
      code: "deploy-staging-missing",
      result: "fail",
      expected: "deploy.<project>-staging.yml (or -stage, -uat, -qa, -preprod, -test)",
    });
  return findings;
}
