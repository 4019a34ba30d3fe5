/**
 * What production runs, and the rules that judge it, on the shapes real Spryker shops have
 * (issue 10): deploy files in folders, environment words with more segments, a shop from
 * before the endpoint split, a docker submodule, a deploy file only the Docker SDK's parser
 * reads, the Symfony scheduler, a bot-only robots.txt. Each rule: a pass, a warn and a fail.
 */
import { describe, expect, test } from "vitest";
import { classifyDeployFile } from "../../src/verify/deploy.js";
import { Facts } from "../../src/verify/facts.js";
import { gitBlobHash } from "../../src/verify/generic.js";
import { runCheck } from "../../src/verify/index.js";
import { demoImport, recipesOf } from "../../src/verify/install.js";
import { loadConfig } from "../../src/verify/php-config.js";
import { parseYamlTree } from "../../src/verify/yaml-tree.js";
import { memoryRepo } from "../helpers/repo.js";
import {
  BEFORE_GO_LIVE,
  COMPOSER_JSON,
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
const prod = (f: Files) => f["deploy.shop-prod.yml"] as string;

describe("production deploy files", () => {
  test.each([
    ["deploy.shop-prod.yml", "production"],
    ["deploy/prod/deploy.shop-prod.eu.yml", "production"],
    ["deploy/prod/deploy.shop.yml", "production"],
    ["deploy.shop-live.yml", "production"],
    ["deploy.shop-staging-mca.yml", "staging"],
    ["deploy.shop-pre-prod.yml", "staging"],
    ["deploy.shop-dev.yml", "development"],
    ["deploy.yml", "local"],
    ["deploy.dev.multi-region.yml", "local"],
    ["deploy.dev_CZ.yml", "local"],
    ["deploy.dev-brand.yml", "local"],
    ["deploy.local.yml", "local"],
    ["deploy.local-cz.yml", "local"],
    ["deploy.localhost.yml", "local"],
    ["deploy.development.yml", "development"],
    ["deploy.ci.acceptance.yml", "ci"],
    [".github/deploy/deploy.yml", "ci"],
    ["deploy.aws-env-template.yml", "template"],
    ["deploy.spryker-scos.yml", "other"],
  ])("%s is %s", (path, kind) => {
    expect(classifyDeployFile(path, "namespace: x\n").kind).toBe(kind);
  });
  test("a file with *.spryker.local hosts is local, whatever its name", () => {
    expect(
      classifyDeployFile("deploy.acp-prod.yml", "groups:\n  a:\n    yves.eu.spryker.local:\n").kind,
    ).toBe("local");
  });

  test.each([
    "www.de.brand.local",
    "yves.localhost",
    "'shop.test:8080'",
    "backoffice.brand.docker",
    "glue.shop.internal",
  ])("a file with a %s host is local", (host) => {
    const text = `groups:\n  a:\n    applications:\n      y:\n        endpoints:\n          ${host}:\n            store: DE\n`;
    expect(classifyDeployFile("deploy.shop-staging.yml", text).kind).toBe("local");
    // A value that names such a host is not an endpoint of the file.
    expect(
      classifyDeployFile("deploy.shop-staging.yml", `image:\n  environment:\n    X: ${host}\n`)
        .kind,
    ).toBe("staging");
  });

  test("a cloud file with an internal endpoint beside its public ones is not local", () => {
    const hosts = (...names: string[]) =>
      `groups:\n  EU:\n    applications:\n${names.map((h) => `      a:\n        endpoints:\n          ${h}:\n            store: DE\n`).join("")}`;
    const mixed = hosts("www.shop.example", "glue-backend.shop.internal");
    expect(classifyDeployFile("deploy.shop-prod.yml", mixed).kind).toBe("production");
    expect(classifyDeployFile("deploy.shop-staging.yml", mixed).kind).toBe("staging");
    expect(classifyDeployFile("deploy.shop-staging.yml", `${mixed}\n  x: {a: 1}\n`).kind).toBe(
      "staging",
    );
    // A host key with an anchor is a host.
    const anchored = `groups:\n  EU:\n    applications:\n      a:\n        endpoints:\n          glue-backend.shop.internal:\n            store: DE\n          glue.shop.com: &glue\n            store: DE\n`;
    expect(classifyDeployFile("deploy.shop-prod.yml", anchored).kind).toBe("production");
    // A php.ini key with a dot and a value is not a host.
    const ini = `${hosts("glue.shop.internal")}image:\n  php:\n    ini:\n      'opcache.validate_timestamps': 0\n`;
    expect(classifyDeployFile("deploy.shop-staging.yml", ini).kind).toBe("local");
  });

  test("environment: docker.dev is local, unless the name says production", () => {
    const dev = "environment: docker.dev\nnamespace: x\n";
    expect(classifyDeployFile("deploy.shop-staging.yml", dev).kind).toBe("local");
    expect(classifyDeployFile("deploy.brand-cz.yml", dev).kind).toBe("local");
    expect(classifyDeployFile("deploy.shop-prod.yml", dev).kind).toBe("production");
    expect(classifyDeployFile("deploy.shop-staging.yml", "environment: docker.prod\n").kind).toBe(
      "staging",
    );
    // A cloud environment run in development mode sets the cloud's deploy hooks.
    expect(
      classifyDeployFile(
        "deploy.shop-demo.yml",
        `${dev}image:\n  environment:\n    SPRYKER_HOOK_INSTALL: "vendor/bin/install -r EU/production"\n`,
      ).kind,
    ).toBe("other");
  });

  test("CLO-05: a multi-store project's deploy.dev_CZ.yml with *.brand.local hosts is not judged", () => {
    const files = edit((f) => {
      delete f["deploy.shop-prod.yml"];
      f["deploy.dev_CZ.yml"] = (f["deploy.dev.yml"] as string)
        .replace(/\.example\.com/g, ".brand.local")
        .replace(/<<: \[\*real-ip, \*frontend-auth\]/g, "<<: *real-ip");
    });
    const v = verdict("CLO-05", files);
    expect(v.result).toBe("pass");
    expect(v.findings[0]).toMatchObject({
      code: "deploy-no-production",
      found: "deploy.shop-staging.yml",
    });
  });

  test("production files in folders are judged, and every result names them", () => {
    const files = edit((f) => {
      f["deploy/prod/deploy.shop-prod.eu.yml"] = prod(f).replace(/\n {6}- 10\.0\.0\.0\/8/, "");
      delete f["deploy.shop-prod.yml"];
    });
    const v = verdict("APP-01", files);
    expect(v.result).toBe("fail");
    expect(v.findings[0]).toMatchObject({
      code: "deploy-judged",
      found: "deploy/prod/deploy.shop-prod.eu.yml",
    });
    expect(verdict("APP-07", files).result).toBe("pass");
    expect(verdict("CLO-17", files, { today: "2027-03-02" }).result).toBe("pass");
  });

  test("without a production file the other cloud files are judged, and CLO-17 cannot tell", () => {
    const files = edit((f) => {
      delete f["deploy.shop-prod.yml"];
    });
    expect(verdict("APP-04", files).findings[0]).toMatchObject({
      code: "deploy-no-production",
      found: "deploy.shop-staging.yml",
    });
    expect(verdict("CLO-17", files).result).toBe("unknown");
    const local = edit((f) => {
      delete f["deploy.shop-prod.yml"];
      delete f["deploy.shop-staging.yml"];
    });
    expect(verdict("APP-01", local)).toMatchObject({ result: "unknown" });
    expect(codes(verdict("APP-01", local))).toEqual(["deploy-none"]);
  });
});

describe("deploy files as the Docker SDK reads them", () => {
  // A demo-environment shape: a quoted JSON value whose lines go on left of its key.
  const lenient = (password: string) =>
    prod({ "deploy.shop-prod.yml": deployFile("prod") })
      .replace(
        "    SPRYKER_HOOK_INSTALL:",
        `    SPRYKER_AOP_APPLICATION: '{\n        "APP_DOMAINS": ["a.example"]\n    }'\n    SPRYKER_HOOK_INSTALL:`,
      )
      .replace(/password: \$\{BASIC_AUTH_PASSWORD\}/, `password: ${password}`);

  test("a quoted value continuing left of its key is read, values and lines kept", () => {
    const text = lenient("$" + "{X}");
    const parsed = parseYamlTree(text);
    expect(parsed.error).toBeUndefined();
    expect(parsed.lenient).toEqual([20]);
    const files = edit((f) => {
      f["deploy.shop-prod.yml"] = text;
    });
    const v = verdict("APP-01", files);
    expect(v.result).toBe("pass");
    expect(v.findings).toContainEqual(
      expect.objectContaining({ code: "deploy-lenient", file: "deploy.shop-prod.yml", line: 20 }),
    );
  });

  test("a file that cannot be read leniently makes each rule unknown, naming it", () => {
    const files = edit((f) => {
      f["deploy.shop-prod.yml"] = `${prod(f)}broken: [unclosed\n`;
    });
    for (const id of ["APP-01", "APP-04", "CLO-05", "CLO-10"]) {
      const v = verdict(id, files);
      expect(v.result, id).toBe("unknown");
      expect(v.findings, id).toContainEqual(
        expect.objectContaining({ code: "deploy-invalid", file: "deploy.shop-prod.yml" }),
      );
    }
  });

  test("its basic-auth password is reported even when the parser refuses the file", () => {
    const files = edit((f) => {
      f["deploy.shop-prod.yml"] = `${lenient("hunter2")}broken: [unclosed\n`;
    });
    const v = verdict("APP-17", files);
    expect(codes(v)).toContain("secret-auth-password");
    expect(JSON.stringify(v)).not.toContain("hunter2");
  });
});

describe("install recipes as Spryker Cloud runs them", () => {
  const tree = (text: string) => ({
    file: "d.yml",
    kind: "production" as const,
    tree: parseYamlTree(text).tree,
  });
  const hook = (command: string) =>
    recipesOf(tree(`image:\n  environment:\n    SPRYKER_HOOK_INSTALL: ${command}\n`));
  test("the hook's -r NAME; without a hook the cloud's default for the file's region", () => {
    expect(hook("vendor/bin/install -r EU/production -vvv")).toMatchObject([
      { file: "config/install/EU/production.yml", via: "hook", from: { line: 3 } },
    ]);
    expect(hook("'vendor/bin/install -r shop/release --no-ansi'")[0]!.file).toBe(
      "config/install/shop/release.yml",
    );
    // pipeline: is what a local docker/sdk up runs, and docker.yml the SDK's local default.
    expect(recipesOf(tree("pipeline: docker.ci\n"))).toMatchObject([
      { file: "config/install/EU/production.yml", via: "default", region: "EU" },
    ]);
    expect(recipesOf(tree("namespace: x\n"))[0]!.file).toBe("config/install/EU/production.yml");
    expect(recipesOf(tree("regions:\n  US:\n    services: {}\n"))).toMatchObject([
      { file: "config/install/US/production.yml", region: "US", from: { line: 2 } },
    ]);
    expect(
      recipesOf(tree("regions:\n  EU:\n    services: {}\n  US:\n    services: {}\n")).map(
        (r) => r.file,
      ),
    ).toEqual(["config/install/EU/production.yml", "config/install/US/production.yml"]);
  });

  test("a hook golive cannot read runs an unknown recipe, never a passing one", () => {
    expect(hook("vendor/bin/install -r $R")[0]!.file).toBeUndefined();
    expect(hook("bash deploy/install.sh")[0]!.file).toBeUndefined();
    expect(hook("vendor/bin/install --no-ansi")[0]!.file).toBeUndefined();
    const custom = edit((f) => {
      f["deploy.shop-prod.yml"] = prod(f).replace(
        '"vendor/bin/install -r EU/production --no-ansi -vvv"',
        "bash deploy/install.sh",
      );
    });
    for (const id of ["CLO-11", "APP-28"]) {
      const v = verdict(id, custom);
      expect(v.result).toBe("unknown");
      expect(codes(v)).toContain("recipe-unresolved");
    }
  });

  // Issue 21's walkthrough: no hook, docker.yml cleaned up, EU/production.yml destructive.
  const noHook = (region?: string) =>
    edit((f) => {
      let text = prod(f).replace(
        '    SPRYKER_HOOK_INSTALL: "vendor/bin/install -r EU/production --no-ansi -vvv"\n',
        "",
      );
      if (region)
        text = text.replace(
          "services:\n",
          `regions:\n  ${region}:\n    services: {}\n\nservices:\n`,
        );
      f["deploy.shop-prod.yml"] = text;
      f["config/install/docker.yml"] =
        "sections:\n  migrate:\n    migrate:\n      command: 'vendor/bin/console propel:migrate'\n";
      f["config/install/EU/production.yml"] =
        "sections:\n  clean:\n    storage:\n      command: 'vendor/bin/console storage:delete'\n    drop:\n      command: 'vendor/bin/console propel:tables:drop'\n  demo:\n    import:\n      command: 'vendor/bin/console data:import'\n    index:\n      command: 'vendor/bin/console search:index:delete'\n    migrate:\n      command: 'vendor/bin/console propel:migrate'\n";
    });
  test("without a hook, CLO-11, APP-28 and DAT-02 judge EU/production.yml, not docker.yml", () => {
    const files = noHook();
    const clo11 = verdict("CLO-11", files);
    expect(clo11.result).toBe("fail");
    expect(found(clo11).map((f) => [f.file, f.line, f.found])).toEqual([
      ["config/install/EU/production.yml", 4, "storage:delete"],
      ["config/install/EU/production.yml", 6, "propel:tables:drop"],
      ["config/install/EU/production.yml", 9, "demo-data import"],
      ["config/install/EU/production.yml", 11, "search index delete"],
    ]);
    expect(clo11.findings).toContainEqual({
      code: "recipe-default",
      result: "pass",
      file: "deploy.shop-prod.yml",
      subject: "EU",
      found: "config/install/EU/production.yml",
    });
    expect(verdict("APP-28", files).result).toBe("fail");
    expect(found(verdict("DAT-02", files))).toMatchObject([
      { code: "demo-import", file: "config/install/EU/production.yml", line: 9 },
    ]);
  });

  test("a deploy file of region US runs US/production.yml", () => {
    const files = noHook("US");
    const v = verdict("CLO-11", files);
    expect(found(v)).toMatchObject([
      { code: "recipe-missing", result: "fail", file: "config/install/US/production.yml" },
    ]);
    files["config/install/US/production.yml"] =
      "sections:\n  migrate:\n    migrate:\n      command: 'vendor/bin/console propel:migrate'\n";
    const ok = verdict("CLO-11", files);
    expect(ok.result).toBe("pass");
    expect(ok.findings).toContainEqual(
      expect.objectContaining({ code: "recipe-default", subject: "US", line: 22 }),
    );
  });

  test("a demo-data import is a full import or a demo configuration, not one importer", () => {
    const demo = (c: string) => demoImport(`vendor/bin/console ${c}`);
    expect(demo("data:import")).toEqual({});
    expect(demo("data:import -vvv --no-ansi")).toEqual({});
    expect(demo("data:import --config=data/import/local/full_EU.yml")).toEqual({
      config: "data/import/local/full_EU.yml",
    });
    expect(demo("data:import -c data/import/local/full_EU.yml -vvv")).toEqual({
      config: "data/import/local/full_EU.yml",
    });
    for (const single of [
      "data:import glossary",
      "data:import glossary -vvv",
      "data:import -vvv product-abstract",
      "data:import:glossary",
      "data:import --group=PRODUCTS",
      "data:import -g PRODUCTS",
      "data:import --config=data/import/production/full_EU.yml",
      "data:import -c data/import/production/full_EU.yml glossary",
    ])
      expect(demo(single), single).toBeUndefined();
    // The next command of the line is not an importer of this one.
    expect(demo("data:import && vendor/bin/console cache:clear")).toEqual({});
  });

  test("28 single importers in a production recipe are not demo-data imports", () => {
    const files = edit((f) => {
      f["config/install/EU/production.yml"] = `sections:\n  import:\n${Array.from(
        { length: 28 },
        (_, i) => `    i${i}:\n      command: 'vendor/bin/console data:import importer-${i}'\n`,
      ).join("")}  migrate:\n    migrate:\n      command: 'vendor/bin/console propel:migrate'\n`;
    });
    for (const id of ["CLO-11", "APP-28", "DAT-02"]) expect(verdict(id, files).result).toBe("pass");
  });

  test("CLO-11: a named recipe that does not exist fails; a destructive step fails with its line", () => {
    expect(verdict("CLO-11", shop()).result).toBe("pass");
    const missing = edit((f) => {
      delete f["config/install/EU/production.yml"];
    });
    expect(found(verdict("CLO-11", missing))[0]).toMatchObject({
      code: "recipe-missing",
      result: "fail",
      file: "config/install/EU/production.yml",
      subject: "deploy.shop-prod.yml:20",
    });
    const destructive = edit((f) => {
      f["config/install/EU/production.yml"] =
        "sections:\n  clean:\n    drop:\n      command: 'vendor/bin/console propel:tables:drop'\n    storage:\n      command: 'vendor/bin/console storage:delete'\n    search:\n      command: 'vendor/bin/console elasticsearch:index:delete'\n    queue:\n      command: 'vendor/bin/console queue:purge'\n    demo:\n      command: 'vendor/bin/console data:import --config=data/import/local/full_EU.yml'\n    migrate:\n      command: 'vendor/bin/console propel:migrate'\n";
    });
    const v = verdict("CLO-11", destructive);
    expect(v.result).toBe("fail");
    expect(found(v).map((f) => [f.found, f.line])).toEqual([
      ["propel:tables:drop", 4],
      ["storage:delete", 6],
      ["search index delete", 8],
      ["queue:purge", 10],
      ["demo-data import", 12],
    ]);
    expect(verdict("APP-28", destructive).result).toBe("fail");
  });

  test("APP-28: Spryker's default recipe (delete, diff, migrate) is a warning", () => {
    const files = edit((f) => {
      delete f["src/Orm/Propel/Migration_mysql/PropelMigration_1700000000.php"];
      f["config/install/EU/production.yml"] =
        "sections:\n  diff:\n    delete:\n      command: 'vendor/bin/console propel:migration:delete'\n    diff:\n      command: 'vendor/bin/console propel:diff'\n    migrate:\n      command: 'vendor/bin/console propel:migrate'\n";
    });
    const v = verdict("APP-28", files);
    expect(v.result).toBe("warn");
    expect(codes(v)).toEqual(["propel-migrations-missing", "recipe-diff", "recipe-migrates"]);
  });
});

describe("the configuration production loads", () => {
  const files = (extra: Files): Files => ({
    "config/Shared/config_default.php":
      "<?php\n$config[A] = 1;\nrequire 'common/oauth.php';\n$config[B] = 2;\n",
    "config/Shared/common/oauth.php": "<?php\n$config[C] = 3;\n",
    "config/Shared/config_default-docker.prod.php": "<?php\n$config[D] = 4;\n",
    ...extra,
  });
  test("config_default.php, its requires where they stand, then the environment's file", () => {
    const f = files({});
    const load = loadConfig((p) => f[p] as string | undefined, "docker.prod");
    expect(load.files).toEqual([
      "config/Shared/config_default.php",
      "config/Shared/common/oauth.php",
      "config/Shared/config_default-docker.prod.php",
    ]);
    const order = load.assignments.map((a) => a.names[0]);
    expect(order).toEqual(["A", "C", "B", "D"]);
  });

  const s3 = (key: string, secret: string) => `<?php
use Spryker\\Service\\FlysystemAws3v3FileSystem\\Plugin\\Flysystem\\Aws3v3FilesystemBuilderPlugin;

$config[FileSystemConstants::FILESYSTEM_SERVICE] = [
    'files' => [
        'sprykerAdapterClass' => Aws3v3FilesystemBuilderPlugin::class,
        'key' => ${key},
        'secret' => ${secret},
        'bucket' => getenv('SPRYKER_S3_BUCKET'),
    ],
];
`;
  test("APP-09: pass from getenv, fail on a literal or a literal fallback, at the config line", () => {
    const withConfig = (text: string) =>
      edit((f) => {
        f["config/Shared/config_default.php"] = text;
      });
    const ok = verdict("APP-09", withConfig(s3("getenv('K')", "getenv('S') ?: ''")));
    expect(ok.result).toBe("pass");
    expect(found(ok)[0]).toMatchObject({ code: "flysystem-ok", line: 6 });
    const fallback = verdict(
      "APP-09",
      withConfig(s3("getenv('K') ?: 'AKIAEXAMPLE'", "getenv('S')")),
    );
    expect(fallback.result).toBe("fail");
    expect(found(fallback)[0]).toMatchObject({ subject: "key", line: 7, found: "fallback" });
    const literal = verdict("APP-09", withConfig(s3("getenv('K')", "'s3cret'")));
    expect(found(literal)[0]).toMatchObject({ subject: "secret", line: 8, result: "fail" });
    expect(JSON.stringify(literal)).not.toContain("s3cret");
    expect(verdict("APP-09", withConfig(s3("''", "getenv('S')"))).result).toBe("warn");
  });

  test("APP-09 reads the environment's file after config_default.php", () => {
    const files = edit((f) => {
      f["config/Shared/config_default.php"] = s3("getenv('K')", "getenv('S')").replace(
        "Aws3v3FilesystemBuilderPlugin::class",
        "LocalFilesystemBuilderPlugin::class",
      );
      f["config/Shared/config_default-docker.prod.php"] = s3("getenv('K')", "getenv('S')");
    });
    expect(found(verdict("APP-09", files))[0]).toMatchObject({
      code: "flysystem-ok",
      file: "config/Shared/config_default-docker.prod.php",
    });
  });

  test("APP-16: a development environment, the demo OAuth key, debug switched on", () => {
    expect(verdict("APP-16", shop()).result).toBe("pass");
    const files = edit((f) => {
      f["deploy.shop-prod.yml"] = prod(f).replace(
        "environment: docker.prod",
        "environment: docker.dev",
      );
      f["config/Shared/config_default.php"] +=
        `$config[OauthConstants::PRIVATE_KEY_PATH] = 'file://' . APPLICATION_ROOT_DIR . '/config/Zed/dev_only_private.key';
$config[WebProfilerConstants::IS_WEB_PROFILER_ENABLED] = true;
$config[ApplicationConstants::ENABLE_APPLICATION_DEBUG] = true;
$config[ApplicationConstants::ENABLE_APPLICATION_DEBUG] = (bool)getenv('SPRYKER_DEBUG_ENABLED');
`;
    });
    const v = verdict("APP-16", files);
    expect(v.result).toBe("fail");
    expect(codes(v)).toEqual(["config-dev-environment", "config-dev-oauth-key", "config-debug-on"]);
    expect(found(v)[2]).toMatchObject({ subject: "WebProfilerConstants::IS_WEB_PROFILER_ENABLED" });
  });
});

describe("CLO-10 what a production deploy file must not run", () => {
  test("open CORS on Glue, Blackfire, a mail catcher, end-of-life PHP and search", () => {
    expect(verdict("CLO-10", shop()).result).toBe("pass");
    const files = edit((f) => {
      f["deploy.shop-prod.yml"] = prod(f)
        .replace(
          "tag: spryker/php:8.3",
          "tag: spryker/php:8.1\n  php:\n    enabled-extensions:\n      - blackfire",
        )
        .replace(
          "          glue.example.com:\n",
          "          glue.example.com:\n            cors-allow-origin: '*'\n",
        )
        .replace(
          "services:\n",
          "services:\n  mail_catcher:\n    engine: mailpit\n  search:\n    engine: opensearch\n    version: '1.3'\n",
        );
    });
    const v = verdict("CLO-10", files);
    expect(v.result).toBe("fail");
    expect(codes(v).sort()).toEqual(
      [
        "deploy-blackfire",
        "deploy-cors-any",
        "deploy-eol-php",
        "deploy-eol-search",
        "deploy-mail-catcher",
      ].sort(),
    );
    const soon = edit((f) => {
      f["deploy.shop-prod.yml"] = prod(f).replace("tag: spryker/php:8.3", "tag: spryker/php:8.2");
    });
    // PHP 8.2's security support ends 2026-12-31: before today it warns only in 2026.
    expect(verdict("CLO-10", soon, { today: "2026-12-01", goLive: "2027-01-15" }).result).toBe(
      "warn",
    );
  });
});

describe("CLO-10: each search engine minor has its own end of maintenance", () => {
  const search = (engine: string, version: string) =>
    edit((f) => {
      f["deploy.shop-prod.yml"] = prod(f).replace(
        "services:\n",
        `services:\n  search:\n    engine: ${engine}\n    version: '${version}'\n`,
      );
    });
  test("Elasticsearch 7.6 ended in 2021, 7.17 in 2026", () => {
    const at = { today: "2025-06-01", goLive: "2025-09-01" };
    const old = found(verdict("CLO-10", search("elastic", "7.6"), at));
    expect(old).toMatchObject([
      { code: "deploy-eol-search", result: "fail", subject: "elastic 7.6", found: "2021-08-11" },
    ]);
    expect(verdict("CLO-10", search("elastic", "7.17"), at).result).toBe("pass");
    expect(
      found(verdict("CLO-10", search("elastic", "7.17"), { today: "2026-02-01" }))[0],
    ).toMatchObject({ result: "fail", found: "2026-01-15" });
  });
  test("OpenSearch 1.2 ended when 1.3 came out; 1.3 later", () => {
    const at = { today: "2024-06-01", goLive: "2024-09-01" };
    expect(found(verdict("CLO-10", search("opensearch", "1.2"), at))[0]).toMatchObject({
      result: "fail",
      found: "2022-03-17",
    });
    expect(verdict("CLO-10", search("opensearch", "1.3"), at).result).toBe("pass");
  });
});

describe("APP-02 composer.lock", () => {
  test("a dev-* Spryker package production installs fails; dev tooling is a note; a stale lock fails", () => {
    expect(verdict("APP-02", shop(), CURRENT).result).toBe("pass");
    const dev = edit((f) => {
      f["composer.lock"] = composerLock(
        { ...PACKAGES, "spryker-feature/product": "dev-master" },
        { "spryker/code-sniffer": "dev-master" },
      );
    });
    const v = verdict("APP-02", dev, CURRENT);
    expect(v.result).toBe("fail");
    expect(v.findings.map((f) => f.code)).toEqual([
      "release-ok",
      "composer-dev-version",
      "composer-dev-tooling",
      "composer-hash-ok",
    ]);
    const stale = edit((f) => {
      f["composer.json"] = COMPOSER_JSON.replace('"202606.0"', '"202606.1"');
    });
    expect(codes(verdict("APP-02", stale, CURRENT))).toContain("composer-hash-mismatch");
  });
});

describe("APP-08 a docker submodule", () => {
  const pin = "0123456789abcdef0123456789abcdef01234567";
  test("its pinned commit is judged (a commit, not a release: warn); disagreeing pins warn", () => {
    const submodule = edit((f) => {
      delete f[".git.docker"];
      f[".gitmodules"] =
        '[submodule "docker"]\n\tpath = docker\n\turl = https://github.com/spryker/docker-sdk\n';
    });
    const v = verdict("APP-08", submodule, {}, { docker: pin });
    expect(v.result).toBe("warn");
    expect(v.findings[0]).toMatchObject({ code: "docker-sdk-submodule", found: pin });
    const both = edit((f) => {
      f[".git.docker"] = "1.65.0\n";
    });
    expect(codes(verdict("APP-08", both, {}, { docker: pin }))).toEqual([
      "docker-sdk-tag",
      "docker-sdk-disagree",
    ]);
    const same = edit((f) => {
      f[".git.docker"] = `${pin}\n`;
    });
    expect(codes(verdict("APP-08", same, {}, { docker: pin }))).toEqual(["docker-sdk-commit"]);
  });
});

describe("CLO-05 in a shop from before the endpoint split", () => {
  const zedEra = (auth: boolean) =>
    edit((f) => {
      f["deploy.shop-prod.yml"] = prod(f)
        .replace(/ {6}boffice_eu:[\s\S]*?(?= {6}bgw_eu:)/, "")
        .replace(
          "            entry-point: BackendApi\n",
          auth ? "            <<: [*real-ip, *frontend-auth]\n" : "            <<: *real-ip\n",
        );
    });
  test("a zed endpoint without entry-point is the Back Office", () => {
    const open = verdict("CLO-05", zedEra(false));
    expect(open.result).toBe("warn");
    expect(found(open)[0]).toMatchObject({
      code: "auth-unprotected",
      subject: "backend-api.example.com (zed: Back Office)",
    });
    expect(verdict("CLO-05", zedEra(true)).result).toBe("pass");
  });
});

describe("scheduled jobs: Jenkins or the Symfony scheduler", () => {
  const scheduler = `<?php
class SymfonySchedulerConfig extends SprykerSymfonySchedulerConfig
{
    public function getCronJobs(): array
    {
        return [
            'queue-worker-start' => ['command' => '$PHP_BIN vendor/bin/console queue:worker:start', 'schedule' => '* * * * *'],
            'check-oms-conditions' => ['command' => '$PHP_BIN vendor/bin/console oms:check-condition'],
            'check-oms-timeouts' => ['command' => '$PHP_BIN vendor/bin/console oms:check-timeout'],
            'generate-sitemap-files' => [
                'command' => '$PHP_BIN vendor/bin/console sitemap:generate',
            ],
        ];
    }
}
`;
  const symfony = () =>
    edit((f) => {
      f["config/Zed/cronjobs/jenkins.php"] =
        "<?php\n$jobs[] = ['name' => 'consume', 'command' => '$PHP_BIN vendor/bin/console symfonymessenger:consume compiled-cron-scheduler'];\n";
      f["src/Pyz/Client/SymfonyScheduler/SymfonySchedulerConfig.php"] = scheduler;
    });
  test("SEO-03 and APP-14 count the Symfony scheduler like a Jenkins job", () => {
    const files = symfony();
    const v = verdict("SEO-03", files);
    expect(v.result).toBe("pass");
    expect(v.findings[0]).toMatchObject({
      code: "sitemap-job",
      subject: "symfony-scheduler",
      file: "src/Pyz/Client/SymfonyScheduler/SymfonySchedulerConfig.php",
      line: 11,
    });
    expect(verdict("APP-14", files).result).toBe("pass");
  });
  test("a job that is commented out or disabled is not scheduled", () => {
    const files = edit((f) => {
      f["config/Zed/cronjobs/jenkins.php"] = `<?php
// $jobs[] = ['name' => 'sitemap', 'command' => '$PHP_BIN vendor/bin/console sitemap:generate'];
$jobs[] = ['name' => 'oms', 'command' => '$PHP_BIN vendor/bin/console oms:check-condition', 'enable' => false];
$jobs[] = ['name' => 'oms-t', 'command' => '$PHP_BIN vendor/bin/console oms:check-timeout'];
$jobs[] = ['name' => 'queue', 'command' => '$PHP_BIN vendor/bin/console queue:worker:start'];
`;
    });
    expect(codes(verdict("APP-14", files))).toEqual([
      "job-disabled",
      "job-scheduled",
      "job-scheduled",
      "job-missing",
    ]);
    expect(codes(verdict("SEO-03", files))).toEqual(["sitemap-job-missing"]);
  });
});

describe("APP-14 asks for sitemap:generate only where the command exists", () => {
  const withoutSitemapJob = (change: (f: Files) => void) =>
    edit((f) => {
      f["config/Zed/cronjobs/jenkins.php"] = (f["config/Zed/cronjobs/jenkins.php"] as string)
        .split("\n")
        .filter((l) => !l.includes("sitemap:generate"))
        .join("\n");
      change(f);
    });
  test("without spryker/sitemap installed, no sitemap job is required", () => {
    const { "spryker/sitemap": _, ...rest } = PACKAGES;
    const files = withoutSitemapJob((f) => {
      f["composer.lock"] = composerLock(rest);
    });
    const v = verdict("APP-14", files);
    expect(v.result).toBe("pass");
    expect(found(v).map((f) => f.subject)).not.toContain("sitemap:generate");
  });
  test("with a static sitemap.xml committed, no sitemap job is required", () => {
    const files = withoutSitemapJob((f) => {
      f["public/Yves/sitemap.xml"] = "<urlset/>\n";
    });
    expect(verdict("APP-14", files).result).toBe("pass");
  });
  test("with spryker/sitemap and no static sitemap, the missing job fails", () => {
    const v = verdict(
      "APP-14",
      withoutSitemapJob(() => {}),
    );
    expect(found(v)).toContainEqual(
      expect.objectContaining({ code: "job-missing", result: "fail", subject: "sitemap:generate" }),
    );
  });
});

describe("SEO-04 robots.txt, read with robots-parser", () => {
  const robots = (text: string) =>
    verdict(
      "SEO-04",
      edit((f) => {
        f["public/Yves/robots.txt"] = text;
      }),
    );
  test("a group for a named bot disallowing everything is not 'disallows everything'", () => {
    const v = robots(
      "User-agent: BadBot\nDisallow: /\n\nUser-agent: *\nDisallow: /cart\nSitemap: https://shop.example/sitemap.xml\n",
    );
    expect(codes(v)).toEqual(["robots-ok"]);
  });
  test("the * group disallowing / warns, with its line; an Allow does not make / allowed", () => {
    const v = robots(
      "# shop\nUser-agent: Googlebot\nAllow: /\n\nUser-agent: *\nDisallow: /\nSitemap: https://shop.example/sitemap.xml\n",
    );
    expect(v.result).toBe("warn");
    expect(v.findings[0]).toMatchObject({ code: "robots-disallow-all", line: 6 });
  });
});

describe("SEO-06: the storefront's icon is what search engines show", () => {
  test("severity note reports a known default and passes", () => {
    const icon = new Uint8Array([1, 2, 3]);
    const facts = new Facts(memoryRepo({ "public/Backoffice/favicon.ico": icon }), BEFORE_GO_LIVE);
    const check = {
      kind: "file-differs" as const,
      path: "public/Backoffice/favicon.ico",
      defaults: [gitBlobHash(icon)],
      severity: "note" as const,
    };
    expect(runCheck(check, facts)).toEqual([
      expect.objectContaining({ code: "file-default", result: "pass" }),
    ]);
  });
});
