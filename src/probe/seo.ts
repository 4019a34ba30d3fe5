/**
 * What search engines are shown: SEO-04, robots.txt served as text and open after go-live;
 * SEO-03, the sitemap it names (or /sitemap.xml) valid and on the shop's own host; SEO-06, a
 * favicon of the shop's own, not Spryker's.
 */
import { XMLParser } from "fast-xml-parser";
import robotsParserModule from "robots-parser";
import { gitBlobHash } from "../verify/generic.js";
import { failed, header, origin, unreachable } from "./answers.js";
import type { ProbeNet } from "./net.js";
import type { ProbeFinding, ProbeHost, ProbeRun } from "./types.js";

// robots-parser is CommonJS with an ES default in its types (see verify/rules/robots.ts).
const robotsParser = ((robotsParserModule as { default?: unknown }).default ??
  robotsParserModule) as typeof robotsParserModule.default;

/** SEO-04: robots.txt served, blocking nothing once the production shop is live, naming a sitemap. */
export async function robotsCheck({
  stores,
  robotsOf,
  live,
  targets: t,
}: ProbeRun): Promise<ProbeFinding[]> {
  const out: ProbeFinding[] = [];
  for (const h of stores) {
    const url = `${origin(h)}/robots.txt`;
    const a = await robotsOf(h);
    if (failed(a)) {
      out.push(unreachable(url, a.error));
      continue;
    }
    const type = header(a, "content-type") ?? "text/plain";
    if (a.status !== 200 || !/^text\/plain/i.test(type)) {
      // A shop that answers every path with its home page serves robots.txt as HTML.
      out.push({
        code: "robots-not-served",
        result: "fail",
        subject: url,
        found: a.status === 200 ? `200, ${type.slice(0, 60)}` : `${a.status}`,
      });
      continue;
    }
    const robots = robotsParser(url, a.body.toString("utf8"));
    if (robots.isDisallowed(`${origin(h)}/`, "*")) {
      out.push(
        live && t.production
          ? { code: "robots-blocks-all", result: "fail", subject: url }
          : { code: "robots-blocks-all-before-golive", result: "pass", subject: url },
      );
    } else out.push({ code: "robots-served", result: "pass", subject: url });
    const sitemaps = robots.getSitemaps();
    for (const s of sitemaps)
      out.push({
        code: "robots-sitemap",
        result: "pass",
        subject: url,
        found: s.slice(0, 200),
      });
    if (sitemaps.length === 0)
      out.push({ code: "robots-sitemap-missing", result: "warn", subject: url });
  }
  return out;
}

/** SEO-03: the sitemap robots.txt names, or /sitemap.xml. */
export async function sitemapsCheck({ net, stores, robotsOf }: ProbeRun): Promise<ProbeFinding[]> {
  const out: ProbeFinding[] = [];
  for (const h of stores) {
    const r = await robotsOf(h);
    const listed =
      !failed(r) && r.status === 200
        ? robotsParser(`${origin(h)}/robots.txt`, r.body.toString("utf8")).getSitemaps()[0]
        : undefined;
    const url = listed ?? `${origin(h)}/sitemap.xml`;
    for (const f of await sitemapCheck(net, url, h)) out.push(f);
  }
  return out;
}

async function sitemapCheck(net: ProbeNet, url: string, h: ProbeHost): Promise<ProbeFinding[]> {
  const a = await net.http(url);
  if (failed(a)) return [unreachable(url, a.error)];
  if (a.status !== 200)
    return [{ code: "sitemap-not-served", result: "fail", subject: url, found: `${a.status}` }];
  let doc: Record<string, unknown>;
  try {
    doc = new XMLParser({ processEntities: false }).parse(a.body.toString("utf8"), true);
  } catch {
    return [{ code: "sitemap-invalid", result: "fail", subject: url }];
  }
  const root = (doc.urlset ?? doc.sitemapindex) as Record<string, unknown> | undefined;
  if (root === undefined || a.truncated)
    return [{ code: "sitemap-invalid", result: "fail", subject: url }];
  const entries = [root.url ?? root.sitemap ?? []].flat() as { loc?: unknown }[];
  const locs = entries.map((e) => String(e?.loc ?? ""));
  const foreign = locs.find((l) => {
    try {
      const u = new URL(l);
      return u.protocol !== "https:" || u.hostname !== h.host;
    } catch {
      return true;
    }
  });
  if (foreign !== undefined)
    return [
      { code: "sitemap-foreign-url", result: "fail", subject: url, found: foreign.slice(0, 200) },
    ];
  if (locs.length === 0) return [{ code: "sitemap-empty", result: "warn", subject: url }];
  return [{ code: "sitemap-ok", result: "pass", subject: url, found: `${locs.length}` }];
}

/** SEO-06: a favicon of the shop's own. */
export async function faviconCheck({ net, stores, targets: t }: ProbeRun): Promise<ProbeFinding[]> {
  const out: ProbeFinding[] = [];
  for (const h of stores) {
    const url = `${origin(h)}/favicon.ico`;
    const a = await net.http(url);
    if (failed(a)) out.push(unreachable(url, a.error));
    else if (a.status !== 200 || a.body.length === 0)
      out.push({ code: "favicon-missing", result: "fail", subject: url, found: `${a.status}` });
    else {
      const hash = gitBlobHash(a.body);
      const type = header(a, "content-type") ?? "";
      if (t.faviconDefaults.includes(hash))
        out.push({ code: "favicon-default", result: "fail", subject: url, found: hash });
      else if (/^text\//i.test(type))
        // The home page served for every path, not an icon.
        out.push({
          code: "favicon-not-image",
          result: "warn",
          subject: url,
          found: type.slice(0, 60),
        });
      else out.push({ code: "favicon-custom", result: "pass", subject: url });
    }
  }
  return out;
}
