/**
 * `golive probe`'s core: asks the live environments the go-live-day questions through an
 * injected `ProbeNet` and judges the answers. Today and go-live are passed in; the same answer
 * can pass before go-live and fail after (basic auth, robots.txt), so the report names the day.
 */
import { XMLParser } from "fast-xml-parser";
import robotsParserModule from "robots-parser";
import { maxOf } from "../core/arrays.js";
import { addDays, type CalendarDate, daysBetween } from "../core/dates.js";
import type { Finding, ProbeCode, Result } from "../core/verdict.js";
import { worst } from "../core/verdict.js";
import { gitBlobHash } from "../verify/generic.js";
import type { HttpAnswer, ProbeNet } from "./net.js";

// robots-parser is CommonJS with an ES default in its types (see verify/rules/robots.ts).
const robotsParser = ((robotsParserModule as { default?: unknown }).default ??
  robotsParserModule) as typeof robotsParserModule.default;

/** A finding of the probe: verify's shape, a code from `PROBE_CODES`. */
export type ProbeFinding = Finding & { code: ProbeCode };

export interface ProbeVerdict {
  id: string;
  result: Result;
  findings: ProbeFinding[];
}

export type AppKind = "storefront" | "admin" | "api";

export interface ProbeHost {
  host: string;
  /** `https:` or `http:`; deploy-file hosts are probed over HTTPS. */
  scheme: "https" | "http";
  port: number;
  kind: AppKind;
}

export interface ProbeTargets {
  hosts: ProbeHost[];
  production: boolean;
  mailDomain?: string;
  /** Pairs of old URL, new URL. */
  redirects?: [string, string][];
  oldSystem?: string;
  smoke?: string[];
  /** Git blob hashes of Spryker's default favicons. */
  faviconDefaults: readonly string[];
}

export interface ProbeContext {
  today: CalendarDate;
  goLive: CalendarDate;
}

export const PROBE_ITEMS = [
  "CLO-14",
  "CLO-12",
  "CLO-17",
  "CLO-05",
  "SEO-04",
  "SEO-03",
  "SEO-06",
  "APP-16",
  "SEC-03",
  "CLO-15",
  "SEO-01",
  "SEO-07",
  "GEN-10",
  "TES-12",
] as const;

/** Errors of a host that is there but does not let this client in. */
const CLOSED_ERRORS = new Set([
  "timeout",
  "ECONNREFUSED",
  "ECONNRESET",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ETIMEDOUT",
]);

const failed = (a: unknown): a is { error: string } =>
  typeof a === "object" && a !== null && "error" in a;

function origin(h: ProbeHost): string {
  const def = h.scheme === "https" ? 443 : 80;
  return `${h.scheme}://${h.host}${h.port === def ? "" : `:${h.port}`}`;
}

/** The string form of a header, whether Node gave one value or many. */
function header(a: HttpAnswer, name: string): string | undefined {
  const v = a.headers[name];
  return Array.isArray(v) ? v.join(", ") : v;
}

function unreachable(subject: string, error: string): ProbeFinding {
  return { code: "unreachable", result: "unknown", subject, found: error };
}

function verdict(id: string, findings: ProbeFinding[]): ProbeVerdict {
  if (findings.length === 0) findings.push({ code: "no-target", result: "unknown" });
  return { id, result: worst(findings.map((f) => f.result)) ?? "unknown", findings };
}

async function dnsCheck(net: ProbeNet, t: ProbeTargets, ctx: ProbeContext) {
  const days = daysBetween(ctx.today, ctx.goLive);
  const out: ProbeFinding[] = [];
  for (const h of t.hosts) {
    const a = await net.dns(h.host);
    if (failed(a)) {
      out.push(
        a.error === "ENOTFOUND" || a.error === "ENODATA"
          ? { code: "dns-missing", result: "fail", subject: h.host }
          : unreachable(h.host, a.error),
      );
      continue;
    }
    const chain = [...a.cname, ...a.addresses.map((x) => x.address)].join(" → ");
    const ttl = maxOf(
      a.addresses.map((x) => x.ttl),
      0,
    );
    if (days >= 0 && days <= 7 && ttl > 3600)
      out.push({ code: "dns-ttl-high", result: "warn", subject: h.host, found: `${ttl}` });
    else out.push({ code: "dns-ok", result: "pass", subject: h.host, found: chain });
  }
  return out;
}

