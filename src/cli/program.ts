/**
 * The commander program: flags become typed options, and each verb calls one command function,
 * imported when that verb runs: `golive status` never loads the YAML editor or the export
 * formats. The registrations live by kind in daily.ts, project.ts and reports.ts; help and
 * completion, which read the program itself, here.
 */
import { Argument, Command, CommanderError, Help, Option } from "commander";
import { distance } from "fastest-levenshtein";
import { minOf } from "../core/arrays.js";
import { echo } from "../core/escape.js";
import { EXIT } from "../errors.js";
import { SHELLS, type Shell } from "../render/completion.js";
import { exitCodesHelp } from "../render/exit-codes.js";
import { safe } from "../render/text.js";
import { VERSION } from "../version.js";
import type { Output } from "../work/context.js";
import { completionSpec } from "./completion.js";
import {
  ackCommand,
  assignCommand,
  blockCommand,
  doneCommand,
  linkCommand,
  listCommand,
  noteCommand,
  reopenCommand,
  showCommand,
  skipCommand,
  startCommand,
  statusCommand,
  unwaiveCommand,
  waiveCommand,
} from "./daily.js";
import { type Environment, type GlobalOptions, makeContext, type Runner } from "./environment.js";
import { examples, todayArg } from "./options.js";
import {
  answerCommand,
  closeCommand,
  doctorCommand,
  initCommand,
  mergeDriverCommand,
  renameCommand,
  rescheduleCommand,
  resolveCommand,
  setupCommand,
  upgradeCommand,
} from "./project.js";
import {
  checkCommand,
  diffCommand,
  exportCommand,
  notifyCommand,
  portfolioCommand,
  probeCommand,
  verifyCommand,
} from "./reports.js";

/** The commands in the order --help lists them. */
const COMMANDS: readonly ((program: Command, run: Runner) => void)[] = [
  initCommand,
  answerCommand,
  statusCommand,
  exportCommand,
  listCommand,
  showCommand,
  doneCommand,
  startCommand,
  blockCommand,
  skipCommand,
  reopenCommand,
  assignCommand,
  ackCommand,
  noteCommand,
  linkCommand,
  waiveCommand,
  unwaiveCommand,
  rescheduleCommand,
  renameCommand,
  closeCommand,
  upgradeCommand,
  verifyCommand,
  probeCommand,
  checkCommand,
  notifyCommand,
  portfolioCommand,
  diffCommand,
  setupCommand,
  resolveCommand,
  doctorCommand,
  mergeDriverCommand,
];

const EXIT_CODES = `
${exitCodesHelp()}

Environment:
  GOLIVE_TODAY=YYYY-MM-DD  pin today's date, like --today
  NO_COLOR, FORCE_COLOR     switch colours off or on
  COLUMNS=N                 the width tables fit when the output is not a terminal
  GITHUB_ACTIONS=true       \`check\` prints annotations (and GITHUB_STEP_SUMMARY
                            names the file for the job summary)
  GOLIVE_WEBHOOK_URL        the chat webhook \`notify\` posts to (never printed)
  GOLIVE_GIT_TIMEOUT=S      seconds a git command may take (default 20)
  GOLIVE_DEBUG=1            show the stack of an internal error`;

/** `golive help NAME` for a name that is no command: commander's own unknown-command error. */
function unknownCommand(program: Command, name: string): never {
  // The nearest names, as commander suggests them for `golive nope`.
  const scored = program.commands.map((c) => ({ name: c.name(), d: distance(c.name(), name) }));
  const best = minOf(scored.map((c) => c.d));
  const near =
    best <= Math.max(1, Math.floor(name.length * 0.4))
      ? scored.filter((c) => c.d === best).map((c) => c.name)
      : [];
  program.error(
    `error: unknown command '${name}'${near.length > 0 ? `\n(Did you mean ${near.join(", ")}?)` : ""}`,
    { code: "commander.unknownCommand", exitCode: EXIT.usage },
  );
}

