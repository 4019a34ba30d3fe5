/**
 * SEO-01 and SEO-07: each old URL of the redirect map (probe/redirects.ts reads it) leads, by
 * permanent redirects, in a few hops, to its new URL; never to a file or a link-local address.
 */
import { failed, header, unreachable } from "./answers.js";
import type { ProbeFinding, ProbeRun } from "./types.js";

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

export async function redirectCheck({ net, targets, live }: ProbeRun): Promise<ProbeFinding[]> {
  const pairs = targets.redirects;
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
