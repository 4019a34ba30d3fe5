/**
 * The per-command reference of docs/commands.md, read off the program as --help reads it:
 * usage, description, arguments and options with their descriptions, choices and defaults.
 * `npm run docs` writes it between markers; test/reference.test.ts fails when it is stale.
 */
import type { Argument, Command, Option } from "commander";

/** The commands a reader looks up: every visible one but `help`, in the order --help lists them. */
export function referencedCommands(program: Command): Command[] {
  return program
    .createHelp()
    .visibleCommands(program)
    .filter((c) => c.name() !== "help");
}

/** Text as a Markdown table cell: nothing in it is taken for markup. */
function cell(text: string): string {
  return text.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`);
}

/** A code span holding `text` in a table cell: a `|` in it would end the cell. */
function code(text: string): string {
  const fence = text.includes("`") ? "``" : "`";
  const inner = text.replace(/\|/g, "\\|");
  return `${fence}${text.includes("`") ? ` ${inner} ` : inner}${fence}`;
}

/** A sentence of help's lower-case text. */
function sentence(text: string): string {
  const capital = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

function optionRow(option: Option): string {
  const notes: string[] = [];
  if (option.mandatory) notes.push("Required.");
  if (option.argChoices) notes.push(`One of ${option.argChoices.map(code).join(", ")}.`);
  if ((option.required || option.optional) && option.defaultValue !== undefined) {
    const shown = option.defaultValueDescription ?? JSON.stringify(option.defaultValue);
    notes.push(`Default ${code(shown.replace(/^"(.*)"$/, "$1"))}.`);
  }
  return `| ${code(option.flags)} | ${[cell(sentence(option.description)), ...notes].join(" ")} |`;
}

function argumentRow(argument: Argument): string {
  const name = `${argument.name()}${argument.variadic ? "..." : ""}`;
  const shown = argument.required ? `<${name}>` : `[${name}]`;
  const choices = argument.argChoices ? ` One of ${argument.argChoices.map(code).join(", ")}.` : "";
  return `| ${code(shown)} | ${cell(sentence(argument.description))}${choices} |`;
}

/** One command's reference, in Markdown, without its markers. */
export function commandReference(program: Command, command: Command): string {
  const lines = [
    code(`${program.name()} ${command.name()} ${command.usage()}`),
    "",
    cell(sentence(command.description())),
  ];
  const rows = [
    ...command.registeredArguments.map(argumentRow),
    ...command.options.filter((o) => !o.hidden).map(optionRow),
  ];
  const table = ["", "| Argument or option | What it does |", "|---|---|", ...rows];
  return [...lines, ...(rows.length > 0 ? table : [])].join("\n");
}
