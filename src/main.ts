/**
 * The entry point: runs the program, prints what commands return, and maps errors to the
 * documented exit codes. The only place that exits the process.
 */
import { CommanderError } from "commander";
import { createProgram, type Environment } from "./cli.js";
import type { Output } from "./commands/context.js";
import { EXIT, GoliveError } from "./errors.js";
import { renderError } from "./render/error.js";
import { colorLevel, makeStyle } from "./render/text.js";

let ran: string | undefined;

/** The command this run is for, once commander has found it: the launcher's code cache asks. */
export function commandName(): string | undefined {
  return ran;
}

async function main(): Promise<number> {
  const environment: Environment = {
    cwd: process.cwd(),
    env: process.env,
    isTTY: process.stdout.isTTY === true,
    columns: process.stdout.isTTY ? process.stdout.columns : undefined,
    clock: () => new Date(),
  };
  let exitCode: number = EXIT.ok;
  const emit = (out: Output) => {
    if (out.stderr) process.stderr.write(out.stderr);
    if (out.stdout) process.stdout.write(out.stdout);
    exitCode = out.exitCode;
  };
  const program = createProgram(environment, emit);
  program.hook("preSubcommand", (_program, command) => {
    ran = command.name();
  });
  // Made when needed: touching process.stderr builds its stream, which a run without an error
  // or a warning never needs.
  const errStyle = () => makeStyle(colorLevel(process.env, process.stderr.isTTY === true), 100);
  try {
    await program.parseAsync(process.argv);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end with a CommanderError too, successfully.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof GoliveError) {
      process.stderr.write(renderError(errStyle(), error));
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(
      `${errStyle().chalk.red("error:")} internal error: ${message}\nhint: this is a bug in golive; please report it with the command you ran${process.env.GOLIVE_DEBUG ? "" : " (GOLIVE_DEBUG=1 shows details)"}\n`,
    );
    if (process.env.GOLIVE_DEBUG && error instanceof Error)
      process.stderr.write(`${error.stack}\n`);
    return EXIT.usage;
  }
}

main().then((code) => {
  process.exitCode = code;
});
