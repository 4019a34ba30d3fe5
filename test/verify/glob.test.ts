import { describe, expect, test } from "vitest";
import { filesMatching, matchGlob } from "../../src/verify/glob.js";

describe("globs over repository paths (picomatch)", () => {
  test("a character class matches one of its characters", () => {
    expect(matchGlob("config/[ab].php", "config/a.php")).toBe(true);
    expect(matchGlob("config/[ab].php", "config/b.php")).toBe(true);
    expect(matchGlob("config/[ab].php", "config/c.php")).toBe(false);
  });

  test("nested braces and ranges", () => {
    const glob = "config/{a,{b,c}}.php";
    expect(["a", "b", "c", "d"].map((n) => matchGlob(glob, `config/${n}.php`))).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(matchGlob("deploy.{1..3}.yml", "deploy.2.yml")).toBe(true);
    expect(matchGlob("deploy.{1..3}.yml", "deploy.4.yml")).toBe(false);
  });

  test("* and ? stay inside a folder, ** crosses folders and matches none", () => {
    expect(matchGlob("src/*.php", "src/a/x.php")).toBe(false);
    expect(matchGlob("src/?.php", "src/x.php")).toBe(true);
    expect(matchGlob("src/**/*.php", "src/x.php")).toBe(true);
    expect(matchGlob("src/**/*.php", "src/a/b/x.php")).toBe(true);
    expect(matchGlob("data/import/**/customer.csv", "data/import/customer.csv")).toBe(true);
  });

  test("dotfiles and dot folders match like any other", () => {
    expect(matchGlob("**/*.yml", ".github/workflows/ci.yml")).toBe(true);
    expect(matchGlob("*", ".env")).toBe(true);
  });

  test("a pattern matches the whole path from the root", () => {
    expect(matchGlob("*.pem", "keys/a.pem")).toBe(false);
    expect(matchGlob("keys/*.pem", "keys/a.pem.bak")).toBe(false);
  });

  test("special characters of a plain path are themselves", () => {
    const files = ["a+b.txt", "a(b).txt", "ab.txt", "c[1].txt", "c1.txt"];
    expect(filesMatching(files, "a+b.txt")).toEqual(["a+b.txt"]);
    expect(filesMatching(files, "a\\(b\\).txt")).toEqual(["a(b).txt"]);
    expect(filesMatching(files, "c\\[1\\].txt")).toEqual(["c[1].txt"]);
    expect(filesMatching(files, ["ab.txt", "c*.txt"])).toEqual(["ab.txt", "c[1].txt", "c1.txt"]);
  });

  test("only paths under a glob's fixed folders are tried, and every match is still found", () => {
    const files = [
      "scripts",
      "scripts/a.sh",
      "scriptsx/b.sh",
      "src/Orm/Propel/Shop/Migration_mysql/V1.php",
      "src/Orm/Propel/Shop/Migration_pgsql/V1.php",
      "src/Orm/Propel/Shop/Migration_oracle/V1.php",
      "vendor/src/Orm/Propel/Migration_mysql/V1.php",
      "x/a.php",
    ];
    expect(filesMatching(files, "scripts/**")).toEqual(["scripts", "scripts/a.sh"]);
    expect(filesMatching(files, "src/Orm/Propel/**/Migration_{mysql,pgsql}/*.php")).toEqual([
      "src/Orm/Propel/Shop/Migration_mysql/V1.php",
      "src/Orm/Propel/Shop/Migration_pgsql/V1.php",
    ]);
    expect(filesMatching(files, ["./x/*.php", "{x,y}/*.php"])).toEqual(["x/a.php"]);
  });

  test("many brace groups still run in linear time; one group of words is plain alternatives", () => {
    const path = `${"a".repeat(40)}b`;
    const started = performance.now();
    expect(matchGlob("{a,aa}".repeat(30), path)).toBe(false);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(matchGlob("*{a,aa}*b", path)).toBe(true);
    expect(matchGlob("deploy.{prod,staging}.yml", "deploy.prod.yml")).toBe(true);
    expect(matchGlob("deploy.{prod,staging}.yml", "deploy.uat.yml")).toBe(false);
  });

  test("a glob that backtracks in JavaScript's engine runs in linear time", () => {
    const glob = `${"*a".repeat(8)}*b`;
    const path = "a".repeat(4000);
    const started = performance.now();
    expect(matchGlob(glob, path)).toBe(false);
    expect(matchGlob(glob, `${path}b`)).toBe(true);
    // 9 s at 60 characters before; linear, 4,000 take milliseconds.
    expect(performance.now() - started).toBeLessThan(1000);
  });

  test("a negated extglob still matches (the one kind left to JavaScript's engine)", () => {
    expect(matchGlob("config/!(Zed)/*.php", "config/Shared/a.php")).toBe(true);
    expect(matchGlob("config/!(Zed)/*.php", "config/Zed/a.php")).toBe(false);
  });
});
