/** SEO-03: a sitemap, generated or static. */

import type { Finding } from "../../core/verdict.js";
import type { Facts } from "../facts.js";
import { scheduled } from "../scheduled-jobs.js";

/** SEO-03: a generated sitemap (package + job, in Jenkins or the Symfony scheduler) or a static one. */
export function sitemap(facts: Facts): Finding[] {
  const file = "public/Yves/sitemap.xml";
  if (facts.has(file)) return [{ code: "sitemap-static", result: "pass", file }];
  const pkg = facts.composer().lock?.packages.get("spryker/sitemap");
  if (!pkg)
    return [
      { code: "sitemap-missing", result: "fail", subject: "spryker/sitemap", expected: file },
    ];
  const job = scheduled(facts, "sitemap:generate");
  if (job?.enabled)
    return [
      {
        code: "sitemap-job",
        result: "pass",
        file: job.file,
        line: job.line,
        subject: job.via,
        found: pkg.version,
      },
    ];
  return [
    {
      code: job ? "job-disabled" : "sitemap-job-missing",
      result: "fail",
      ...(job ? { file: job.file, line: job.line } : { file: "config/Zed/cronjobs/jenkins.php" }),
      subject: "sitemap:generate",
      expected: "sitemap:generate",
    },
  ];
}
