/**
 * The entry point: runs the CLI against the real process, prints what it returns, and sets the
 * exit code. The only place that touches the process.
 */
import { realpathSync } from "node:fs";
import { run } from "./cli/run.js";
import { gitUserName } from "./io/git.js";

/** The golive file Node was asked to run (bin/golive.cjs, the bundle, a copy), links resolved. */
function script(): string | undefined {
  const given = process.argv[1];
  if (given === undefined) return undefined;
  try {
    return realpathSync(given);
  } catch {
    return given;
  }
}

const file = script();

// A reader that stops early (`golive export --format ics | head`, `| true`) closes the pipe:
// golive ends quietly with its own exit code, as git does, instead of a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
  });
}

run(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  isTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
  columns: process.stdout.isTTY ? process.stdout.columns : undefined,
  clock: () => new Date(),
  gitUserName,
  ...(process.stdin.isTTY && process.stdout.isTTY
    ? {
        ask: async (questions, stopped) =>
          (await import("./io/prompt.js")).askQuestions(
            questions,
            { input: process.stdin, output: process.stdout },
            stopped,
          ),
      }
    : {}),
  ...(file !== undefined
    ? { runtime: { node: process.execPath, script: file, nodeVersion: process.versions.node } }
    : {}),
}).then((result) => {
  if (result.stderr) process.stderr.write(result.stderr);
  if (result.stdout) process.stdout.write(result.stdout);
  process.exitCode = result.exitCode;
});
