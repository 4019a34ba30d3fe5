/**
 * APP-17 finds the secrets issue 10 and issue 14 name, and no secret's value appears anywhere:
 * not in a finding, not in any output format, not in golive.yaml after `verify --record`.
 */
import { execFileSync } from "node:child_process";
import { describe, expect, test } from "vitest";
import type { Check } from "../../src/schema/checks.js";
import { Facts } from "../../src/verify/facts.js";
import { runCheck, verifyRepository } from "../../src/verify/index.js";
import { sprykerCatalogue } from "../helpers/catalogue.js";
import { gitEnv, golive, read, tempRepo } from "../helpers/cli.js";
import { evidenceIn } from "../helpers/evidence.js";
import { memoryRepo } from "../helpers/repo.js";
import {
  BEFORE_GO_LIVE,
  codes,
  deployFile,
  found,
  KEY_BODY,
  shop,
  verdict,
} from "../helpers/shop.js";

/** Every planted value: none may appear in any output. */
const PLANTED = {
  jsonKey: "MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQDjSonOneLineJsonKey",
  comment: "hunter2-behind-a-comment",
  split: "split-over-two-lines-secret",
  root: "Root-Db-Passw0rd-literal",
  user: "Basic-User-Is-The-Password-9",
  password: "Basic-Auth-Password-Literal-7",
  nested: "JDJ5JDEwJFE0cXBwYnVVTTV6YVZXSnVm-nested-token",
  entry: "array-entry-secret-value-42",
  fallback: "literal-fallback-of-getenv-13",
  encryption: "Deploy-Encryption-Key-In-A-Folder",
  github: "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",
  db: "Db-Password-For-A-Custom-Check",
  pem: KEY_BODY,
  reference: "Zq8vLm2pXw9r-behind-a-reference",
  defaultArgument: "Zq8vLm2pXw9r-a-default-argument",
  property: "Zq8vLm2pXw9r-a-property-default",
  promoted: "Zq8vLm2pXw9r-a-promoted-parameter",
  enumCase: "Zq8vLm2pXw9r-a-backed-enum-case",
};

function leaky(): Record<string, string | Uint8Array> {
  const files = shop();
  files["keys/service-account.json"] = `${JSON.stringify({
    type: "service_account",
    private_key: `-----BEGIN PRIVATE KEY-----\n${PLANTED.jsonKey}\n-----END PRIVATE KEY-----\n`,
  })}\n`;
  files["keys/legacy.pem"] =
    `-----BEGIN RSA PRIVATE KEY-----\n${PLANTED.pem}\n-----END RSA PRIVATE KEY-----\n`;
  files["config/Shared/config_secrets.php"] = `<?php
$config[MailConstants::SMTP_PASSWORD] = '${PLANTED.comment}'; // TODO move to getenv
$config[PaymentConstants::CLIENT_SECRET]
    = '${PLANTED.split}';
$config[SecuritySystemUserConstants::AUTH_DEFAULT_CREDENTIALS]['yves_system']['token'] = '${PLANTED.nested}';
$config[AwsConstants::S3] = [
    'secret' => '${PLANTED.entry}',
];
$config[ProductConstants::CONFIGURATOR_ENCRYPTION_KEY] = getenv('KEY') ?: '${PLANTED.fallback}';
$config[OauthConstants::OAUTH_TOKEN_URL] = 'https://auth.example/token';
$config[ShopConstants::MAPS_API_KEY] = 'CHANGE_ME';
`;
  files["deploy.shop-prod.yml"] = (files["deploy.shop-prod.yml"] as string)
    .replace(/\$\{BASIC_AUTH_USER\}/, PLANTED.user)
    .replace(/\$\{BASIC_AUTH_PASSWORD\}/, PLANTED.password)
    .replace(
      "    SPRYKER_HOOK_INSTALL:",
      `    DB_PASSWORD: ${PLANTED.db}\n    SPRYKER_HOOK_INSTALL:`,
    )
    .replace(
      "    version: mariadb-10.6\n",
      `    version: mariadb-10.6\n    root:\n      username: root\n      password: ${PLANTED.root}\n`,
    );
  files["deploy/eu/deploy.shop-prod.eu.yml"] = deployFile("prod").replace(
    "    SPRYKER_HOOK_INSTALL:",
    `    SPRYKER_OAUTH_ENCRYPTION_KEY: ${PLANTED.encryption}\n    SPRYKER_HOOK_INSTALL:`,
  );
  files["config/Shared/ci.env.yml"] = `GITHUB_TOKEN: ${PLANTED.github}\n`;
  // The five shapes php9 closed: a reference, a default argument, a property's default, a
  // promoted constructor parameter's default and a backed enum's case.
  files["config/Shared/config_shapes.php"] = `<?php
$pw = '${PLANTED.reference}';
$ref = &$pw;
$config[PropelConstants::ZED_DB_PASSWORD] = $ref;
function dbPassword($fallback = '${PLANTED.defaultArgument}') { return getenv('DB_PW') ?: $fallback; }
$config[MailConstants::SMTP_PASSWORD] = dbPassword();
class Creds { public $pw = '${PLANTED.property}'; }
$config[RabbitMqEnv::RABBITMQ_PASSWORD] = (new Creds())->pw;
class Promoted { public function __construct(public string $pw = '${PLANTED.promoted}') {} }
$promoted = new Promoted();
$config[StorageRedisConstants::STORAGE_REDIS_PASSWORD] = $promoted->pw;
enum Secret: string { case Search = '${PLANTED.enumCase}'; }
$config[SearchElasticsearchConstants::CLIENT_CONFIGURATION_PASSWORD] = Secret::Search->value;
`;
  return files;
}

