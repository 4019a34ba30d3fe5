// The GitHub Action's entry (action.yml at the repository root): turns the action's inputs into
// the arguments of `golive check` and runs the built dist/golive.cjs with them, in the step's
// working directory, with the runner's environment (GITHUB_ACTIONS, GITHUB_STEP_SUMMARY), so
// that annotations and the job summary work exactly as `golive check --format github` does.
//
// Inputs arrive as environment variables, never through a shell: action.yml maps each input to
// INPUT_<NAME> in the step's `env`, and `args` is split into words here, with '...' and "..."
// quoting but no expansion of any kind ($VAR, $(...), globs, ;): what the workflow wrote is what
// golive gets. Exit code: golive's (0 passed, 1 overdue, 2 bad usage or a bad file).
import { spawnSync } from "node:child_process";
import { appendFileSync, existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const bundle = fileURLToPath(new URL("../dist/golive.cjs", import.meta.url));

/** An input's value: INPUT_WARN_WITHIN as action.yml sets it, or INPUT_WARN-WITHIN as a runner does. */
function input(name) {
  const upper = name.toUpperCase();
  for (const key of [`INPUT_${upper.replace(/[- ]/g, "_")}`, `INPUT_${upper.replace(/ /g, "_")}`]) {
    const value = process.env[key];
    if (value !== undefined) return value.trim();
  }
  return "";
}

/** Splits `text` into words like a POSIX shell, quoting only: nothing is expanded or run. */
function words(text) {
  const out = [];
  let word;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (/\s/.test(c)) {
      if (word !== undefined) out.push(word);
      word = undefined;
    } else if (c === "'" || c === '"') {
      const end = text.indexOf(c, i + 1);
      if (end < 0) throw new Error(`args: the quote ${c} at character ${i + 1} is never closed`);
      word = (word ?? "") + text.slice(i + 1, end);
      i = end;
    } else if (c === "\\" && i + 1 < text.length) {
      word = (word ?? "") + text[++i];
    } else {
      word = (word ?? "") + c;
    }
  }
  if (word !== undefined) out.push(word);
  return out;
}

/** The arguments of golive for the action's inputs. */
function checkArgs() {
  const args = [];
  const file = input("file");
  if (file !== "") args.push("--file", file);
  args.push("check");
  const format = input("format");
  if (format !== "") args.push("--format", format);
  const warnWithin = input("warn-within");
  if (warnWithin !== "") args.push("--warn-within", warnWithin);
  const verify = input("verify").toLowerCase();
  if (verify === "true") args.push("--verify");
  else if (verify !== "" && verify !== "false") {
    throw new Error(`verify: "${input("verify")}" is neither true nor false`);
  }
  args.push(...words(input("args")));
  return args;
}

/** A workflow command's message: GitHub's escapes, so no input can start a command of its own. */
function commandText(text) {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

function fail(message) {
  process.stdout.write(`::error title=golive action::${commandText(message)}\n`);
  process.stderr.write(`golive action: ${message}\n`);
  process.exitCode = 2;
}

/**
 * The `diff` input: empty or "false" for none, "true" for the merge base with the default
 * branch, else the base to compare with. Returns golive's arguments, or undefined.
 */
function diffArgs() {
  const given = input("diff");
  if (given === "" || given.toLowerCase() === "false") return undefined;
  const args = [];
  const file = input("file");
  if (file !== "") args.push("--file", file);
  args.push("diff");
  if (given.toLowerCase() !== "true") args.push("--format", "markdown", "--", given);
  else args.push("--format", "markdown");
  return args;
}

/**
 * What the change does to golive.yaml, into the job summary before the gate's table: for the
 * reviewer, never for the gate (a diff that cannot be made is a warning, not a failure).
 */
function writeDiff(args) {
  const result = spawnSync(process.execPath, [bundle, ...args], { encoding: "utf8" });
  const summary = process.env.GITHUB_STEP_SUMMARY;
  if (result.status === 0 && summary) appendFileSync(summary, `${result.stdout}\n`);
  else if (result.status !== 0) {
    const said = (result.stderr || result.error?.message || "").trim().split("\n")[0];
    process.stdout.write(`::warning title=golive diff::${commandText(said)}\n`);
  }
}

let args;
let diff;
try {
  args = checkArgs();
  diff = diffArgs();
} catch (error) {
  fail(error.message);
}
if (args && !existsSync(bundle)) {
  fail(`${bundle} is missing: the action's build step (npm ci and scripts/build.mjs) did not run`);
} else if (args) {
  // The line starts with the action's name, so an argument cannot make it a workflow command.
  if (diff) writeDiff(diff);
  process.stderr.write(`golive action: golive ${args.map((a) => JSON.stringify(a)).join(" ")}\n`);
  const result = spawnSync(process.execPath, [bundle, ...args], { stdio: "inherit" });
  if (result.error) fail(`could not run golive: ${result.error.message}`);
  else process.exitCode = result.status ?? 2;
}
