/**
 * Flags are parsed where they are declared (src/cli/options.ts): a bad value of any parsed
 * option is commander's usage error of one shape, exit 2, nothing printed on stdout and no file
 * touched, before any command runs; a good one reaches the command as a number, a date or a
 * list. Every option of the program with a parser is in the table (the last test says so).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { beforeAll, describe, expect, it } from "vitest";
import { echo } from "../../src/core/escape.js";
import { bareProgram, golive, initRepo, tempDir } from "../helpers/cli.js";

const TODAY = { GOLIVE_TODAY: "2027-02-10" };

/** A command's words before the option, the option's flags as help shows them, a bad value. */
type Case = [words: string[], flags: string, bad: string];

const BAD: Case[] = [
  [[], "--today <date>", "2027-13-01"],
  [["init"], "--date <date>", "2027-02-30"],
  [["init"], "--date <date>", "9999-12-31"],
  [["reschedule"], "--date <date>", "next month"],
  [["waive", "CLO-01", "--reason", "r"], "--until <date>", "2027-02-29"],
  [["status"], "--since <date|age>", "last week"],
  [["export"], "--since <date|age>", "1y"],
  [["notify", "--to", "slack"], "--since <date|age>", "-2d"],
  [["check"], "--warn-within <days>", "three"],
  [["check"], "--grace <days>", "-1"],
  [["notify", "--to", "slack"], "--timeout <seconds>", "0"],
  [["notify", "--to", "slack"], "--retries <n>", "11"],
  [["probe"], "--timeout <seconds>", "301"],
  [["status"], "--phase <ids>", ","],
  [["export"], "--phase <ids>", " "],
  [["check"], "--phase <ids>", ""],
  [["list"], "--phase <ids>", ",,"],
  [["assign", "--to", "Sam"], "--phase <ids>", ","],
  [["list"], "--status <statuses>", "finished"],
  [["list"], "--status <statuses>", ","],
  [["init", "--date", "2027-03-01"], "--answer <question=answer>", "old-shop"],
  [["init", "--date", "2027-03-01"], "--answer <question=answer>", "=no"],
  [["close"], "--leave <id=reason>", "SEO-02"],
  [["close"], "--leave <id=reason>", "SEO-02=  "],
  [["resolve"], "--take <side>", "mine"],
  [["resolve"], "--take <side>", "CLO-01=both"],
  [["init", "--date", "2027-03-01"], "--name <name>", " "],
  [["init", "--date", "2027-03-01"], "--name <name>", "x".repeat(201)],
  [["probe"], "--dns <server[:port]>", "nope"],
  [["probe"], "--dns <server[:port]>", "1.1.1.1:99999"],
  [["probe"], "--resolve <host:port:address...>", "www.shop.example:443"],
  [["probe"], "--resolve <host:port:address...>", "www.shop.example:443:shop.example"],
  [["probe"], "--url <urls...>", "file:///etc/passwd"],
  [["probe"], "--mail-domain <domain>", "not a domain"],
  [["verify"], "--latest-release <version>", "2025.7"],
  [["done", "CLO-01"], "--note <text>", " "],
  [["done", "CLO-01"], "--note <text>", "x".repeat(10_001)],
  [["block", "CLO-01"], "--reason <text>", ""],
  [["skip", "CLO-01"], "--reason <text>", "  "],
  [["waive", "CLO-01", "--until", "2027-03-01"], "--reason <text>", " "],
  [["waive", "CLO-01", "--reason", "r", "--until", "2027-03-01"], "--approver <name>", " "],
  [["unwaive", "CLO-01"], "--reason <text>", "\n"],
  [["close"], "--reason <text>", " "],
  [["reschedule", "--date", "2027-04-01"], "--reason <text>", ""],
  [["assign", "CLO-01"], "--to <owner>", " "],
  ...[
    ["done", "CLO-01"],
    ["start", "CLO-01"],
    ["block", "CLO-01", "--reason", "r"],
    ["skip", "CLO-01", "--reason", "r"],
    ["reopen", "CLO-01"],
    ["assign", "CLO-01", "Sam"],
    ["ack", "CLO-01"],
    ["note", "CLO-01", "n"],
    ["waive", "CLO-01", "--reason", "r", "--until", "2027-03-01"],
    ["unwaive", "CLO-01", "--reason", "r"],
    ["reschedule", "--date", "2027-04-01"],
    ["rename", "Acme"],
    ["close"],
  ].map((words): Case => [words, "--by <name>", " "]),
];

