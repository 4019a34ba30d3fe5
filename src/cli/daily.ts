/**
 * The registrations of the daily commands: the standup views (status, list, show) and the
 * item edits (done, start, block, skip, reopen, assign, ack, note, link, waive, unwaive).
 */

import type { Command } from "commander";
import type {
  AssignOptions,
  ByOptions,
  DoneOptions,
  NoteOptions,
  ReasonOptions,
} from "../commands/change.js";
import type { LinkOptions } from "../commands/link.js";
import type { ListOptions } from "../commands/list.js";
import type { ShowOptions } from "../commands/show.js";
import type { StatusOptions } from "../commands/status.js";
import type { UnwaiveOptions } from "../commands/unwaive.js";
import type { WaiveOptions } from "../commands/waive.js";
import { STATUS_FORMATS } from "../render/formats.js";
import { STATUSES } from "../schema/fields.js";
import type { Runner } from "./environment.js";
import {
  byOption,
  dayArg,
  examples,
  filterOptions,
  formatOption,
  jsonOption,
  sinceArg,
  statusListArg,
  textArg,
} from "./options.js";

/** `golive status` */
export function statusCommand(program: Command, run: Runner): void {
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
    .option("--since <date|age>", "what changed since a date or an age (1d, 2w)", sinceArg)
    .addOption(jsonOption())
    .addOption(formatOption(STATUS_FORMATS, "the output format (markdown: the export's summary)"))
    .action((options: StatusOptions) =>
      run(async (ctx) => (await import("../commands/status.js")).status(ctx, options)),
    );
}

/** `golive list` */
export function listCommand(program: Command, run: Runner): void {
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
      statusListArg,
    )
    .option("--unassigned", "only items nobody owns")
    .option("--json", "print the versioned JSON report")
    .action((options: ListOptions) =>
      run(async (ctx) => (await import("../commands/list.js")).list(ctx, options)),
    );
}

/** `golive show` */
export function showCommand(program: Command, run: Runner): void {
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
    .action((id: string, options: ShowOptions) =>
      run(async (ctx) => (await import("../commands/show.js")).show(ctx, id, options)),
    );
}

/** `golive done` */
export function doneCommand(program: Command, run: Runner): void {
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
    .option(
      "--note <text>",
      "what was done, where to look",
      textArg("the note's text", '--note "what was done"'),
    )
    .addOption(byOption())
    .action((ids: string[], options: DoneOptions) =>
      run(async (ctx) => (await import("../commands/change.js")).done(ctx, ids, options)),
    );
}

/** `golive start` */
export function startCommand(program: Command, run: Runner): void {
  program
    .command("start")
    .description("mark items in progress")
    .addHelpText("after", examples("golive start TES-05", "golive start TES-05 TES-06 --by Priya"))
    .argument("<ids...>", "one or more items")
    .addOption(byOption())
    .action((ids: string[], options: ByOptions) =>
      run(async (ctx) => (await import("../commands/change.js")).start(ctx, ids, options)),
    );
}

/** `golive block` */
export function blockCommand(program: Command, run: Runner): void {
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
    .requiredOption(
      "--reason <text>",
      "what blocks it",
      textArg("what blocks it", '--reason "waiting for the registrar"'),
    )
    .addOption(byOption())
    .action((ids: string[], options: ReasonOptions) =>
      run(async (ctx) => (await import("../commands/change.js")).block(ctx, ids, options)),
    );
}

/** `golive skip` */
export function skipCommand(program: Command, run: Runner): void {
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
    .requiredOption(
      "--reason <text>",
      "why it does not apply",
      textArg("why it does not apply", '--reason "already on MariaDB"'),
    )
    .addOption(byOption())
    .action((ids: string[], options: ReasonOptions) =>
      run(async (ctx) => (await import("../commands/change.js")).skip(ctx, ids, options)),
    );
}

/** `golive reopen` */
export function reopenCommand(program: Command, run: Runner): void {
  program
    .command("reopen")
    .description("set items back to todo")
    .addHelpText("after", examples("golive reopen CLO-08", "golive reopen CLO-08 APP-26 --by Sam"))
    .argument("<ids...>", "one or more items")
    .addOption(byOption())
    .action((ids: string[], options: ByOptions) =>
      run(async (ctx) => (await import("../commands/change.js")).reopen(ctx, ids, options)),
    );
}

/** `golive assign` */
export function assignCommand(program: Command, run: Runner): void {
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
      .option(
        "--to <owner>",
        "the owner for every item named or selected",
        textArg("the owner's name", "--to Sam"),
      )
      .option("--none", "the items have no owner any more")
      .option("--unassigned", "with --to: select only items nobody owns"),
  )
    .addOption(byOption())
    .action((args: string[], options: AssignOptions) =>
      run(async (ctx) => (await import("../commands/change.js")).assign(ctx, args, options)),
    );
}

/** `golive ack` */
export function ackCommand(program: Command, run: Runner): void {
  program
    .command("ack")
    .description("acknowledge items' reminders: the standup stops showing them")
    .addHelpText("after", examples("golive ack TES-05", "golive ack TES-05 TES-06 --by Priya"))
    .argument("<ids...>", "items whose reminder was acted on, e.g. TES-05")
    .addOption(byOption())
    .action((ids: string[], options: ByOptions) =>
      run(async (ctx) => (await import("../commands/change.js")).ack(ctx, ids, options)),
    );
}

/** `golive note` */
export function noteCommand(program: Command, run: Runner): void {
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
    .addOption(byOption())
    .action((id: string, text: string | undefined, options: NoteOptions) =>
      run(async (ctx) => (await import("../commands/change.js")).note(ctx, id, text, options)),
    );
}

/** `golive link` */
export function linkCommand(program: Command, run: Runner): void {
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
    .action((id: string, tickets: string[], options: LinkOptions) =>
      run(async (ctx) => (await import("../commands/link.js")).link(ctx, id, tickets, options)),
    );
}

/** `golive waive` */
export function waiveCommand(program: Command, run: Runner): void {
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
    .requiredOption(
      "--reason <text>",
      "the accepted risk and why",
      textArg("the accepted risk and why", '--reason "SEO review after launch"'),
    )
    .requiredOption("--until <date>", "the last day the waiver holds, YYYY-MM-DD", dayArg)
    .option(
      "--approver <name>",
      "who accepted the risk",
      textArg("the approver's name", "--approver Dana"),
    )
    .addOption(byOption())
    .action((ids: string[], options: WaiveOptions) =>
      run(async (ctx) => (await import("../commands/waive.js")).waive(ctx, ids, options)),
    );
}

/** `golive unwaive` */
export function unwaiveCommand(program: Command, run: Runner): void {
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
    .requiredOption(
      "--reason <text>",
      "why the exception ends",
      textArg("why the exception ends", '--reason "the agency delivered"'),
    )
    .addOption(byOption())
    .action((ids: string[], options: UnwaiveOptions) =>
      run(async (ctx) => (await import("../commands/unwaive.js")).unwaive(ctx, ids, options)),
    );
}
