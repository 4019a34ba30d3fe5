/** CLO-14: every host resolves, and its TTL is low in the week before go-live. */
import { maxOf } from "../core/arrays.js";
import { daysBetween } from "../core/dates.js";
import { failed, unreachable } from "./answers.js";
import type { ProbeFinding, ProbeRun } from "./types.js";

export async function dnsCheck({ net, targets: t, ctx }: ProbeRun): Promise<ProbeFinding[]> {
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
