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

  test("a shop without secrets passes", () => {
    expect(codes(verdict("APP-17", shop()))).toEqual(["secrets-none"]);
  });
});
