import { describe, expect, test } from "vitest";
import {
  CURRENT,
  codes,
  composerLock,
  deployFile,
  editShop,
  found,
  PACKAGES,
  shop,
  verdict,
} from "../helpers/shop.js";

type Files = Record<string, string | Uint8Array>;
const edit = editShop;
const prodDeploy = (f: Files) => f["deploy.shop-prod.yml"] as string;

describe("APP-01 IP tracking", () => {
  test("a storefront endpoint without real-ip fails; a back-office one warns", () => {
    const files = edit((f) => {
      f["deploy.shop-prod.yml"] = prodDeploy(f).replace(
        "          glue.example.com:\n            store: DE\n            <<: *real-ip\n",
        "          glue.example.com:\n            store: DE\n",
      );
    });
    const v = verdict("APP-01", files);
    expect(v.result).toBe("fail");
    expect(v.findings.find((f) => f.code === "ip-tracking-missing")).toMatchObject({
      file: "deploy.shop-prod.yml",
      subject: "glue.example.com (glue)",
      result: "fail",
    });
    const backoffice = edit((f) => {
      f["deploy.shop-prod.yml"] = prodDeploy(f).replace(
        "<<: [*real-ip, *frontend-auth]",
        "<<: *frontend-auth",
      );
    });
    expect(verdict("APP-01", backoffice).result).toBe("warn");
  });
  test("judges production only: staging with real-ip does not save production", () => {
    const files = edit((f) => {
      f["deploy.shop-prod.yml"] = prodDeploy(f).replace(/\n {6}- 10\.0\.0\.0\/8/, "");
    });
    const v = verdict("APP-01", files);
    expect(v.result).toBe("fail");
    expect(v.findings[0]).toMatchObject({ code: "deploy-judged", found: "deploy.shop-prod.yml" });
    expect(new Set(found(v).map((f) => f.file))).toEqual(
      new Set([undefined, "deploy.shop-prod.yml"]),
    );
  });
  test("fail when none has it", () => {
    const files = edit((f) => {
      for (const name of ["deploy.shop-prod.yml", "deploy.shop-staging.yml"])
        f[name] = (f[name] as string).replace(/\n {6}- 10\.0\.0\.0\/8/, "");
    });
    expect(verdict("APP-01", files).result).toBe("fail");
  });
  test("evidence points at the anchor that holds the value", () => {
    const v = verdict("APP-01", shop());
    expect(found(v)[0]).toMatchObject({ code: "ip-tracking-all", line: 7 });
  });
});

describe("APP-02 release", () => {
  test("warn when older than the newest release known on that day", () => {
    const files = edit((f) => {
      f["composer.lock"] = composerLock({ ...PACKAGES, "spryker-feature/cart": "202204.0" });
    });
    expect(verdict("APP-02", files)).toMatchObject({ result: "warn" });
    expect(verdict("APP-02", files, { today: "2022-05-01" }).result).toBe("pass");
  });
  test("--latest-release overrides the shipped list", () => {
    expect(verdict("APP-02", shop(), { latestRelease: "202610.0" }).result).toBe("warn");
    expect(verdict("APP-02", shop(), { latestRelease: "202606.0" }).result).toBe("pass");
  });
  test("more than four months after the newest known release: unknown, not pass", () => {
    expect(verdict("APP-02", shop(), { today: "2026-10-29" }).result).toBe("pass");
    const late = verdict("APP-02", shop(), { today: "2026-10-30" });
    expect(late.result).toBe("unknown");
    expect(codes(late)).toContain("release-list-stale");
    expect(late.findings[0]!.expected).toMatch(/^202606\.0 /);
  });
  test("fail before 202009.0; dev-master and aliases are skipped; unknown without features", () => {
    const old = edit((f) => {
      f["composer.lock"] = composerLock({
        "spryker-feature/cart": "201907.0",
        "spryker-feature/x": "dev-master",
      });
    });
    expect(verdict("APP-02", old).result).toBe("fail");
    const dev = edit((f) => {
      f["composer.lock"] = composerLock({
        "spryker-feature/x": "dev-master",
        "spryker/twig": "3.15.2",
      });
    });
    expect(codes(verdict("APP-02", dev))).toEqual([
      "release-none",
      "composer-dev-version",
      "composer-hash-ok",
    ]);
  });
});

