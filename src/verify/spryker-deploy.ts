/**
 * Named Spryker rules that read the deploy files: IP tracking, the database, split Zed
 * endpoints, the deploy files themselves, basic auth before and after go-live, and what a
 * production deploy file must not run. Rules about production judge the production files
 * (`Facts.production()`), and every result names the files it judged.
 */
import { daysBetween } from "../core/dates.js";
import type { Finding, Result } from "../core/verdict.js";
import {
  applications,
  authOf,
  type DeployFile,
  type Endpoint,
  endpoints,
  isLegacyBackOffice,
  PUBLIC_APPS,
  realIpOf,
  STOREFRONT_APPS,
} from "./deploy.js";
import type { Facts } from "./facts.js";
import { child, childIn, eachEntry, scalarText, type Tree } from "./yaml-tree.js";

/** The judged files, or the findings that say there are none to judge (at least one unknown). */
function judged(facts: Facts): { files: DeployFile[]; notes: Finding[]; none?: Finding[] } {
  const scope = facts.production();
  if (scope.files.length > 0) return { files: scope.files, notes: scope.notes };
  const none = scope.notes.some((n) => n.result !== "pass")
    ? scope.notes
    : [...scope.notes, { code: "deploy-none" as const, result: "unknown" as const }];
  return { files: [], notes: scope.notes, none };
}

function describe(e: Endpoint): string {
  return isLegacyBackOffice(e) ? `${e.host} (zed: Back Office)` : `${e.host} (${e.type})`;
}

/**
 * APP-01: `real-ip.from` on every public endpoint of production. A storefront endpoint (yves,
 * glue) without it fails: that is where attacks come from; back-office ones only warn.
 */
export function ipTracking(facts: Facts): Finding[] {
  const { files, notes, none } = judged(facts);
  if (none) return none;
  const pub = endpoints(files).filter((e) => PUBLIC_APPS.has(e.type) || isLegacyBackOffice(e));
  if (pub.length === 0) return [...notes, { code: "no-public-endpoints", result: "unknown" }];
  const missing = pub.filter((e) => !realIpOf(e));
  const findings: Finding[] = [...notes];
  if (missing.length === 0) {
    findings.push({
      code: "ip-tracking-all",
      result: "pass",
      found: `${pub.length}`,
      file: pub[0]!.file,
      line: realIpOf(pub[0]!)!.line,
    });
    return findings;
  }
  if (missing.length === pub.length)
    findings.push({ code: "ip-tracking-none", result: "fail", found: `${pub.length}` });
  for (const e of missing)
    findings.push({
      code: "ip-tracking-missing",
      result: STOREFRONT_APPS.has(e.type) ? "fail" : "warn",
      file: e.file,
      line: e.line,
      subject: describe(e),
      expected: "real-ip.from",
    });
  return findings;
}

/** APP-04: MariaDB is `engine: mysql` with `version: mariadb-*`. */
export function database(facts: Facts): Finding[] {
  const { files, notes, none } = judged(facts);
  if (none) return none;
  const findings: Finding[] = [...notes];
  for (const f of files) {
    const db = childIn(f.tree, ["services", "database"]);
    const engine = scalarText(child(db, "engine"));
    const version = scalarText(child(db, "version")) ?? "";
    const line = (child(db, "version") ?? child(db, "engine") ?? db)?.line;
    const at = { file: f.file, ...(line !== undefined ? { line } : {}) };
    const found = [engine, version].filter(Boolean).join(" ");
    if (!engine) findings.push({ code: "db-unknown", result: "unknown", ...at });
    else if (/^postgres/i.test(engine))
      findings.push({ code: "db-postgresql", result: "warn", ...at, found });
    else if (engine === "mysql" && /^mariadb-/i.test(version))
      findings.push({ code: "db-mariadb", result: "pass", ...at, found });
    else if (engine === "mysql")
      findings.push({
        code: "db-mysql",
        result: "fail",
        ...at,
        found,
        expected: "mysql with version mariadb-*",
      });
    else findings.push({ code: "db-unknown", result: "unknown", ...at, found });
  }
  return findings;
}

