/**
 * `golive probe`: asks the live environments the go-live-day items (certificates, DNS, basic
 * auth, robots.txt, redirects, ...) and judges the answers on today's date, as verify judges
 * the files. Contacts only the deploy file's hosts (or `--url`) and what golive.yaml's `probe:`
 * names; optionally records the verdicts as evidence (never changing a status).
 */

import { X509Certificate } from "node:crypto";
import { dirname, relative, resolve } from "node:path";
import { indexState } from "../core/board.js";
import { echo } from "../core/escape.js";
import type { ItemVerdict } from "../core/verdict.js";
import { EXIT, GoliveError } from "../errors.js";
import { confinedPath } from "../io/confined.js";
import { parseResolve } from "../io/net-lookup.js";
import { createProbeNet, type NetOptions } from "../io/probe-net.js";
import { parseProxy, proxyFromEnv } from "../io/proxy.js";
import { openRepo } from "../io/repo-view.js";
import type { Workspace } from "../io/state-read.js";
import { readTextFile } from "../io/text-file.js";
import { locate } from "../io/yaml-file.js";
import { PROBE_ITEMS, type ProbeTargets, runProbe } from "../probe/index.js";
import { parseRedirects } from "../probe/redirects.js";
import { deployTargets, type SkippedHost, urlTargets } from "../probe/targets.js";
import { renderJson } from "../render/json.js";
import { type ProbeRun, probeJson, renderProbe } from "../render/probe.js";
import { VERSION } from "../version.js";
import { type Context, type Output, output } from "../work/context.js";
import { recordEvidence } from "../work/evidence.js";
import { resolveItems } from "../work/select.js";
import { openState } from "../work/workspace.js";

export interface ProbeOptions {
  env?: "production" | "staging";
  url?: string[];
  item?: string;
  json?: boolean;
  record?: boolean;
  resolve?: string[];
  dns?: string;
  ca?: string;
  /** Seconds, 1 to 300 (cli/options.ts checks it). */
  timeout?: number;
  mailDomain?: string;
}

/** The most a probe reads of one answer: a sitemap or a home page, never a download. */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;
/** The whole run may take this many request timeouts. */
const RUN_TIMEOUTS = 12;

function dnsServer(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const m = /^(\[[0-9a-fA-F:]+\]|[0-9.]+)(?::(\d{1,5}))?$/.exec(text.trim());
  if (!m)
    throw new GoliveError(
      "usage",
      `--dns "${echo(text)}" is not SERVER[:PORT] with an IP address`,
      {
        hint: "for example --dns 1.1.1.1 or --dns 127.0.0.1:5353",
      },
    );
  return text.trim();
}

function caFile(ctx: Context, path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  const full = resolve(ctx.cwd, path);
  const text = readTextFile(full, "CA file");
  try {
    new X509Certificate(text);
  } catch {
    throw new GoliveError("usage", `--ca ${path} is not a PEM certificate`, {
      location: { file: path },
      hint: "give the CA certificate in PEM form (-----BEGIN CERTIFICATE-----)",
    });
  }
  return text;
}

/** Catalogue items the probe answers, minus those the team ruled out (unless asked by name). */
function probedItems(workspace: Workspace, item: string | undefined) {
  const probed = new Set<string>(PROBE_ITEMS);
  if (item !== undefined) {
    const [found] = resolveItems(workspace.catalogue, [item]);
    if (!found || !probed.has(found.id))
      throw new GoliveError("usage", `${echo(item)} is not an item golive probe answers`, {
        hint: `probe answers ${PROBE_ITEMS.join(", ")}`,
      });
    return [found];
  }
  const { keyOf } = indexState(workspace.catalogue, workspace.state);
  const entries = workspace.state.items ?? {};
  return workspace.catalogue.items.filter(
    (i) => probed.has(i.id) && entries[keyOf.get(i.id) ?? i.id]?.status !== "not-applicable",
  );
}

/** The redirect map `probe.redirects` names, read inside the repository only. */
function redirectMap(workspace: Workspace, root: string): [string, string][] | undefined {
  const given = workspace.state.probe?.redirects;
  if (given === undefined) return undefined;
  const where = locate(workspace.file, ["probe", "redirects"]);
  const path = confinedPath(
    given,
    dirname(workspace.statePath),
    { root, label: "the repository" },
    "probe.redirects",
    where,
  );
  const text = readTextFile(path, "redirect map", { noFollow: true });
  const parsed = parseRedirects(text);
  if ("kind" in parsed) {
    const file = relative(root, path) || given;
    throw new GoliveError("usage", `${file}:${parsed.line}:${parsed.col}: ${parsed.kind}`, {
      location: { file, line: parsed.line, col: parsed.col },
      hint: "write one old URL, new URL pair a line (CSV), both http(s) URLs",
    });
  }
  return parsed.pairs;
}

