import { describe, expect, test } from "vitest";
import { CatalogueSchema } from "../../src/schema/catalogue.js";
import type { Check } from "../../src/schema/checks.js";
import { Facts } from "../../src/verify/facts.js";
import { gitBlobHash } from "../../src/verify/generic.js";
import { runCheck, verifyItems } from "../../src/verify/index.js";
import { parseYamlTree, select, type Tree } from "../../src/verify/yaml-tree.js";
import { memoryRepo } from "../helpers/repo.js";
import { BEFORE_GO_LIVE, itemWithChecks, OWN_FAVICON, shop } from "../helpers/shop.js";

const item = itemWithChecks;

function run(checks: unknown[], files: Record<string, string | Uint8Array> = shop()) {
  return verifyItems([item(checks)], memoryRepo(files), BEFORE_GO_LIVE)[0]!;
}

describe("git blob hash", () => {
  test("matches git hash-object", () => {
    expect(gitBlobHash(new Uint8Array())).toBe("e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");
    expect(gitBlobHash(new TextEncoder().encode("hello\n"))).toBe(
      "ce013625030ba8dba906f756967f9e9ca394464a",
    );
  });
});

describe("generic rule kinds", () => {
  test("file-differs warns on a known default and passes on the shop's own file", () => {
    const path = "public/Yves/favicon.ico";
    const own = gitBlobHash(OWN_FAVICON);
    expect(run([{ kind: "file-differs", path, defaults: [own] }]).result).toBe("warn");
    expect(
      run([{ kind: "file-differs", path, defaults: ["8d0a405cf81f5fffd01c3335f4a0fab48923c034"] }])
        .result,
    ).toBe("pass");
    expect(
      run([{ kind: "file-differs", path: "nope.ico", defaults: [own], missing: "skip" }]).findings,
    ).toEqual([]);
  });

  test("file-exists and file-absent", () => {
    expect(run([{ kind: "file-exists", path: ".git.docker" }]).result).toBe("pass");
    expect(run([{ kind: "file-exists", path: "nope", severity: "warn" }]).result).toBe("warn");
    expect(
      run([{ kind: "file-exists", path: "e", nonEmpty: true }], { e: "" }).findings[0]!.code,
    ).toBe("file-empty");
    expect(run([{ kind: "file-absent", path: "deploy.dev.yml" }]).result).toBe("fail");
    expect(run([{ kind: "file-absent", path: "public/Zed/index.php" }]).result).toBe("pass");
  });

  test("composer: missing package result is configurable", () => {
    expect(
      run([{ kind: "composer", package: "spryker/nope", min: "1.0.0", missing: "fail" }]).result,
    ).toBe("fail");
    expect(run([{ kind: "composer", package: "twig/twig", min: "3.0" }]).result).toBe("pass");
  });

  test("deploy-value: present, absent, matches, through merge keys", () => {
    const endpoints = ["groups", "*", "applications", "*", "endpoints", "*"];
    expect(
      run([{ kind: "deploy-value", path: [...endpoints, "real-ip", "from"], expect: "present" }])
        .result,
    ).toBe("pass");
    expect(
      run([
        {
          kind: "deploy-value",
          path: "services.database.version",
          expect: "matches",
          pattern: "^mariadb-",
        },
      ]).result,
    ).toBe("pass");
    const mismatch = run([
      {
        kind: "deploy-value",
        path: "services.database.version",
        expect: "matches",
        pattern: "^8\\.",
      },
    ]);
    expect(mismatch.findings[0]).toMatchObject({ code: "deploy-judged" });
    expect(mismatch.findings[1]).toMatchObject({
      code: "deploy-value-mismatch",
      found: "mariadb-10.6",
      line: 25,
    });
    expect(run([{ kind: "deploy-value", path: "services.broker", expect: "absent" }]).result).toBe(
      "pass",
    );
    expect(
      run([
        { kind: "deploy-value", path: [...endpoints, "auth"], expect: "absent", severity: "warn" },
      ]).result,
    ).toBe("warn");
  });

  test("text-present and text-absent over globs", () => {
    expect(
      run([{ kind: "text-present", files: "config/**/*.php", pattern: "sitemap:generate" }])
        .findings[0],
    ).toMatchObject({
      code: "text-found",
      file: "config/Zed/cronjobs/jenkins.php",
      line: 2,
    });
    const absent = run([
      {
        kind: "text-absent",
        files: ["**/*.php"],
        pattern: "getenv\\('SPRYKER_S3_(KEY|SECRET)'\\)",
      },
    ]);
    expect(absent.result).toBe("fail");
    expect(absent.findings.map((f) => f.line)).toEqual([5, 6]);
    expect(run([{ kind: "text-absent", files: "src/**", pattern: "var_dump" }]).result).toBe(
      "pass",
    );
  });

  test("contains: files without the text are passed over; with it, the pattern decides", () => {
    const search = (contains: string, ignoreCase = false) =>
      run([
        {
          kind: "text-absent",
          files: ["**/*.php"],
          pattern: "getenv\\('SPRYKER_S3_(KEY|SECRET)'\\)",
          contains,
          ignoreCase,
        },
      ])
        .findings.filter((f) => f.code === "text-unexpected")
        .map((f) => f.line);
    expect(search("SPRYKER_S3_")).toEqual([5, 6]);
    // Matched with the pattern's case rule.
    expect(search("spryker_s3_", true)).toEqual([5, 6]);
    // A contains the pattern does not imply would skip matching files: it is refused.
    expect(() => search("spryker_s3_")).toThrow();
    expect(() => search("NOT-IN-ANY-FILE")).toThrow();
  });

  test("contains folds case as RE2 does: the long s and the Kelvin sign still match", () => {
    const files = { ...shop(), "src/x.php": "<?php\n$q = 'DELETE FROM ſpy_oms_transition_log';\n" };
    const check = {
      kind: "text-absent",
      files: "src/**",
      pattern: "delete.*spy_oms_transition_log",
      contains: "spy_oms_transition_log",
      ignoreCase: true,
    };
    expect(run([check], files).findings).toEqual([
      expect.objectContaining({ code: "text-unexpected", file: "src/x.php", line: 2 }),
    ]);
  });

  test("deploy-value with expect: matches needs a pattern", () => {
    const check = { kind: "deploy-value", path: "services.database.version", expect: "matches" };
    const parsed = CatalogueSchema.safeParse({
      format: 1,
      name: "custom",
      title: "Custom",
      version: "1",
      categories: [{ id: "X", title: "X" }],
      phases: [{ id: "p", title: "P", opens: -10, due: -1 }],
      items: [
        { id: "X-1", category: "X", phase: "p", title: "One", summary: "One.", checks: [check] },
      ],
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues).toMatchObject([
      { path: ["items", 0, "checks", 0, "pattern"], message: expect.stringMatching(/matches/) },
    ]);
    expect(() => item([{ ...check, expect: "present" }])).not.toThrow();
    // Should a check without a pattern get past the schema, nothing matches it: it never passes.
    const facts = new Facts(memoryRepo(shop()), BEFORE_GO_LIVE);
    expect(runCheck(check as Check, facts).map((f) => f.code)).toEqual([
      "deploy-judged",
      "deploy-value-mismatch",
    ]);
  });

  test("the catalogue rejects unknown kinds, bad regexes and paths outside the repository", () => {
    expect(() => item([{ kind: "spryker/nope" }])).toThrow();
    expect(() => item([{ kind: "text-present", files: "*", pattern: "(" }])).toThrow();
    expect(() => item([{ kind: "file-exists", path: "../etc/passwd" }])).toThrow();
  });
});

describe("deploy files as a located tree", () => {
  test("merge keys: explicit keys win, lists of aliases merge in order, lines are kept", () => {
    const { tree } = parseYamlTree(
      "a: &a\n  x: 1\n  y: 1\nb: &b\n  y: 2\n  z: 2\nc:\n  <<: [*a, *b]\n  x: 3\n",
    );
    const c = select(tree, ["c", "*"]).map((h) => [
      h.path[1],
      h.node.kind === "scalar" ? h.node.value : null,
      h.node.line,
    ]);
    expect(c).toEqual([
      ["x", 3, 9],
      ["y", 1, 3],
      ["z", 2, 6],
    ]);
  });
  test("an alias bomb is refused, not expanded", () => {
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 0; i < 8; i++)
      bomb.push(
        `${"bcdefghi"[i]}: &${"bcdefghi"[i]} [${Array(10)
          .fill(`*${i === 0 ? "a" : "bcdefghi"[i - 1]}`)
          .join(", ")}]`,
      );
    expect(parseYamlTree(bomb.join("\n")).error?.kind).toBe("too many aliases");
  });
  test("an alias names the last node before it with that anchor", () => {
    const { tree } = parseYamlTree("a: &x 1\nb: *x\nc: &x [2]\nd: *x\ne: &y {k: *x}\nf: *y\n");
    const values = select(tree, ["*"]).map((h) => [h.path[0], JSON.stringify(plain(h.node))]);
    expect(values).toEqual([
      ["a", "1"],
      ["b", "1"],
      ["c", "[2]"],
      ["d", "[2]"],
      ["e", '{"k":[2]}'],
      ["f", '{"k":[2]}'],
    ]);
  });
  test("aliases that spend the budget in a large file take one walk of it, not one each", () => {
    // 20 anchors each twice the one before (2^20 nodes: past the budget) and 2,000 more keys:
    // yaml's Alias.resolve walked the whole document for every alias followed (over a minute).
    const lines = ["x0: &a0 {k: v}"];
    for (let i = 1; i < 20; i++) lines.push(`x${i}: &a${i} {a: *a${i - 1}, b: *a${i - 1}}`);
    lines.push("filler:");
    for (let i = 0; i < 2_000; i++) lines.push(`  f${i}: v`);
    const started = performance.now();
    expect(parseYamlTree(lines.join("\n")).error?.kind).toBe("too many aliases");
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});

/** A located tree as plain data, to compare. */
function plain(node: Tree): unknown {
  if (node.kind === "scalar") return node.value;
  if (node.kind === "seq") return node.items.map(plain);
  return Object.fromEntries([...node.entries].map(([k, v]) => [k, plain(v)]));
}
