/** The option builders several commands share, so that the same flag reads the same everywhere. */
import { type Command, Option } from "commander";

/** `--format <format>` offering exactly the formats the command declares (help lists them). */
export function formatOption(
  formats: readonly string[],
  description = "the output format",
): Option {
  return new Option("--format <format>", description).choices(formats);
}

/** `--json`, a short form of `--format json`: given with another --format it is a usage error. */
export function jsonOption(): Option {
  return new Option("--json", "print the versioned JSON report (same as --format json)").conflicts(
    "format",
  );
}

/** The item filters, alike for every command that selects items. */
export function filterOptions(command: Command, which: { owner?: boolean } = {}): Command {
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
export function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((line) => `  ${line.startsWith("#") ? line : `$ ${line}`}`).join("\n")}`;
}

/** A number of days with its default, which --help shows as a number ("default: 3"). */
export function daysOption(flags: string, description: string, days: number): Option {
  return new Option(flags, description).default(String(days), String(days));
}

/** `--by <name>`: who made a change, for every command that records one. */
export function byOption(): Option {
  return new Option("--by <name>", "who made the change (default: git config user.name)");
}
