/**
 * The entry point: runs the CLI against the real process, prints what it returns, and sets the
 * exit code. The only place that touches the process.
 */
import { run } from "./cli.js";
import { gitUserName } from "./io/git.js";

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
        ask: async (questions) =>
          (await import("./io/prompt.js")).askQuestions(questions, {
            input: process.stdin,
            output: process.stdout,
          }),
      }
    : {}),
}).then((result) => {
  if (result.stderr) process.stderr.write(result.stderr);
  if (result.stdout) process.stdout.write(result.stdout);
  process.exitCode = result.exitCode;
});
