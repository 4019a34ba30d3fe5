/**
 * The registrations of the commands that set up and steer the project: init, answer,
 * reschedule, rename, close, upgrade, and git's side (setup, resolve, doctor, merge-driver).
 */

import { type Command, Option } from "commander";
import type { CloseOptions } from "../commands/close.js";
import type { InitOptions } from "../commands/init.js";
import type { RenameOptions } from "../commands/rename.js";
import type { RescheduleOptions } from "../commands/reschedule.js";
import type { ResolveOptions } from "../commands/resolve.js";
import type { UpgradeOptions } from "../commands/upgrade.js";
import { MAX_NAME_LENGTH } from "../core/identity.js";
import type { Runner } from "./environment.js";
import { byOption, dayArg, examples, nameArg, pairArg, takeArg, textArg } from "./options.js";

/** `golive init` */
export function initCommand(program: Command, run: Runner): void {
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
    .requiredOption("--date <date>", "the go-live date, YYYY-MM-DD", dayArg)
    .option(
      "--name <name>",
      `the project's name, in every title, at most ${MAX_NAME_LENGTH} characters (default: the origin remote's repository name, else the folder's)`,
      nameArg,
    )
    .option("--catalogue <name|path>", "a shipped catalogue name or your own file", "spryker-cloud")
    .option("--force", "overwrite an existing golive.yaml")
    .option("--allow-past", "accept a go-live date before today (a project recorded late)")
    .option(
      "--answer <question=answer>",
      "answer one of the catalogue's questions, e.g. old-shop=no; repeat for more",
      pairArg("QUESTION=ANSWER", "--answer old-shop=no", false),
    )
    .action((options: InitOptions) =>
      run(async (ctx) => (await import("../commands/init.js")).init(ctx, options)),
    );
}

/** `golive answer` */
export function answerCommand(program: Command, run: Runner): void {
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
    .action((id: string, value: string) =>
      run(async (ctx) => (await import("../commands/answer.js")).answer(ctx, id, value)),
    );
}

/** `golive reschedule` */
export function rescheduleCommand(program: Command, run: Runner): void {
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
    .requiredOption("--date <date>", "the new go-live date, YYYY-MM-DD", dayArg)
    .option(
      "--reason <text>",
      "why it moves",
      textArg("why it moves", '--reason "payment provider late"'),
    )
    .option("--allow-past", "accept a go-live date before today")
    .addOption(byOption())
    .action((options: RescheduleOptions) =>
      run(async (ctx) => (await import("../commands/reschedule.js")).reschedule(ctx, options)),
    );
}

/** `golive rename` */
export function renameCommand(program: Command, run: Runner): void {
  program
    .command("rename")
    .description("give the project a new name: every report's title shows it")
    .argument("<name>", `the new name, at most ${MAX_NAME_LENGTH} characters`, nameArg)
    .addOption(byOption())
    .addHelpText(
      "after",
      examples('golive rename "Acme B2B shop"', 'golive rename "Acme B2B shop" --by Dana'),
    )
    .action((name: string, options: RenameOptions) =>
      run(async (ctx) => (await import("../commands/rename.js")).rename(ctx, name, options)),
    );
}

/** `golive close` */
export function closeCommand(program: Command, run: Runner): void {
  program
    .command("close")
    .description(
      "end the project: check passes and notify stops; refused while items are open, unless each is left with --leave",
    )
    .option(
      "--reason <text>",
      "why the project ends now",
      textArg("why the project ends now", '--reason "launched"'),
    )
    .option(
      "--leave <id=reason>",
      "an item left open, and why; repeat for each open item",
      pairArg("ID=REASON", '--leave "SEO-02=SEO review after launch, owned by the agency"', true),
    )
    .addOption(
      new Option("--undo", "take the close back: the project is open again").conflicts([
        "reason",
        "leave",
      ]),
    )
    .addOption(byOption())
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
    .action((options: CloseOptions) =>
      run(async (ctx) => (await import("../commands/close.js")).close(ctx, options)),
    );
}

/** `golive upgrade` */
export function upgradeCommand(program: Command, run: Runner): void {
  program
    .command("upgrade")
    .description(
      "move golive.yaml to the catalogue version golive ships (or --catalogue): items added, renamed, removed",
    )
    .option("--catalogue <name|path>", "follow this catalogue from now on instead")
    .option("--dry-run", "only list what would change; golive.yaml is not touched")
    .addHelpText("after", examples("golive upgrade --dry-run", "golive upgrade"))
    .action((options: UpgradeOptions) =>
      run(async (ctx) => (await import("../commands/upgrade.js")).upgrade(ctx, options)),
    );
}

/** `golive setup` */
export function setupCommand(program: Command, run: Runner): void {
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
    .action(() => run(async (ctx) => (await import("../commands/setup.js")).setup(ctx)));
}

/** `golive resolve` */
export function resolveCommand(program: Command, run: Runner): void {
  program
    .command("resolve")
    .description("finish a merge git left golive.yaml unmerged in: merge, write and stage it")
    .option(
      "--take <side>",
      "where both sides changed an item differently: ours or theirs for all, or ID=ours|theirs for one (repeatable)",
      takeArg,
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
    .action((options: ResolveOptions) =>
      run(async (ctx) => (await import("../commands/resolve.js")).resolveMerge(ctx, options)),
    );
}

/** `golive doctor` */
export function doctorCommand(program: Command, run: Runner): void {
  program
    .command("doctor")
    .description(
      "check Node.js, golive.yaml, its catalogue and git's merge driver; exit 1 on a problem",
    )
    .addHelpText("after", examples("golive doctor", "golive --file plan/golive.yaml doctor"))
    .action(() => run(async (ctx) => (await import("../commands/doctor.js")).doctor(ctx)));
}

/** `golive merge-driver` */
export function mergeDriverCommand(program: Command, run: Runner): void {
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
    .action((base: string, ours: string, theirs: string, pathname: string | undefined) =>
      run(async (ctx) =>
        (await import("../commands/merge-driver.js")).mergeDriver(
          ctx,
          base,
          ours,
          theirs,
          pathname,
        ),
      ),
    );
}
