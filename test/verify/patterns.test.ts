/**
 * Patterns from files cannot stall `golive verify`: `(a+)+$` against a 100,000-character
 * line, which JavaScript's own engine takes minutes over (34 s for 28 characters), finishes
 * at once in every place a file's pattern is matched.
 */
import { describe, expect, test } from "vitest";
import { verifyItems } from "../../src/verify/index.js";
import { memoryRepo } from "../helpers/repo.js";
import { BEFORE_GO_LIVE, codes, itemWithChecks, shop, verdict } from "../helpers/shop.js";

const EVIL = "(a+)+$";
const LONG = "a".repeat(100_000);

const item = itemWithChecks;

/** The verdict, and how long it took in milliseconds. */
function timed<T>(run: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = run();
  return { value, ms: performance.now() - start };
}

describe("a catalogue check's pattern runs in linear time", () => {
  const files = { ...shop(), "src/Pyz/Long.php": `<?php\n${LONG}!\n` };

  test.each([
    ["text-absent", {}, "pass"],
    ["text-present", {}, "fail"],
    ["text-present", { ignoreCase: true }, "fail"],
  ])("%s %o", (kind, extra, result) => {
    const check = { kind, files: "src/**", pattern: EVIL, ...extra };
    const { value, ms } = timed(
      () => verifyItems([item([check])], memoryRepo(files), BEFORE_GO_LIVE)[0]!,
    );
    expect(value.result).toBe(result);
    expect(ms).toBeLessThan(1000);
  });

  test("deploy-value … matches", () => {
    const deploy = `version: "1.0"\nimage:\n  environment:\n    LONG: "${LONG}!"\n`;
    const check = {
      kind: "deploy-value",
      path: "image.environment.LONG",
      expect: "matches",
      pattern: EVIL,
    };
    const { value, ms } = timed(
      () =>
        verifyItems(
          [item([check])],
          memoryRepo({ "deploy.shop-prod.yml": deploy }),
          BEFORE_GO_LIVE,
        )[0]!,
    );
    // The note naming the production file judged, then the mismatch.
    expect(value.findings.map((f) => f.code)).toEqual(["deploy-judged", "deploy-value-mismatch"]);
    expect(ms).toBeLessThan(1000);
  });
});

describe("a verify.allow pattern runs in linear time", () => {
  // A literal password on a 100,000-character line: APP-17 finds it, the allow-list's
  // pattern is tried against that line.
  const files = {
    ...shop(),
    "config/Shared/config_prod.php": `<?php\n$config[X_PASSWORD] = '${LONG}';\n`,
  };
  const allow = (pattern: string) => [
    { path: "config/Shared/config_prod.php", pattern, reason: "reviewed" },
  ];

  test("(a+)+$ does not match and does not stall", () => {
    const { value, ms } = timed(() => verdict("APP-17", files, { allow: allow(EVIL) }));
    expect(codes(value)).toContain("secret-config-literal");
    expect(ms).toBeLessThan(1000);
  });

  test("a pattern that matches still silences the finding", () => {
    const { value, ms } = timed(() => verdict("APP-17", files, { allow: allow("(a+)+';$") }));
    expect(codes(value)).not.toContain("secret-config-literal");
    expect(codes(value)).toContain("secrets-allowed");
    expect(ms).toBeLessThan(1000);
  });
});
