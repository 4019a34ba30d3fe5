/**
 * `run` is the whole CLI as a function of its environment, for main.ts and the tests: it maps
 * every way a run can end to the documented exit codes.
 */
import { CommanderError } from "commander";
import { EXIT, type ExitCode, GoliveError } from "../errors.js";
import { renderError } from "../render/error.js";
import { ciSafe, colorLevel, makeStyle, safe } from "../render/text.js";
import { inEnvironment } from "../work/context.js";
import type { Environment } from "./environment.js";
import { createProgram } from "./program.js";

/** What one run of the CLI printed, and how it ended. */
export interface RunResult {
  exitCode: ExitCode;
  stdout: string;
  stderr: string;
}

/**
 * Runs the CLI on `args` (without node and the script) and maps every way it can end to the
 * documented exit codes. Never throws; never prints: main.ts does.
 */
export async function run(args: readonly string[], environment: Environment): Promise<RunResult> {
  let stdout = "";
  let stderr = "";
  let exitCode: ExitCode = EXIT.ok;
  const program = createProgram(
    environment,
    (out) => {
      stdout += out.raw ? out.stdout : ciSafe(out.stdout);
      stderr += out.stderr;
      exitCode = out.exitCode;
    },
    { out: (text) => (stdout += text), err: (text) => (stderr += text) },
  );
  const errStyle = () => makeStyle(colorLevel(environment.env, environment.stderrIsTTY), 100);
  try {
    await inEnvironment(environment.env, () => program.parseAsync([...args], { from: "user" }));
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end with a CommanderError too, successfully.
      exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    } else if (error instanceof GoliveError) {
      stderr += renderError(errStyle(), error);
      exitCode = error.exitCode;
    } else {
      const message = error instanceof Error ? error.message : String(error);
      const debug = environment.env.GOLIVE_DEBUG;
      stderr += `${errStyle().chalk.red("error:")} internal error: ${safe(message)}\nhint: this is a bug in golive; please report it with the command you ran${debug ? "" : " (GOLIVE_DEBUG=1 shows details)"}\n`;
      if (debug && error instanceof Error) stderr += `${error.stack}\n`;
      exitCode = EXIT.usage;
    }
  }
  return { exitCode, stdout, stderr: ciSafe(stderr) };
}
