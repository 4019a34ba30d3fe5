/** The program's commands and options as data, for `golive __complete` (core/completion.ts). */
import type { Command, Option } from "commander";
import type { CompletionSpec, OptionSpec, ValueKind, Values } from "../core/completion.js";

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
export function completionSpec(program: Command): CompletionSpec {
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
