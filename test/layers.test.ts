// @module-tag process
/**
 * The one-way layers (CONTRIBUTING.md: Architecture) are lint rules in biome.json, so that
 * `npm run check` fails on an import that breaks them. Each case plants one such import and
 * sees Biome refuse it with that rule; the same imports where they belong pass. All cases are
 * linted in one Biome run, a process for the file instead of one per case.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "..");
const BIOME = resolve(ROOT, "node_modules/@biomejs/biome/bin/biome");

/** One diagnostic as Biome's GitHub reporter writes it. */
interface Diagnostic {
  severity: string;
  /** The rule: `lint/style/noRestrictedImports`, or `plugin` for a GritQL plugin's. */
  title: string;
  message: string;
}

/**
 * Lints planted files in one Biome run (one process, not one per case), in a folder laid out
 * like the repository, with its biome.json and lint plugin: each file's diagnostics, by path.
 */
function lintAll(planted: Record<string, string>): Map<string, Diagnostic[]> {
  const dir = mkdtempSync(join(tmpdir(), "golive-layers-"));
  try {
    copyFileSync(join(ROOT, "biome.json"), join(dir, "biome.json"));
    mkdirSync(join(dir, "lint"));
    copyFileSync(
      join(ROOT, "lint/no-spread-arguments.grit"),
      join(dir, "lint/no-spread-arguments.grit"),
    );
    for (const [path, code] of Object.entries(planted)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), code);
    }
    const result = spawnSync(
      process.execPath,
      [
        BIOME,
        "lint",
        "--vcs-enabled=false",
        "--reporter=github",
        "--max-diagnostics=none",
        ...Object.keys(planted),
      ],
      { cwd: dir, encoding: "utf8" },
    );
    const found = new Map<string, Diagnostic[]>(Object.keys(planted).map((p) => [p, []]));
    for (const line of result.stdout.split("\n")) {
      const m = /^::(\w+) title=([^,]+),file=([^,]+),[^:]*::(.*)$/.exec(line);
      if (!m) continue;
      const path = relative(dir, m[3]!);
      expect(found.has(path), `a diagnostic for ${path}`).toBe(true);
      found.get(path)!.push({ severity: m[1]!, title: m[2]!, message: m[4]! });
    }
    // Biome exits 1 exactly when some file has an error.
    const errors = [...found.values()].flat().filter((d) => d.severity === "error");
    expect(result.status, result.stderr).toBe(errors.length > 0 ? 1 : 0);
    return found;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The errors among a file's diagnostics. */
function errorsOf(diagnostics: Diagnostic[] | undefined): Diagnostic[] {
  return (diagnostics ?? []).filter((d) => d.severity === "error");
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
  ["src/verify/planted.ts", 'import { openRepo } from "../io/repo-view.js";'],
  ["src/probe/planted.ts", 'import { createProbeNet } from "../io/probe-net.js";'],
  ["src/probe/planted.ts", 'import { request } from "node:https";'],
  ["src/schema/planted.ts", 'import { buildBoard } from "../core/board.js";'],
  ["src/core/planted.ts", 'import { run } from "../cli/run.js";'],
  ["src/cli/planted.ts", 'import { execFileSync } from "node:child_process";'],
  ["src/cli/planted.ts", 'import { findRepo } from "../io/locate.js";'],
  // check and status load no verify rule: cli/ builds the program without them.
  ["src/cli/planted.ts", 'import { verifyItems } from "../verify/index.js";'],
  // work/ is for commands: the layers under it never reach fs and git through it.
  ["src/core/planted.ts", 'import { openState } from "../work/workspace.js";'],
  ["src/io/planted.ts", 'import { openState } from "../work/workspace.js";'],
  ["src/render/planted.ts", 'import { openState } from "../work/workspace.js";'],
  ["src/verify/planted.ts", 'import { openState } from "../work/workspace.js";'],
];

const SPREADS = [
  "const a: number[] = [];\nconst b: number[] = [];\na.push(...b);\nexport const planted = a;\n",
  "const b: number[] = [];\nexport const planted = Math.max(0, ...b);\n",
  "const b: number[][] = [];\nexport const planted = new Set(...b);\n",
];
const FINE_SPREADS =
  "const b: number[] = [];\nconst o = { x: 1 };\nexport const planted = [...b, { ...o }];\nconsole.info(...b);\n";

/** Where each case is planted: its layer's folder, a name of its own. */
const plantedAt = (path: string, i: number) => path.replace(/planted\.ts$/, `planted-${i}.ts`);

const FILES: Record<string, string> = {
  ...Object.fromEntries(
    PLANTED.map(([path, line], i) => [plantedAt(path, i), `${line}\nexport const planted = 1;\n`]),
  ),
  "src/commands/fine.ts":
    'import { loadWorkspace } from "../io/state-read.js";\nexport const planted = loadWorkspace;\n',
  ...Object.fromEntries(SPREADS.map((code, i) => [`src/verify/spread-${i}.ts`, code])),
  "src/verify/fine-spreads.ts": FINE_SPREADS.replace("console.info(...b);\n", ""),
  "test/planted.test.ts": FINE_SPREADS,
};

let linted: Map<string, Diagnostic[]>;
beforeAll(() => {
  linted = lintAll(FILES);
}, 60_000);

describe("layers", () => {
  it.each(PLANTED.map(([path, line], i) => [path, line, i] as const))(
    "%s may not say %s",
    (path, _line, i) => {
      expect(errorsOf(linted.get(plantedAt(path, i))).map((d) => d.title)).toEqual([
        "lint/style/noRestrictedImports",
      ]);
    },
  );

  it("the same imports are fine where they belong", () => {
    expect(errorsOf(linted.get("src/commands/fine.ts"))).toEqual([]);
  });
});

// Issue 18: `findings.push(...found)` overflowed the stack past ~100k findings.
describe("no spread into a call's arguments in src/", () => {
  it.each(SPREADS.map((code, i) => [code, i] as const))("refused: %s", (_code, i) => {
    const errors = errorsOf(linted.get(`src/verify/spread-${i}.ts`));
    expect(errors.map((d) => d.title)).toEqual(["plugin"]);
    expect(errors[0]!.message).toContain("No spread into a call's arguments");
  });

  it("array and object spreads are fine, and so are tests", () => {
    expect(errorsOf(linted.get("src/verify/fine-spreads.ts"))).toEqual([]);
    expect(errorsOf(linted.get("test/planted.test.ts"))).toEqual([]);
  });
});