const BOOTSTRAPS = [
  "public/Backoffice/index.php",
  "public/BackendGateway/index.php",
  "public/BackendApi/index.php",
];

/** APP-05: separate Back Office, backend gateway and backend API bootstraps. */
export function splitEndpoints(facts: Facts): Finding[] {
  const { files, notes, none } = judged(facts);
  // Without a deploy file to judge, the bootstraps still tell: a public/ with only Yves, Zed
  // and Glue is not split, whatever the cloud runs.
  const findings: Finding[] = [...(none ?? notes)];
  // Each file judged must have every piece: one production region without a backend gateway
  // is not split because another region has one.
  for (const file of files) {
    const apps = applications([file]);
    for (const type of ["backoffice", "backend-gateway"]) {
      const found = apps.find((a) => a.type === type);
      findings.push(
        found
          ? {
              code: "split-app-present",
              result: "pass",
              file: found.file,
              line: found.line,
              subject: type,
            }
          : { code: "split-app-missing", result: "warn", file: file.file, subject: type },
      );
    }
    const zed = endpoints([file]).filter((e) => e.type === "zed");
    for (const e of zed) {
      const entry = scalarText(child(e.node, "entry-point"));
      const at = { file: e.file, line: e.line, subject: e.host };
      // Without an entry point, zed is the Back Office, gateway and API in one application.
      if (!entry)
        findings.push({
          code: "split-entry-point-missing",
          result: "fail",
          ...at,
          expected: "backoffice and backend-gateway applications, zed with entry-point: BackendApi",
        });
      else if (entry === "BackendApi")
        findings.push({ code: "split-entry-point-ok", result: "pass", ...at, found: entry });
      // An application of the project's own (`entry-point: StoreApp`): not a missing split.
      else findings.push({ code: "split-entry-point-custom", result: "pass", ...at, found: entry });
    }
    if (!zed.some((e) => scalarText(child(e.node, "entry-point")) === "BackendApi"))
      findings.push({
        code: "split-app-missing",
        result: "warn",
        file: file.file,
        subject: "zed with entry-point: BackendApi",
      });
  }
  for (const file of BOOTSTRAPS) {
    findings.push(
      facts.has(file)
        ? { code: "split-bootstrap-present", result: "pass", file }
        : { code: "split-bootstrap-missing", result: "warn", file },
    );
  }
  return findings;
}

/**
 * APP-07: a production-like and a staging-like deploy file, named after their environment
 * (`deploy.<project>-<env>[-more].yml`), at the root or in folders.
 */
export function deployFiles(facts: Facts): Finding[] {
  const findings: Finding[] = [];
  let production = false;
  let staging = false;
  for (const e of facts.deployEntries()) {
    if (e.kind === "production" || e.kind === "staging" || e.kind === "development") {
      findings.push({ code: "deploy-env-file", result: "pass", file: e.file, subject: e.word! });
      production ||= e.kind === "production";
      staging ||= e.kind === "staging";
    } else if (e.kind === "other") {
      // deploy.shop-dynamicstore.yml and the like: named like an environment file, but not one.
      findings.push({
        code: "deploy-lookalike",
        result: "pass",
        file: e.file,
        expected: "deploy.<project>-<environment>.yml",
      });
    }
  }
  if (!production)
    findings.push({
      code: "deploy-production-missing",
      result: "fail",
      expected: "deploy.<project>-prod.yml or -production.yml",
    });
  if (!staging)
    findings.push({
      code: "deploy-staging-missing",
      result: "fail",
      expected: "deploy.<project>-staging.yml (or -stage, -uat, -qa, -preprod, -test)",
    });
  return findings;
}

/**
 * CLO-05: Back Office and Merchant Portal behind basic auth (or a whitelist); in a shop from
 * before the endpoint split, the zed endpoint without entry-point is the Back Office.
 */
