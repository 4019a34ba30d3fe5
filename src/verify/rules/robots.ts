/** SEO-04: a robots.txt that lets crawlers in and names the sitemap. */

import robotsParserModule from "robots-parser";
import type { Finding } from "../../core/verdict.js";
import type { Facts } from "../facts.js";

// robots-parser is CommonJS and its types declare an ES default export: at run time the default
// import is the function itself, to TypeScript it is the module.
const robotsParser = ((robotsParserModule as { default?: unknown }).default ??
  robotsParserModule) as typeof robotsParserModule.default;

/**
 * SEO-04: a robots.txt that lets crawlers in and names the sitemap, read with robots-parser
 * (RFC 9309). "Disallows everything" means the `User-agent: *` group disallows `/`: a group for
 * a named bot does not count.
 */
export function robots(facts: Facts): Finding[] {
  const file = "public/Yves/robots.txt";
  if (!facts.has(file)) return [{ code: "robots-missing", result: "fail", file }];
  const text = facts.text(file);
  if (text === undefined) return [{ code: "file-unreadable", result: "unknown", file }];
  if (text.split("\n").every((l) => l.replace(/#.*/, "").trim() === ""))
    return [{ code: "robots-empty", result: "fail", file }];
  const url = "https://shop.invalid/";
  const parsed = robotsParser(`${url}robots.txt`, text);
  // A name no group uses: the answer is the `*` group's (or, without one, everything allowed).
  const anyCrawler = "GoliveVerifyAnyCrawler";
  const findings: Finding[] = [];
  if (parsed.isDisallowed(url, anyCrawler)) {
    const line = parsed.getMatchingLineNumber(url, anyCrawler);
    findings.push({
      code: "robots-disallow-all",
      result: "warn",
      file,
      ...(line > 0 ? { line } : {}),
      found: "Disallow: /",
    });
  }
  if (parsed.getSitemaps().length === 0)
    findings.push({
      code: "robots-no-sitemap",
      result: "warn",
      file,
      expected: "Sitemap: https://...",
    });
  return findings.length > 0 ? findings : [{ code: "robots-ok", result: "pass", file }];
}
