/**
 * The probe's vocabulary: what it asks about (hosts, targets, the day), what one run shares
 * among its checks, and what a check answers (findings with a code, a verdict per item).
 */
import type { CalendarDate } from "../core/dates.js";
import type { Finding, ProbeCode, Result } from "../core/verdict.js";
import type { Failed, HttpAnswer, ProbeNet } from "./net.js";

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

/** One page of a host, fetched once per run however many checks judge it. */
export type HostPage = (h: ProbeHost) => Promise<HttpAnswer | Failed>;

/** What the checks of one run share: the door, the targets, the day and the pages asked once. */
export interface ProbeRun {
  net: ProbeNet;
  targets: ProbeTargets;
  ctx: ProbeContext;
  /** Today is go-live or later. */
  live: boolean;
  stores: ProbeHost[];
  admins: ProbeHost[];
  /** Each storefront's home page, judged by several items. */
  home: HostPage;
  /** Each storefront's robots.txt, judged by SEO-04 and SEO-03. */
  robotsOf: HostPage;
}

/** One item's check: the findings its answers give. */
export type ProbeCheck = (run: ProbeRun) => Promise<ProbeFinding[]>;
