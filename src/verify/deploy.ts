/**
 * The Docker SDK deploy files of a Spryker project: where they are, which environment each one
 * describes, and the endpoints they declare. Pure: file lists and texts in; `Facts` does the
 * reading and parsing, once.
 *
 * What production runs is judged from the files whose name (or folder) names a production-like
 * environment, wherever they are: `deploy.shop-prod.yml` at the root as much as
 * `deploy/prod/deploy.shop-prod.eu.yml`. Local files (`deploy.yml`, `deploy.dev*.yml`,
 * `deploy.local*.yml`, files whose hosts are all under `.local`, `.localhost`, `.test`, `.docker`
 * or `.internal`, and `environment: docker.dev` in a file not named for production), CI files and
 * templates are never judged as production.
 */
import type { Finding } from "../core/verdict.js";
import { child, childIn, parseYamlTree, scalarText, type Tree } from "./yaml-tree.js";

/** What a deploy file describes, from its name, its folders and its hosts. */
export type DeployKind =
  | "production"
  | "staging"
  | "development"
  | "local"
  | "ci"
  | "template"
  | "other";

/** Environment words of `deploy.<project>-<env>[-more].yml` and of folders, by kind. */
const WORDS: ReadonlyMap<string, "production" | "staging" | "development"> = new Map([
  ...["prod", "production", "prd", "live"].map((w) => [w, "production"] as const),
  ...["staging", "stage", "stg", "preprod", "nonprod", "uat", "qa", "test", "testing"].map(
    (w) => [w, "staging"] as const,
  ),
  ...["dev", "development", "develop"].map((w) => [w, "development"] as const),
]);
const TEMPLATE_WORDS = new Set(["template", "example", "sample", "dist", "skeleton"]);
const CI_FOLDERS = new Set([".github", ".gitlab", ".circleci", "ci", "tests", "test"]);

/** `deploy.yml`, `deploy.<anything>.yml` (or `.yaml`), anywhere. */
const DEPLOY_NAME = /(?:^|\/)deploy(?:[.\-_][^/]*)?\.ya?ml$/i;
/** A Spryker deploy file has at least one of these at the top level; a CI workflow does not. */
const DEPLOY_KEYS = /^(?:groups|regions|image|namespace|services|environment)\s*:/m;

export interface DeployEntry {
  file: string;
  kind: DeployKind;
  /** The environment word that decided a production, staging or development kind. */
  word?: string;
}

/** Splits a name into lower-case words; `pre-prod` and `non-prod` stay one word. */
function words(name: string): string[] {
  const out: string[] = [];
  for (const w of name.toLowerCase().split(/[.\-_]+/)) {
    if (w === "") continue;
    const last = out[out.length - 1];
    if ((last === "pre" || last === "non") && (w === "prod" || w === "production")) {
      out[out.length - 1] = `${last}prod`;
    } else out.push(w);
  }
  return out;
}

/** Whether `path` is named like a deploy file (the text decides whether it is one). */
export function isDeployName(path: string): boolean {
  return DEPLOY_NAME.test(path) && !path.includes(".github/workflows/");
}

/** Whether the text is a Docker SDK deploy file and not, say, a CI workflow named deploy.yml. */
export function looksLikeDeployFile(text: string): boolean {
  return DEPLOY_KEYS.test(text);
}

/** Which environment a deploy file describes; `text` tells local hosts apart. */
export function classifyDeployFile(path: string, text: string | undefined): DeployEntry {
  const parts = path.split("/");
  const base = parts.pop()!;
  const name = words(base.replace(/^deploy/i, "").replace(/\.ya?ml$/i, ""));
  const folders = parts.flatMap((p) => [p.toLowerCase(), ...words(p)]);
  if (name[0] === "ci" || folders.some((f) => CI_FOLDERS.has(f))) return { file: path, kind: "ci" };
  if (name.some((w) => TEMPLATE_WORDS.has(w))) return { file: path, kind: "template" };
  const dotted = /^deploy\.(?:dev(?![a-z])|local)/i.test(base);
  const word =
    [...name].reverse().find((w) => WORDS.has(w)) ??
    [...folders].reverse().find((w) => WORDS.has(w));
  // deploy.yml, deploy.dev*.yml and deploy.local*.yml are the Docker SDK's local files;
  // deploy.shop-dev.yml is not. Hosts no cloud serves make any file local when every host it
  // declares is one: a cloud file may declare an internal endpoint
  // (`glue-backend.shop.internal`) beside its public ones.
  if (localHosts(text) || dotted || (name.length === 0 && !folders.some((f) => WORDS.has(f))))
    return { file: path, kind: "local" };
  // `environment: docker.dev` is the SDK's development mode: local, unless the name says
  // production (then APP-16 reports the development environment on a production file) or the
  // file sets the cloud's deploy hooks (a cloud environment run in development mode, as
  // Spryker's own demo environments are).
  if (
    WORDS.get(word ?? "") !== "production" &&
    text !== undefined &&
    LOCAL_ENVIRONMENT.test(text) &&
    !CLOUD_HOOK.test(text)
  )
    return { file: path, kind: "local" };
  if (word) return { file: path, kind: WORDS.get(word)!, word };
  return { file: path, kind: "other" };
}