export function backofficeAuth(facts: Facts): Finding[] {
  const { files, notes, none } = judged(facts);
  if (none) return none;
  const eps = endpoints(files).filter(
    (e) => e.type === "backoffice" || e.type === "merchant-portal" || isLegacyBackOffice(e),
  );
  if (eps.length === 0) return [...notes, { code: "no-protected-apps", result: "unknown" }];
  return [
    ...notes,
    ...eps.map((e): Finding => {
      const auth = authOf(e);
      return auth
        ? {
            code: "auth-protected",
            result: "pass",
            file: e.file,
            line: auth.line,
            subject: describe(e),
            found: auth.engine,
          }
        : {
            code: "auth-unprotected",
            result: "warn",
            file: e.file,
            line: e.line,
            subject: describe(e),
            expected: "auth.engine: basic with auth.users",
          };
    }),
  ];
}

/**
 * CLO-17: basic auth on the production storefront is expected until go-live day, and a
 * failure after. Only production files count, wherever they are.
 */
export function storefrontAuth(facts: Facts): Finding[] {
  const scope = facts.production();
  if (scope.basis !== "production" || scope.files.length === 0)
    return [
      ...scope.notes.filter((n) => n.result !== "pass" && n.code !== "deploy-none"),
      { code: "no-production-deploy-file", result: "unknown" },
    ];
  const yves = endpoints(scope.files).filter((e) => e.type === "yves");
  if (yves.length === 0)
    return [...scope.notes, { code: "no-public-endpoints", result: "unknown", subject: "yves" }];
  const live = daysBetween(facts.ctx.goLive, facts.ctx.today) >= 0;
  return [
    ...scope.notes,
    ...yves.map((e): Finding => {
      // Any `auth` counts here, whatever its engine: the storefront must be open.
      const node = child(e.node, "auth");
      // Merged from an anchor written above: the evidence is the endpoint (as in authOf).
      const auth = node
        ? {
            line: Math.max(node.line, e.line),
            engine: scalarText(child(node, "engine")) ?? "auth",
          }
        : undefined;
      const at = { file: e.file, subject: e.host };
      if (!auth) return { code: "storefront-open", result: "pass", ...at, line: e.line };
      return live
        ? {
            code: "storefront-auth-live",
            result: "fail",
            ...at,
            line: auth.line,
            found: auth.engine,
            expected: "no auth on the production storefront",
          }
        : {
            code: "storefront-auth-before-golive",
            result: "pass",
            ...at,
            line: auth.line,
            found: auth.engine,
            expected: facts.ctx.goLive,
          };
    }),
  ];
}

// ---------------------------------------------------------------------------------------------
// CLO-10: what a production deploy file must not run.

/** Security support of PHP ends (php.net/supported-versions), by minor version. */
const PHP_END: Record<string, string> = {
  "7.3": "2021-12-06",
  "7.4": "2022-11-28",
  "8.0": "2023-11-26",
  "8.1": "2025-12-31",
  "8.2": "2026-12-31",
  "8.3": "2027-12-31",
  "8.4": "2028-12-31",
  "8.5": "2029-12-31",
};
/**
 * End of maintenance of search engines, by minor version where each minor has its own and by
 * major version otherwise. Elasticsearch (elastic.co/support/eol): each 7.x minor 18 months
 * after its GA, 7.17 extended to 2026-01-15; 5.x and 6.x by their last minor. OpenSearch
 * (opensearch.org/releases, maintenance policy): a 1.x minor until the next minor's release,
 * 1.3 until 2025-05-06. A version not listed (8.x, OpenSearch 2.x) has no end golive knows.
 */
const SEARCH_END: Record<string, Record<string, string>> = {
  elastic: {
    "5": "2019-03-11",
    "6": "2022-02-10",
    "7.0": "2020-10-10",
    "7.1": "2020-11-20",
    "7.2": "2020-12-25",
    "7.3": "2021-01-31",
    "7.4": "2021-04-01",
    "7.5": "2021-06-02",
    "7.6": "2021-08-11",
    "7.7": "2021-11-13",
    "7.8": "2021-12-18",
    "7.9": "2022-02-18",
    "7.10": "2022-05-11",
    "7.11": "2022-08-10",
    "7.12": "2022-09-23",
    "7.13": "2022-11-25",
    "7.14": "2023-02-03",
    "7.15": "2023-03-22",
    "7.16": "2023-06-07",
    "7.17": "2026-01-15",
  },
  opensearch: {
    "1.0": "2021-10-05",
    "1.1": "2021-11-23",
    "1.2": "2022-03-17",
    "1.3": "2025-05-06",
  },
};

