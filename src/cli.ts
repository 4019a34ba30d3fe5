/**
 * The commander program: flags become typed options, and each verb calls one command function,
 * imported when that verb runs: `golive status` never loads the YAML editor or the export
 * formats. `run` is the whole CLI as a function of its environment, for main.ts and the tests.
 */
import { Command, CommanderError, Option } from "commander";
import { format } from "date-fns";
import type { Context, Output, Runtime } from "./commands/context.js";
import { CHECK_FORMATS, EXPORT_FORMATS, STATUS_FORMATS } from "./commands/formats.js";
import { localDateOf, parseCalendarDate } from "./core/dates.js";
import { EXIT, type ExitCode, GoliveError } from "./errors.js";
import { renderError } from "./render/error.js";
import { colorLevel, makeStyle, safe } from "./render/text.js";
import { STATUSES } from "./schema/fields.js";
import { VERSION } from "./version.js";

/** Everything the CLI takes from the outside world; main.ts passes the real one. */
export interface Environment {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Whether stdout and stderr are terminals (colour, and the table width). */
  isTTY: boolean;
  stderrIsTTY: boolean;
  columns: number | undefined;
  /** The current instant; injected so tests can pin it. */
  clock: () => Date;
  /** `git config user.name` in a folder (io/git.ts). */
  gitUserName: (cwd: string) => string | undefined;
  /** The Node binary and golive file running now, for git's merge driver; main.ts knows them. */
  runtime?: Runtime;
}

interface GlobalOptions {
  file?: string;
  today?: string;
}

const EXIT_CODES = `
Exit codes:
  0  success; for \`check\`, nothing is overdue
  1  the gate found something: \`check\` found overdue (or regressed) items,
     \`verify\` found a failing check
  2  bad usage or a bad file (nothing was changed)

Environment:
  GOLIVE_TODAY=YYYY-MM-DD  pin today's date, like --today
  NO_COLOR, FORCE_COLOR     switch colours off or on
  COLUMNS=N                 the width tables fit when the output is not a terminal
  GOLIVE_DEBUG=1            show the stack of an internal error`;

export function makeContext(environment: Environment, options: GlobalOptions): Context {
  const pinned = options.today ?? environment.env.GOLIVE_TODAY;
  let today: string;
  if (pinned !== undefined && pinned !== "") {
    const date = parseCalendarDate(pinned.trim());
    if (!date) {
      const source = options.today !== undefined ? "--today" : "GOLIVE_TODAY";
      throw new GoliveError("bad-date", `${source} "${pinned}" is not a date`, {
        hint: "write a real calendar day as YYYY-MM-DD",
      });
    }
    today = date;
  } else {
    today = localDateOf(environment.clock());
  }
  const isPinned = pinned !== undefined && pinned !== "";
  let user: { name: string | undefined } | undefined;
  // A terminal's width when there is one; piped output (grep, a file) keeps whole titles.
  const width =
    environment.columns ??
    (Number.parseInt(environment.env.COLUMNS ?? "", 10) || (environment.isTTY ? 100 : 1000));
  return {
    cwd: environment.cwd,
    today,
    now: () => (isPinned ? today : format(environment.clock(), "yyyy-MM-dd'T'HH:mm:ssXXX")),
    ...(options.file !== undefined ? { file: options.file } : {}),
    style: makeStyle(colorLevel(environment.env, environment.isTTY), Math.max(40, width)),
    gitUser: () => {
      user ??= { name: environment.gitUserName(environment.cwd) };
      return user.name;
    },
    ci: {
      githubActions: environment.env.GITHUB_ACTIONS === "true",
      ...(environment.env.GITHUB_STEP_SUMMARY
        ? { stepSummary: environment.env.GITHUB_STEP_SUMMARY }
        : {}),
    },
    ...(environment.runtime ? { runtime: environment.runtime } : {}),
  };
}

/** `--format <format>` offering exactly the formats the command declares (help lists them). */
function formatOption(formats: readonly string[], description = "the output format"): Option {
  return new Option("--format <format>", description).choices(formats);
}

/** `--json`, a short form of `--format json`: given with another --format it is a usage error. */
function jsonOption(): Option {
  return new Option("--json", "print the versioned JSON report (same as --format json)").conflicts(
    "format",
  );
}

