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
import { recipeOf } from "../../src/verify/install.js";
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

describe("install recipes as the Docker SDK resolves them", () => {
  const tree = (text: string) => ({
    file: "d.yml",
    kind: "production" as const,
    tree: parseYamlTree(text).tree,
  });
  test("-r NAME, pipeline:, else docker, or production with dynamic stores", () => {
    expect(
      recipeOf(
        tree(
          "image:\n  environment:\n    SPRYKER_HOOK_INSTALL: vendor/bin/install -r EU/production -vvv\n",
        ),
      ).file,
    ).toBe("config/install/EU/production.yml");
    expect(recipeOf(tree("pipeline: docker.ci\n")).file).toBe("config/install/docker.ci.yml");
    expect(recipeOf(tree("namespace: x\n")).file).toBe("config/install/docker.yml");
    expect(
      recipeOf(tree("image:\n  environment:\n    SPRYKER_DYNAMIC_STORE_MODE: true\n")).file,
    ).toBe("config/install/production.yml");
    expect(
      recipeOf(tree("image:\n  environment:\n    SPRYKER_HOOK_INSTALL: vendor/bin/install -r $R\n"))
        .file,
    ).toBeUndefined();
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
