/**
 * The Docker SDK deploy files of a Spryker project: which ones describe environments, and the
 * endpoints they declare. Pure: file lists and texts in; `Facts` does the reading, once.
 */
import type { Finding } from "../core/verdict.js";
import { child, childIn, parseYamlTree, scalarText, type Tree } from "./yaml-tree.js";

/** Environment names Spryker Cloud projects use in `deploy.<project>-<env>.yml`. */
export const ENVIRONMENTS = [
  "prod",
  "production",
  "staging",
  "stage",
  "test",
  "testing",
  "dev",
  "uat",
  "qa",
  "preprod",
] as const;
export const PRODUCTION_LIKE: ReadonlySet<string> = new Set(["prod", "production"]);
export const STAGING_LIKE: ReadonlySet<string> = new Set([
  "staging",
  "stage",
  "preprod",
  "uat",
  "qa",
  "test",
  "testing",
]);

const ENV_FILE = new RegExp(`^deploy\\.([a-z0-9][a-z0-9_-]*?)-(${ENVIRONMENTS.join("|")})\\.yml$`);
const ROOT_DEPLOY = /^deploy[^/]*\.ya?ml$/;

export interface EnvFile {
  file: string;
  project: string;
  environment: string;
}

/** `deploy.<project>-<env>.yml` at the root, with a known environment name. */
export function environmentFile(path: string): EnvFile | undefined {
  const m = ENV_FILE.exec(path);
  return m ? { file: path, project: m[1]!, environment: m[2]! } : undefined;
}

/** `deploy*.yml` at the repository root, among `files`. */
export function rootDeployFiles(files: readonly string[]): string[] {
  return files.filter((f) => ROOT_DEPLOY.test(f));
}

/** Applications that answer requests from the internet. */
export const PUBLIC_APPS: ReadonlySet<string> = new Set([
  "yves",
  "glue",
  "glue-storefront",
  "glue-backend",
  "backoffice",
  "merchant-portal",
]);

export interface Endpoint {
  file: string;
  group: string;
  app: string;
  /** `groups.<group>.applications.<app>.application`. */
  type: string;
  host: string;
  line: number;
  node: Tree | undefined;
}

export interface DeployFile {
  file: string;
  tree: Tree | undefined;
  env?: EnvFile;
}

export interface DeploySet {
  /** The files checks read: the environment files, or the fallback. */
  files: DeployFile[];
  /** The production environment files among them. */
  production: DeployFile[];
  /** Evidence about the choice: fallback used, files that did not parse. */
  notes: Finding[];
}

/** The set checks read, from the root deploy files; `parse` gives one file's tree. */
export function loadDeploySet(
  all: readonly string[],
  parse: (file: string) => DeployFile | Finding,
): DeploySet {
  const envFiles = all.map(environmentFile).filter((e): e is EnvFile => e !== undefined);
  const notes: Finding[] = [];
  let chosen: { file: string; env?: EnvFile }[];
  if (envFiles.length > 0) {
    chosen = envFiles.map((env) => ({ file: env.file, env }));
  } else {
    chosen = all.filter((f) => !f.startsWith("deploy.ci.")).map((file) => ({ file }));
    if (chosen.length > 0) {
      notes.push({
        code: "deploy-fallback",
        result: "pass",
        found: chosen.map((c) => c.file).join(", "),
      });
    }
  }
  const files: DeployFile[] = [];
  for (const c of chosen) {
    const parsed = parse(c.file);
    if ("code" in parsed) notes.push(parsed);
    else files.push({ ...parsed, ...(c.env ? { env: c.env } : {}) });
  }
  return {
    files,
    production: files.filter((f) => f.env && PRODUCTION_LIKE.has(f.env.environment)),
    notes,
  };
}

/** One deploy file's tree, or the finding that says why it cannot be read. */
export function parseDeployFile(file: string, text: string | undefined): DeployFile | Finding {
  if (text === undefined) return { code: "file-unreadable", result: "unknown", file };
  const parsed = parseYamlTree(text);
  if (parsed.error) {
    return {
      code: "deploy-invalid",
      result: "unknown",
      file,
      line: parsed.error.line,
      found: parsed.error.message,
    };
  }
  return { file, tree: parsed.tree };
}

export function endpoints(files: readonly DeployFile[]): Endpoint[] {
  const out: Endpoint[] = [];
  for (const f of files) {
    const groups = child(f.tree, "groups");
    if (groups?.kind !== "map") continue;
    for (const [group, g] of groups.entries) {
      const apps = child(g, "applications");
      if (apps?.kind !== "map") continue;
      for (const [app, a] of apps.entries) {
        const type = scalarText(child(a, "application")) ?? "";
        const eps = child(a, "endpoints");
        if (eps?.kind !== "map") continue;
        for (const [host, node] of eps.entries) {
          out.push({ file: f.file, group, app, type, host, line: node.line, node });
        }
      }
    }
  }
  return out;
}

/** The applications of the deploy files, with their type. */
export function applications(
  files: readonly DeployFile[],
): { file: string; app: string; type: string; line: number; node: Tree }[] {
  const out: { file: string; app: string; type: string; line: number; node: Tree }[] = [];
  for (const f of files) {
    const groups = child(f.tree, "groups");
    if (groups?.kind !== "map") continue;
    for (const g of groups.entries.values()) {
      const apps = child(g, "applications");
      if (apps?.kind !== "map") continue;
      for (const [app, a] of apps.entries) {
        out.push({
          file: f.file,
          app,
          type: scalarText(child(a, "application")) ?? "",
          line: a.line,
          node: a,
        });
      }
    }
  }
  return out;
}

/** Basic auth (or an IP whitelist) on an endpoint: the line of its `auth`, when it has one. */
export function authOf(endpoint: Endpoint): { line: number; engine: string } | undefined {
  const auth = child(endpoint.node, "auth");
  if (!auth) return undefined;
  const engine = scalarText(child(auth, "engine")) ?? "";
  const users = child(auth, "users");
  const hasUsers = users?.kind === "seq" && users.items.length > 0;
  if (engine === "basic" && hasUsers) return { line: auth.line, engine };
  if (engine === "whitelist") return { line: auth.line, engine };
  return undefined;
}

export function realIpOf(endpoint: Endpoint): Tree | undefined {
  const from = childIn(endpoint.node, ["real-ip", "from"]);
  return from?.kind === "seq" && from.items.length > 0 ? from : undefined;
}
