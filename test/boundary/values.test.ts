/**
 * Issue 18: values from a shop's files pass one allow rule (verify/secret-names.ts) before any
 * output or evidence. Each planted value is under a key or in a shape that leaked before.
 */
import { execFileSync } from "node:child_process";
import { describe, expect, test } from "vitest";
import type { Finding } from "../../src/core/verdict.js";
import type { Check } from "../../src/schema/checks.js";
import { Facts } from "../../src/verify/facts.js";
import { runCheck } from "../../src/verify/index.js";
import { hasCredentialShape, isSecretKey, mayShowValue } from "../../src/verify/secret-names.js";
import { gitEnv, golive, read, tempRepo } from "../helpers/cli.js";
import { memoryRepo } from "../helpers/repo.js";
import { BEFORE_GO_LIVE, shop } from "../helpers/shop.js";

/** key, value, the part of the value that must never show. */
const LEAKED: [string, string, string][] = [
  ["DATABASE_URL", "mysql://root:S3CR3Tdb1@db/shop", "S3CR3Tdb1"],
  ["SPRYKER_DB_DSN", "mysql:host=db;dbname=shop;user=shop;password=DsnPw0rd77", "DsnPw0rd77"],
  ["REDIS_AUTH", "RedisAuth-Value-31", "RedisAuth-Value-31"],
  ["MAIL_SMTP_CREDS", "smtp-user:SmtpCreds-5", "SmtpCreds-5"],
  ["dbPass", "CamelCase-Pass-8", "CamelCase-Pass-8"],
  ["SENTRY_DSN", "https://f00dfeed1234@o1.ingest.sentry.io/42", "f00dfeed1234"],
  ["PAYMENT_AUTH_HEADER", "Basic dXNlcjpBdXRoSGVhZGVyUHc=", "dXNlcjpBdXRoSGVhZGVyUHc"],
  [
    "BACKUP_TARGET",
    "https://x-access-token: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@git.example/x",
    "ghp_wWPw5k4a",
  ],
];

function shopWith(lines: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [k, v] of Object.entries(shop())) files[k] = typeof v === "string" ? v : "";
  files["deploy.shop-prod.yml"] = files["deploy.shop-prod.yml"]!.replace(
    "    SPRYKER_HOOK_INSTALL:",
    `${lines}\n    SPRYKER_HOOK_INSTALL:`,
  );
  return files;
}

const ALIASED = `x-db: &db-secret
  DB_PASSWORD: &pw Aliased-Anchor-Pw-4
`;

/** What a deploy-value check on `image.environment.KEY` reports, expecting it present and matching. */
function deployValueRuns(facts: Facts, key: string): Finding[][] {
  return (["present", "matches"] as const).map((expect_) =>
    runCheck(
      {
        kind: "deploy-value",
        path: `image.environment.${key}`,
        expect: expect_,
        pattern: "^nope$",
      } as Check,
      facts,
    ),
  );
}

