/**
 * The registrations of the commands that report and judge: export, verify, probe, check,
 * notify, portfolio, diff.
 */

import { type Command, Option } from "commander";
import type { CheckOptions } from "../commands/check.js";
import type { DiffOptions } from "../commands/diff.js";
import type { ExportOptions } from "../commands/export.js";
import type { NotifyOptions } from "../commands/notify.js";
import type { PortfolioOptions } from "../commands/portfolio.js";
import type { ProbeOptions } from "../commands/probe.js";
import type { VerifyOptions } from "../commands/verify.js";
import {
  CHECK_FORMATS,
  DIFF_FORMATS,
  EXPORT_FORMAT_WORDS,
  EXPORT_FORMATS,
  NOTIFY_TARGETS,
  PORTFOLIO_FORMATS,
} from "../render/formats.js";
import type { Runner } from "./environment.js";
import {
  daysOption,
  dnsArg,
  domainArg,
  examples,
  filterOptions,
  formatOption,
  formatsHelp,
  jsonOption,
  releaseArg,
  resolveArg,
  sinceArg,
  webUrlArg,
  wholeNumberArg,
} from "./options.js";

/** `golive export` */
export function exportCommand(program: Command, run: Runner): void {
  filterOptions(program.command("export"))
    .description(`reports for people: ${EXPORT_FORMATS.join(", ")}`)
    .addHelpText("after", formatsHelp(EXPORT_FORMAT_WORDS))
    .addHelpText(
      "after",
      examples(
        "golive export --since 1w --output standup.md",
        "# a sheet that opens in Excel, and a page to print or send",
        "golive export --format csv --output golive.csv",
        "golive export --format html --output reports/golive.html",
      ),
    )
    .addOption(formatOption(EXPORT_FORMATS, "which report (see Formats below)").default("markdown"))
    .option("--output <file>", "write to FILE instead of the console")
    .option("--no-bom", "csv: leave out the byte order mark (Excel needs it to read UTF-8)")
    .option(
      "--since <date|age>",
      "what changed since a date or an age (1d, 2w); --format markdown only",
      sinceArg,
    )
    .action((options: ExportOptions) =>
      run(async (ctx) => (await import("../commands/export.js")).exportReport(ctx, options)),
    );
}

/** `golive verify` */
export function verifyCommand(program: Command, run: Runner): void {
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
    .option("--latest-release <version>", "the newest Spryker release, e.g. 202507.0", releaseArg)
    .action((options: VerifyOptions) =>
      run(async (ctx) => (await import("../commands/verify.js")).verify(ctx, options)),
    );
}

/** `golive probe` */
export function probeCommand(program: Command, run: Runner): void {
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
    .option(
      "--url <urls...>",
      "probe these storefront URLs instead of the deploy file's hosts",
      webUrlArg,
    )
    .option("--item <id>", "probe one item")
    .option("--json", "print the versioned JSON report")
    .option("--record", "store each result as evidence in golive.yaml (no status changes)")
    .option(
      "--resolve <host:port:address...>",
      "connect there for HOST:PORT, as curl does",
      resolveArg,
    )
    .option("--dns <server[:port]>", "ask this DNS server", dnsArg)
    .option("--ca <file>", "trust this CA (PEM) too")
    .addOption(
      new Option("--timeout <seconds>", "give up on one request after SECONDS")
        .argParser(wholeNumberArg(1, 300, "seconds"))
        .default(10),
    )
    .option(
      "--mail-domain <domain>",
      "check this domain's DMARC and SPF (default: probe.mailDomain)",
      domainArg,
    )
    .action((options: ProbeOptions) =>
      run(async (ctx) => (await import("../commands/probe.js")).probe(ctx, options)),
    );
}

/** `golive check` */
export function checkCommand(program: Command, run: Runner): void {
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
    .action((options: CheckOptions) =>
      run(async (ctx) => (await import("../commands/check.js")).check(ctx, options)),
    );
}

/** `golive notify` */
export function notifyCommand(program: Command, run: Runner): void {
  program
    .command("notify")
    .description("post the standup digest to a Slack, Teams or JSON webhook")
    .addOption(
      new Option("--to <target>", "the webhook's kind")
        .choices(NOTIFY_TARGETS)
        .makeOptionMandatory(),
    )
    .option("--webhook-env <name>", "the variable holding the webhook URL", "GOLIVE_WEBHOOK_URL")
    .option("--webhook-file <file>", "a file holding the webhook URL instead")
    .addOption(
      new Option("--since <date|age>", "what changed since a date or an age")
        .argParser(sinceArg)
        .default({ daysAgo: 1 }, "1d"),
    )
    .option(
      "--title <text>",
      "the digest's title (default: the project's name and the catalogue's title)",
    )
    .addOption(
      new Option("--timeout <seconds>", "per attempt")
        .argParser(wholeNumberArg(1, 300, "seconds"))
        .default(10),
    )
    .addOption(
      new Option("--retries <n>", "retries on 429, 5xx and network errors")
        .argParser(wholeNumberArg(0, 10, "retries"))
        .default(3),
    )
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
    .action((options: NotifyOptions) =>
      run(async (ctx) => (await import("../commands/notify.js")).notify(ctx, options)),
    );
}

/** `golive portfolio` */
export function portfolioCommand(program: Command, run: Runner): void {
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
    .action((projects: string[], options: PortfolioOptions) =>
      run(async (ctx) =>
        (await import("../commands/portfolio.js")).portfolio(ctx, projects, options),
      ),
    );
}

/** What `golive diff` declares: --json is --format json. */
interface DiffFlags {
  json?: boolean;
  format?: DiffOptions["format"];
}

/** `golive diff` */
export function diffCommand(program: Command, run: Runner): void {
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
    .action((base: string | undefined, options: DiffFlags) =>
      run(async (ctx) =>
        (await import("../commands/diff.js")).diff(ctx, base, {
          format: options.json ? "json" : options.format,
        }),
      ),
    );
}
