// @module-tag process
/**
 * The GitHub Action (action.yml) run as the runner runs a composite action: each step's
 * `${{ inputs.* }}` and `${{ github.action_path }}` filled in from the workflow's `with:` and the
 * inputs' defaults, its `run` given to bash with the step's env, GITHUB_ACTIONS=true and a
 * GITHUB_STEP_SUMMARY file. The action's folder holds only what the action uses (its entry and
 * the built golive.cjs), and the shop has no node_modules: nothing is installed in it.
 * test/install/docs-install.test.ts runs the build step itself, in a fresh clone.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { parse } from "yaml";
import { readAction, runAction } from "../helpers/action.js";
import { BUNDLE, gitEnv, tempDir, tempRepo } from "../helpers/cli.js";

const ROOT = resolve(import.meta.dirname, "../..");
const DEMO = readFileSync(join(ROOT, "examples/demo/golive.yaml"), "utf8");

const action = readAction(ROOT);

let actionDir: string;
beforeAll(() => {
  // What a runner downloads is the repository; what the action uses of it is this.
  actionDir = tempDir("golive-action-");
  mkdirSync(join(actionDir, "scripts"));
  mkdirSync(join(actionDir, "dist"));
  cpSync(join(ROOT, "action.yml"), join(actionDir, "action.yml"));
  cpSync(join(ROOT, "scripts/action.mjs"), join(actionDir, "scripts/action.mjs"));
  cpSync(BUNDLE, join(actionDir, "dist/golive.cjs"));
});

/** The action's steps in `workspace`, as the runner runs them. */
function run(workspace: string, given: Record<string, string> = {}) {
  return runAction(actionDir, workspace, given, gitEnv(workspace));
}

/** A shop with the demo's golive.yaml committed, and nothing installed. */
function shop(): string {
  const dir = tempRepo({ "golive.yaml": DEMO });
  spawnSync("git", ["add", "-A"], { cwd: dir });
  return dir;
}

describe("action.yml", () => {
  test("is a composite action whose shell lines hold no input", () => {
    expect(action.runs.using).toBe("composite");
    for (const step of action.runs.steps) {
      // Expressions in `run` would be pasted into the shell line before bash sees it.
      expect(step.run, step.name).not.toContain("${{");
      expect(step.shell).toBe("bash");
    }
    const check = action.runs.steps.at(-1)!;
    expect(check.run).toBe('node "$GITHUB_ACTION_PATH/scripts/action.mjs"');
    // Every input but the folder reaches the entry, as INPUT_NAME.
    const mapped = Object.values(check.env ?? {}).map((v) => /inputs\.([\w-]+)/.exec(v)?.[1]);
    expect(mapped.sort()).toEqual(
      Object.keys(action.inputs)
        .filter((name) => name !== "working-directory")
        .sort(),
    );
  });

  test("defaults: the github format, annotations, the job summary; green, then red", async () => {
    const dir = shop();
    expect(existsSync(join(dir, "node_modules"))).toBe(false);
    const green = await run(dir, { "warn-within": "3", args: "--today 2027-02-03" });
    expect(green.code, green.out).toBe(0);
    expect(green.out).toMatch(/^::warning file=golive\.yaml,line=\d+,title=golive%3A APP-10/m);
    expect(green.out).toMatch(/^::notice .*TES-03 waived/m);
    expect(green.summary).toContain("### ✅ golive check");
    const red = await run(dir, { args: "--today 2027-02-09" });
    expect(red.code).toBe(1);
    expect(red.out).toMatch(
      /^::error file=golive\.yaml,.*title=golive%3A TES-03 waiver expired::/m,
    );
    expect(red.summary).toContain("### ❌");
  });

  test("format, file, args with quotes, verify and working-directory reach golive check", async () => {
    const dir = tempRepo({ "ops/state.yaml": DEMO });
    const r = await run(dir, {
      "working-directory": "ops",
      file: "state.yaml",
      format: "junit",
      verify: "true",
      args: `--today 2027-02-03 --output "reports/golive report.xml"`,
    });
    expect(r.out).toContain(
      'golive action: golive "--file" "state.yaml" "check" "--format" "junit" "--verify" "--today" "2027-02-03" "--output" "reports/golive report.xml"',
    );
    expect(readFileSync(join(dir, "ops/reports/golive report.xml"), "utf8")).toContain(
      "<testsuites",
    );
  });

  test("diff: what the change does to golive.yaml goes to the job summary, before the gate", async () => {
    const dir = shop();
    const git = (...args: string[]) =>
      spawnSync("git", args, { cwd: dir, env: gitEnv(dir), encoding: "utf8" });
    git("commit", "-q", "-m", "golive");
    git("checkout", "-q", "-b", "feature");
    const edited = readFileSync(join(dir, "golive.yaml"), "utf8").replace(
      /^goLive: .*$/m,
      "goLive: 2027-03-15",
    );
    writeFileSync(join(dir, "golive.yaml"), edited);
    const r = await run(dir, { diff: "main", args: "--today 2027-02-03" });
    expect(r.summary).toMatch(/^### golive\.yaml: go-live moved to Mon 15 Mar 2027/);
    expect(r.summary.indexOf("### golive.yaml")).toBeLessThan(r.summary.indexOf("golive check"));
    // A base that is not there is a warning for the reviewer; the gate still decides.
    const missing = await run(dir, { diff: "no-such-base", args: "--today 2027-02-03" });
    expect(missing.out).toMatch(/^::warning title=golive diff::.*no-such-base/m);
    expect(missing.code).toBe(r.code);
  });

  test("inputs are words, never shell: nothing in them runs", async () => {
    const dir = shop();
    const r = await run(dir, { args: "$(touch pwned) `touch pwned2`; touch pwned3" });
    expect(r.code).toBe(2);
    expect(r.out).toContain("error: too many arguments for 'check'");
    for (const name of ["pwned", "pwned2", "pwned3", "pwned)"]) {
      expect(existsSync(join(dir, name)), name).toBe(false);
    }
  });

  test("an input that means nothing is an error, not a silent default", async () => {
    const r = await run(shop(), { verify: "yes" });
    expect(r.code).toBe(2);
    expect(r.out).toContain('::error title=golive action::verify: "yes" is neither true nor false');
    const unclosed = await run(shop(), { args: "--phase 'go-live" });
    expect(unclosed.code).toBe(2);
    expect(unclosed.out).toContain("never closed");
  });
});

describe(".github/workflows/golive-action.yml", () => {
  test("runs this repository's action on the demo: green, with a summary", async () => {
    const workflow = parse(readFileSync(join(ROOT, ".github/workflows/golive-action.yml"), "utf8"));
    const step = workflow.jobs.gate.steps.find((s: { uses?: string }) => s.uses === "./");
    const given = Object.fromEntries(
      Object.entries(step.with as Record<string, unknown>).map(([k, v]) => [k, String(v)]),
    );
    const workspace = tempRepo({ "examples/demo/golive.yaml": DEMO });
    const r = await run(workspace, given);
    expect(r.code, r.out).toBe(0);
    expect(r.summary).toContain("### ✅");
  });
});
