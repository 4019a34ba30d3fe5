/**
 * Runs action.yml the way GitHub's runner runs a composite action: each step's
 * `${{ inputs.* }}` and `${{ github.action_path }}` filled in from the workflow's `with:` and
 * the inputs' defaults, its `run` given to `bash --noprofile --norc -eo pipefail` in its
 * working directory with the step's env, GITHUB_ACTIONS=true and a GITHUB_STEP_SUMMARY file.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parse } from "yaml";

interface Step {
  name: string;
  shell: string;
  run: string;
  "working-directory"?: string;
  env?: Record<string, string>;
}

export interface Action {
  inputs: Record<string, { default?: string }>;
  runs: { using: string; steps: Step[] };
}

export function readAction(dir: string): Action {
  return parse(readFileSync(join(dir, "action.yml"), "utf8")) as Action;
}

/** `${{ inputs.x }}` and `${{ github.action_path }}`, as the runner evaluates them. */
function evaluate(action: Action, actionDir: string, text: string, given: Record<string, string>) {
  return text.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_, name: string) => {
    if (name === "github.action_path") return actionDir;
    const input = /^inputs\.(.+)$/.exec(name)?.[1];
    if (input === undefined || !(input in action.inputs)) throw new Error(`unknown ${name}`);
    return given[input] ?? action.inputs[input]!.default ?? "";
  });
}

/** Runs a shell line as a step does; resolves with its exit code and output. */
export function bash(
  script: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; out: string }> {
  return new Promise((done) => {
    const child = spawn("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", script], {
      cwd,
      env,
    });
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
    });
    child.stderr.on("data", (d) => {
      out += d;
    });
    child.on("close", (code) => done({ code: code ?? -1, out }));
  });
}

/**
 * Every step of the action in `actionDir`, run in `workspace` with the workflow's `with:`;
 * `env` is the runner's environment (PATH, HOME). Stops at the first step that fails.
 */
export async function runAction(
  actionDir: string,
  workspace: string,
  given: Record<string, string>,
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; out: string; summary: string }> {
  const action = readAction(actionDir);
  const summary = join(mkdtempSync(join(tmpdir(), "golive-summary-")), "step_summary.md");
  let out = "";
  let code = 0;
  for (const step of action.runs.steps) {
    const dir = resolve(
      workspace,
      evaluate(action, actionDir, step["working-directory"] ?? ".", given),
    );
    const stepEnv: NodeJS.ProcessEnv = {
      ...env,
      GITHUB_ACTIONS: "true",
      GITHUB_WORKSPACE: workspace,
      GITHUB_ACTION_PATH: actionDir,
      GITHUB_STEP_SUMMARY: summary,
      NO_COLOR: "1",
    };
    for (const [key, value] of Object.entries(step.env ?? {})) {
      stepEnv[key] = evaluate(action, actionDir, value, given);
    }
    const r = await bash(step.run, dir, stepEnv);
    out += r.out;
    code = r.code;
    if (code !== 0) break;
  }
  return { code, out, summary: existsSync(summary) ? readFileSync(summary, "utf8") : "" };
}