/** Node's reason a chain is not trusted, as the finding that says what to do about it. */
function chainCode(error: string): ProbeCode {
  if (error === "DEPTH_ZERO_SELF_SIGNED_CERT" || error === "SELF_SIGNED_CERT_IN_CHAIN")
    return "tls-self-signed";
  if (error === "UNABLE_TO_VERIFY_LEAF_SIGNATURE" || error === "UNABLE_TO_GET_ISSUER_CERT")
    return "tls-chain-incomplete";
  return "tls-untrusted";
}

async function tlsCheck(net: ProbeNet, t: ProbeTargets, ctx: ProbeContext) {
  const out: ProbeFinding[] = [];
  for (const h of t.hosts.filter((x) => x.scheme === "https")) {
    const a = await net.tls(h.host, h.port);
    if (failed(a)) {
      out.push(unreachable(h.host, a.error));
      continue;
    }
    const subject = h.host;
    if (a.hostError || /ALTNAME/.test(a.chainError ?? "")) {
      out.push({ code: "tls-wrong-host", result: "fail", subject });
      continue;
    }
    if (a.chainError && a.chainError !== "CERT_HAS_EXPIRED") {
      out.push({ code: chainCode(a.chainError), result: "fail", subject, found: a.chainError });
      continue;
    }
    if (a.protocol && /^(SSLv|TLSv1(\.1)?$)/.test(a.protocol)) {
      out.push({ code: "tls-old-protocol", result: "fail", subject, found: a.protocol });
      continue;
    }
    const until = a.validTo ? new Date(a.validTo).toISOString().slice(0, 10) : undefined;
    if (a.chainError === "CERT_HAS_EXPIRED" || (until && until < ctx.today)) {
      out.push({
        code: "tls-expired",
        result: "fail",
        subject,
        ...(until ? { found: until } : {}),
      });
    } else if (until && until < addDays(ctx.goLive, 30)) {
      out.push({ code: "tls-expiring", result: "warn", subject, found: until });
    } else {
      out.push({
        code: "tls-ok",
        result: "pass",
        subject,
        found: `${a.protocol ?? "?"}, until ${until ?? "?"}`,
      });
    }
  }
  return out;
}

