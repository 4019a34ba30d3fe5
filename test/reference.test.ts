/**
 * docs/commands.md's per-command reference is the program's: each command's section holds,
 * between markers, its usage, description, arguments and options as src/cli/reference.ts reads
 * them off the program, and the contents list at the top names every command. `npm run docs`
 * (GOLIVE_DOCS_UPDATE=1) writes them; without it this test fails when they are stale. And the
 * formats --help offers are the format registries' own.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Command } from "commander";
import { describe, expect, it } from "vitest";
import { commandReference, referencedCommands } from "../src/cli/reference.js";
import { checkFormats } from "../src/render/check-formats.js";
import { exportFormats } from "../src/render/export-formats.js";
import { digestFormats } from "../src/render/notify.js";
import { statusFormats } from "../src/render/status-formats.js";
import { makeStyle } from "../src/render/text.js";
import { bareProgram, golive, tempDir } from "./helpers/cli.js";

const DOC = resolve(import.meta.dirname, "../docs/commands.md");
const UPDATE = process.env.GOLIVE_DOCS_UPDATE === "1";

const program = (): Command => bareProgram();

const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const begin = (name: string) => `<!-- reference: golive ${name}, written by npm run docs -->`;
const END = "<!-- /reference -->";

/** The doc with each command's reference and the contents list as the program says. */
function rewritten(doc: string, root: Command): { text: string; missing: string[] } {
  let text = doc;
  const missing: string[] = [];
  for (const command of referencedCommands(root)) {
    const name = command.name();
    const heading = new RegExp(`^### \`golive ${literal(name)}\`.*\\n`, "m").exec(text);
    if (!heading) {
      missing.push(name);
      continue;
    }
    const at = heading.index + heading[0].length;
    const rest = text.slice(at);
    const block = `\n${begin(name)}\n${commandReference(root, command)}\n${END}\n`;
    // What stands there now: the reference written before, or the hand-written usage it replaces.
    const old =
      new RegExp(`^\\n${literal(begin(name))}\\n[\\s\\S]*?\\n${literal(END)}\\n`).exec(rest) ??
      new RegExp(`^\\n\`\`\`sh\\ngolive ${literal(name)}\\b[\\s\\S]*?\\n\`\`\`\\n`).exec(rest);
    text = text.slice(0, at) + block + rest.slice(old ? old[0].length : 0);
  }
  // The contents: every command, in the order of their sections.
  const order = [...text.matchAll(/^### `golive ([a-z-]+)`/gm)].map((m) => m[1]!);
  const words = order.map(
    (name, i) => `[${name}](#golive-${name})${i < order.length - 1 ? "," : ""}`,
  );
  const lines = ["- The commands:"];
  for (const word of words) {
    if (`${lines.at(-1)!} ${word}`.length > 100) lines.push(`  ${word}`);
    else lines[lines.length - 1] = `${lines.at(-1)!} ${word}`;
  }
  text = text.replace(/^- The commands:.*\n(?: {2}.*\n)*/m, `${lines.join("\n")}\n`);
  return { text, missing };
}

describe("docs/commands.md", () => {
  const doc = readFileSync(DOC, "utf8");
  const root = program();
  const { text, missing } = rewritten(doc, root);

  it("has a section for every command", () => {
    expect(missing).toEqual([]);
  });

  it("holds the reference npm run docs writes from the program", () => {
    if (UPDATE && text !== doc) writeFileSync(DOC, text);
    expect(UPDATE ? text : doc, "docs/commands.md is stale: run npm run docs").toBe(text);
  });

  it("names every command in its contents list, each linking to its section", () => {
    const contents = /^- The commands:.*\n(?: {2}.*\n)*/m.exec(doc)?.[0] ?? "";
    for (const command of referencedCommands(root)) {
      expect(contents).toContain(`[${command.name()}](#golive-${command.name()})`);
    }
  });

  it("lists golive's own options in its Global options table, each flag of each", () => {
    const section = /## Global options\n([\s\S]*?)\n## /.exec(readFileSync(DOC, "utf8"))?.[1];
    const rows = (section ?? "").split("\n").filter((line) => /^\| `/.test(line));
    const documented = rows.flatMap((row) =>
      [...row.split(" | ")[0]!.matchAll(/`(-[-\w]+)/g)].map((m) => m[1]!),
    );
    // Every option the program declares (the hidden -v too), and the help option commander adds.
    const root = program();
    const options = [...root.options, ...root.createHelp().visibleOptions(root)];
    const flags = [
      ...new Set(options.flatMap((o) => [o.short, o.long].filter((f) => f !== undefined))),
    ];
    expect(documented.sort()).toEqual(flags.sort());
  });

  it("gives each command's options with their descriptions, choices and defaults", () => {
    const check = referencedCommands(root).find((c) => c.name() === "check")!;
    const reference = commandReference(root, check);
    expect(reference).toMatch(
      /^`golive check \[options\]`\n\nCI gate: exit 1 while .*due date\.\n/,
    );
    expect(reference).toContain(
      "| `--warn-within <days>` | Items due within DAYS are warnings, never failures. Default `3`. |",
    );
    expect(reference).toContain("| `--format <format>` | The output format. One of `text`, ");
    const init = commandReference(root, referencedCommands(root).find((c) => c.name() === "init")!);
    expect(init).toContain("| `--date <date>` | The go-live date, YYYY-MM-DD. Required. |");
    // A | in a cell, code or not, would end the cell.
    expect(init).toContain("| `--catalogue <name\\|path>` | ");
    expect(init).toContain("Default `spryker-cloud`.");
    const link = commandReference(root, referencedCommands(root).find((c) => c.name() === "link")!);
    expect(link).toContain("| `<tickets...>` | Jira keys or https URLs. |");
    // Text that looks like Markdown stays text.
    const resolve = commandReference(
      root,
      referencedCommands(root).find((c) => c.name() === "resolve")!,
    );
    expect(resolve).toContain("ID=ours\\|theirs");
  });
});

describe("the formats --help offers are the registries'", () => {
  const root = program();
  const choices = (command: string, flag: string) =>
    root.commands.find((c) => c.name() === command)!.options.find((o) => o.long === flag)!
      .argChoices;
  const style = makeStyle(0, 100);

  it.each([
    ["export", "--format", exportFormats({ now: "", version: "", bom: true })],
    ["check", "--format", checkFormats({ style, now: "" })],
    ["status", "--format", statusFormats({ style, all: false })],
    ["notify", "--to", digestFormats({ title: "" })],
  ])("golive %s %s", (command, flag, registry) => {
    expect([...(choices(command, flag) ?? [])].sort()).toEqual(Object.keys(registry).sort());
  });

  it("golive export --help lists every export format, report, report-html and jira-csv too", async () => {
    const help = await golive(tempDir(), ["export", "--help"]);
    const formats = /\nFormats:\n((?: {2}.*\n)+)/.exec(help.stdout)?.[1] ?? "";
    const listed = [...formats.matchAll(/^ {2}(\S+) {2,}\S/gm)].map((m) => m[1]);
    expect(listed).toEqual(Object.keys(exportFormats({ now: "", version: "", bom: true })));
    expect(listed).toEqual(expect.arrayContaining(["report", "report-html", "jira-csv"]));
    expect(help.stdout).toMatch(/^reports for people: markdown, ics, csv, jira-csv, html, report/m);
  });
});
