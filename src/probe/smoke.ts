/**
 * TES-12: each storefront's home page and each `probe.smoke` URL answers 2xx (before go-live,
 * basic auth counts as there), and how long it took.
 */
import { failed, header, origin, unreachable } from "./answers.js";
import type { ProbeFinding, ProbeRun } from "./types.js";

export async function smokeCheck({
  net,
  stores,
  home,
  live,
  targets: t,
}: ProbeRun): Promise<ProbeFinding[]> {
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
}
