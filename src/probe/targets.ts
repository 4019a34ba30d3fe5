/**
 * What `golive probe` contacts: the endpoints of the production (or staging) deploy files, or
 * the URLs given with `--url`; nothing else. Pure: the repository view in, hosts out. A host
 * the deploy file cannot give (a variable, a wildcard, a local name) is listed as skipped with
 * its file and line, never guessed at.
 */
import {
  classifyDeployFile,
  type DeployEntry,
  endpoints,
  isDeployName,
  looksLikeDeployFile,
  parseDeployFile,
} from "../verify/deploy.js";
import type { RepoView } from "../verify/types.js";
import { child, scalarText } from "../verify/yaml-tree.js";
import type { AppKind, ProbeHost } from "./types.js";

export interface SkippedHost {
  file: string;
  line: number;
  /** Why: "not a host name", "not valid YAML", ... */
  reason: string;
}

export interface DeployTargets {
  /** The deploy files the hosts come from. */
  files: string[];
  hosts: ProbeHost[];
  skipped: SkippedHost[];
}

/** A DNS name golive will ask for: letters, digits, hyphens, dots; no wildcard or variable. */
const HOST = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$/i;
const LOCAL = /\.(?:local|localhost|test|docker|internal)$/i;

/** What an application is, for the checks that ask about storefronts or Back Offices. */
function kindOf(type: string, entryPoint: string | undefined): AppKind | undefined {
  switch (type) {
    case "yves":
      return "storefront";
    case "backoffice":
    case "merchant-portal":
      return "admin";
    case "zed":
      // Before the endpoint split, a zed without entry-point is the Back Office.
      if (entryPoint === undefined || /^(Backoffice|MerchantPortal)$/i.test(entryPoint))
        return "admin";
      return "api";
    case "glue":
    case "glue-storefront":
    case "glue-backend":
    case "backend-api":
    case "backend-gateway":
      return "api";
    default:
      return undefined;
  }
}

/** The hosts of the deploy files of `env` ("production" or "staging") in the repository. */
export function deployTargets(repo: RepoView, env: "production" | "staging"): DeployTargets {
  const entries: DeployEntry[] = [];
  for (const file of repo.files) {
    if (!isDeployName(file)) continue;
    const text = repo.read(file);
    if (text === undefined || !looksLikeDeployFile(text)) continue;
    const entry = classifyDeployFile(file, text);
    if (entry.kind === env) entries.push(entry);
  }
  const out: DeployTargets = { files: [], hosts: [], skipped: [] };
  const seen = new Set<string>();
  for (const entry of entries) {
    const parsed = parseDeployFile(entry, repo.read(entry.file));
    if ("code" in parsed) {
      out.skipped.push({ file: entry.file, line: parsed.line ?? 1, reason: "not valid YAML" });
      continue;
    }
    out.files.push(entry.file);
    for (const e of endpoints([parsed])) {
      const entryPoint = scalarText(child(e.node, "entry-point"));
      const kind = kindOf(e.type, entryPoint);
      if (kind === undefined) continue;
      const [name, port] = e.host.split(":");
      const host = (name ?? "").toLowerCase();
      if (!HOST.test(host) || LOCAL.test(host) || (port !== undefined && !/^\d{1,5}$/.test(port))) {
        out.skipped.push({ file: e.file, line: e.line, reason: "not a public host name" });
        continue;
      }
      const key = `${host}:${port ?? 443}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.hosts.push({ host, scheme: "https", port: port ? Number(port) : 443, kind });
    }
  }
  return out;
}

/**
 * `--url URL...`: each an http(s) URL's origin, probed as a storefront. The URLs are checked
 * where the flag is parsed (cli/options.ts `webUrlArg`).
 */
export function urlTargets(urls: readonly string[]): ProbeHost[] {
  return urls.map((text) => {
    const u = new URL(text);
    const scheme = u.protocol === "https:" ? "https" : "http";
    return {
      host: u.hostname.replace(/^\[(.*)\]$/, "$1"),
      scheme,
      port: Number(u.port) || (scheme === "https" ? 443 : 80),
      kind: "storefront",
    };
  });
}
