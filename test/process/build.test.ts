// @module-tag process
/**
 * What the build makes (scripts/build.mjs): one self-contained file, dist/golive.cjs, started
 * by a bin of a few lines; no cache of its own, so a run leaves no file behind but golive.yaml
 * and what --output names.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, readdirSync, readFileSync, statSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, resolve } from "node:path";
import { describe, expect, test } from "vitest";
import { BIN, BUNDLE, goliveBin, read, tempDir, tempRepo } from "../helpers/cli.js";

const ROOT = resolve(import.meta.dirname, "../..");
const VERSION = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).version;
const TODAY = { GOLIVE_TODAY: "2027-01-04" };

/** Every file below `dir`, as paths relative to it. */
function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((path) => !statSync(join(dir, path)).isDirectory())
    .sort();
}

describe("the bundle", () => {
  const code = readFileSync(BUNDLE, "utf8");

  test("is one file that requires nothing but Node's own modules", () => {
    expect(readdirSync(dirname(BUNDLE))).toEqual(["golive.cjs"]);
    expect(code.startsWith("#!/usr/bin/env node\n")).toBe(true);
    const required = new Set([...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]!));
    expect(required.size).toBeGreaterThan(0);
    const own = [...required].filter((r) => !r.startsWith("node:") && !builtinModules.includes(r));
    expect(own).toEqual([]);
    // Everything golive needs is in it (zod, yaml, commander, chalk, the catalogues, the PHP
    // parser verify loads and the XML reader probe loads), and yet it stays far from the size
    // of a bundled browser driver or test framework. 1.25 MiB: 1.13 MiB today (re2js 148 KiB,
    // php-parser 128 KiB, yaml 113 KiB: `node scripts/build.mjs --analyze`); the time to start
    // is the bench's business, and code a command does not run is never compiled.
    expect(statSync(BUNDLE).size).toBeLessThan(1.25 * 1024 * 1024);
  });

  test("is ASCII: Node reads it as one byte a character, faster than two", () => {
    expect(code.search(/[\u0080-\uffff]/)).toBe(-1);
  });

  test("keeps no code cache of its own: no vm.Script, no cachedData", () => {
    for (const text of [code, readFileSync(BIN, "utf8")]) {
      expect(text).not.toContain("vm.Script");
      expect(text).not.toContain("cachedData");
      expect(text).not.toMatch(/require\("(node:)?vm"\)/);
    }
  });

  test("runs when copied alone into an empty folder: no node_modules, no checklists/", () => {
    const dir = tempDir("golive-alone-");
    copyFileSync(BUNDLE, join(dir, "golive.cjs"));
    const run = (args: string[]) =>
      spawnSync(process.execPath, ["golive.cjs", ...args], {
        cwd: dir,
        encoding: "utf8",
        timeout: 60_000,
        env: { PATH: process.env.PATH ?? "", HOME: dir, NO_COLOR: "1", ...TODAY },
      });
    const version = run(["--version"]);
    expect(version.stdout).toBe(`${VERSION}\n`);
    expect(version.status).toBe(0);
    const init = run(["init", "--date", "2027-03-01"]);
    expect(init.stderr).toBe("");
    expect(init.status).toBe(0);
    expect(init.stdout).toContain("84 items, go-live Mon 1 Mar 2027");
    const status = run(["status"]);
    expect(status.stderr).toBe("");
    expect(status.status).toBe(0);
    expect(status.stdout).toContain("Go-live Mon 1 Mar 2027 · 56 days to go");
    expect(run(["show", "GEN-01"]).stdout).toContain("Share go-live plan");
    expect(files(dir)).toEqual(["golive.cjs", "golive.yaml"]);
  });
});

describe("the executable", () => {
  test("is a few lines: Node's compile cache, then the bundle", () => {
    const text = readFileSync(BIN, "utf8");
    expect(text.startsWith("#!/usr/bin/env node\n")).toBe(true);
    const lines = text
      .split("\n")
      .slice(1)
      .map((line) => line.trim())
      .filter((line) => line !== "" && !line.startsWith("//"));
    expect(lines.length).toBeLessThanOrEqual(5);
    const required = [...text.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]!);
    expect(required.sort()).toEqual(["../dist/golive.cjs", "node:module"]);
  });
});

describe("a run through the built command", () => {
  test("leaves a fresh HOME empty, and the repository only golive.yaml and --output files", () => {
    const repo = tempRepo();
    const home = tempDir("golive-home-");
    // The environment is made from scratch: no XDG_CACHE_HOME or any other place to write to.
    const env = { ...TODAY, HOME: home };
    const gitBefore = files(join(repo, ".git"));
    const commands: [string[], number][] = [
      [["init", "--date", "2027-03-01"], 0],
      [["status"], 0],
      // Pinned on the command line: GOLIVE_TODAY's day is not the clock's, and check says so.
      [["--today", "2027-01-04", "check"], 0],
      [["done", "CLO-01", "--note", "drawn"], 0],
      [["list", "--json"], 0],
      [["show", "CLO-01"], 0],
      [["export", "--format", "csv"], 0],
      [["export", "--format", "html", "--output", "report.html"], 0],
    ];
    for (const [args, code] of commands) {
      const result = goliveBin(repo, args, env);
      expect(result.stderr, args.join(" ")).toBe("");
      expect(result.code, args.join(" ")).toBe(code);
    }
    expect(read(repo)).toContain("    note: drawn\n");
    expect(readdirSync(home)).toEqual([]);
    const made = files(repo).filter((path) => !path.startsWith(".git/"));
    // init also writes the .gitattributes line that names git's merge driver for golive.yaml.
    expect(made).toEqual([".gitattributes", "golive.yaml", "report.html"]);
    expect(files(join(repo, ".git"))).toEqual(gitBefore);
  });
});