/** Top-level domains no cloud environment serves: a host under one is a developer's machine. */
const LOCAL_HOST =
  /^\s*['"]?(?:[\w*-]+\.)+(?:local|localhost|test|docker|internal)(?::\d+)?['"]?\s*:(?:\s|$)/;
const LOCAL_ENVIRONMENT = /^environment\s*:\s*['"]?docker\.dev['"]?\s*(?:#.*)?$/m;
/** Variables only Spryker Cloud's pipelines read. */
const CLOUD_HOOK =
  /^\s*SPRYKER_HOOK_(?:INSTALL|BEFORE_DEPLOY|AFTER_DEPLOY|DESTRUCTIVE_INSTALL)\s*:/m;

/** `LOCAL_HOST` on any line: most files have none, and need no line-by-line reading. */
const LOCAL_HOST_ANYWHERE = new RegExp(LOCAL_HOST.source, "m");

/** A key that names a host (an endpoint): dotted, with a map (or an anchor, an alias) after it. */
const HOST_KEY =
  /^\s*['"]?(?:[\w*-]+\.)+[a-z][\w-]*(?::\d+)?['"]?\s*:\s*(?:[&*][\w-]+\s*)?(?:\{.*)?(?:#.*)?$/i;

/**
 * Whether a deploy file's text declares hosts (keys) under a local top-level domain, and no
 * host under another.
 */
function localHosts(text: string | undefined): boolean {
  if (text === undefined || !LOCAL_HOST_ANYWHERE.test(text)) return false;
  let local = false;
  for (const line of text.split("\n")) {
    if (LOCAL_HOST.test(line)) local = true;
    else if (HOST_KEY.test(line)) return false;
  }
  return local;
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
/** The ones customers reach: IP tracking there is what the item is about. */
export const STOREFRONT_APPS: ReadonlySet<string> = new Set(["yves", "glue", "glue-storefront"]);

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

/**
 * A zed endpoint without `entry-point`: the Back Office of a shop from before the endpoint
 * split (Back Office, gateway and API in one application).
 */
export function isLegacyBackOffice(e: Endpoint): boolean {
  return e.type === "zed" && scalarText(child(e.node, "entry-point")) === undefined;
}

export interface DeployFile {
  file: string;
  kind: DeployKind;
  tree: Tree | undefined;
  /** Lines whose quoted value was read leniently, as the Docker SDK reads it. */
  lenient?: number[];
}

/**
 * The deploy files a rule about production judges: the production files when there are any,
 * else the other cloud environments' files (said so in `notes`), else none.
 */
export interface ProductionScope {
  basis: "production" | "fallback" | "none";
  /** The files that parsed. */
  files: DeployFile[];
  /** Which files were judged, and every one that could not be read (never skipped silently). */
  notes: Finding[];
}

/** The files a production rule judges, from every deploy file and a parser for one. */
export function productionScope(
  all: readonly DeployEntry[],
  parse: (file: string) => DeployFile | Finding,
): ProductionScope {
  const production = all.filter((e) => e.kind === "production");
  const cloud = all.filter(
    (e) => e.kind === "staging" || e.kind === "development" || e.kind === "other",
  );
  const chosen = production.length > 0 ? production : cloud;
  const basis = production.length > 0 ? "production" : cloud.length > 0 ? "fallback" : "none";
  const list = chosen.map((e) => e.file).join(", ");
  const notes: Finding[] = [];
  if (basis === "production") notes.push({ code: "deploy-judged", result: "pass", found: list });
  else if (basis === "fallback")
    notes.push({ code: "deploy-no-production", result: "pass", found: list });
  else
    notes.push({
      code: "deploy-none",
      result: "unknown",
      // The count, not the list: a demo shop has a dozen CI files.
      ...(all.length > 0 ? { found: `${all.length}` } : {}),
    });
  const files: DeployFile[] = [];
  for (const e of chosen) {
    const parsed = parse(e.file);
    if ("code" in parsed) notes.push(parsed);
    else {
      files.push(parsed);
      for (const line of parsed.lenient ?? [])
        notes.push({ code: "deploy-lenient", result: "pass", file: parsed.file, line });
    }
  }
  return { basis, files, notes };
}

/** One deploy file's tree, or the finding that says why it cannot be read. */
export function parseDeployFile(
  entry: DeployEntry,
  text: string | undefined,
): DeployFile | Finding {
  const file = entry.file;
  if (text === undefined) return { code: "file-unreadable", result: "unknown", file };
  const parsed = parseYamlTree(text);
  if (parsed.error) {
    return {
      code: "deploy-invalid",
      result: "unknown",
      file,
      line: parsed.error.line,
      col: parsed.error.col,
      found: parsed.error.kind,
    };
  }
  return {
    file,
    kind: entry.kind,
    tree: parsed.tree,
    ...(parsed.lenient ? { lenient: parsed.lenient } : {}),
  };
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
  // An auth block merged from an anchor (`<<: *frontend-auth`) was written above, where the
  // anchor is: the evidence is then the endpoint that uses it.
  const line = Math.max(auth.line, endpoint.line);
  if (engine === "basic" && hasUsers) return { line, engine };
  if (engine === "whitelist") return { line, engine };
  return undefined;
}

export function realIpOf(endpoint: Endpoint): Tree | undefined {
  const from = childIn(endpoint.node, ["real-ip", "from"]);
  return from?.kind === "seq" && from.items.length > 0 ? from : undefined;
}