/** The files of a folder, .git left out, with their contents. */
function files(dir: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    if (path.includes("/.git/")) continue;
    found[path] = readFileSync(path, "latin1");
  }
  return found;
}

const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

describe("a bad option value", () => {
  let repo: string;
  let empty: string;
  beforeAll(async () => {
    repo = await initRepo(["--date", "2027-03-01"], TODAY);
    empty = tempDir();
  });

  it.each(BAD)("%j %s %j: one usage error, exit 2, no file changed", async (words, flags, bad) => {
    const option = flags.split(" ")[0]!;
    const before = files(repo);
    const args = words.length === 0 ? [option, bad, "status"] : [...words, option, bad];
    const r = await golive(repo, args, TODAY);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    // Why it is wrong, then what to write: a sentence with an example or the values allowed.
    expect(r.stderr).toMatch(
      new RegExp(
        `^error: option '${literal(flags)}' argument '${literal(echo(bad))}' is invalid\\. [A-Z][^\\n]*(for example|use) [^\\n]+\\.\\n`,
      ),
    );
    const help = words.length === 0 ? "golive --help" : `golive ${words[0]} --help`;
    expect(r.stderr.endsWith(`(run ${help} for usage)\n`)).toBe(true);
    expect(files(repo)).toEqual(before);
    // The same error before golive.yaml is looked for: a folder without one says it too.
    expect(await golive(empty, args, TODAY)).toEqual(r);
  });
});

/** commander's own usage errors: a required option left out, options that exclude each other. */
describe("a missing or conflicting option", () => {
  it.each([
    [["block", "CLO-01"], "error: required option '--reason <text>' not specified"],
    [["skip", "CLO-01"], "error: required option '--reason <text>' not specified"],
    [
      ["waive", "CLO-01", "--until", "2027-03-01"],
      "error: required option '--reason <text>' not specified",
    ],
    [["waive", "CLO-01", "--reason", "r"], "error: required option '--until <date>' not specified"],
    [["unwaive", "CLO-01"], "error: required option '--reason <text>' not specified"],
    [
      ["close", "--undo", "--reason", "r"],
      "error: option '--undo' cannot be used with option '--reason <text>'",
    ],
    [
      ["close", "--leave", "SEO-02=later", "--undo"],
      "error: option '--undo' cannot be used with option '--leave <id=reason>'",
    ],
  ])("%j: exit 2, in a project or none", async (args, says) => {
    const repo = await initRepo(["--date", "2027-03-01"], TODAY);
    const before = files(repo);
    for (const dir of [repo, tempDir()]) {
      const r = await golive(dir, args, TODAY);
      expect([r.code, r.stdout]).toEqual([2, ""]);
      expect(r.stderr.startsWith(`${says}\n`)).toBe(true);
    }
    expect(files(repo)).toEqual(before);
  });
});

/** What the command named by `args` would receive: its options, parsed; the command never runs. */
async function received(args: string[]): Promise<Record<string, unknown>> {
  const program = bareProgram(() => new Date("2027-02-10T12:00:00Z"));
  let options: Record<string, unknown> = {};
  const stop = new Error("stop before the command runs");
  program.hook("preAction", (_program, command: Command) => {
    options = { ...program.opts(), ...command.opts() };
    throw stop;
  });
  await expect(program.parseAsync(args, { from: "user" })).rejects.toBe(stop);
  return options;
}

