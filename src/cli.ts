/**
 * The commander program: flags become typed options, and each verb calls one command function,
 * imported when that verb runs: `golive status` never loads the YAML editor or the export
 * formats. `run` is the whole CLI as a function of its environment, for main.ts and the tests.
 */
import { Argument, Command, CommanderError, Help, Option } from "commander";
import { format } from "date-fns";
import { distance } from "fastest-levenshtein";
import { minOf } from "./core/arrays.js";
import type { CompletionSpec, OptionSpec, ValueKind, Values } from "./core/completion.js";
import { localDateOf, parseCalendarDate } from "./core/dates.js";
import { EXIT, type ExitCode, GoliveError } from "./errors.js";
import { SHELLS, type Shell } from "./render/completion.js";
import { renderError } from "./render/error.js";
import { exitCodesHelp } from "./render/exit-codes.js";
import { ciSafe, colorLevel, makeStyle, safe } from "./render/text.js";
import { STATUSES } from "./schema/fields.js";
import { VERSION } from "./version.js";
import {
  type Asker,
  type Context,
  inEnvironment,
  type Output,
  type Runtime,
} from "./work/context.js";
import {
  CHECK_FORMATS,
  DIFF_FORMATS,
  EXPORT_FORMATS,
  PORTFOLIO_FORMATS,
  STATUS_FORMATS,
} from "./work/formats.js";

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
  /**
   * Asks the catalogue's questions on the terminal; absent when stdin or stdout is not one
   * (a pipe, CI, the tests), and then `golive init` takes the defaults and `--answer`.
   */
  ask?: Asker;
  /** The Node binary and golive file running now, for git's merge driver; main.ts knows them. */
  runtime?: Runtime;
}

interface GlobalOptions {
  file?: string;
  today?: string;
}

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