describe("APP-02 judges what production installs", () => {
  test("a require-dev feature package at an old release does not make the shop old", () => {
    const files = edit((f) => {
      f["composer.lock"] = composerLock(PACKAGES, {
        "spryker-feature/development-tools": "201907.0",
      });
    });
    const v = verdict("APP-02", files, CURRENT);
    expect(v.result).toBe("pass");
    expect(found(v)[0]).toMatchObject({ code: "release-ok", subject: "spryker-feature/cart" });
  });
  test("a shop from before feature packages is judged by its core module", () => {
    const old = edit((f) => {
      f["composer.lock"] = composerLock({ "spryker/kernel": "3.25.0", "spryker/twig": "3.15.2" });
    });
    const v = verdict("APP-02", old);
    expect(v.result).toBe("fail");
    expect(found(v)[0]).toMatchObject({
      code: "release-too-old",
      subject: "spryker/kernel",
      found: "3.25.0",
      expected: ">= 3.55.0 (202009.0's)",
    });
    const recent = edit((f) => {
      f["composer.lock"] = composerLock({ "spryker/kernel": "3.61.0", "spryker/twig": "3.15.2" });
    });
    expect(found(verdict("APP-02", recent))[0]).toMatchObject({
      code: "release-none",
      result: "unknown",
    });
  });
});

describe("APP-03 Twig", () => {
  test("fail below 3.15.2, with a leading v stripped", () => {
    const files = edit((f) => {
      f["composer.lock"] = composerLock({ ...PACKAGES, "spryker/twig": "v3.14.0" });
    });
    const v = verdict("APP-03", files);
    expect(v.result).toBe("fail");
    expect(v.findings[0]).toMatchObject({
      code: "composer-old",
      found: "v3.14.0",
      file: "composer.lock",
    });
    expect(v.findings[0]!.line).toBeGreaterThan(1);
    expect(v.hint).toMatch(/composer update spryker\/twig/);
  });
  test("twig/twig is not spryker/twig: unknown when spryker/twig is absent", () => {
    const { "spryker/twig": _, ...rest } = PACKAGES;
    const files = edit((f) => {
      f["composer.lock"] = composerLock({ ...rest, "twig/twig": "v3.20.0" });
    });
    expect(verdict("APP-03", files)).toMatchObject({ result: "unknown" });
    expect(codes(verdict("APP-03", files))).toEqual(["composer-missing"]);
  });
  test("a newer version passes", () => {
    const files = edit((f) => {
      f["composer.lock"] = composerLock({ ...PACKAGES, "spryker/twig": "3.20.1" });
    });
    expect(verdict("APP-03", files).result).toBe("pass");
  });
});

describe("APP-04 MariaDB", () => {
  test("fail on MySQL, warn on PostgreSQL", () => {
    const mysql = edit((f) => {
      f["deploy.shop-prod.yml"] = prodDeploy(f).replace("mariadb-10.6", "8.0");
    });
    expect(verdict("APP-04", mysql)).toMatchObject({ result: "fail" });
    const pg = edit((f) => {
      f["deploy.shop-prod.yml"] = prodDeploy(f).replace(
        "engine: mysql\n    version: mariadb-10.6",
        "engine: postgres\n    version: 14",
      );
    });
    expect(verdict("APP-04", pg).result).toBe("warn");
    expect(codes(verdict("APP-04", pg))).toContain("db-postgresql");
  });
});