function expectNoSecret(text: string, where: string): void {
  for (const [name, value] of Object.entries(PLANTED))
    expect(text.includes(value), `${where} shows the ${name} secret`).toBe(false);
}

describe("APP-17 finds what issues 10 and 14 name", () => {
  test("one-line JSON keys, comments that mention getenv, split assignments, root passwords", () => {
    const v = verdict("APP-17", leaky());
    expect(v.result).toBe("fail");
    const at = found(v).map((f) => [f.code, f.file, f.line]);
    expect(at).toEqual(
      expect.arrayContaining([
        ["secret-private-key", "keys/service-account.json", 1],
        ["secret-private-key", "keys/legacy.pem", 1],
        ["secret-config-literal", "config/Shared/config_secrets.php", 2],
        ["secret-config-literal", "config/Shared/config_secrets.php", 4],
        ["secret-config-literal", "config/Shared/config_secrets.php", 5],
        ["secret-array-literal", "config/Shared/config_secrets.php", 7],
        ["secret-config-fallback", "config/Shared/config_secrets.php", 9],
        ["secret-placeholder", "config/Shared/config_secrets.php", 11],
        ["secret-deploy-literal", "deploy.shop-prod.yml", 29],
        ["secret-auth-password", "deploy.shop-prod.yml", 15],
        ["secret-deploy-literal", "deploy/eu/deploy.shop-prod.eu.yml", 20],
        ["secret-config-literal", "config/Shared/config_shapes.php", 2],
        ["secret-config-fallback", "config/Shared/config_shapes.php", 5],
        ["secret-config-literal", "config/Shared/config_shapes.php", 7],
        ["secret-config-literal", "config/Shared/config_shapes.php", 9],
        ["secret-config-literal", "config/Shared/config_shapes.php", 12],
      ]),
    );
    // A constant naming a URL is no secret; the user name is never a finding of its own.
    expect(
      found(v).some((f) => f.line === 10 && f.file === "config/Shared/config_secrets.php"),
    ).toBe(false);
    expect(found(v).find((f) => f.line === 29)!.subject).toBe("services.database.root.password");
    expectNoSecret(JSON.stringify(v), "the verdict");
  });

  test("a placeholder key is reported as a placeholder, a warning", () => {
    const files = shop();
    files["config/Zed/oauth.key"] =
      "-----BEGIN PRIVATE KEY-----\nYour private key.\n-----END PRIVATE KEY-----\n";
    const v = verdict("APP-17", files);
    expect(v.result).toBe("warn");
    expect(codes(v)).toEqual(["secret-placeholder"]);
  });

  test("provider tokens come from secretlint's recommended preset", async () => {
    const item = sprykerCatalogue().items.find((i) => i.id === "APP-17")!;
    const [v] = await verifyRepository([item], memoryRepo(leaky()), BEFORE_GO_LIVE);
    expect(found(v!)).toContainEqual(
      expect.objectContaining({
        code: "secret-provider-token",
        file: "config/Shared/ci.env.yml",
        line: 1,
        subject: "GITHUB_TOKEN",
      }),
    );
    expectNoSecret(JSON.stringify(v), "the verdict with provider tokens");
  });

  test("a deploy-value check on a secret-looking key never shows the value", () => {
    const facts = new Facts(memoryRepo(leaky()), BEFORE_GO_LIVE);
    for (const [path, pattern] of [
      ["image.environment.DB_PASSWORD", "^\\$\\{"],
      ["services.database.root.password", "^\\$\\{"],
      [
        ["groups", "*", "applications", "*", "endpoints", "*", "auth", "users", "*", "username"],
        "^x$",
      ],
    ] as const) {
      for (const expect_ of ["present", "matches"] as const) {
        const check = { kind: "deploy-value", path, expect: expect_, pattern } as Check;
        const out = runCheck(check, facts);
        expect(out.some((f) => f.code.startsWith("deploy-value-secret"))).toBe(true);
        expectNoSecret(JSON.stringify(out), `deploy-value ${String(path)} ${expect_}`);
      }
    }
  });
});