export async function runProbe(
  net: ProbeNet,
  t: ProbeTargets,
  ctx: ProbeContext,
  only?: ReadonlySet<string>,
): Promise<ProbeVerdict[]> {
  const live = ctx.today >= ctx.goLive;
  const stores = t.hosts.filter((h) => h.kind === "storefront");
  const admins = t.hosts.filter((h) => h.kind === "admin");
  // Each storefront's home page is fetched once and judged by several items.
  const once = (path: string) => {
    const cache = new Map<ProbeHost, Promise<HttpAnswer | { error: string }>>();
    return (h: ProbeHost) => {
      const p = cache.get(h) ?? net.http(`${origin(h)}${path}`);
      cache.set(h, p);
      return p;
    };
  };
  const home = once("/");
  const robotsOf = once("/robots.txt");

  const checks: Record<string, () => Promise<ProbeFinding[]>> = {
    "CLO-14": () => dnsCheck(net, t, ctx),
    "CLO-12": () => tlsCheck(net, t, ctx),
    "CLO-17": async () => {
      const out: ProbeFinding[] = [];
      for (const h of stores) {
        const a = await home(h);
        if (failed(a)) out.push(unreachable(h.host, a.error));
        else if (a.status === 401 && /^\s*basic/i.test(header(a, "www-authenticate") ?? ""))
          out.push(
            live
              ? { code: "auth-basic-live", result: "fail", subject: h.host }
              : { code: "auth-basic-before-golive", result: "pass", subject: h.host },
          );
        else
          out.push(
            live
              ? { code: "auth-open", result: "pass", subject: h.host, found: `${a.status}` }
              : {
                  code: "auth-open-before-golive",
                  result: "warn",
                  subject: h.host,
                  found: `${a.status}`,
                },
          );
      }
      return out;
    },
    "CLO-05": async () => {
      const out: ProbeFinding[] = [];
      for (const h of admins) {
        const a = await net.http(`${origin(h)}/`);
        // Not answering from outside is what a closed Back Office does; a name that does not
        // resolve, or a run out of time, says nothing.
        if (failed(a))
          out.push(
            CLOSED_ERRORS.has(a.error)
              ? { code: "admin-closed", result: "pass", subject: h.host, found: a.error }
              : unreachable(h.host, a.error),
          );
        else if (a.status === 401 || a.status === 403)
          out.push({ code: "admin-closed", result: "pass", subject: h.host, found: `${a.status}` });
        else
          out.push({ code: "admin-open", result: "warn", subject: h.host, found: `${a.status}` });
      }
      return out;
    },
    "SEO-04": async () => {
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
    },
    "SEO-03": async () => {
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
    },
    "SEO-06": async () => {
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
    },
    "APP-16": () => headerChecks(stores, home),
    "SEC-03": () => headerChecks(stores, home),
    "CLO-15": () => mailCheck(net, t.mailDomain),
    "SEO-01": () => redirectCheck(net, t.redirects, live),
    "SEO-07": () => redirectCheck(net, t.redirects, live),
    "GEN-10": async () => {
      if (!t.oldSystem) return [];
      const end = addDays(ctx.goLive, 3);
      if (ctx.today < ctx.goLive || ctx.today > end)
        return [
          {
            code: "old-system-window",
            // Nothing was asked of the old system: neither kept nor switched off is shown.
            result: "unknown",
            subject: t.oldSystem,
            found: `${ctx.goLive} to ${end}`,
          },
        ];
      const a = await net.http(t.oldSystem);
      if (failed(a) || a.status >= 500)
        return [
          {
            code: "old-system-down",
            result: "fail",
            subject: t.oldSystem,
            found: failed(a) ? a.error : `${a.status}`,
          },
        ];
      if (a.status >= 400)
        return [
          { code: "old-system-error", result: "warn", subject: t.oldSystem, found: `${a.status}` },
        ];
      return [
        { code: "old-system-up", result: "pass", subject: t.oldSystem, found: `${a.status}` },
      ];
    },
    "TES-12": async () => {
      const urls = [...stores.map((h) => `${origin(h)}/`), ...(t.smoke ?? [])];
      return Promise.all(
        urls.map(async (url): Promise<ProbeFinding> => {
          const a = stores.some((h) => `${origin(h)}/` === url)
            ? await home(stores.find((h) => `${origin(h)}/` === url)!)
            : await net.http(url);
          if (failed(a)) return unreachable(url, a.error);
          if (!live && a.status === 401 && /^\s*basic/i.test(header(a, "www-authenticate") ?? ""))
            return {
              code: "smoke-behind-auth",
              result: "pass",
              subject: url,
              found: `${a.status} in ${a.ms} ms`,
            };
          const ok = a.status >= 200 && a.status < 300;
          return {
            code: ok ? "smoke-ok" : "smoke-bad",
            result: ok ? "pass" : live ? "fail" : "warn",
            subject: url,
            found: `${a.status} in ${a.ms} ms`,
          };
        }),
      );
    },
  };
  const ids = PROBE_ITEMS.filter((id) => !only || only.has(id));
  return Promise.all(ids.map(async (id) => verdict(id, await checks[id]!())));
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

async function headerChecks(
  stores: readonly ProbeHost[],
  home: (h: ProbeHost) => Promise<HttpAnswer | { error: string }>,
): Promise<ProbeFinding[]> {
  const out: ProbeFinding[] = [];
  for (const h of stores) {
    const a = await home(h);
    if (failed(a)) {
      out.push(unreachable(h.host, a.error));
      continue;
    }
    const subject = h.host;
    const need = (name: string, ok: boolean, result: Result = "fail") =>
      out.push(
        ok
          ? { code: "header-ok", result: "pass", subject, found: name }
          : { code: "header-missing", result, subject, expected: name },
      );
    if (h.scheme === "https")
      need("Strict-Transport-Security", !!header(a, "strict-transport-security"));
    need(
      "X-Content-Type-Options: nosniff",
      /nosniff/i.test(header(a, "x-content-type-options") ?? ""),
    );
    need(
      "X-Frame-Options or CSP frame-ancestors",
      !!header(a, "x-frame-options") ||
        /frame-ancestors/i.test(header(a, "content-security-policy") ?? ""),
    );
    const powered = header(a, "x-powered-by") ?? "";
    if (/php\/?\s*\d/i.test(powered))
      out.push({
        code: "header-php-version",
        result: "fail",
        subject,
        found: powered.slice(0, 40),
      });
    const cookies = a.headers["set-cookie"] ?? [];
    for (const c of cookies) {
      const name = c.split("=")[0]?.trim() ?? "";
      const flags = c.toLowerCase();
      if (!flags.includes("httponly") || (h.scheme === "https" && !/;\s*secure/.test(flags)))
        // The cookie's name only: its value may be a session.
        out.push({ code: "cookie-insecure", result: "warn", subject, found: name.slice(0, 40) });
    }
  }
  return out;
}

/** A `k=v; k=v` record (DMARC) as a map. */
function tags(record: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const part of record.split(";")) {
    const i = part.indexOf("=");
    if (i > 0) m.set(part.slice(0, i).trim().toLowerCase(), part.slice(i + 1).trim());
  }
  return m;
}