/** A URL's user info, which may hold a password: `--url https://user:pw@host` shows `//…@host`. */
const hideUserInfo = (text: string) => text.replace(/(\/\/)[^\s/?#@']*@/g, "$1…@");

/**
 * Builds the program; `emit` receives each command's output, `write` what commander itself
 * prints (help, version, usage errors).
 */
export function createProgram(
  environment: Environment,
  emit: (output: Output) => void,
  write: { out: (text: string) => void; err: (text: string) => void } = {
    out: (text) => emit({ stdout: text, stderr: "", exitCode: EXIT.ok }),
    err: (text) => emit({ stdout: "", stderr: text, exitCode: EXIT.usage }),
  },
): Command {
  const program = new Command();
  const context = () => makeContext(environment, program.opts<GlobalOptions>());
  const run: Runner = async (work) => {
    emit(await work(context()));
  };

  program
    .name("golive")
    .description(
      "Track a Spryker Cloud go-live checklist in your repository: schedule, standup, CI gate.",
    )
    .version(VERSION, "-V, --version", "output the version number (also -v)")
    .addOption(new Option("-v", "output the version number").hideHelp())
    .option("-f, --file <path>", "the state file (default: golive.yaml in this folder or a parent)")
    .option("--today <date>", "pretend today is YYYY-MM-DD (also GOLIVE_TODAY)", todayArg)
    .showHelpAfterError("(run golive --help for usage)")
    // Required options say so, like the options whose command checks them ("(required)").
    .configureHelp({
      optionDescription: (option) => {
        const text = new Help().optionDescription(option);
        return option.mandatory ? `${text} (required)` : text;
      },
    })
    // The built-in help command treats `golive help nope` as `golive --help`; this one, as the
    // unknown command it is.
    .helpCommand(false)
    // Throw instead of exiting, so main.ts maps usage errors to exit code 2. Subcommands
    // inherit this only when it is set before they are added.
    .exitOverride()
    .configureOutput({
      writeOut: write.out,
      writeErr: write.err,
      outputError: (text, print) => print(parserError(text)),
    })
    .addHelpText("after", EXIT_CODES);

  // `-v` as well as `-V`: what people type first.
  program.on("option:v", () => {
    write.out(`${VERSION}\n`);
    throw new CommanderError(EXIT.ok, "commander.version", VERSION);
  });
  // A usage error points at the help of the command it is about: `golive done --help`.
  program.hook("preSubcommand", (_program, command) => {
    command.showHelpAfterError(`(run golive ${command.name()} --help for usage)`);
  });

  for (const register of COMMANDS) register(program, run);

  program
    .command("completion")
    .description("print the shell completion script for commands, options and item IDs")
    .addArgument(new Argument("<shell>", "the shell").choices(SHELLS))
    .addHelpText(
      "after",
      examples(
        "# bash: add this line to ~/.bashrc",
        "source <(golive completion bash)",
        // biome-ignore lint/suspicious/noTemplateCurlyInString: zsh's own parameter, as typed
        'golive completion zsh > "${fpath[1]}/_golive"',
        "golive completion fish > ~/.config/fish/completions/golive.fish",
      ),
    )
    .action((shell: Shell) =>
      run(async () => (await import("../commands/completion.js")).completionScript(shell)),
    );

  // What the completion scripts run at each tab: the words typed so far, after `--`.
  program
    .command("__complete", { hidden: true })
    .description("complete the last of WORDS (run by the completion scripts)")
    .argument("[words...]", "the words after golive, the last one being typed")
    .action((words: string[]) =>
      run(async (ctx) =>
        (await import("../commands/completion.js")).complete(ctx, completionSpec(program), words),
      ),
    );

  program
    .command("help")
    .description("display help for command")
    .argument("[command]", "the command, e.g. check")
    .addHelpText("after", examples("golive help", "golive help check"))
    .action((name: string | undefined) => {
      if (name === undefined) return program.help();
      const command = program.commands.find((c) => c.name() === name);
      return command === undefined ? unknownCommand(program, name) : command.help();
    });

  return program;
}

/**
 * The forms of commander's errors that quote what was typed, the value between the first
 * `'` and the last one before the message's fixed end: an option's value, an argument's, an
 * unknown option or command (whose "Did you mean" suggestion is on a line of its own).
 */
const QUOTING: readonly RegExp[] = [
  /^(error: option '[^'\n]*' argument ')([\s\S]*)(' is invalid\.[^\n]*)$/,
  /^(error: command-argument value ')([\s\S]*)(' is invalid for argument '[^'\n]*'\.[^\n]*)$/,
  /^(error: unknown (?:option|command) ')([\s\S]*)('(?:\n\(Did you mean [^'\n]*\?\))?)$/,
];

/**
 * A parser error as commander words it, for the terminal: the typed value in it shown as
 * every error shows one (`echo`: escaped, cut to a line), so that a value with a line break
 * cannot print a line of its own ("error: ..." or "::error::") and a 70,000-character one
 * cannot fill the screen; any other text escaped line by line. A URL's user info is never
 * shown, in the value or elsewhere.
 */
export function parserError(text: string): string {
  const body = text.endsWith("\n") ? text.slice(0, -1) : text;
  for (const form of QUOTING) {
    const match = form.exec(body);
    if (match) {
      const end = match[3]!.split("\n").map(safe).join("\n");
      return `${safe(match[1]!)}${echo(hideUserInfo(match[2]!))}${hideUserInfo(end)}\n`;
    }
  }
  return text
    .split("\n")
    .map((line) => safe(hideUserInfo(line)))
    .join("\n");
}