describe("APP-05 split Zed endpoints", () => {
  test("fail when a zed endpoint has no entry-point", () => {
    const files = edit((f) => {
      f["deploy.shop-prod.yml"] = prodDeploy(f).replace(
        "            entry-point: BackendApi\n",
        "",
      );
    });
    const v = verdict("APP-05", files);
    expect(v.result).toBe("fail");
    expect(v.findings.find((x) => x.result === "fail")).toMatchObject({
      code: "split-entry-point-missing",
      subject: "backend-api.example.com",
    });
  });
  test("warn when a bootstrap is missing; a leftover public/Zed is no failure", () => {
    const files = edit((f) => {
      delete f["public/BackendApi/index.php"];
      f["public/Zed/index.php"] = "<?php\n";
    });
    expect(verdict("APP-05", files).result).toBe("warn");
    const zedOnly = edit((f) => {
      f["public/Zed/index.php"] = "<?php\n";
    });
    expect(verdict("APP-05", zedOnly).result).toBe("pass");
  });
  test("a zed endpoint with an entry point of the project's own is not a missing split", () => {
    const files = edit((f) => {
      f["deploy.shop-prod.yml"] = prodDeploy(f).replace(
        /\n$/,
        "\n      store_app:\n        application: zed\n        endpoints:\n          store-app.example.com:\n            store: DE\n            entry-point: StoreApp\n",
      );
    });
    const v = verdict("APP-05", files);
    expect(v.result).toBe("pass");
    expect(v.findings).toContainEqual({
      code: "split-entry-point-custom",
      result: "pass",
      file: "deploy.shop-prod.yml",
      line: expect.any(Number),
      subject: "store-app.example.com",
      found: "StoreApp",
    });
  });
  test("without a deploy file, a public/ of Yves, Zed and Glue only is not split", () => {
    const files = edit((f) => {
      for (const name of Object.keys(f)) if (/^deploy\..*\.yml$/.test(name)) delete f[name];
      for (const app of ["Backoffice", "BackendGateway", "BackendApi"])
        delete f[`public/${app}/index.php`];
      for (const app of ["Yves", "Zed", "Glue"]) f[`public/${app}/index.php`] = "<?php\n";
    });
    const v = verdict("APP-05", files);
    expect(v.result).toBe("warn");
    // The backend API's bootstrap is wanted only where a deploy file runs it.
    expect(codes(v)).toEqual(["deploy-none", "split-bootstrap-missing", "split-bootstrap-missing"]);
  });
  test("without a deploy file but with every bootstrap, the deploy side is unknown", () => {
    const files = edit((f) => {
      for (const name of Object.keys(f)) if (/^deploy\..*\.yml$/.test(name)) delete f[name];
    });
    expect(verdict("APP-05", files).result).toBe("unknown");
  });
  test("every production file must be split: a second region without a backend gateway warns", () => {
    const files = edit((f) => {
      // A second production region whose file has Yves only.
      f["deploy.shop-prod-us.yml"] = prodDeploy(f).replace(
        /\ngroups:[\s\S]*$/,
        `
groups:
  US:
    region: US
    applications:
      yves_us:
        application: yves
        endpoints:
          us.example.com:
            store: US
`,
      );
    });
    const v = verdict("APP-05", files);
    expect(v.result).toBe("warn");
    const missing = v.findings.filter((x) => x.code === "split-app-missing");
    expect(missing.map((x) => [x.file, x.subject])).toEqual([
      ["deploy.shop-prod-us.yml", "backoffice"],
      ["deploy.shop-prod-us.yml", "backend-gateway"],
    ]);
    // The first region's file still passes on its own.
    expect(
      v.findings.some((x) => x.code === "split-app-present" && x.file === "deploy.shop-prod.yml"),
    ).toBe(true);
  });
});

describe("APP-07 deploy files", () => {
  test("deploy.shop-dynamicstore.yml is a look-alike, not an environment", () => {
    const files = edit((f) => {
      delete f["deploy.shop-staging.yml"];
      f["deploy.shop-dynamicstore.yml"] = deployFile("dynamicstore");
    });
    const v = verdict("APP-07", files);
    expect(v.result).toBe("fail");
    expect(codes(v)).toEqual(
      expect.arrayContaining(["deploy-lookalike", "deploy-staging-missing"]),
    );
    expect(codes(v)).not.toContain("deploy-production-missing");
  });
  test("deploy.yml, deploy.dev.yml, deploy.ci.*.yml and the template are ignored", () => {
    const files = edit((f) => {
      delete f["deploy.shop-prod.yml"];
      delete f["deploy.shop-staging.yml"];
      f["deploy.yml"] = deployFile("x");
      f["deploy.ci.api.yml"] = deployFile("ci");
      f["deploy.aws-env-template.yml"] = "x: 1\n";
    });
    const v = verdict("APP-07", files);
    expect(v.result).toBe("fail");
    expect(codes(v)).not.toContain("deploy-lookalike");
  });
  test("other staging-like names pass", () => {
    const files = edit((f) => {
      f["deploy.my-shop-uat.yml"] = f["deploy.shop-staging.yml"]!;
      delete f["deploy.shop-staging.yml"];
    });
    expect(verdict("APP-07", files).result).toBe("pass");
  });
});