async function mailCheck(net: ProbeNet, domain: string | undefined): Promise<ProbeFinding[]> {
  if (!domain) return [];
  const out: ProbeFinding[] = [];
  const dmarc = await net.txt(`_dmarc.${domain}`);
  if (failed(dmarc)) out.push(unreachable(`_dmarc.${domain}`, dmarc.error));
  else {
    const rec = dmarc.find((r) => /^v=DMARC1\s*(;|$)/i.test(r));
    const p = rec ? tags(rec).get("p")?.toLowerCase() : undefined;
    if (!rec || !p) out.push({ code: "dmarc-missing", result: "fail", subject: domain });
    else if (p === "none") out.push({ code: "dmarc-none", result: "warn", subject: domain });
    else out.push({ code: "dmarc-ok", result: "pass", subject: domain, found: p });
  }
  const spf = await net.txt(domain);
  if (failed(spf)) out.push(unreachable(domain, spf.error));
  else if (spf.some((r) => /^v=spf1(\s|$)/i.test(r)))
    out.push({ code: "spf-ok", result: "pass", subject: domain });
  else out.push({ code: "spf-missing", result: "fail", subject: domain });
  return out;
}

/** Where redirects may lead: the web, never a file or a link-local (cloud metadata) address. */
function safeTarget(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== "https:" && u.protocol !== "http:") return false;
  const host = u.hostname.replace(/^\[(.*)\]$/, "$1").toLowerCase();
  return !/^169\.254\./.test(host) && !/^fe[89ab][0-9a-f]:/.test(host);
}

/** The same URL as the map writes it: no difference in a default port or a trailing slash of the root. */
function sameUrl(a: string, b: string): boolean {
  try {
    return new URL(a).toString() === new URL(b).toString();
  } catch {
    return false;
  }
}

const MAX_HOPS = 3;

async function redirectCheck(
  net: ProbeNet,
  pairs: readonly [string, string][] | undefined,
  live: boolean,
): Promise<ProbeFinding[]> {
  if (!pairs) return [];
  return Promise.all(
    pairs.map(async ([from, to]): Promise<ProbeFinding> => {
      if (!safeTarget(from))
        return { code: "redirect-unsafe", result: "fail", subject: from, found: from };
      let url = from;
      const seen = new Set<string>([url]);
      // A 302 or 307 on the way: it arrives, but search engines keep the old URL.
      let temporary: number | undefined;
      for (let hop = 0; ; hop++) {
        let a = await net.http(url, "HEAD");
        // Some servers answer HEAD with 405 or 501: ask again with GET.
        if (!failed(a) && (a.status === 405 || a.status === 501)) a = await net.http(url);
        if (failed(a)) return unreachable(url, a.error);
        const location = header(a, "location");
        if (a.status >= 300 && a.status < 400 && location !== undefined) {
          let next: string;
          try {
            next = new URL(location, url).toString();
          } catch {
            return { code: "redirect-unsafe", result: "fail", subject: from, found: "?" };
          }
          if (a.status !== 301 && a.status !== 308) temporary ??= a.status;
          if (!safeTarget(next))
            return {
              code: "redirect-unsafe",
              result: "fail",
              subject: from,
              found: next.slice(0, 200),
            };
          if (seen.has(next)) return { code: "redirect-loop", result: "fail", subject: from };
          if (hop + 1 > MAX_HOPS)
            return { code: "redirect-too-long", result: "fail", subject: from, expected: to };
          seen.add(next);
          url = next;
          continue;
        }
        // Before go-live the new shop is behind basic auth: arriving there is what counts.
        const arrived = sameUrl(url, to) && hop > 0;
        const behindAuth = !live && a.status === 401;
        const ok = arrived && (a.status === 200 || behindAuth);
        if (ok && temporary === undefined && behindAuth)
          return {
            code: "redirect-ok-before-golive",
            result: "pass",
            subject: from,
            found: `${hop}`,
          };
        if (ok && temporary !== undefined)
          return {
            code: "redirect-temporary",
            result: "warn",
            subject: from,
            found: `${temporary}`,
            expected: to,
          };
        return ok
          ? { code: "redirect-ok", result: "pass", subject: from, found: `${hop}` }
          : {
              code: "redirect-wrong",
              result: "fail",
              subject: from,
              found: `${a.status} ${url}`,
              expected: to,
            };
      }
    }),
  );
}

/** How far today is from go-live, for the report's "judged on" line. */
export function judgedDay(ctx: ProbeContext): number {
  return daysBetween(ctx.today, ctx.goLive);
}