/** The end of maintenance of a search engine's version: its minor's, else its major's. */
export function searchEndOfLife(engine: string, version: string): string | undefined {
  const m = /^(\d+)(?:\.(\d+))?/.exec(version.trim());
  if (!m) return undefined;
  const table = Object.hasOwn(SEARCH_END, engine) ? SEARCH_END[engine]! : undefined;
  if (!table) return undefined;
  const minor = m[2] !== undefined ? `${m[1]}.${m[2]}` : undefined;
  if (minor !== undefined && Object.hasOwn(table, minor)) return table[minor];
  // A major listed by its minors needs the minor; "7" alone is read as its last minor.
  const minors = Object.keys(table).filter((k) => k.startsWith(`${m[1]}.`));
  if (minors.length > 0) return minor === undefined ? table[minors.at(-1)!] : undefined;
  return Object.hasOwn(table, m[1]!) ? table[m[1]!] : undefined;
}

function endOfLife(
  end: string | undefined,
  facts: Facts,
): { result: Result; found: string } | undefined {
  if (end === undefined) return undefined;
  if (end <= facts.ctx.today) return { result: "fail", found: end };
  if (end <= facts.ctx.goLive) return { result: "warn", found: end };
  return undefined;
}

export function productionDeploy(facts: Facts): Finding[] {
  const { files, notes, none } = judged(facts);
  if (none) return none;
  const findings: Finding[] = [...notes];
  const push = (f: Finding) => findings.push(f);
  for (const f of files) {
    for (const e of endpoints([f])) {
      const cors = child(e.node, "cors-allow-origin");
      if (scalarText(cors)?.trim() === "*")
        push({
          code: "deploy-cors-any",
          result: "fail",
          file: f.file,
          line: cors!.line,
          subject: `${e.host} (${e.type})`,
          expected: "the storefront origins, not *",
        });
    }
    const blackfire = childIn(f.tree, ["services", "blackfire"]);
    if (blackfire)
      push({ code: "deploy-blackfire", result: "fail", file: f.file, line: blackfire.line });
    const extensions = childIn(f.tree, ["image", "php", "enabled-extensions"]);
    if (extensions?.kind === "seq")
      for (const x of extensions.items)
        if (scalarText(x) === "blackfire")
          push({ code: "deploy-blackfire", result: "fail", file: f.file, line: x.line });
    const mail = childIn(f.tree, ["services", "mail_catcher"]);
    if (mail) {
      push({
        code: "deploy-mail-catcher",
        result: "fail",
        file: f.file,
        line: mail.line,
        found: scalarText(child(mail, "engine")) ?? "mail_catcher",
      });
    }
    eachImage(f.tree, (tag, node) => {
      const php = /(?:^|\/)php:(\d+\.\d+)/.exec(tag)?.[1];
      const eol = endOfLife(php ? PHP_END[php] : undefined, facts);
      if (php && eol)
        push({
          code: "deploy-eol-php",
          result: eol.result,
          file: f.file,
          line: node.line,
          subject: `PHP ${php}`,
          found: eol.found,
        });
    });
    const search = childIn(f.tree, ["services", "search"]);
    const engine = scalarText(child(search, "engine"));
    const version = scalarText(child(search, "version"));
    if (engine && version) {
      const eol = endOfLife(searchEndOfLife(engine, version), facts);
      if (eol)
        push({
          code: "deploy-eol-search",
          result: eol.result,
          file: f.file,
          line: (child(search, "version") ?? search)!.line,
          subject: `${engine} ${version}`,
          found: eol.found,
        });
    }
  }
  if (!findings.some((f) => f.result !== "pass"))
    findings.push({ code: "deploy-production-clean", result: "pass", found: `${files.length}` });
  return findings;
}

/** Every `image:` / `tag:` of the file that names a Docker image (the PHP image is `image.tag`). */
function eachImage(tree: Tree | undefined, visit: (tag: string, node: Tree) => void): void {
  eachEntry(tree, (key, value) => {
    if (key !== "tag" && key !== "image") return;
    const tag = scalarText(value);
    if (tag?.includes(":")) visit(tag, value);
  });
}
