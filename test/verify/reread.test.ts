/**
 * Shapes a reviewer found re-reading Spryker's demo shops by hand (docs/verify.md, "Spryker's
 * demo shops", 7 December 2026), each in a fixture of our own under test/fixtures/reread/, laid
 * over the passing shop: where golive's findings and the reviewer's differed.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, test } from "vitest";
import { findingMessage } from "../../src/render/verify-words.js";
import { composerLock, found, shop, verdict } from "../helpers/shop.js";

const FIXTURES = resolve(import.meta.dirname, "../fixtures/reread");

/** The files of one fixture folder, by their path inside it. */
function fixture(name: string): Record<string, string> {
  const root = join(FIXTURES, name);
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else out[relative(root, path).split("\\").join("/")] = readFileSync(path, "utf8");
    }
  };
  walk(root);
  return out;
}

/** The passing shop with a composer.lock of `packages`. */
function editLock(packages: Record<string, string>): Record<string, string | Uint8Array> {
  return { ...shop(), "composer.lock": composerLock(packages) };
}

describe("APP-17: .env files", () => {
  test("a committed .env file named for CI, a local machine or tests only warns, as CI and development configuration does; others fail, .env.prod.local too", () => {
    const v = verdict("APP-17", { ...shop(), ...fixture("env-files") });
    const env = found(v).filter((f) => f.code === "secret-env-literal");
    expect(env.map((f) => [f.file, f.line, f.subject, f.result])).toEqual([
      [".env", 1, "SPRYKER_DB_PASSWORD", "fail"],
      [".env.prod.local", 2, "APP_SECRET", "fail"],
      [".env.production", 1, "SPRYKER_BROKER_PASSWORD", "fail"],
      ["tests/e2e/.envs/.env.ci", 5, "DEFAULT_PASSWORD", "warn"],
      ["tests/e2e/.envs/.env.local", 2, "DEFAULT_PASSWORD", "warn"],
    ]);
    expect(findingMessage(env[3]!)).toBe(
      "DEFAULT_PASSWORD has a value in a committed .env file (not shown); a local, CI or test file",
    );
    expect(findingMessage(env[0]!)).toBe(
      "SPRYKER_DB_PASSWORD has a value in a committed .env file (not shown)",
    );
    expect(JSON.stringify(v)).not.toContain("reread-fixture");
  });
});

describe("APP-17: .env files in a folder named for production", () => {
  test("fail whatever the file's own name says: production/.env.local is the production machine's", () => {
    const line = "SPRYKER_DB_PASSWORD=Xk9vQ2pL7wR4tY8z\n";
    const files = ["deploy/prd/.env.test", "environments/live/.env.ci", "production/.env.local"];
    const v = verdict("APP-17", { ...shop(), ...Object.fromEntries(files.map((f) => [f, line])) });
    expect(v.result).toBe("fail");
    const env = found(v).filter((f) => f.code === "secret-env-literal");
    expect(env.map((f) => [f.file, f.result])).toEqual(files.map((f) => [f, "fail"]));
    expect(JSON.stringify(v)).not.toContain("Xk9vQ2pL7wR4tY8z");
  });
});

describe("APP-17: a plain .env.local", () => {
  test("is every machine's override, production's too: it fails, but in a test suite's folder only warns", () => {
    const line = "SPRYKER_DB_PASSWORD=Xk9vQ2pL7wR4tY8z\n";
    const files = [".env.local", "config/.env.local", "tests/e2e/.envs/.env.local"];
    const v = verdict("APP-17", { ...shop(), ...Object.fromEntries(files.map((f) => [f, line])) });
    expect(v.result).toBe("fail");
    const env = found(v).filter((f) => f.code === "secret-env-literal");
    expect(env.map((f) => [f.file, f.result])).toEqual([
      [".env.local", "fail"],
      ["config/.env.local", "fail"],
      ["tests/e2e/.envs/.env.local", "warn"],
    ]);
    expect(JSON.stringify(v)).not.toContain("Xk9vQ2pL7wR4tY8z");
  });
});

describe("DAT-02: demo users", () => {
  test("every @spryker.com installer user and ACL entry is a demo user, not only the two administrators", () => {
    const v = verdict("DAT-02", { ...shop(), ...fixture("demo-users") });
    expect(v.result).toBe("fail");
    expect(found(v).map((f) => [f.code, f.file, f.line, f.found])).toEqual([
      ["demo-user", "src/Pyz/Zed/User/UserConfig.php", 14, "admin@spryker.com"],
      ["demo-user", "src/Pyz/Zed/User/UserConfig.php", 19, "erika.demo@spryker.com"],
      ["demo-user", "src/Pyz/Zed/User/UserConfig.php", 24, "merchant-agent@spryker.com"],
      ["demo-user", "src/Pyz/Zed/Acl/AclConfig.php", 12, "admin@spryker.com"],
      ["demo-user", "src/Pyz/Zed/Acl/AclConfig.php", 13, "erika.demo@spryker.com"],
    ]);
  });
});