function faviconDefaults(workspace: Workspace): string[] {
  const hashes = new Set<string>();
  for (const item of workspace.catalogue.items)
    for (const c of item.checks ?? [])
      if (c.kind === "file-differs" && /favicon\.ico$/.test(c.path))
        for (const h of c.defaults) hashes.add(h);
  return [...hashes];
}

function netOptions(ctx: Context, options: ProbeOptions): NetOptions {
  const timeoutMs = (options.timeout ?? 10) * 1000;
  try {
    parseResolve(options.resolve ?? []);
  } catch (e) {
    throw new GoliveError("usage", (e as Error).message, {
      hint: "write it as curl does: --resolve shop.example.com:443:203.0.113.7",
    });
  }
  const proxy = proxyFromEnv(ctx.env ?? {});
  for (const [name, value] of [
    ["HTTPS_PROXY", proxy.https],
    ["HTTP_PROXY", proxy.http],
  ] as const) {
    const parsed = value === undefined ? undefined : parseProxy(value);
    // The value is not shown: a proxy URL may hold a password.
    if (parsed && "error" in parsed)
      throw new GoliveError("usage", `${name} is ${parsed.error}`, {
        hint: `set ${name} to http://HOST:PORT, or unset it`,
      });
  }
  const ca = caFile(ctx, options.ca);
  const dns = dnsServer(options.dns);
  return {
    userAgent: `golive/${VERSION}`,
    timeoutMs,
    runMs: timeoutMs * RUN_TIMEOUTS,
    maxBytes: MAX_BODY_BYTES,
    concurrency: 8,
    proxy,
    ...(options.resolve ? { resolve: options.resolve } : {}),
    ...(dns ? { dnsServer: dns } : {}),
    ...(ca ? { ca } : {}),
  };
}

export async function probe(ctx: Context, options: ProbeOptions): Promise<Output> {
  const state = openState(ctx);
  const workspace = state.read();
  const items = probedItems(workspace, options.item);
  const root = state.repo?.root ?? dirname(state.path);
  const env = options.env ?? "production";
  const net = createProbeNet(netOptions(ctx, options));
  const settings = workspace.state.probe ?? {};

  let hosts: ProbeTargets["hosts"];
  let from: string[] = [];
  let skipped: SkippedHost[] = [];
  if (options.url && options.url.length > 0) {
    const given = urlTargets(options.url);
    if ("bad" in given)
      throw new GoliveError("usage", `--url #${given.bad + 1} is not an http(s) URL`, {
        hint: "give the storefront's address, like --url https://www.shop.example (no user info)",
      });
    hosts = given;
  } else {
    const found = deployTargets(openRepo(root), env);
    hosts = found.hosts;
    from = found.files;
    skipped = found.skipped;
  }
  const redirects = redirectMap(workspace, root);
  const mailDomain = options.mailDomain ?? settings.mailDomain;
  if (mailDomain !== undefined && !/^(?:[a-zA-Z0-9-]{1,63}\.)+[a-zA-Z]{2,63}$/.test(mailDomain))
    throw new GoliveError("usage", "--mail-domain is not a domain", {
      hint: "for example --mail-domain shop.example",
    });
  const targets: ProbeTargets = {
    hosts,
    production: env === "production",
    faviconDefaults: faviconDefaults(workspace),
    ...(mailDomain ? { mailDomain } : {}),
    ...(redirects ? { redirects } : {}),
    ...(settings.oldSystem ? { oldSystem: settings.oldSystem } : {}),
    ...(settings.smoke ? { smoke: settings.smoke } : {}),
  };
  const day = { today: ctx.today, goLive: workspace.state.goLive };
  const judged = await runProbe(net, targets, day, new Set(items.map((i) => i.id)));
  const titles = new Map(items.map((i) => [i.id, i.title]));
  const verdicts: ItemVerdict[] = judged.map((v) => ({ ...v, title: titles.get(v.id) ?? v.id }));

  const run: ProbeRun = {
    today: ctx.today,
    goLive: workspace.state.goLive,
    environment: options.url && options.url.length > 0 ? "urls" : env,
    from,
    hosts,
    skipped,
    verdicts,
  };
  if (options.record && verdicts.length > 0) {
    run.kept = await recordEvidence(ctx, verdicts, { source: "probe" });
    run.recordedIn = relative(ctx.cwd, workspace.statePath) || workspace.statePath;
  }
  const exitCode = verdicts.some((v) => v.result === "fail") ? EXIT.findings : EXIT.ok;
  if (options.json) return output(renderJson(probeJson(run)), "", exitCode);
  return output(renderProbe(ctx.style, run), "", exitCode);
}