describe("APP-08 Docker SDK version", () => {
  test.each([
    ["0123456789abcdef0123456789abcdef01234567\n", "warn", "docker-sdk-commit"],
    ["feature/my-branch\n", "warn", "docker-sdk-branch"],
    ["master\n", "fail", "docker-sdk-floating"],
    ["1.x\n", "fail", "docker-sdk-floating"],
    ["\n", "fail", "docker-sdk-empty"],
    ["1.65.0\n1.66.0\n", "fail", "docker-sdk-lines"],
  ])("%j → %s", (content, result, code) => {
    const v = verdict(
      "APP-08",
      edit((f) => {
        f[".git.docker"] = content;
      }),
    );
    expect(v.result).toBe(result);
    expect(codes(v)).toEqual([code]);
  });
  test("missing fails; a .gitmodules entry without a tracked commit fails", () => {
    const missing = edit((f) => {
      delete f[".git.docker"];
    });
    expect(codes(verdict("APP-08", missing))).toEqual(["docker-sdk-missing"]);
    missing[".gitmodules"] =
      '[submodule "docker"]\n\tpath = docker\n\turl = https://github.com/spryker/docker-sdk\n';
    expect(verdict("APP-08", missing).findings[0]).toMatchObject({
      code: "docker-sdk-submodule-unpinned",
      result: "fail",
      line: 2,
    });
  });
});

describe("APP-09 FlySystem", () => {
  const config = (f: Files) => f["config/Shared/config_default.php"] as string;
  test("warn on empty literal credentials", () => {
    const files = edit((f) => {
      f["config/Shared/config_default.php"] = config(f).replace("getenv('SPRYKER_S3_KEY')", "''");
    });
    const v = verdict("APP-09", files);
    expect(v.result).toBe("warn");
    expect(found(v)[0]).toMatchObject({
      code: "flysystem-empty-credential",
      subject: "key",
      line: 5,
    });
  });
  test("warn with only the local filesystem; fail when the package is missing", () => {
    const local = edit((f) => {
      f["config/Shared/config_default.php"] = config(f).replace(
        "Aws3v3FilesystemBuilderPlugin",
        "LocalFilesystemBuilderPlugin",
      );
    });
    expect(codes(verdict("APP-09", local))).toEqual(["flysystem-local-only"]);
    const { "spryker/flysystem-aws3v3-file-system": _, ...rest } = PACKAGES;
    const noPackage = edit((f) => {
      f["composer.lock"] = composerLock(rest);
    });
    expect(verdict("APP-09", noPackage).result).toBe("fail");
  });
  test("the IAM adapter is S3 too: it needs no keys, so empty ones are fine", () => {
    const iam = edit((f) => {
      f["config/Shared/config_default.php"] = config(f)
        .replace("Aws3v3FilesystemBuilderPlugin", "IamAws3v3FilesystemBuilderPlugin")
        .replace("getenv('SPRYKER_S3_KEY')", "getenv('SPRYKER_S3_KEY') ?: ''")
        .replace("getenv('SPRYKER_S3_SECRET')", "''");
    });
    const v = verdict("APP-09", iam);
    expect(v.result).toBe("pass");
    expect(codes(v)).toEqual(["flysystem-ok"]);
    // A literal key is a committed credential, IAM or not.
    const literal = edit((f) => {
      f["config/Shared/config_default.php"] = config(f)
        .replace("Aws3v3FilesystemBuilderPlugin", "IamAws3v3FilesystemBuilderPlugin")
        .replace("getenv('SPRYKER_S3_KEY')", "'AKIAABCDEFGHIJKLMNOP'");
    });
    const failed = verdict("APP-09", literal);
    expect(failed.result).toBe("fail");
    expect(JSON.stringify(failed)).not.toContain("AKIAABCDEFGHIJKLMNOP");
  });
});

describe("APP-24 DB log rotation", () => {
  test("unknown when nothing deletes from spy_oms_transition_log", () => {
    const files = edit((f) => {
      f["config/Zed/cronjobs/jenkins.php"] =
        "<?php\n$jobs[] = ['command' => 'sitemap:generate'];\n";
    });
    const v = verdict("APP-24", files);
    expect(v.result).toBe("unknown");
    expect(v.hint).toMatch(/confirm/);
  });
  test("a TRUNCATE in an SQL file counts", () => {
    const files = edit((f) => {
      f["config/Zed/cronjobs/jenkins.php"] = "<?php\n";
      f["scripts/rotate.sql"] = "-- weekly\ntruncate table spy_oms_transition_log;\n";
    });
    expect(verdict("APP-24", files).findings[0]).toMatchObject({
      code: "text-found",
      file: "scripts/rotate.sql",
      line: 2,
    });
  });
});

