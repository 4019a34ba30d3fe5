import { spawnSync } from "node:child_process";
import { cpSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, resolve } from "node:path";
import { expect, test } from "vitest";
import { BIN, cliEnv, tempRepo } from "./helpers/cli.js";

const files = () =>
  readdirSync(dirname(BIN))
    .filter((f) => f.endsWith(".cjs"))
    .map((f) => join(dirname(BIN), f));

test("the bundle stays small: zod's locales and converters and yaml's CommonJS build are left out", () => {
  // 1.4 MiB in one file before minifying and trimming.
  for (const file of files()) {
    expect(statSync(file).size).toBeLessThan(400 * 1024);
    expect(readFileSync(file, "utf8")).not.toContain("fromJSONSchema");
  }
});

test("the CLI file, which every run loads, holds neither the YAML parser nor zod: cached reads need neither", () => {
  const code = readFileSync(join(dirname(BIN), "main.cjs"), "utf8");
  expect(code.length).toBeLessThan(200 * 1024);
  // It requires only Node's modules and the two files loaded on demand.
  const required = [...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]!);
  const own = required.filter((r) => !r.startsWith("node:") && !builtinModules.includes(r));
  expect([...new Set(own)].sort()).toEqual(["./edit.cjs", "./report.cjs"]);
  // yaml's and zod's own error texts: in the files loaded on demand, not in the CLI file.
  expect(readFileSync(join(dirname(BIN), "edit.cjs"), "utf8")).toContain("Invalid input");
  expect(code).not.toContain("Implicit keys need to be on a single line");
  expect(code).not.toContain("Invalid input");
});

test("the executable only starts the CLI file through the code cache", () => {
  const code = readFileSync(BIN, "utf8");
  expect(code.startsWith("#!/usr/bin/env node\n")).toBe(true);
  expect(code.length).toBeLessThan(8 * 1024);
  const required = [...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]!);
  expect(required.every((r) => r.startsWith("node:") || builtinModules.includes(r))).toBe(true);
});

/** A copy of the built CLI with its checklists/ (found beside dist/), as an installed golive. */
function install(): string {
  const dir = tempRepo({}, { git: false });
  cpSync(resolve(import.meta.dirname, "../checklists"), join(dir, "checklists"), {
    recursive: true,
  });
  cpSync(dirname(BIN), join(dir, "dist"), { recursive: true });
  return dir;
}

function runFrom(installed: string, repo: string, args: string[]) {
  return spawnSync(process.execPath, [join(installed, "dist/golive.cjs"), ...args], {
    cwd: repo,
    encoding: "utf8",
    env: cliEnv(undefined, { GOLIVE_TODAY: "2027-01-04" }),
  });
}

test("two installs of one build share the cache, each with its own shipped catalogue", () => {
  const [a, b] = [install(), install()];
  const catalogue = join(a, "checklists/spryker-cloud.yaml");
  writeFileSync(
    catalogue,
    readFileSync(catalogue, "utf8").replace("title: Share go-live plan", "title: Patched in A"),
  );
  const repo = tempRepo();
  expect(runFrom(b, repo, ["init", "--date", "2027-03-01"]).status).toBe(0);
  expect(runFrom(a, repo, ["show", "GEN-01"]).stdout).toContain("Patched in A");
  expect(runFrom(b, repo, ["show", "GEN-01"]).stdout).toContain("Share go-live plan");
  expect(runFrom(a, repo, ["show", "GEN-01"]).stdout).toContain("Patched in A");
});

test("the code cache follows the file it was made for, even an edit of the same length", () => {
  const installed = install();
  const repo = tempRepo();
  expect(runFrom(installed, repo, ["init", "--date", "2027-03-01"]).status).toBe(0);
  expect(runFrom(installed, repo, ["--help"]).stdout).toContain("the standup view");
  expect(runFrom(installed, repo, ["--help"]).stdout).toContain("the standup view");
  const main = join(installed, "dist/main.cjs");
  const code = readFileSync(main, "utf8");
  const { atime, mtime } = statSync(main);
  writeFileSync(main, code.replace("the standup view", "THE STANDUP VIEW"));
  // Same length and, as npm leaves installed files, the same modification time.
  utimesSync(main, atime, mtime);
  expect(readFileSync(main, "utf8").length).toBe(code.length);
  expect(runFrom(installed, repo, ["--help"]).stdout).toContain("THE STANDUP VIEW");
});

test("a shipped catalogue edited after the build is read from its file, not the embedded copy", () => {
  const installed = install();
  const run = (args: string[]) => runFrom(installed, repo, args);
  const repo = tempRepo();
  expect(run(["init", "--date", "2027-03-01"]).status).toBe(0);
  expect(run(["show", "GEN-01"]).stdout).toContain("Share go-live plan");
  // The second read comes from the cache, which must notice the edit below as well.
  expect(run(["show", "GEN-01"]).stdout).toContain("Share go-live plan");

  const catalogue = join(installed, "checklists/spryker-cloud.yaml");
  const text = readFileSync(catalogue, "utf8");
  writeFileSync(
    catalogue,
    text.replace("title: Share go-live plan", "title: Share the plan (edited)"),
  );
  expect(run(["show", "GEN-01"]).stdout).toContain("Share the plan (edited)");
});