export function makeContext(environment: Environment, options: GlobalOptions): Context {
  const pinned = options.today ?? environment.env.GOLIVE_TODAY;
  let today: string;
  if (pinned !== undefined && pinned !== "") {
    const date = parseCalendarDate(pinned.trim());
    if (!date) {
      // A value from the environment is never echoed: the environment holds the job's secrets.
      const source = options.today !== undefined ? `--today "${pinned}"` : "GOLIVE_TODAY";
      throw new GoliveError("bad-date", `${source} is not a date`, {
        hint: "write a real calendar day as YYYY-MM-DD",
      });
    }
    today = date;
  } else {
    today = localDateOf(environment.clock());
  }
  const isPinned = pinned !== undefined && pinned !== "";
  let user: { name: string | undefined } | undefined;
  // A terminal's width when there is one, else COLUMNS; piped output (grep, a file) without
  // COLUMNS has no width, and keeps every text whole.
  const width =
    environment.columns ??
    (Number.parseInt(environment.env.COLUMNS ?? "", 10) ||
      (environment.isTTY ? 100 : Number.POSITIVE_INFINITY));
  return {
    cwd: environment.cwd,
    today,
    now: () => (isPinned ? today : format(environment.clock(), "yyyy-MM-dd'T'HH:mm:ssXXX")),
    ...(options.file !== undefined ? { file: options.file } : {}),
    style: makeStyle(colorLevel(environment.env, environment.isTTY), Math.max(40, width)),
    ...(environment.ask ? { ask: environment.ask } : {}),
    gitUser: () => {
      user ??= { name: environment.gitUserName(environment.cwd) };
      return user.name;
    },
    env: environment.env,
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
 * The end of a command's --help: real examples, each run as shown (test/help.test.ts runs
 * every `$ golive` line in a demo repository). A `#` line says what the next one does.
 */
function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((line) => `  ${line.startsWith("#") ? line : `$ ${line}`}`).join("\n")}`;
}

/** A number of days with its default, which --help shows as a number ("default: 3"). */
function daysOption(flags: string, description: string, days: number): Option {
  return new Option(flags, description).default(String(days), String(days));
}

/** What the values of each option are, for completing them; any other takes free text. */
const OPTION_VALUES: Record<string, ValueKind> = {
  "--phase": "phase",
  "--category": "category",
  "--owner": "owner",
  "--to": "owner",
  "--status": "status",
  "--item": "id",
  "--catalogue": "catalogue",
  "--file": "file",
  "--output": "file",
  "--path": "file",
  "--ca": "file",
};

function optionSpec(option: Option): OptionSpec {
  const takesValue = option.required || option.optional;
  const values: Values = option.argChoices
    ? option.argChoices
    : ((option.long ? OPTION_VALUES[option.long] : undefined) ?? "text");
  return {
    ...(option.long ? { long: option.long } : {}),
    ...(option.short ? { short: option.short } : {}),
    description: option.description,
    takesValue,
    values,
  };
}

/** The program's commands and options as data, for `golive __complete`. */
function completionSpec(program: Command): CompletionSpec {
  const visible = (options: readonly Option[]) => options.filter((o) => !o.hidden).map(optionSpec);
  const help: OptionSpec = {
    long: "--help",
    short: "-h",
    description: "display help for command",
    takesValue: false,
    values: "text",
  };
  const commands = program.createHelp().visibleCommands(program);
  return {
    // --help is every command's, like the global options.
    options: [...visible(program.options), help],
    commands: commands.map((c) => {
      const args = c.registeredArguments;
      return {
        name: c.name(),
        description: c.description(),
        options: visible(c.options),
        args: args.map((a): Values => {
          if (a.argChoices) return a.argChoices;
          if (/^id/.test(a.name())) return "id";
          if (c.name() === "help") return commands.map((x) => x.name());
          return c.name() === "merge-driver" ? "file" : "text";
        }),
        variadic: args.at(-1)?.variadic ?? false,
      };
    }),
  };
}

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
    .version(VERSION, "-V, --version", "output the version number (also -v)")
    .addOption(new Option("-v", "output the version number").hideHelp())
    .option("-f, --file <path>", "the state file (default: golive.yaml in this folder or a parent)")
    .option("--today <date>", "pretend today is YYYY-MM-DD (also GOLIVE_TODAY)")
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
    // Parser errors quote what was typed: show control characters instead of obeying them.
    .configureOutput({
      writeOut: write.out,
      writeErr: write.err,
      outputError: (text, print) => print(text.split("\n").map(safe).join("\n")),
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

  program
    .command("init")
    .description("create golive.yaml at the repository root")
    .addHelpText(
      "after",
      examples(
        "# go-live on 1 March 2027, with the Spryker Cloud checklist",
        'golive init --date 2027-03-01 --name "Acme shop"',
        "# a second project in the same repository, in a file of its own",
        "golive --file golive-b2c.yaml init --date 2027-05-03",
      ),
    )
    .requiredOption("--date <date>", "the go-live date, YYYY-MM-DD")
    .option(
      "--name <name>",
      "the project's name, in every title (default: the origin remote's repository name, else the folder's)",
    )
    .option("--catalogue <name|path>", "a shipped catalogue name or your own file", "spryker-cloud")
    .option("--force", "overwrite an existing golive.yaml")
    .option("--allow-past", "accept a go-live date before today (a project recorded late)")
    .option(
      "--answer <question=answer>",
      "answer one of the catalogue's questions, e.g. old-shop=no; repeat for more",
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .action((options) =>
      run(async (ctx) => (await import("./commands/init.js")).init(ctx, options)),
    );

  program
    .command("answer")
    .description(
      "answer one of the catalogue's questions: items it rules out become not applicable",
    )
    .argument("<question>", "the question's ID, e.g. old-shop")
    .argument("<answer>", "the answer, e.g. no")
    .addHelpText(
      "after",
      examples(
        "# no old shop to redirect from: SEO-01, SEO-07 and GEN-10 stop applying",
        "golive answer old-shop no",
        "golive answer old-shop yes",
      ),
    )
    .action((id, value) =>
      run(async (ctx) => (await import("./commands/answer.js")).answer(ctx, id, value)),
    );

  filterOptions(program.command("status"))
    .description("the standup view: progress, overdue, due soon, blocked, in progress")
    .addHelpText(
      "after",
      examples(
        "golive status",
        "# one person's items, and what changed in the last week",
        "golive status --owner sam --since 1w",
        "golive status --phase two-weeks --all",
      ),
    )
    .option("--all", "also list every selected item")
    .option("--since <date|age>", "what changed since a date or an age (1d, 2w)")
    .addOption(jsonOption())
    .addOption(formatOption(STATUS_FORMATS, "the output format (markdown: the export's summary)"))
    .action((options) =>
      run(async (ctx) => (await import("./commands/status.js")).status(ctx, options)),
    );

  filterOptions(program.command("export"))
    .description("reports for people: markdown summary, ics calendar, csv sheet, html page")
    .addHelpText(
      "after",
      examples(
        "golive export --since 1w --output standup.md",
        "# a sheet that opens in Excel, and a page to print or send",
        "golive export --format csv --output golive.csv",
        "golive export --format html --output reports/golive.html",
      ),
    )
    .addOption(formatOption(EXPORT_FORMATS).default("markdown"))
    .option("--output <file>", "write to FILE instead of the console")
    .option("--no-bom", "csv: leave out the byte order mark (Excel needs it to read UTF-8)")
    .option(
      "--since <date|age>",
      "what changed since a date or an age (1d, 2w); --format markdown only",
    )
    .action((options) =>
      run(async (ctx) => (await import("./commands/export.js")).exportReport(ctx, options)),
    );

  filterOptions(program.command("list"))
    .description("every item with its window, due date and status")
    .addHelpText(
      "after",
      examples(
        "golive list --phase go-live",
        "golive list --status open --unassigned",
        "golive list --category CLO --json",
      ),
    )
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
    .addHelpText(
      "after",
      examples(
        "golive show CLO-14",
        "# IDs in any case, without the dash or leading zeros",
        "golive show app3 --json",
      ),
    )
    .argument("<id>", "the item, e.g. CLO-14")
    .option("--json", "print the versioned JSON report")
    .action((id, options) =>
      run(async (ctx) => (await import("./commands/show.js")).show(ctx, id, options)),
    );

  const by = new Option("--by <name>", "who made the change (default: git config user.name)");

  program
    .command("done")
    .description("mark items done")
    .addHelpText(
      "after",
      examples(
        'golive done CLO-14 --note "TTL lowered to 300; runbook in wiki/DNS"',
        "golive done app-3 app-4 APP-05",
        'golive done TES-02 --by "Priya Shah"',
      ),
    )
    .argument("<ids...>", "one or more items, e.g. CLO-14 app-3")
    .option("--note <text>", "what was done, where to look")
    .addOption(by)
    .action((ids, options) =>
      run(async (ctx) => (await import("./commands/change.js")).done(ctx, ids, options)),
    );

  program
    .command("start")
    .description("mark items in progress")
    .addHelpText("after", examples("golive start TES-05", "golive start TES-05 TES-06 --by Priya"))
    .argument("<ids...>", "one or more items")
    .addOption(by)
    .action((ids, options) =>
      run(async (ctx) => (await import("./commands/change.js")).start(ctx, ids, options)),
    );

  program
    .command("block")
    .description("mark items blocked, with the reason")
    .addHelpText(
      "after",
      examples(
        'golive block CLO-12 --reason "waiting for the registrar to delegate the domain"',
        'golive block TES-05 TES-06 --reason "no staging environment yet" --by Priya',
      ),
    )
    .argument("<ids...>", "one or more items")
    .option("--reason <text>", "what blocks it (required)")
    .addOption(by)
    .action((ids, options) =>
      run(async (ctx) => (await import("./commands/change.js")).block(ctx, ids, options)),
    );

  program
    .command("skip")
    .description("mark items not applicable to this project, with the reason")
    .addHelpText(
      "after",
      examples(
        'golive skip APP-04 --reason "already on MariaDB"',
        'golive skip SEO-05 SEO-06 --reason "B2B shop behind a login"',
      ),
    )
    .argument("<ids...>", "one or more items")
    .option("--reason <text>", "why it does not apply (required)")
    .addOption(by)
    .action((ids, options) =>
      run(async (ctx) => (await import("./commands/change.js")).skip(ctx, ids, options)),
    );

  program
    .command("reopen")
    .description("set items back to todo")
    .addHelpText("after", examples("golive reopen CLO-08", "golive reopen CLO-08 APP-26 --by Sam"))
    .argument("<ids...>", "one or more items")
    .addOption(by)
    .action((ids, options) =>
      run(async (ctx) => (await import("./commands/change.js")).reopen(ctx, ids, options)),
    );

  filterOptions(
    program
      .command("assign")
      .description("give items an owner (--to), or take it away (--none)")
      .addHelpText(
        "after",
        examples(
          "golive assign CLO-12 Sam",
          "# everything in a phase that nobody owns yet",
          "golive assign --to Priya --phase two-weeks --unassigned",
          "golive assign TES-05 TES-06 --none",
        ),
      )
      .argument("[ids-or-owner...]", "ID OWNER; or IDs with --to or --none")
      .option("--to <owner>", "the owner for every item named or selected")
      .option("--none", "the items have no owner any more")
      .option("--unassigned", "with --to: select only items nobody owns"),
  )
    .addOption(by)
    .action((args, options) =>
      run(async (ctx) => (await import("./commands/change.js")).assign(ctx, args, options)),
    );

  program
    .command("ack")
    .description("acknowledge items' reminders: the standup stops showing them")
    .addHelpText("after", examples("golive ack TES-05", "golive ack TES-05 TES-06 --by Priya"))
    .argument("<ids...>", "items whose reminder was acted on, e.g. TES-05")
    .addOption(by)
    .action((ids, options) =>
      run(async (ctx) => (await import("./commands/change.js")).ack(ctx, ids, options)),
    );

  program
    .command("note")
    .description("set an item's note, or remove it with --clear")
    .addHelpText(
      "after",
      examples('golive note CLO-14 "TTL is 300 until the switch"', "golive note CLO-14 --clear"),
    )
    .argument("<id>", "the item")
    .argument("[text]", "the note")
    .option("--clear", "remove the note")
    .addOption(by)
    .action((id, text, options) =>
      run(async (ctx) => (await import("./commands/change.js")).note(ctx, id, text, options)),
    );

  program
    .command("link")
    .description("attach tracker references to an item: Jira keys (SHOP-123) or https URLs")
    .argument("<id>", "the item")
    .argument("<tickets...>", "Jira keys or https URLs")
    .option("--remove", "take these references off the item")
    .addHelpText(
      "after",
      examples(
        "golive link CLO-14 SHOP-123",
        "golive link CLO-14 https://github.com/acme/shop/issues/7",
        "golive link CLO-14 SHOP-123 --remove",
      ),
    )
    .action((id, tickets, options) =>
      run(async (ctx) => (await import("./commands/link.js")).link(ctx, id, tickets, options)),
    );

  program
    .command("waive")
    .description("accept that items stay open: the CI gate passes on them until --until")
    .addHelpText(
      "after",
      examples(
        'golive waive SEO-02 --reason "SEO review after launch" --until 2027-03-15',
        'golive waive TR-03 --reason "training in week one" --until 2027-03-08 --approver Dana',
      ),
    )
    .argument("<ids...>", "one or more items")
    .option("--reason <text>", "the accepted risk and why (required)")
    .option("--until <date>", "the last day the waiver holds, YYYY-MM-DD (required)")
    .option("--approver <name>", "who accepted the risk")
    .addOption(by)
    .action((ids, options) =>
      run(async (ctx) => (await import("./commands/waive.js")).waive(ctx, ids, options)),
    );

  program
    .command("unwaive")
    .description(
      "withdraw a waiver: the gate judges the items again; the waiver stays in their history",
    )
    .addHelpText(
      "after",
      examples(
        'golive unwaive TR-03 --reason "training moved before go-live"',
        'golive unwaive SEO-02 --reason "the agency delivered" --by Dana',
      ),
    )
    .argument("<ids...>", "one or more items")
    .option("--reason <text>", "why the exception ends (required)")
    .addOption(by)
    .action((ids, options) =>
      run(async (ctx) => (await import("./commands/unwaive.js")).unwaive(ctx, ids, options)),
    );

  program
    .command("reschedule")
    .description("move go-live; keeps every status and records the slip")
    .addHelpText(
      "after",
      examples(
        'golive reschedule --date 2027-03-15 --reason "payment provider late"',
        "golive reschedule --date 2027-04-01",
      ),
    )
    .requiredOption("--date <date>", "the new go-live date, YYYY-MM-DD")
    .option("--reason <text>", "why it moves")
    .option("--allow-past", "accept a go-live date before today")
    .addOption(by)
    .action((options) =>
      run(async (ctx) => (await import("./commands/reschedule.js")).reschedule(ctx, options)),
    );

  program
    .command("rename")
    .description("give the project a new name: every report's title shows it")
    .argument("<name>", "the new name")
    .addOption(by)
    .addHelpText(
      "after",
      examples('golive rename "Acme B2B shop"', 'golive rename "Acme B2B shop" --by Dana'),
    )
    .action((name, options) =>
      run(async (ctx) => (await import("./commands/rename.js")).rename(ctx, name, options)),
    );

  program
    .command("close")
    .description(
      "end the project: check passes and notify stops; refused while items are open, unless each is left with --leave",
    )
    .option("--reason <text>", "why the project ends now")
    .option(
      "--leave <id=reason>",
      "an item left open, and why; repeat for each open item",
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option("--undo", "take the close back: the project is open again")
    .addOption(by)
    .addHelpText(
      "after",
      '\nWhile items are open it is refused, listing them: finish or skip them, or name each one\nleft open, e.g. golive close --reason "hypercare over" --leave "SEO-02=the agency does it".',
    )
    .addHelpText(
      "after",
      examples(
        "# the project is not over after all",
        "golive close --undo",
        "golive close --undo --by Dana",
      ),
    )
    .action((options) =>
      run(async (ctx) => (await import("./commands/close.js")).close(ctx, options)),
    );

  program
    .command("upgrade")
    .description(
      "move golive.yaml to the catalogue version golive ships (or --catalogue): items added, renamed, removed",
    )
    .option("--catalogue <name|path>", "follow this catalogue from now on instead")
    .option("--dry-run", "only list what would change; golive.yaml is not touched")
    .addHelpText("after", examples("golive upgrade --dry-run", "golive upgrade"))
    .action((options) =>
      run(async (ctx) => (await import("./commands/upgrade.js")).upgrade(ctx, options)),
    );

  program
    .command("verify")
    .description("answer the checkable items from the repository's own files")
    .addHelpText(
      "after",
      examples(
        "golive verify",
        "golive verify --item APP-09 --all",
        "# keep the results in golive.yaml, as evidence",
        "golive verify --record",
      ),
    )
    .option("--path <dir>", "the shop's repository (default: the one holding golive.yaml)")
    .option("--item <id>", "verify one item")
    .option("--all", "also list the items no file can answer (manual)")
    .option("--full", "show every finding (text lists 12 per item, failures first)")
    .option("--json", "print the versioned JSON report")
    .option("--record", "store each result as evidence in golive.yaml (no status changes)")
    .option("--latest-release <version>", "the newest Spryker release, e.g. 202507.0")
    .action((options) =>
      run(async (ctx) => (await import("./commands/verify.js")).verify(ctx, options)),
    );

  program
    .command("probe")
    .description("ask the live hosts the go-live-day items: TLS, DNS, basic auth, robots.txt, ...")
    .addHelpText(
      "after",
      examples(
        "golive probe --record",
        "golive probe --env staging --item CLO-17",
        "# a host before its DNS exists",
        "golive probe --url https://www.shop.example --resolve www.shop.example:443:203.0.113.7",
      ),
    )
    .addOption(
      new Option("--env <environment>", "whose deploy file names the hosts")
        .choices(["production", "staging"])
        .default("production"),
    )
    .option("--url <urls...>", "probe these storefront URLs instead of the deploy file's hosts")
    .option("--item <id>", "probe one item")
    .option("--json", "print the versioned JSON report")
    .option("--record", "store each result as evidence in golive.yaml (no status changes)")
    .option("--resolve <host:port:address...>", "connect there for HOST:PORT, as curl does")
    .option("--dns <server[:port]>", "ask this DNS server")
    .option("--ca <file>", "trust this CA (PEM) too")
    .option("--timeout <seconds>", "give up on one request after SECONDS (default: 10)")
    .option(
      "--mail-domain <domain>",
      "check this domain's DMARC and SPF (default: probe.mailDomain)",
    )
    .action((options) =>
      run(async (ctx) => (await import("./commands/probe.js")).probe(ctx, options)),
    );

  filterOptions(program.command("check"))
    .description("CI gate: exit 1 while any open item is past its due date")
    .addOption(
      daysOption("--warn-within <days>", "items due within DAYS are warnings, never failures", 3),
    )
    .addOption(
      daysOption("--grace <days>", "tolerate DAYS past due (as warnings) before failing", 0),
    )
    .option("--strict", "optional items fail like any other")
    .addOption(formatOption(CHECK_FORMATS))
    .option("--output <file>", "also write the report to FILE; the console gets the summary")
    .addOption(jsonOption())
    .option("--verify", "also exit 1 when a done item's check fails (regressed)")
    .addHelpText(
      "after",
      "\n--format defaults to github when GITHUB_ACTIONS=true (and then appends the Markdown table\nto $GITHUB_STEP_SUMMARY), else text. Waived items (golive waive) pass until the waiver expires.",
    )
    .addHelpText(
      "after",
      examples(
        "golive check",
        "# a test report for the CI server, and a week's warning",
        "golive check --warn-within 7 --format junit --output reports/golive.xml",
        "golive check --verify --strict",
      ),
    )
    .action((options) =>
      run(async (ctx) => (await import("./commands/check.js")).check(ctx, options)),
    );

  program
    .command("notify")
    .description("post the standup digest to a Slack, Teams or JSON webhook")
    .addOption(
      new Option("--to <target>", "the webhook's kind")
        .choices(["slack", "teams", "json"])
        .makeOptionMandatory(),
    )
    .option("--webhook-env <name>", "the variable holding the webhook URL", "GOLIVE_WEBHOOK_URL")
    .option("--webhook-file <file>", "a file holding the webhook URL instead")
    .option("--since <date|age>", "what changed since a date or an age (default 1d)")
    .option(
      "--title <text>",
      "the digest's title (default: the project's name and the catalogue's title)",
    )
    .option("--timeout <seconds>", "per attempt (default 10)")
    .option("--retries <n>", "retries on 429, 5xx and network errors (default 3)")
    .option("--dry-run", "print the payload; send nothing")
    .option("--post-empty", "post the digest even when nothing is in it")
    .option("--force", "post even though the project is closed (golive close)")
    .addHelpText(
      "after",
      examples(
        "# see what Slack would get, without sending it",
        "golive notify --to slack --dry-run",
        "golive notify --to teams --since 3d --dry-run",
      ),
    )
    .action((options) =>
      run(async (ctx) => (await import("./commands/notify.js")).notify(ctx, options)),
    );

  program
    .command("portfolio")
    .description("one table across projects: each one's golive.yaml, from a work tree or a git ref")
    .argument("[projects...]", "PATH, PATH#REF, GIT-URL or GIT-URL#REF")
    .option("--list <file>", "a portfolio.yaml listing the projects (see docs/reports.md)")
    .addOption(jsonOption())
    .addOption(formatOption(PORTFOLIO_FORMATS))
    .option("--output <file>", "write to FILE instead of the console")
    .option("--gate", "exit 1 when any project's gate fails or it cannot be read, naming it")
    .addHelpText(
      "after",
      examples(
        "golive portfolio .",
        "# this work tree and its main branch, as Markdown",
        "golive portfolio . .#main --format markdown",
      ),
    )
    .action((projects, options) =>
      run(async (ctx) =>
        (await import("./commands/portfolio.js")).portfolio(ctx, projects, options),
      ),
    );

  program
    .command("diff")
    .description("what a change to golive.yaml does, in people's words (for pull requests)")
    .argument(
      "[base]",
      "the commit to compare with (default: the merge base with the default branch)",
    )
    .addOption(jsonOption())
    .addOption(formatOption(DIFF_FORMATS, "the output format (markdown: for a PR comment)"))
    .addHelpText(
      "after",
      examples(
        "golive diff",
        "# what this branch changed since main, for a pull-request comment",
        "golive diff origin/main --format markdown",
      ),
    )
    .action((base, options) =>
      run(async (ctx) =>
        (await import("./commands/diff.js")).diff(ctx, base, {
          format: options.json ? "json" : options.format,
        }),
      ),
    );

  program
    .command("setup")
    .description("make git merge golive.yaml with golive in this clone (once per clone)")
    .addHelpText(
      "after",
      examples(
        "# once, after cloning the shop",
        "golive setup",
        "golive --file plan/golive.yaml setup",
      ),
    )
    .action(() => run(async (ctx) => (await import("./commands/setup.js")).setup(ctx)));

  program
    .command("resolve")
    .description("finish a merge git left golive.yaml unmerged in: merge, write and stage it")
    .option(
      "--take <side>",
      "where both sides changed an item differently: ours or theirs for all, or ID=ours|theirs for one (repeatable)",
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .addHelpText(
      "after",
      examples(
        "# git merge stopped on golive.yaml: merge it, then commit",
        "golive resolve",
        "# both sides changed CLO-01 differently: see both, then choose",
        "golive resolve --take CLO-01=theirs",
        "golive resolve --take ours",
      ),
    )
    .action((options: { take?: string[] }) =>
      run(async (ctx) => (await import("./commands/resolve.js")).resolveMerge(ctx, options)),
    );

  program
    .command("doctor")
    .description(
      "check Node.js, golive.yaml, its catalogue and git's merge driver; exit 1 on a problem",
    )
    .addHelpText("after", examples("golive doctor", "golive --file plan/golive.yaml doctor"))
    .action(() => run(async (ctx) => (await import("./commands/doctor.js")).doctor(ctx)));

  program
    .command("merge-driver")
    .description(
      "git merge driver for golive.yaml: keeps both sides' changes (see docs/state-file.md)",
    )
    .addHelpText(
      "after",
      examples(
        "# git runs it on golive.yaml; golive init and golive setup name it to git for a clone",
        "golive setup",
        "git config merge.golive.driver",
      ),
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
      run(async () => (await import("./commands/completion.js")).completionScript(shell)),
    );

  // What the completion scripts run at each tab: the words typed so far, after `--`.
  program
    .command("__complete", { hidden: true })
    .description("complete the last of WORDS (run by the completion scripts)")
    .argument("[words...]", "the words after golive, the last one being typed")
    .action((words: string[]) =>
      run(async (ctx) =>
        (await import("./commands/completion.js")).complete(ctx, completionSpec(program), words),
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