describe("counts in verify's words", () => {
  test("a count that is no number (docs/verify.md's FOUND, evidence edited by hand) shows as it is, never NaN", () => {
    const words = (found: string) =>
      findingMessage({ code: "propel-migrations-present", result: "pass", found });
    expect(words("1")).toBe("1 Propel migration committed");
    expect(words("3")).toBe("3 Propel migrations committed");
    expect(words("FOUND")).toBe("FOUND Propel migrations committed");
    expect(readFileSync(resolve(FIXTURES, "../../../docs/verify.md"), "utf8")).not.toContain("NaN");
  });
});

describe("APP-05: the backend API is split off only where a shop has one", () => {
  const without = (name: string) => {
    const files: Record<string, string | Uint8Array> = { ...shop(), ...fixture(name) };
    delete files["public/BackendApi/index.php"];
    return files;
  };

  test("Back Office and backend gateway split, no backend API anywhere (b2b-demo-marketplace): pass", () => {
    const v = verdict("APP-05", without("split-without-backend-api"));
    expect(v.result).toBe("pass");
    expect(found(v).map((f) => [f.code, f.file, f.subject])).toEqual([
      ["split-app-present", "deploy.shop-prod.yml", "backoffice"],
      ["split-app-present", "deploy.shop-prod.yml", "backend-gateway"],
      ["split-bootstrap-present", "public/Backoffice/index.php", undefined],
      ["split-bootstrap-present", "public/BackendGateway/index.php", undefined],
    ]);
  });

  test("a zed endpoint with entry-point: BackendApi needs its bootstrap: warn without it", () => {
    const v = verdict("APP-05", without("backend-api-without-bootstrap"));
    expect(v.result).toBe("warn");
    expect(found(v).filter((f) => f.result === "warn")).toEqual([
      { code: "split-bootstrap-missing", result: "warn", file: "public/BackendApi/index.php" },
    ]);
  });
});

describe("APP-02: a shop on modules, not feature packages (suite)", () => {
  test("spryker/kernel past 202009.0's says so: the floor holds, which release it is stays unknown", () => {
    const files = editLock({
      "spryker-feature/self-service-portal": "15.0.0",
      "spryker/kernel": "3.79.0",
      "spryker/twig": "3.29.0",
    });
    const v = verdict("APP-02", files);
    expect(v.result).toBe("unknown");
    const none = found(v)[0]!;
    expect(none).toMatchObject({
      code: "release-none",
      result: "unknown",
      subject: "spryker/kernel",
      found: "3.79.0",
      expected: "202009.0",
    });
    expect(findingMessage(none)).toBe(
      "no spryker-feature/* packages with a release version in production; spryker/kernel 3.79.0 shows 202009.0 or newer, not which release",
    );
  });
});

describe("CLO-11 without a cloud deploy file", () => {
  /** The passing shop without its deploy files, with the fixture's local file and recipe. */
  const files = () => {
    const out: Record<string, string | Uint8Array> = { ...shop() };
    for (const name of Object.keys(out)) if (/^deploy\..*\.yml$/.test(name)) delete out[name];
    return { ...out, ...fixture("no-cloud-file-default-recipe") };
  };

  test("the cloud's default recipe that drops tables and imports demo data warns: the first cloud file without a hook runs it", () => {
    const v = verdict("CLO-11", files());
    expect(v.result).toBe("warn");
    expect(found(v).map((f) => [f.code, f.result, f.file, f.line, f.found])).toEqual([
      ["deploy-none", "unknown", undefined, undefined, "1"],
      ["recipe-destructive", "warn", "config/install/EU/production.yml", 7, "storage:delete"],
      ["recipe-destructive", "warn", "config/install/EU/production.yml", 9, "propel:tables:drop"],
      ["recipe-destructive", "warn", "config/install/EU/production.yml", 17, "demo-data import"],
    ]);
    // Which recipe, and why: the cloud's default, for region EU.
    expect(v.findings).toContainEqual({
      code: "recipe-default",
      result: "pass",
      subject: "EU",
      found: "config/install/EU/production.yml",
    });
    expect(findingMessage(found(v)[1]!)).toBe(
      "the recipe Spryker Cloud runs by default runs storage:delete: it would delete or overwrite production data on every deploy",
    );
  });

  test("a default recipe that keeps the data, or none, leaves it unknown", () => {
    const safe = files();
    safe["config/install/EU/production.yml"] =
      "sections:\n  schema:\n    migrate:\n      command: 'vendor/bin/console propel:migrate'\n";
    expect(verdict("CLO-11", safe).result).toBe("unknown");
    const none = files();
    delete none["config/install/EU/production.yml"];
    expect(verdict("CLO-11", none).result).toBe("unknown");
  });
});