describe("a good option value arrives typed", () => {
  it.each([
    [["--today", " 2027-03-01 ", "status"], { today: "2027-03-01" }],
    [["init", "--date", "2027-03-01"], { date: "2027-03-01" }],
    [["reschedule", "--date", "2027-04-01"], { date: "2027-04-01" }],
    [["waive", "X-1", "--reason", "r", "--until", "2027-03-15"], { until: "2027-03-15" }],
    [["status", "--since", "2w"], { since: { daysAgo: 14 } }],
    [["export", "--since", "3d"], { since: { daysAgo: 3 } }],
    [["notify", "--to", "json", "--since", "2027-02-01"], { since: { date: "2027-02-01" } }],
    [["check"], { warnWithin: 3, grace: 0 }],
    [["check", "--warn-within", "7", "--grace", "2"], { warnWithin: 7, grace: 2 }],
    [["notify", "--to", "json", "--timeout", "5", "--retries", "0"], { timeout: 5, retries: 0 }],
    [["probe", "--timeout", "300"], { timeout: 300 }],
    // Defaults are declared with the option, once: the command reads them, never its own.
    [["probe"], { timeout: 10, env: "production" }],
    [
      ["notify", "--to", "json"],
      { timeout: 10, retries: 3, since: { daysAgo: 1 }, webhookEnv: "GOLIVE_WEBHOOK_URL" },
    ],
    [["export"], { format: "markdown" }],
    [
      ["probe", "--resolve", "WWW.Shop.example:443:[::1]", "--resolve", "a.example:80:10.0.0.1"],
      {
        resolve: new Map([
          ["www.shop.example:443", "::1"],
          ["a.example:80", "10.0.0.1"],
        ]),
      },
    ],
    [["probe", "--dns", " 127.0.0.1:5353 "], { dns: "127.0.0.1:5353" }],
    [["probe", "--dns", "[::1]:53"], { dns: "[::1]:53" }],
    [
      ["probe", "--url", "https://a.example", "http://b.example:8080/x"],
      { url: ["https://a.example", "http://b.example:8080/x"] },
    ],
    [["probe", "--mail-domain", "shop.example"], { mailDomain: "shop.example" }],
    [["verify", "--latest-release", " 202507.0"], { latestRelease: "202507.0" }],
    [["done", "X-1", "--note", " TTL 300 \n", "--by", " Priya "], { note: "TTL 300", by: "Priya" }],
    [["waive", "X-1", "--reason", " r ", "--until", "2027-03-15"], { reason: "r" }],
    [["status", "--phase", "a, b,", "--phase", "c"], { phase: ["a", "b", "c"] }],
    [
      ["list", "--status", "open,N/A", "--status", "todo"],
      { status: ["todo", "in-progress", "blocked", "not-applicable"] },
    ],
    [
      ["init", "--date", "2027-03-01", "--answer", "old-shop=no", "--answer", " b2b =yes"],
      {
        answer: [
          { key: "old-shop", value: "no" },
          { key: "b2b", value: "yes" },
        ],
      },
    ],
    [["init", "--date", "2027-03-01", "--name", " Acme\n  shop "], { name: "Acme shop" }],
    [
      ["close", "--leave", "SEO-02= after launch "],
      { leave: [{ key: "SEO-02", value: "after launch" }] },
    ],
    [
      ["resolve", "--take", "ours", "--take", "CLO-01=theirs"],
      { take: [{ side: "ours" }, { key: "CLO-01", side: "theirs" }] },
    ],
  ] as [string[], Record<string, unknown>][])("%j", async (args, expected) => {
    expect(await received(args)).toMatchObject(expected);
  });
});

describe("the table", () => {
  it("names every option the program parses", () => {
    const program = bareProgram();
    const parsed = (command: Command, name: string) =>
      command.options
        // Choices are commander's own check.
        .filter((o) => o.parseArg !== undefined && o.argChoices === undefined)
        .map((o) => `${name} ${o.flags}`);
    const all = [...parsed(program, ""), ...program.commands.flatMap((c) => parsed(c, c.name()))];
    const tabled = new Set(BAD.map(([words, flags]) => `${words[0] ?? ""} ${flags}`));
    expect(all.filter((o) => !tabled.has(o))).toEqual([]);
    expect(all.length).toBeGreaterThanOrEqual(tabled.size);
  });
});