describe("APP-28 Propel migrations", () => {
  test("fail without committed migrations", () => {
    const files = edit((f) => {
      delete f["src/Orm/Propel/Migration_mysql/PropelMigration_1700000000.php"];
    });
    expect(codes(verdict("APP-28", files))).toContain("propel-migrations-missing");
  });
  test("warn when the recipe diffs (Spryker's default); the recipe SPRYKER_HOOK_INSTALL names is read", () => {
    const files = edit((f) => {
      f["deploy.shop-prod.yml"] = prodDeploy(f).replace("-r EU/production", "-r EU/prod-cloud");
      f["config/install/EU/prod-cloud.yml"] =
        'sections:\n  x:\n    diff:\n      command: "vendor/bin/console propel:diff"\n    migrate:\n      command: "vendor/bin/console propel:migrate"\n';
    });
    const v = verdict("APP-28", files);
    expect(v.result).toBe("warn");
    expect(v.findings.find((f) => f.result === "warn")).toMatchObject({
      code: "recipe-diff",
      file: "config/install/EU/prod-cloud.yml",
      line: 4,
    });
  });
  test("pgsql migrations count too; a recipe without propel:migrate fails", () => {
    const files = edit((f) => {
      delete f["src/Orm/Propel/Migration_mysql/PropelMigration_1700000000.php"];
      f["src/Orm/Propel/Migration_pgsql/PropelMigration_1.php"] = "<?php\n";
      f["config/install/EU/production.yml"] =
        "sections:\n  x:\n    # propel:migrate\n    install:\n      command: vendor/bin/console propel:install\n";
    });
    expect(codes(verdict("APP-28", files))).toEqual([
      "propel-migrations-present",
      "recipe-no-migrate",
    ]);
    expect(verdict("APP-28", files).result).toBe("fail");
  });
});

describe("CLO-05 and CLO-17 basic auth", () => {
  test("the evidence is the endpoint for auth from an anchor, the auth block when inline", () => {
    const deploy = prodDeploy(edit(() => {}));
    const lineOf = (text: string, needle: string) =>
      text.split("\n").findIndex((l) => l.includes(needle)) + 1;
    const anchored = verdict("CLO-05", shop()).findings.find((f) => f.code === "auth-protected");
    expect(anchored?.line).toBe(lineOf(deploy, "backoffice.example.com:"));
    const inline = deploy.replace(
      "            <<: [*real-ip, *frontend-auth]",
      '            <<: *real-ip\n            auth:\n              engine: basic\n              users:\n                - { username: u, password: "$BASIC_AUTH_PASSWORD" }',
    );
    const files = edit((f) => {
      f["deploy.shop-prod.yml"] = inline;
    });
    const own = verdict("CLO-05", files).findings.find((f) => f.code === "auth-protected");
    expect(own?.line).toBe(lineOf(inline, "            auth:"));
  });

  test("CLO-05 warns when the Back Office is open", () => {
    const files = edit((f) => {
      f["deploy.shop-prod.yml"] = prodDeploy(f).replace(
        "<<: [*real-ip, *frontend-auth]",
        "<<: *real-ip",
      );
    });
    expect(verdict("CLO-05", files)).toMatchObject({ result: "warn" });
    expect(found(verdict("CLO-05", shop()))[0]).toMatchObject({
      code: "auth-protected",
      found: "basic",
    });
  });
  test("CLO-17: storefront auth is expected before go-live and fails from go-live day", () => {
    const files = edit((f) => {
      f["deploy.shop-prod.yml"] = deployFile("prod", { storefrontAuth: true });
    });
    const before = verdict("CLO-17", files, { today: "2027-02-28" });
    expect(before.result).toBe("pass");
    expect(codes(before)).toEqual(["storefront-auth-before-golive"]);
    const on = verdict("CLO-17", files, { today: "2027-03-01" });
    expect(on.result).toBe("fail");
    expect(found(on)[0]).toMatchObject({
      code: "storefront-auth-live",
      file: "deploy.shop-prod.yml",
      // The endpoint, not the anchor (`x-frontend-auth: &frontend-auth`) its auth comes from.
      line: 34,
    });
  });
  test("CLO-17 reads production files only: staging may keep its auth", () => {
    expect(verdict("CLO-17", shop(), { today: "2027-03-02" }).result).toBe("pass");
  });
  test("CLO-17 is unknown without a production deploy file", () => {
    const files = edit((f) => {
      delete f["deploy.shop-prod.yml"];
    });
    expect(codes(verdict("CLO-17", files))).toContain("no-production-deploy-file");
  });
});

