import { describe, expect, test } from "vitest";
import { codes, KEY_BODY, leakyFiles, SECRET, shop, verdict } from "../helpers/shop.js";

describe("APP-17 secrets", () => {
  test("lists every finding with path and line, never the value", () => {
    const v = verdict("APP-17", leakyFiles());
    expect(v.result).toBe("fail");
    expect(v.findings.map((f) => [f.code, f.file, f.line])).toEqual([
      ["secret-config-literal", "config/Shared/config_prod.php", 2],
      ["secret-auth-password", "deploy.shop-prod.yml", 15],
      ["secret-deploy-literal", "deploy.shop-prod.yml", 20],
      ["secret-private-key", "keys/jwt.pem", 1],
    ]);
    expect(JSON.stringify(v)).not.toContain(SECRET);
    expect(JSON.stringify(v)).not.toContain(KEY_BODY);
  });

  test("the allow-list silences reviewed findings by path, line or pattern", () => {
    const v = verdict("APP-17", leakyFiles(), {
      allow: [
        { path: "keys/*.pem", reason: "test key for the local JWT, not used in production" },
        { path: "deploy.shop-prod.yml", line: 15, reason: "basic auth for the pre-launch shop" },
        { path: "config/**/*.php", pattern: "PRIVATE_KEY_PASSWORD", reason: "reviewed" },
      ],
    });
    expect(codes(v)).toEqual(["secret-deploy-literal", "secrets-allowed"]);
    expect(v.findings[1]!.found).toBe("3");
  });

  test("a literal in configuration only a CI or development machine loads warns; in production's, fails", () => {
    const literal = (name: string) =>
      `<?php\n$config[OauthConstants::PRIVATE_KEY_PASSWORD] = '${SECRET}';\n// ${name}\n`;
    const files = {
      ...shop(),
      "config/Shared/config_default-ci.php":
        "<?php\nrequire 'common/config_oauth.php';\n$config[X::Y] = 1;\n",
      "config/Shared/common/config_oauth.php": literal("oauth, CI only"),
      "config/Shared/config_services-devvm.php": literal("nothing requires it"),
      "config/Shared/config_default-docker.prod.php": literal("production"),
    };
    // deploy.shop-prod.yml names environment docker.prod: production loads that file.
    const v = verdict("APP-17", files);
    expect(v.result).toBe("fail");
    const found = v.findings.filter((f) => f.code === "secret-config-literal");
    expect(found.map((f) => [f.file, f.result])).toEqual([
      ["config/Shared/common/config_oauth.php", "warn"],
      ["config/Shared/config_default-docker.prod.php", "fail"],
      ["config/Shared/config_services-devvm.php", "warn"],
    ]);
    expect(JSON.stringify(v)).not.toContain(SECRET);
  });

  test("a literal only warns where production does not load the file, one rule with or without a production environment", () => {
    const literal = `<?php\n$config[OauthConstants::PRIVATE_KEY_PASSWORD] = '${SECRET}';\n`;
    const ci = "<?php\nrequire 'common/config_oauth.php';\n";
    const result = (files: Record<string, string | Uint8Array>, file: string) =>
      verdict("APP-17", files).findings.find((f) => f.file === file)?.result;
    // Production requires the file too: it fails, whoever else loads it.
    const shared = {
      ...shop(),
      "config/Shared/config_default-ci.php": ci,
      "config/Shared/config_default-docker.prod.php": ci,
      "config/Shared/common/config_oauth.php": literal,
    };
    expect(result(shared, "config/Shared/common/config_oauth.php")).toBe("fail");
    // CI, development, devtest and demo configuration, and a ci/ folder: warnings, also when no
    // production deploy file names an environment (or there is none at all).
    const throwaway = [
      "config/Shared/config_default-docker.dev.php",
      "config/Shared/config_default-ci.php",
      "config/Shared/config_default-development.php",
      "config/Shared/config_default-devtest.php",
      "config/Shared/config_default-docker.demo.php",
      "config/Shared/ci/travis/config_ci.php",
    ];
    const unnamed: Record<string, string | Uint8Array> = { ...shop() };
    for (const file of throwaway) unnamed[file] = literal;
    unnamed["deploy.shop-prod.yml"] = (unnamed["deploy.shop-prod.yml"] as string).replace(
      "environment: docker.prod\n",
      "",
    );
    const none = { ...unnamed };
    delete none["deploy.shop-prod.yml"];
    delete none["deploy.shop-staging.yml"];
    for (const files of [unnamed, none])
      for (const file of throwaway) expect(result(files, file), file).toBe("warn");
    // What production loads fails: config_default.php, whatever else is there.
    const main = { ...none, "config/Shared/config_default.php": literal };
    expect(result(main, "config/Shared/config_default.php")).toBe("fail");
    // A production deploy file that names a demo environment: its file is production's.
    const demo: Record<string, string | Uint8Array> = { ...shop() };
    demo["config/Shared/config_default-docker.demo.php"] = literal;
    demo["deploy.shop-prod.yml"] = (demo["deploy.shop-prod.yml"] as string).replace(
      "environment: docker.prod\n",
      "environment: docker.demo\n",
    );
    expect(result(demo, "config/Shared/config_default-docker.demo.php")).toBe("fail");
    // Production requires a path built at run time: golive says so, and a development file
    // still warns (the rule is the file's environment, not what golive could follow).
    const dynamic = {
      ...shop(),
      "config/Shared/config_default-docker.prod.php":
        "<?php\nrequire __DIR__ . '/common/config_' . getenv('SPRYKER_REGION') . '.php';\n",
      "config/Shared/config_default-docker.dev.php": literal,
    };
    expect(result(dynamic, "config/Shared/config_default-docker.dev.php")).toBe("warn");
    // ... and says so, instead of reporting a file named '/common/config_' as missing.
    expect(verdict("APP-16", dynamic).findings).toContainEqual(
      expect.objectContaining({
        code: "config-dynamic-include",
        file: "config/Shared/config_default-docker.prod.php",
        line: 2,
      }),
    );
    expect(JSON.stringify(verdict("APP-16", dynamic))).not.toContain("config-missing");
  });

  test("the installer's Back Office users with passwords in UserConfig.php fail", () => {
    const files = {
      ...shop(),
      "src/Pyz/Zed/User/UserConfig.php": `<?php
class UserConfig extends SprykerUserConfig
{
    public function getInstallerUsers(): array
    {
        return [
            [
                'username' => 'admin@example.com',
                'password' => '${SECRET}',
            ],
            ['username' => 'ops@example.com', 'password' => getenv('OPS_PASSWORD')],
        ];
    }
}
`,
    };
    const v = verdict("APP-17", files);
    expect(v.result).toBe("fail");
    expect(v.findings.map((f) => [f.code, f.file, f.line])).toEqual([
      ["secret-array-literal", "src/Pyz/Zed/User/UserConfig.php", 9],
    ]);
    expect(JSON.stringify(v)).not.toContain(SECRET);
  });

  test("a deploy file's literal behind an alias, on the line below its key, or quoted like a reference fails", () => {
    const deploy = (environment: string) =>
      `version: "0.1"\nnamespace: shop-prod\nenvironment: docker.prod\nx-db: &pw ${SECRET}\nimage:\n  tag: spryker/php:8.2\n  environment:\n${environment}`;
    const lines = (environment: string, env?: string) => {
      const v = verdict("APP-17", {
        "composer.json": "{}",
        "deploy.shop-prod.yml": deploy(environment),
        ...(env !== undefined ? { ".env": env } : {}),
      });
      expect(JSON.stringify(v)).not.toContain(SECRET);
      return v.findings.filter((f) => f.result === "fail").map((f) => [f.code, f.file, f.line]);
    };
    // The alias: the anchor's line holds the value.
    expect(lines("    SPRYKER_DB_PASSWORD: *pw\n")).toEqual([
      ["secret-deploy-literal", "deploy.shop-prod.yml", 4],
    ]);
    expect(lines(`    SPRYKER_DB_PASSWORD:\n      ${SECRET}\n`)).toEqual([
      ["secret-deploy-literal", "deploy.shop-prod.yml", 9],
    ]);
    expect(
      lines(
        `    SPRYKER_DB_PASSWORD: '$Zq8vLm2p${SECRET}'\n    SPRYKER_BROKER_PASSWORD: "*${SECRET}"\n`,
        `DB_PASSWORD='$Zq8vLm2p${SECRET}'\n`,
      ),
    ).toEqual([
      ["secret-env-literal", ".env", 1],
      ["secret-deploy-literal", "deploy.shop-prod.yml", 8],
      ["secret-deploy-literal", "deploy.shop-prod.yml", 9],
    ]);
    // A default written after :- or - is a literal; an empty or variable default is not.
    expect(
      lines(
        `    SPRYKER_DB_PASSWORD: $\{DB_PW:-${SECRET}}\n    SPRYKER_BROKER_PASSWORD: $\{BROKER_PW:-}\n`,
        `DB_PASSWORD=$\{DB_PASSWORD:-${SECRET}}\nREDIS_PASSWORD=$\{REDIS_PASSWORD-$\{FALLBACK}}\nSMTP_PASSWORD=$\{SMTP_PASSWORD:=${SECRET}}\nAPI_SECRET=$\{API_SECRET:-$\{OLD_SECRET:-${SECRET}}}\n`,
      ),
    ).toEqual([
      ["secret-env-literal", ".env", 1],
      ["secret-env-literal", ".env", 3],
      ["secret-env-literal", ".env", 4],
      ["secret-deploy-literal", "deploy.shop-prod.yml", 8],
    ]);
    // A value that only starts like a variable is text.
    expect(
      lines(
        "    SPRYKER_DB_PASSWORD: $s3cr3tpassw0rd\n",
        "DB_PASSWORD='$s3cr3tpassw0rd'\nSMTP_PASSWORD=$s3cr3tsmtp99\n",
      ),
    ).toEqual([
      ["secret-env-literal", ".env", 1],
      ["secret-env-literal", ".env", 2],
      ["secret-deploy-literal", "deploy.shop-prod.yml", 8],
    ]);
    // References stay references: a variable's name, ${...}, an alias to no literal.
    expect(
      lines(
        `    SPRYKER_DB_PASSWORD: $SPRYKER_DB_PASSWORD\n    SPRYKER_BROKER_PASSWORD: $\{BROKER_PW}\n    SPRYKER_KEY_PASSWORD: *missing\n`,
        "DB_PASSWORD=$DB_PASSWORD_FROM_VAULT\nSMTP_PASSWORD=$smtp_password\nAPI_KEY=$API_KEY_2\n",
      ),
    ).toEqual([]);
  });

  test("a deploy file's long line is read in linear time, and the keys after it still count", () => {
    const spaces = " ".repeat(160_000);
    const started = performance.now();
    for (const line of [`x${spaces}y`, `x${spaces}y:`, `x:${spaces}`, `"x"${spaces}: y`]) {
      const v = verdict("APP-17", {
        "composer.json": "{}",
        "deploy.shop-prod.yml": `version: "0.1"\nnamespace: shop-prod\nenvironment: docker.prod\n${line}\nimage:\n  environment:\n    SPRYKER_DB_PASSWORD: ${SECRET}\n`,
      });
      expect(v.findings.map((f) => [f.code, f.line])).toContainEqual(["secret-deploy-literal", 7]);
    }
    // The lazy key of a regular expression took 27 s on the first line alone.
    expect(performance.now() - started).toBeLessThan(8_000);
  });

  test("a shop without secrets passes", () => {
    expect(codes(verdict("APP-17", shop()))).toEqual(["secrets-none"]);
  });
});
