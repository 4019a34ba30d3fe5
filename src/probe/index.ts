/**
 * `golive probe`'s core: asks the live environments the go-live-day questions through an
 * injected `ProbeNet` and judges the answers. Today and go-live are passed in; the same answer
 * can pass before go-live and fail after (basic auth, robots.txt), so the report names the day.
 * This file is the registry: which item each check answers, one file per kind of question.
 */
import { worst } from "../core/verdict.js";
import { backOfficeCheck, basicAuthCheck } from "./access.js";
import { origin } from "./answers.js";
import { dnsCheck } from "./dns.js";
import { redirectCheck } from "./follow-redirects.js";
import { headerChecks } from "./headers.js";
import { mailCheck } from "./mail.js";
import type { HttpAnswer, ProbeNet } from "./net.js";
import { oldSystemCheck } from "./old-system.js";
import { faviconCheck, robotsCheck, sitemapsCheck } from "./seo.js";
import { smokeCheck } from "./smoke.js";
import { tlsCheck } from "./tls.js";
import type {
  ProbeCheck,
  ProbeContext,
  ProbeFinding,
  ProbeHost,
  ProbeTargets,
  ProbeVerdict,
} from "./types.js";

export type {
  AppKind,
  ProbeContext,
  ProbeFinding,
  ProbeHost,
  ProbeTargets,
  ProbeVerdict,
} from "./types.js";

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

/** The check that answers each item. */
const CHECKS: Record<(typeof PROBE_ITEMS)[number], ProbeCheck> = {
  "CLO-14": dnsCheck,
  "CLO-12": tlsCheck,
  "CLO-17": basicAuthCheck,
  "CLO-05": backOfficeCheck,
  "SEO-04": robotsCheck,
  "SEO-03": sitemapsCheck,
  "SEO-06": faviconCheck,
  "APP-16": headerChecks,
  "SEC-03": headerChecks,
  "CLO-15": mailCheck,
  "SEO-01": redirectCheck,
  "SEO-07": redirectCheck,
  "GEN-10": oldSystemCheck,
  "TES-12": smokeCheck,
};

function verdict(id: string, findings: ProbeFinding[]): ProbeVerdict {
  if (findings.length === 0) findings.push({ code: "no-target", result: "unknown" });
  return { id, result: worst(findings.map((f) => f.result)) ?? "unknown", findings };
}

export async function runProbe(
  net: ProbeNet,
  t: ProbeTargets,
  ctx: ProbeContext,
  only?: ReadonlySet<string>,
): Promise<ProbeVerdict[]> {
  // Each storefront's home page is fetched once and judged by several items.
  const once = (path: string) => {
    const cache = new Map<ProbeHost, Promise<HttpAnswer | { error: string }>>();
    return (h: ProbeHost) => {
      const p = cache.get(h) ?? net.http(`${origin(h)}${path}`);
      cache.set(h, p);
      return p;
    };
  };
  const run = {
    net,
    targets: t,
    ctx,
    live: ctx.today >= ctx.goLive,
    stores: t.hosts.filter((h) => h.kind === "storefront"),
    admins: t.hosts.filter((h) => h.kind === "admin"),
    home: once("/"),
    robotsOf: once("/robots.txt"),
  };
  const ids = PROBE_ITEMS.filter((id) => !only || only.has(id));
  return Promise.all(ids.map(async (id) => verdict(id, await CHECKS[id](run))));
}
