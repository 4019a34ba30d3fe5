/**
 * Named Spryker rules that read the deploy files: IP tracking, the database, split Zed
 * endpoints, the deploy files themselves, and basic auth before and after go-live.
 */
import { daysBetween } from "../core/dates.js";
import type { Finding } from "../core/verdict.js";
import {
  applications,
  authOf,
  endpoints,
  environmentFile,
  PRODUCTION_LIKE,
  PUBLIC_APPS,
  realIpOf,
  STAGING_LIKE,
} from "./deploy.js";
import type { Facts } from "./facts.js";
import { child, childIn, scalarText } from "./yaml-tree.js";

function noDeploy(facts: Facts): Finding[] | undefined {
  const set = facts.deploy();
  return set.files.length === 0
    ? [...set.notes, { code: "deploy-none", result: "unknown" }]
    : undefined;
}

/** APP-01: `real-ip.from` on every public endpoint. */
export function ipTracking(facts: Facts): Finding[] {
  const none = noDeploy(facts);
  if (none) return none;
  const set = facts.deploy();
  const pub = endpoints(set.files).filter((e) => PUBLIC_APPS.has(e.type));
  if (pub.length === 0) return [...set.notes, { code: "no-public-endpoints", result: "unknown" }];
  const missing = pub.filter((e) => !realIpOf(e));
  const findings: Finding[] = [...set.notes];
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
  const result = missing.length === pub.length ? "fail" : "warn";
  if (result === "fail")
    findings.push({ code: "ip-tracking-none", result, found: `${pub.length}` });
  for (const e of missing)
    findings.push({
      code: "ip-tracking-missing",
      result,
      file: e.file,
      line: e.line,
      subject: `${e.host} (${e.type})`,
      expected: "real-ip.from",
    });
  return findings;
}

/** APP-04: MariaDB is `engine: mysql` with `version: mariadb-*`. */
export function database(facts: Facts): Finding[] {
  const none = noDeploy(facts);
  if (none) return none;
  const set = facts.deploy();
  const findings: Finding[] = [...set.notes];
  for (const f of set.files) {
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
  const none = noDeploy(facts);
  if (none) return none;
  const set = facts.deploy();
  const findings: Finding[] = [...set.notes];
  const apps = applications(set.files);
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
        : { code: "split-app-missing", result: "warn", subject: type },
    );
  }
  const zed = endpoints(set.files).filter((e) => e.type === "zed");
  for (const e of zed) {
    const entry = scalarText(child(e.node, "entry-point"));
    const at = { file: e.file, line: e.line, subject: e.host };
    if (!entry)
      findings.push({
        code: "split-entry-point-missing",
        result: "fail",
        ...at,
        expected: "entry-point: BackendApi",
      });
    else if (entry === "BackendApi")
      findings.push({ code: "split-entry-point-ok", result: "pass", ...at, found: entry });
    else
      findings.push({
        code: "split-entry-point-missing",
        result: "warn",
        ...at,
        found: entry,
        expected: "entry-point: BackendApi",
      });
  }
  if (!zed.some((e) => scalarText(child(e.node, "entry-point")) === "BackendApi"))
    findings.push({
      code: "split-app-missing",
      result: "warn",
      subject: "zed with entry-point: BackendApi",
    });
  for (const file of BOOTSTRAPS) {
    findings.push(
      facts.has(file)
        ? { code: "split-bootstrap-present", result: "pass", file }
        : { code: "split-bootstrap-missing", result: "warn", file },
    );
  }
  return findings;
}

const IGNORED_DEPLOY = /^deploy(\.dev|\.ci\..*|\.aws-env-template)?\.ya?ml$/;

/** APP-07: one production-like and one staging-like `deploy.<project>-<env>.yml`. */
export function deployFiles(facts: Facts): Finding[] {
  const findings: Finding[] = [];
  let production = false;
  let staging = false;
  for (const file of facts.rootDeployFiles()) {
    const env = environmentFile(file);
    if (env) {
      findings.push({ code: "deploy-env-file", result: "pass", file, subject: env.environment });
      production ||= PRODUCTION_LIKE.has(env.environment);
      staging ||= STAGING_LIKE.has(env.environment);
    } else if (!IGNORED_DEPLOY.test(file)) {
      // deploy.shop-dynamicstore.yml and the like: named like an environment file, but not one.
      findings.push({
        code: "deploy-lookalike",
        result: "pass",
        file,
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

/** The production files, or the finding that there is none. */
function productionEndpoints(facts: Facts) {
  const set = facts.deploy();
  return set.production.length > 0 ? endpoints(set.production) : undefined;
}

/** CLO-05: Back Office and Merchant Portal behind basic auth (or a whitelist). */
export function backofficeAuth(facts: Facts): Finding[] {
  const none = noDeploy(facts);
  if (none) return none;
  const set = facts.deploy();
  const eps = (productionEndpoints(facts) ?? endpoints(set.files)).filter(
    (e) => e.type === "backoffice" || e.type === "merchant-portal",
  );
  if (eps.length === 0) return [...set.notes, { code: "no-protected-apps", result: "unknown" }];
  return [
    ...set.notes,
    ...eps.map((e): Finding => {
      const auth = authOf(e);
      return auth
        ? {
            code: "auth-protected",
            result: "pass",
            file: e.file,
            line: auth.line,
            subject: `${e.host} (${e.type})`,
            found: auth.engine,
          }
        : {
            code: "auth-unprotected",
            result: "warn",
            file: e.file,
            line: e.line,
            subject: `${e.host} (${e.type})`,
            expected: "auth.engine: basic with auth.users",
          };
    }),
  ];
}

/** CLO-17: basic auth on the storefront is expected until go-live day, and a failure after. */
export function storefrontAuth(facts: Facts): Finding[] {
  const eps = productionEndpoints(facts);
  if (!eps)
    return [...facts.deploy().notes, { code: "no-production-deploy-file", result: "unknown" }];
  const yves = eps.filter((e) => e.type === "yves");
  if (yves.length === 0)
    return [{ code: "no-public-endpoints", result: "unknown", subject: "yves" }];
  const live = daysBetween(facts.ctx.goLive, facts.ctx.today) >= 0;
  return yves.map((e): Finding => {
    // Any `auth` counts here, whatever its engine: the storefront must be open.
    const node = child(e.node, "auth");
    const auth = node
      ? { line: node.line, engine: scalarText(child(node, "engine")) ?? "auth" }
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
  });
}
