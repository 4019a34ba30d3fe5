/** APP-14: the jobs every shop needs are scheduled. */

import type { Finding } from "../../core/verdict.js";
import type { Facts } from "../facts.js";
import { scheduled } from "../scheduled-jobs.js";

/**
 * APP-14: the jobs every shop needs are scheduled. `sitemap:generate` only where the command
 * exists (`spryker/sitemap` is installed) and no static sitemap is committed: scheduling a
 * command that does not exist would break Jenkins.
 */
export function schedulerJobs(facts: Facts): Finding[] {
  const findings: Finding[] = [];
  const staticSitemap =
    facts.has("public/Yves/sitemap.xml") ||
    facts.composer().lock?.packages.get("spryker/sitemap") === undefined;
  for (const command of [
    "oms:check-condition",
    "oms:check-timeout",
    "queue:worker:start",
    "sitemap:generate",
  ]) {
    if (command === "sitemap:generate" && staticSitemap) continue;
    const job = scheduled(facts, command);
    if (!job)
      findings.push({
        code: "job-missing",
        result: "fail",
        subject: command,
        expected: "config/Zed/cronjobs/jenkins.php or SymfonySchedulerConfig.php",
      });
    else
      findings.push({
        code: job.enabled ? "job-scheduled" : "job-disabled",
        result: job.enabled ? "pass" : "fail",
        file: job.file,
        line: job.line,
        subject: command,
        found: job.via,
      });
  }
  return findings;
}