describe("the allow rule", () => {
  test.each(LEAKED)("%s = %s is never shown by a deploy-value check", (key, value, secret) => {
    const files = shopWith(`    ${key}: "${value}"`);
    const facts = new Facts(memoryRepo(files), BEFORE_GO_LIVE);
    for (const out of deployValueRuns(facts, key)) {
      expect(out.some((f) => f.subject === `image.environment.${key}`)).toBe(true);
      expect(JSON.stringify(out)).not.toContain(secret);
    }
    expect(mayShowValue(["image", "environment", key], value)).toBe(false);
  });

  test("JSON under a plain name with a secret entry is never shown by a deploy-value check", () => {
    const files = shopWith(
      `    SPRYKER_OAUTH_CLIENT_CONFIGURATION: '[{"identifier":"frontend","secret":"OauthJson-Secret-9","isConfidential":true}]'\n    SPRYKER_BROKER_CONNECTIONS: '[{"host":"broker","password":"BrokerJson-Pw-3"}]'`,
    );
    const facts = new Facts(memoryRepo(files), BEFORE_GO_LIVE);
    for (const key of ["SPRYKER_OAUTH_CLIENT_CONFIGURATION", "SPRYKER_BROKER_CONNECTIONS"])
      for (const out of deployValueRuns(facts, key)) {
        expect(out.map((f) => f.code)).toContainEqual(
          expect.stringMatching(/^deploy-value-secret/),
        );
        expect(JSON.stringify(out)).not.toMatch(/OauthJson|BrokerJson/);
      }
    // JSON without a secret entry, or with an empty one, may show.
    expect(hasCredentialShape('[{"identifier":"frontend","isConfidential":true}]')).toBe(false);
    expect(hasCredentialShape('{"password":""}')).toBe(false);
  });

  test("a name APP-17 does not report (where a secret is kept, a word about secrets) still hides its value", () => {
    const keys = [
      "SPRYKER_DB_PASSWORD_VAULT",
      "SPRYKER_API_TOKEN_PARAMETER",
      "SPRYKER_PAYMENT_TOKENIZER",
    ];
    const files = shopWith(keys.map((k, i) => `    ${k}: Zq8vLm2pQx${i}`).join("\n"));
    const facts = new Facts(memoryRepo(files), BEFORE_GO_LIVE);
    for (const key of keys) {
      const check = {
        kind: "deploy-value",
        path: `image.environment.${key}`,
        expect: "present",
      } as Check;
      const out = runCheck(check, facts);
      expect(out.map((f) => f.code)).toContain("deploy-value-secret");
      expect(JSON.stringify(out)).not.toContain("Zq8vLm2pQx");
      expect(isSecretKey(key), key).toBe(true);
    }
  });

  test("an alias to an anchor under a secret key is as secret as the anchor", () => {
    const files = shopWith("    COPIED: *pw");
    files["deploy.shop-prod.yml"] = ALIASED + files["deploy.shop-prod.yml"]!;
    const facts = new Facts(memoryRepo(files), BEFORE_GO_LIVE);
    const check = {
      kind: "deploy-value",
      path: "image.environment.COPIED",
      expect: "present",
    } as Check;
    const out = runCheck(check, facts);
    expect(out.map((f) => f.code)).toContain("deploy-value-secret");
    expect(JSON.stringify(out)).not.toContain("Aliased-Anchor-Pw-4");
  });

  test("names and shapes: what is a secret and what is not", () => {
    for (const n of [
      "REDIS_AUTH",
      "MAIL_SMTP_CREDS",
      "dbPass",
      "apiKey",
      "SENTRY_DSN",
      "SPRYKER_DB_DSN",
    ])
      expect(isSecretKey(n), n).toBe(true);
    for (const n of ["SPRYKER_DB_HOST", "auth", "engine", "publicKey", "OAUTH_TOKEN_URL"])
      expect(isSecretKey(n), n).toBe(false);
    for (const v of [
      "mariadb-10.6",
      "https://shop.example/",
      "spryker/php:8.3",
      "Basically fine",
      "redis://cache:6379/0",
    ])
      expect(hasCredentialShape(v), v).toBe(false);
    expect(mayShowValue(["image", "environment", "SPRYKER_DB_HOST"], "db.internal")).toBe(true);
    // Linear: a 4 MiB value of near-misses is judged at once.
    const start = performance.now();
    for (const near of ["a://", "eyJxxxxx", "password", "ghp_", '"a":"', '"'])
      hasCredentialShape(near.repeat(1_000_000));
    expect(performance.now() - start).toBeLessThan(2000);
  });

  test("verify text, --json and --record of a team check: no value anywhere", async () => {
    const files = shopWith(LEAKED.map(([k, v]) => `    ${k}: "${v}"`).join("\n"));
    files["ours.yaml"] = `format: 1
name: ours
title: Ours
version: "1"
categories:
  - { id: OPS, title: Operations }
phases:
  - { id: prep, title: Preparation, opens: -60, due: -30 }
items:
${LEAKED.map(
  ([k], i) => `  - id: OPS-${i + 1}
    category: OPS
    phase: prep
    title: ${k}
    summary: checked
    checks:
      - { kind: deploy-value, path: image.environment.${k}, expect: matches, pattern: "^nope$" }
`,
).join("")}`;
    const dir = tempRepo(files);
    const today = { GOLIVE_TODAY: "2027-01-04" };
    const init = await golive(
      dir,
      ["init", "--date", "2027-03-01", "--catalogue", "ours.yaml"],
      today,
    );
    expect(init.code, init.stderr).toBe(0);
    execFileSync("git", ["add", "-A"], { cwd: dir, env: gitEnv(dir) });
    let all = "";
    for (const args of [
      ["verify"],
      ["verify", "--json"],
      ["verify", "--record"],
      ["status", "--all"],
      ["show", "OPS-1"],
      ["check", "--verify", "--format", "junit"],
    ]) {
      const r = await golive(dir, args, today);
      expect(r.code, r.stderr).toBeLessThan(2);
      all += r.stdout + r.stderr;
    }
    all += read(dir);
    expect(read(dir)).toContain("deploy-value-secret-mismatch");
    for (const [, , secret] of LEAKED) expect(all).not.toContain(secret);
  });
});

describe("findings past the stack's size", () => {
  test("an item with 200,000 findings is judged (no spread of them into a call)", async () => {
    const { verifyItems } = await import("../../src/verify/index.js");
    const check = { kind: "file-exists", path: "missing.txt" } as Check;
    const checks: Check[] = Array.from({ length: 200_000 }, () => check);
    const item = { id: "OPS-1", title: "many", checks };
    const [v] = verifyItems([item as never], memoryRepo({}), BEFORE_GO_LIVE);
    expect(v!.findings.length).toBe(200_000);
    expect(v!.result).toBe("fail");
  });
});