describe("no planted secret in any output, nor in golive.yaml", () => {
  test("verify (text, json, --record), show, status and check --verify in every format", async () => {
    const text: Record<string, string> = {};
    for (const [k, v] of Object.entries(leaky())) text[k] = typeof v === "string" ? v : "";
    const dir = tempRepo(text);
    const today = { GOLIVE_TODAY: "2027-01-04" };
    expect((await golive(dir, ["init", "--date", "2027-03-01"], today)).code).toBe(0);
    execFileSync("git", ["add", "-A"], { cwd: dir, env: gitEnv(dir) });
    expect((await golive(dir, ["done", "APP-17", "CLO-10", "--by", "Jo"], today)).code).toBe(0);
    const outputs: [string, string[]][] = [
      ["verify", ["verify"]],
      ["verify --json", ["verify", "--json"]],
      ["verify --all", ["verify", "--all"]],
      ["verify --record", ["verify", "--record"]],
      ["show", ["show", "APP-17"]],
      ["show --json", ["show", "APP-17", "--json"]],
      ["status", ["status", "--all"]],
      ["status --json", ["status", "--json"]],
      ["status markdown", ["status", "--format", "markdown"]],
      ["check --verify", ["check", "--verify"]],
      ["check --verify --json", ["check", "--verify", "--json"]],
      ["check --verify junit", ["check", "--verify", "--format", "junit"]],
      ["check --verify github", ["check", "--verify", "--format", "github"]],
      ["check --verify markdown", ["check", "--verify", "--format", "markdown"]],
    ];
    for (const [name, args] of outputs) {
      const r = await golive(dir, args, today);
      expect(r.code, `${name}: ${r.stderr}`).toBeLessThan(2);
      expectNoSecret(r.stdout + r.stderr, name);
    }
    const state = read(dir);
    expect(evidenceIn(state, "APP-17")).toMatchObject({
      result: "fail",
      code: expect.stringMatching(/^secret-/),
    });
    expectNoSecret(state, "golive.yaml after --record");
    // The check --verify report says why APP-17 fails, without the value.
    const check = await golive(dir, ["check", "--verify"], today);
    expect(check.stdout).toMatch(/APP-17 .*done, but its check fails: .*\(value not shown\)/);
  });
});