describe("SEO-03 sitemap", () => {
  test("fail without the job; pass with a static sitemap", () => {
    const files = edit((f) => {
      f["config/Zed/cronjobs/jenkins.php"] = "<?php\n";
    });
    expect(codes(verdict("SEO-03", files))).toEqual(["sitemap-job-missing"]);
    files["public/Yves/sitemap.xml"] = "<urlset/>";
    expect(verdict("SEO-03", files).result).toBe("pass");
  });
  test("fail with neither package nor file", () => {
    const { "spryker/sitemap": _, ...rest } = PACKAGES;
    const files = edit((f) => {
      f["composer.lock"] = composerLock(rest);
    });
    expect(verdict("SEO-03", files).result).toBe("fail");
  });
});

describe("SEO-04 robots.txt", () => {
  test.each([
    ["User-agent: *\nDisallow: /\n", "warn", ["robots-disallow-all", "robots-no-sitemap"]],
    ["User-agent: *\nDisallow: /cart\n", "warn", ["robots-no-sitemap"]],
    ["# nothing yet\n", "fail", ["robots-empty"]],
  ])("%j → %s", (content, result, found) => {
    const v = verdict(
      "SEO-04",
      edit((f) => {
        f["public/Yves/robots.txt"] = content;
      }),
    );
    expect(v.result).toBe(result);
    expect(codes(v)).toEqual(found);
  });
  test("missing fails", () => {
    expect(
      verdict(
        "SEO-04",
        edit((f) => {
          delete f["public/Yves/robots.txt"];
        }),
      ).result,
    ).toBe("fail");
  });
});

describe("SEO-06 favicon", () => {
  test("warn on a Spryker default, compared by git blob hash", () => {
    // The empty file's blob hash stands in for a default in a custom check (see generic tests);
    // here: the Back Office favicon that is missing is skipped, the storefront's is required.
    const files = edit((f) => {
      delete f["public/Yves/favicon.ico"];
    });
    expect(codes(verdict("SEO-06", files))).toEqual(["file-missing"]);
    expect(verdict("SEO-06", files).result).toBe("fail");
  });
});

describe("DAT-02 demo data", () => {
  test("fail on demo admins, demo customers and demo imports, each listed", () => {
    const files = edit((f) => {
      f["src/Pyz/Zed/Acl/AclConfig.php"] = "<?php\n// ...\n$user = 'admin@spryker.com';\n";
      f["data/import/common/DE/customer.csv"] =
        "ref,email\nDE--1,spencor.hopkin@spryker.com\nDE--2,maria.williams@ottom.de\nDE--3,sonia@acme.com\nDE--4,a.buyer@shop.example\nDE--5,b.buyer@acme.com.au\n";
      f["config/install/EU/production.yml"] =
        'sections:\n  import:\n    demo:\n      command: "vendor/bin/console data:import"\n    migrate:\n      command: "vendor/bin/console propel:migrate"\n';
    });
    const v = verdict("DAT-02", files);
    expect(v.result).toBe("fail");
    expect(v.findings).toEqual([
      expect.objectContaining({
        code: "demo-user",
        file: "src/Pyz/Zed/Acl/AclConfig.php",
        line: 3,
      }),
      expect.objectContaining({
        code: "demo-customers",
        file: "data/import/common/DE/customer.csv",
        line: 2,
        // The B2B demo's acme.com customers too; customers of the shop's own (acme.com.au is not
        // the demo's domain) are not counted.
        found: "3",
      }),
      expect.objectContaining({
        code: "demo-import",
        file: "config/install/EU/production.yml",
        line: 4,
      }),
    ]);
  });
});
