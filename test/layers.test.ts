// @module-tag process
/**
 * The one-way layers (CONTRIBUTING.md: Architecture) are lint rules in biome.json, so that
 * `npm run check` fails on an import that breaks them. Each case plants one such import and
 * sees Biome refuse it; the last sees today's sources pass.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "..");
const BIOME = resolve(ROOT, "node_modules/@biomejs/biome/bin/biome");

const created: string[] = [];
afterAll(() => {
  for (const dir of created) rmSync(dir, { recursive: true, force: true });
});

/** Lints one planted file, at `path` in a folder laid out like the repository, with its biome.json. */
function lint(path: string, code: string): { code: number; output: string } {
  const dir = mkdtempSync(join(tmpdir(), "golive-layers-"));
  created.push(dir);
  copyFileSync(join(ROOT, "biome.json"), join(dir, "biome.json"));
  mkdirSync(join(dir, "lint"));
  copyFileSync(
    join(ROOT, "lint/no-spread-arguments.grit"),
    join(dir, "lint/no-spread-arguments.grit"),
  );
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), code);
  const result = spawnSync(process.execPath, [BIOME, "lint", "--vcs-enabled=false", path], {
    cwd: dir,
    encoding: "utf8",
  });
  return { code: result.status ?? -1, output: result.stdout + result.stderr };
}

const PLANTED: [string, string][] = [
  ["src/core/planted.ts", 'import { loadWorkspace } from "../io/state-read.js";'],
  ["src/core/planted.ts", 'import { readFileSync } from "node:fs";'],
  ["src/core/planted.ts", 'import { renderStatus } from "../render/status.js";'],
  ["src/core/planted.ts", 'import { verifyItems } from "../verify/index.js";'],
  ["src/io/planted.ts", 'import { status } from "../commands/status.js";'],
  ["src/io/planted.ts", 'import { renderError } from "../render/error.js";'],
  ["src/render/planted.ts", 'import { readFileSync } from "node:fs";'],
  ["src/render/planted.ts", 'import { loadWorkspace } from "../io/state-read.js";'],
  ["src/commands/planted.ts", 'import { Chalk } from "chalk";'],
  ["src/commands/planted.ts", 'import { execFileSync } from "node:child_process";'],
  ["src/commands/planted.ts", 'import { verifyChecks } from "./verify.js";'],
  ["src/commands/planted.ts", 'import { status } from "../commands/status.js";'],
  ["src/work/planted.ts", 'import { status } from "../commands/status.js";'],
  ["src/verify/planted.ts", 'import { openRepo } from "../io/repo.js";'],
  ["src/schema/planted.ts", 'import { buildBoard } from "../core/board.js";'],
  ["src/cli.ts", 'import { execFileSync } from "node:child_process";'],
];

describe("layers", () => {
  it.each(PLANTED)("%s may not say %s", (path, line) => {
    const result = lint(path, `${line}\nexport const planted = 1;\n`);
    expect(result.code).toBe(1);
    expect(result.output).toContain("noRestrictedImports");
  });

  it("the same imports are fine where they belong", () => {
    const result = lint(
      "src/commands/planted.ts",
      'import { loadWorkspace } from "../io/state-read.js";\nexport const planted = loadWorkspace;\n',
    );
    expect(result.code).toBe(0);
  });
});

// Issue 18: `findings.push(...found)` overflowed the stack past ~100k findings.
describe("no spread into a call's arguments in src/", () => {
  it.each([
    "const a: number[] = [];\nconst b: number[] = [];\na.push(...b);\nexport const planted = a;\n",
    "const b: number[] = [];\nexport const planted = Math.max(0, ...b);\n",
    "const b: number[][] = [];\nexport const planted = new Set(...b);\n",
  ])("refused: %s", (code) => {
    const result = lint("src/verify/planted.ts", code);
    expect(result.code).toBe(1);
    expect(result.output).toContain("No spread into a call's arguments");
  });

  it("array and object spreads are fine, and so are tests", () => {
    const code =
      "const b: number[] = [];\nconst o = { x: 1 };\nexport const planted = [...b, { ...o }];\nconsole.info(...b);\n";
    expect(lint("src/verify/planted.ts", code.replace("console.info(...b);\n", "")).code).toBe(0);
    expect(lint("test/planted.test.ts", code).code).toBe(0);
  });
});