/** The item filters, alike for every command that selects items. */
function filterOptions(command: Command, which: { owner?: boolean } = {}): Command {
  command
    .option(
      "--phase <ids>",
      "only these phases; repeat or separate with commas (e.g. four-weeks,two-weeks)",
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option("--category <id>", "only items of this category (e.g. CLO)");
  if (which.owner === false) return command;
  return command
    .option(
      "--owner <name>",
      "only items owned by this person (any case; a unique first name will do)",
    )
    .addOption(
      new Option("--mine", "only items owned by you (git config user.name)").conflicts("owner"),
    );
}

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
  const run = async (work: (ctx: Context) => Promise<Output> | Output) => {
    emit(await work(context()));
  };

  program
    .name("golive")
    .description(
      "Track a Spryker Cloud go-live checklist in your repository: schedule, standup, CI gate.",
    )
    .version(VERSION, "-V, --version")
    .option("-f, --file <path>", "the state file (default: golive.yaml in this folder or a parent)")
    .option("--today <date>", "pretend today is YYYY-MM-DD (also GOLIVE_TODAY)")
    .showHelpAfterError("(run golive --help for usage)")
    // Throw instead of exiting, so main.ts maps usage errors to exit code 2. Subcommands
    // inherit this only when it is set before they are added.
    .exitOverride()
    // Parser errors quote what was typed: show control characters instead of obeying them.
    .configureOutput({
      writeOut: write.out,
      writeErr: write.err,
      outputError: (text, print) => print(text.split("\n").map(safe).join("\n")),
    })
    .addHelpText("after", EXIT_CODES);

  program
    .command("init")
    .description("create golive.yaml at the repository root")
    .requiredOption("--date <date>", "the go-live date, YYYY-MM-DD")
    .option("--catalogue <name|path>", "a shipped catalogue name or your own file", "spryker-cloud")
    .option("--force", "overwrite an existing golive.yaml")
    .action((options) =>
      run(async (ctx) => (await import("./commands/init.js")).init(ctx, options)),
    );

  filterOptions(program.command("status"))
    .description("the standup view: progress, overdue, due soon, blocked, in progress")
    .option("--all", "also list every selected item")
    .option("--since <date|age>", "what changed since a date or an age (1d, 2w)")
    .addOption(jsonOption())
    .addOption(formatOption(STATUS_FORMATS, "the output format (markdown: the export's summary)"))
    .action((options) =>
      run(async (ctx) => (await import("./commands/status.js")).status(ctx, options)),
    );

  filterOptions(program.command("export"))
    .description("reports for people: markdown summary, ics calendar, csv sheet, html page")
    .addOption(formatOption(EXPORT_FORMATS).default("markdown"))
    .option("--output <file>", "write to FILE instead of the console")
    .option(
      "--since <date|age>",
      "what changed since a date or an age (1d, 2w); --format markdown only",
    )
    .action((options) =>
      run(async (ctx) => (await import("./commands/export.js")).exportReport(ctx, options)),
    );

  filterOptions(program.command("list"))
    .description("every item with its window, due date and status")
    .option(
      "--status <statuses>",
      `only items with these statuses: ${[...STATUSES, "open"].join(", ")} (open: todo, in-progress, blocked); repeat or separate with commas`,
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option("--unassigned", "only items nobody owns")
    .option("--json", "print the versioned JSON report")
    .action((options) =>
      run(async (ctx) => (await import("./commands/list.js")).list(ctx, options)),
    );

  program
    .command("show")
    .description("everything about one item")
    .argument("<id>", "the item, e.g. CLO-14")
    .option("--json", "print the versioned JSON report")
    .action((id, options) =>
      run(async (ctx) => (await import("./commands/show.js")).show(ctx, id, options)),
    );

  const by = new Option("--by <name>", "who made the change (default: git config user.name)");

  program
    .command("done")
    .description("mark items done")
    .argument("<ids...>", "one or more items, e.g. CLO-14 app-3")
    .option("--note <text>", "what was done, where to look")
    .addOption(by)
    .action((ids, options) =>
      run(async (ctx) => (await import("./commands/change.js")).done(ctx, ids, options)),
    );

  program
    .command("start")
    .description("mark items in progress")
    .argument("<ids...>", "one or more items")
    .addOption(by)
    .action((ids, options) =>
      run(async (ctx) => (await import("./commands/change.js")).start(ctx, ids, options)),
    );

  program
    .command("block")
    .description("mark items blocked, with the reason")
    .argument("<ids...>", "one or more items")
    .option("--reason <text>", "what blocks it (required)")
    .addOption(by)
    .action((ids, options) =>
      run(async (ctx) => (await import("./commands/change.js")).block(ctx, ids, options)),
    );

  program
    .command("skip")
    .description("mark items not applicable to this project, with the reason")
    .argument("<ids...>", "one or more items")
    .option("--reason <text>", "why it does not apply (required)")
    .addOption(by)
    .action((ids, options) =>
      run(async (ctx) => (await import("./commands/change.js")).skip(ctx, ids, options)),
    );

  program
    .command("reopen")
    .description("set items back to todo")
    .argument("<ids...>", "one or more items")
    .addOption(by)
    .action((ids, options) =>
      run(async (ctx) => (await import("./commands/change.js")).reopen(ctx, ids, options)),
    );

  filterOptions(
    program
      .command("assign")
      .description("give items an owner (--to), or take it away (--none)")
      .argument("[ids-or-owner...]", "ID OWNER; or IDs with --to or --none")
      .option("--to <owner>", "the owner for every item named or selected")
      .option("--none", "the items have no owner any more")
      .option("--unassigned", "with --to: select only items nobody owns"),
    { owner: false },
  )
    .addOption(by)
    .action((args, options) =>
      run(async (ctx) => (await import("./commands/change.js")).assign(ctx, args, options)),
    );

  program
    .command("ack")
    .description("acknowledge items' reminders: the standup stops showing them")
    .argument("<ids...>", "items whose reminder was acted on, e.g. TES-05")
    .addOption(by)
    .action((ids, options) =>
      run(async (ctx) => (await import("./commands/change.js")).ack(ctx, ids, options)),
    );

  program
    .command("note")
    .description("set an item's note, or remove it with --clear")
    .argument("<id>", "the item")
    .argument("[text]", "the note")
    .option("--clear", "remove the note")
    .addOption(by)
    .action((id, text, options) =>
      run(async (ctx) => (await import("./commands/change.js")).note(ctx, id, text, options)),
    );

  program
    .command("waive")
    .description("accept that items stay open: the CI gate passes on them until --until")
    .argument("<ids...>", "one or more items")
    .option("--reason <text>", "the accepted risk and why (required)")
    .option("--until <date>", "the last day the waiver holds, YYYY-MM-DD (required)")
    .option("--approver <name>", "who accepted the risk")
    .addOption(by)
    .action((ids, options) =>
      run(async (ctx) => (await import("./commands/waive.js")).waive(ctx, ids, options)),
    );

  program
    .command("reschedule")
    .description("move go-live; keeps every status and records the slip")
    .requiredOption("--date <date>", "the new go-live date, YYYY-MM-DD")
    .option("--reason <text>", "why it moves")
    .addOption(by)
    .action((options) =>
      run(async (ctx) => (await import("./commands/reschedule.js")).reschedule(ctx, options)),
    );

  program
    .command("verify")
    .description("answer the checkable items from the repository's own files")
    .option("--path <dir>", "the shop's repository (default: the one holding golive.yaml)")
    .option("--item <id>", "verify one item")
    .option("--all", "also list the items no file can answer (manual)")
    .option("--json", "print the versioned JSON report")
    .option("--record", "store each result as evidence in golive.yaml (no status changes)")
    .option("--latest-release <version>", "the newest Spryker release, e.g. 202507.0")
    .action((options) =>
      run(async (ctx) => (await import("./commands/verify.js")).verify(ctx, options)),
    );

  filterOptions(program.command("check"))
    .description("CI gate: exit 1 while any open item is past its due date")
    .option("--warn-within <days>", "items due within DAYS are warnings, never failures", "3")
    .option("--grace <days>", "tolerate DAYS past due (as warnings) before failing", "0")
    .option("--strict", "optional items fail like any other")
    .addOption(formatOption(CHECK_FORMATS))
    .option("--output <file>", "also write the report to FILE; the console gets the summary")
    .addOption(jsonOption())
    .option("--verify", "also exit 1 when a done item's check fails (regressed)")
    .addHelpText(
      "after",
      "\n--format defaults to github when GITHUB_ACTIONS=true (and then appends the Markdown table\nto $GITHUB_STEP_SUMMARY), else text. Waived items (golive waive) pass until the waiver expires.",
    )
    .action((options) =>
      run(async (ctx) => (await import("./commands/check.js")).check(ctx, options)),
    );

  program
    .command("setup")
    .description("make git merge golive.yaml with golive in this clone (once per clone)")
    .action(() => run(async (ctx) => (await import("./commands/setup.js")).setup(ctx)));

  program
    .command("resolve")
    .description("finish a merge git left golive.yaml unmerged in: merge, write and stage it")
    .action(() => run(async (ctx) => (await import("./commands/resolve.js")).resolveMerge(ctx)));

  program
    .command("doctor")
    .description(
      "check Node.js, golive.yaml, its catalogue and git's merge driver; exit 1 on a problem",
    )
    .action(() => run(async (ctx) => (await import("./commands/doctor.js")).doctor(ctx)));

  program
    .command("merge-driver")
    .description(
      "git merge driver for golive.yaml: keeps both sides' changes (see docs/state-file.md)",
    )
    .argument("<base>", "git's %O")
    .argument("<ours>", "git's %A: the result is written here")
    .argument("<theirs>", "git's %B")
    .argument("[pathname]", "git's %P: the state file's path in the repository")
    .action((base, ours, theirs, pathname) =>
      run(async (ctx) =>
        (await import("./commands/merge-driver.js")).mergeDriver(ctx, base, ours, theirs, pathname),
      ),
    );

  return program;
}

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
      stdout += out.stdout;
      stderr += out.stderr;
      exitCode = out.exitCode;
    },
    { out: (text) => (stdout += text), err: (text) => (stderr += text) },
  );
  const errStyle = () => makeStyle(colorLevel(environment.env, environment.stderrIsTTY), 100);
  try {
    await program.parseAsync([...args], { from: "user" });
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
  return { exitCode, stdout, stderr };
}
