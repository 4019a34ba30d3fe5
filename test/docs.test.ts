/**
 * The docs tell the truth: every marked sample of golive's output is what golive prints for its
 * scenario, every command docs/commands.md names exists (with the flags it gives it), and every
 * relative link points at a file and heading that exist.
 *
 * A sample is marked by an HTML comment right before its fenced block:
 *
 *   <!-- output: demo, today 2027-02-10 -->      the whole of stderr + stdout, as a terminal shows it
 *   <!-- excerpt: fixture, today 2027-02-03, exit 1: golive check --format junit -->
 *                                                 lines of it, in order; a line `...` skips lines
 *
 * The command is the block's first line (`$ golive ARGS`, a `# comment` after it ignored) or
 * comes after the marker's last colon. `today` pins the date (GOLIVE_TODAY), `exit N` is the
 * expected exit code (default 0). `npm run docs` (GOLIVE_DOCS_UPDATE=1) rewrites whole-output
 * samples from real runs instead of comparing; excerpts are edited by hand.
 */
import { execFileSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  readdirSync,
  readFileSync,
  realpathSync,
  writeFileSync,
} from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { DEMO_GO_LIVE, DEMO_NAME, DEMO_TODAY, demoSteps } from "../scripts/demo-steps.mjs";
import { gitEnv, golive, initRepo, tempDir, tempRepo } from "./helpers/cli.js";

const ROOT = resolve(import.meta.dirname, "..");
const UPDATE = process.env.GOLIVE_DOCS_UPDATE === "1";

const DOC_FILES = [
  "README.md",
  "CONTRIBUTING.md",
  "CHANGELOG.md",
  ...readdirSync(join(ROOT, "docs"))
    .filter((name) => name.endsWith(".md"))
    .sort()
    .map((name) => `docs/${name}`),
];

function readDoc(file: string): string {
  return readFileSync(join(ROOT, file), "utf8");
}

// ---------------------------------------------------------------------------------------------
// Scenarios: the repositories the samples run in, built with golive's own commands.

function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", args, { cwd, env: gitEnv(cwd), encoding: "utf8", stdio: "pipe" });
}

async function ok(cwd: string, args: string[], today: string): Promise<void> {
  const result = await golive(cwd, args, { GOLIVE_TODAY: today });
  expect(result.code, `golive ${args.join(" ")}: ${result.stderr}`).toBe(0);
}

/**
 * What `npm run demo` (scripts/demo.mjs) builds: the Spryker checklist a few weeks in. Every
 * change names who made it, where the demo takes the machine's `git config user.name`.
 */
async function demo(): Promise<string> {
  const dir = await initRepo(["--date", DEMO_GO_LIVE, "--name", DEMO_NAME], {
    GOLIVE_TODAY: DEMO_TODAY,
  });
  const list = await golive(dir, ["list", "--phase", "eight-weeks", "--json"], {
    GOLIVE_TODAY: DEMO_TODAY,
  });
  const eightWeeks = (JSON.parse(list.stdout) as { items: { id: string }[] }).items.map(
    (item) => item.id,
  );
  for (const step of demoSteps(eightWeeks)) await ok(dir, step, DEMO_TODAY);
  return dir;
}

/** The demo with a typo a person made by hand. */
async function typo(): Promise<string> {
  const dir = await copyOf("demo");
  const path = join(dir, "golive.yaml");
  const text = readFileSync(path, "utf8");
  const edited = text.replace(/(CLO-01:\n {4}status:) done/, "$1 finished");
  expect(edited).not.toBe(text);
  writeFileSync(path, edited);
  return dir;
}

/**
 * The demo after a plain `git merge` of two branches that set the same item's note, in a clone
 * that never ran `golive setup` (no merge driver in its git config).
 */
async function conflict(): Promise<string> {
  const dir = await copyOf("demo");
  git(dir, "config", "--remove-section", "merge.golive");
  git(dir, "add", "-A");
  git(dir, "commit", "-qm", "demo");
  git(dir, "checkout", "-qb", "dns");
  await ok(dir, ["note", "CLO-14", "TTL 300", "--by", "Sam"], "2027-02-11");
  git(dir, "commit", "-qam", "note");
  git(dir, "checkout", "-q", "main");
  await ok(dir, ["note", "CLO-14", "TTL 3600", "--by", "Alex"], "2027-02-11");
  git(dir, "commit", "-qam", "note");
  expect(() => git(dir, "merge", "-q", "--no-edit", "dns")).toThrow();
  return dir;
}

/** A state file a few changes old: a slip, a done item with its history, a blocked one. */
async function statefile(): Promise<string> {
  const dir = await initRepo(["--date", "2027-02-15", "--name", DEMO_NAME], {
    GOLIVE_TODAY: "2026-11-20",
  });
  await ok(
    dir,
    ["reschedule", "--date", "2027-03-01", "--reason", "payment provider late", "--by", "Alex"],
    "2026-12-01",
  );
  await ok(dir, ["assign", "CLO-01", "Alex", "--by", "Alex"], "2027-02-08");
  await ok(dir, ["start", "CLO-01", "--by", "Alex"], "2027-02-08");
  await ok(dir, ["done", "CLO-01", "--note", "diagram: wiki/Infra", "--by", "Alex"], "2027-02-10");
  await ok(dir, ["assign", "CLO-12", "Sam", "--by", "Alex"], "2027-02-10");
  await ok(
    dir,
    ["block", "CLO-12", "--reason", "waiting for the registrar", "--by", "Sam"],
    "2027-02-10",
  );
  return dir;
}

/** examples/demo/golive.yaml, the fixture the CI docs and the example workflow use. */
async function fixture(): Promise<string> {
  return tempRepo({ "golive.yaml": readDoc("examples/demo/golive.yaml") });
}

/** A young Spryker shop: a few files right, some not yet. */
async function shop(): Promise<string> {
  const dir = tempRepo({
    "composer.lock": `${JSON.stringify(
      {
        packages: [
          { name: "spryker-feature/cart", version: "202410.0" },
          { name: "spryker-feature/checkout", version: "202410.0" },
          { name: "spryker/twig", version: "3.12.0" },
          { name: "spryker/sitemap", version: "1.2.0" },
        ],
        "packages-dev": [],
      },
      null,
      4,
    )}\n`,
    ".git.docker": "1.65.0\n",
    "deploy.shop-prod.yml": deployFile("prod"),
    "deploy.shop-staging.yml": deployFile("staging"),
    "config/Zed/cronjobs/jenkins.php":
      "<?php\n$jobs[] = ['name' => 'sitemap', 'command' => '$PHP_BIN vendor/bin/console sitemap:generate'];\n",
    "public/Yves/robots.txt": "User-agent: *\nDisallow: /\n",
  });
  await ok(dir, ["init", "--date", "2027-03-01", "--name", DEMO_NAME], "2027-01-04");
  git(dir, "add", "-A");
  return dir;
}

function deployFile(env: string): string {
  return `version: "1.0"
namespace: shop-${env}

services:
  database:
    engine: mysql
    version: mariadb-10.6

groups:
  EU:
    region: EU
    applications:
      yves_eu:
        application: yves
        endpoints:
          ${env === "prod" ? "www" : env}.shop.example:
            store: DE
            real-ip:
              from: [10.0.0.0/8]
      boffice_eu:
        application: backoffice
        endpoints:
          backoffice.${env}.shop.example:
            store: DE
`;
}

/** The example catalogue in docs/catalogues.md, as checks/ours.yaml. */
function exampleCatalogue(): string {
  const text = readDoc("docs/catalogues.md");
  const example = /^## Your own catalogue$[\s\S]*?^```yaml\n([\s\S]*?)^```$/m.exec(text)?.[1];
  if (!example) throw new Error("docs/catalogues.md: no example catalogue");
  return example;
}

/** A repository with the example catalogue of docs/catalogues.md. */
async function owncatalogue(): Promise<string> {
  return tempRepo({ "checks/ours.yaml": exampleCatalogue() });
}

/** The example catalogue with a second item whose ID is the first one's, written differently. */
async function badcatalogue(): Promise<string> {
  const second =
    "  - { id: OPS-1, category: OPS, phase: final-week, title: Test the pager, summary: Page once. }\n";
  return tempRepo({ "checks/ours.yaml": exampleCatalogue() + second });
}

/** The extending catalogue of docs/catalogues.md, as checks/team.yaml. */
function extendingCatalogue(): string {
  const text = readDoc("docs/catalogues.md");
  const example = /^## Extend instead of copy$[\s\S]*?^```yaml\n([\s\S]*?)^```$/m.exec(text)?.[1];
  if (!example) throw new Error("docs/catalogues.md: no extending catalogue");
  return example;
}

/** A repository with the extending catalogue of docs/catalogues.md. */
async function extending(): Promise<string> {
  return tempRepo({ "checks/team.yaml": extendingCatalogue() });
}

/** A team catalogue that only combines the two shipped ones. */
async function combined(): Promise<string> {
  return tempRepo({
    "checks/team.yaml":
      'format: 1\nname: team\ntitle: Our go-live checklist\nversion: "1"\nextends: [spryker-cloud, spryker-security]\n',
  });
}

/** The extending catalogue, started. */
async function extended(): Promise<string> {
  const dir = await extending();
  await ok(
    dir,
    ["init", "--date", "2027-03-01", "--catalogue", "checks/team.yaml", "--name", DEMO_NAME],
    "2026-12-01",
  );
  return dir;
}

/** The extending catalogue with an override of an item no catalogue has. */
async function badoverride(): Promise<string> {
  return tempRepo({
    "checks/team.yaml": `${extendingCatalogue()}  CLO-99: { optional: true }\n`,
  });
}

/** The Spryker catalogue, started with nobody's answers but the defaults. */
async function answered(): Promise<string> {
  const dir = await initRepo(["--date", "2027-03-01", "--name", DEMO_NAME], {
    GOLIVE_TODAY: "2026-12-01",
  });
  return dir;
}

/**
 * A golive.yaml started with an older Spryker catalogue: recorded as 2024-11-01, with GEN-08
 * still under its former ID GEN-8, and an entry for an item since dropped.
 */
async function outdated(): Promise<string> {
  const dir = await initRepo(["--date", "2027-03-01", "--name", DEMO_NAME], {
    GOLIVE_TODAY: "2026-12-01",
  });
  const path = join(dir, "golive.yaml");
  const text = readFileSync(path, "utf8")
    .replace(/version: "?2025-06-27"?/, 'version: "2024-11-01"')
    .replace("  GEN-08: {}", "  GEN-8: { status: done, by: Sam, at: 2026-11-20 }")
    .replace(/ {2}# APP-25 [^\n]*\n {2}APP-25: \{\}\n/, "")
    .replace("items:\n", "items:\n  # APP-99 Retired item\n  APP-99: { status: done }\n");
  writeFileSync(path, text);
  return dir;
}

/** The shop after `golive verify --record`. */
async function recorded(): Promise<string> {
  const dir = await copyOf("shop");
  await ok(dir, ["done", "APP-03", "--by", "Jo"], "2027-01-04");
  expect((await golive(dir, ["verify", "--record"], { GOLIVE_TODAY: "2027-01-04" })).code).toBe(1);
  return dir;
}

const SCENARIOS: Record<string, () => Promise<string>> = {
  /** A git repository with nothing in it yet. */
  empty: async () => tempRepo(),
  demo,
  typo,
  conflict,
  fixture,
  shop,
  recorded,
  statefile,
  owncatalogue,
  badcatalogue,
  extending,
  extended,
  combined,
  outdated,
  badoverride,
  answered,
};

const built = new Map<string, Promise<string>>();

/**
 * A fresh copy of a scenario's repository: each is built once per run, and every sample gets
 * its own copy, so that a sample that changes golive.yaml cannot change another's.
 */
async function copyOf(scenario: string): Promise<string> {
  const build = SCENARIOS[scenario];
  if (!build) throw new Error(`no scenario "${scenario}" in test/docs.test.ts`);
  if (!built.has(scenario)) built.set(scenario, build());
  // In a folder named like the samples' /path/to/shop: init's default name is the folder's.
  const dir = join(tempDir("golive-docs-"), "shop");
  cpSync(await built.get(scenario)!, dir, { recursive: true });
  return dir;
}

/** How a scenario's temporary folder shows in the docs. */
const FOLDER = "/path/to/shop";

// ---------------------------------------------------------------------------------------------
// Reading Markdown.

/**
 * Each line of a Markdown text with whether it is inside a fenced code block (a fence line
 * counts as code). A block closes with a fence of its own character at least as long, so a
 * ```` block can show ``` fences.
 */
function markdownLines(text: string): { line: string; code: boolean }[] {
  let open: string | undefined;
  return text.split("\n").map((line) => {
    const fence = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (open === undefined) {
      if (fence) open = fence;
      return { line, code: fence !== undefined };
    }
    if (fence && fence[0] === open[0] && fence.length >= open.length && line.trim() === fence) {
      open = undefined;
    }
    return { line, code: true };
  });
}

// ---------------------------------------------------------------------------------------------
// Finding the samples.

interface Sample {
  file: string;
  /** The marker's line, 1-based. */
  line: number;
  kind: "output" | "excerpt";
  scenario: string;
  today: string | undefined;
  exit: number;
  /** The command's arguments after `golive`; empty when the sample is a file. */
  args: string[];
  /** The file whose content the sample shows, after the scenario (`file PATH`). */
  path: string | undefined;
  /** The block's lines after the command line, de-indented. */
  expected: string[];
  /** The block's first body line that the output replaces, 0-based, and the one after the last. */
  from: number;
  to: number;
  indent: string;
}

/** Splits a command line as a POSIX shell would for plain words and '…' / "…" quoting. */
function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (const m of line.matchAll(/(\s+)|'([^']*)'|"((?:[^"\\]|\\.)*)"|((?:[^\s'"\\]|\\.)+)/g)) {
    if (m[1] !== undefined) {
      if (word !== undefined) words.push(word);
      word = undefined;
      continue;
    }
    // A word that starts with # is a comment, to the end of the line.
    if (word === undefined && m[4]?.startsWith("#")) break;
    word = (word ?? "") + (m[2] ?? (m[3] ?? m[4]!).replace(/\\(.)/g, "$1"));
  }
  if (word !== undefined) words.push(word);
  return words;
}

const MARKER =
  /^(\s*)<!-- (output|excerpt): ([a-z-]+)((?:, (?:today \d{4}-\d{2}-\d{2}|exit \d))*)(?:: ((?:golive|file) .+?))? -->\s*$/;

function findSamples(file: string): Sample[] {
  const text = readDoc(file);
  const lines = text.split("\n");
  const inCode = markdownLines(text).map((l) => l.code);
  const samples: Sample[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (inCode[i] || !/^\s*<!-- (output|excerpt)\b/.test(line)) continue;
    const where = `${file}:${i + 1}`;
    const m = MARKER.exec(line);
    if (!m) throw new Error(`${where}: a sample marker golive's docs test cannot read: ${line}`);
    const [, indent = "", kind, scenario = "", options = "", inline] = m;
    const open = /^(\s*)(`{3,}|~{3,})\S*\s*$/.exec(lines[i + 1] ?? "");
    if (!open || open[1] !== indent) throw new Error(`${where}: no fenced block after the marker`);
    const fence = open[2]!;
    let end = i + 2;
    while (end < lines.length && lines[end]!.trim() !== fence) end++;
    if (end === lines.length) throw new Error(`${where}: the fenced block is not closed`);
    const body = lines
      .slice(i + 2, end)
      .map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l));
    let from = i + 2;
    let command = inline;
    if (command === undefined) {
      const first = body.shift();
      if (first === undefined || !first.startsWith("$ golive ")) {
        throw new Error(
          `${where}: the block does not start with "$ golive ..." and the marker names no command`,
        );
      }
      command = first.slice(2);
      from++;
    }
    const words = shellWords(command);
    const isFile = words[0] === "file";
    samples.push({
      file,
      line: i + 1,
      kind: kind as Sample["kind"],
      scenario,
      today: /today (\d{4}-\d{2}-\d{2})/.exec(options)?.[1],
      exit: Number(/exit (\d)/.exec(options)?.[1] ?? 0),
      args: isFile ? [] : words.slice(1),
      path: isFile ? words[1] : undefined,
      expected: body,
      from,
      to: end,
      indent,
    });
    i = end;
  }
  return samples;
}

/** Lines as compared: trailing spaces and trailing empty lines do not count. */
function normalise(text: string): string[] {
  const lines = text.split("\n").map((l) => l.trimEnd());
  while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** Where the excerpt's lines (runs separated by `...`) fail to appear in order, or undefined. */
function excerptMismatch(excerpt: string[], output: string[]): string | undefined {
  const runs: string[][] = [[]];
  for (const line of normalise(excerpt.join("\n"))) {
    if (line.trim() === "...") runs.push([]);
    else runs[runs.length - 1]!.push(line);
  }
  let at = 0;
  for (const run of runs.filter((r) => r.length > 0)) {
    let found = -1;
    for (let start = at; start + run.length <= output.length; start++) {
      if (run.every((line, k) => output[start + k] === line)) {
        found = start;
        break;
      }
    }
    if (found < 0) return run.join("\n");
    at = found + run.length;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// The samples.

const rewrites = new Map<string, { from: number; to: number; lines: string[] }[]>();

afterAll(() => {
  for (const [file, edits] of rewrites) {
    const lines = readDoc(file).split("\n");
    for (const edit of edits.sort((a, b) => b.from - a.from)) {
      lines.splice(edit.from, edit.to - edit.from, ...edit.lines);
    }
    writeFileSync(join(ROOT, file), lines.join("\n"));
  }
});

const ALL_SAMPLES = DOC_FILES.flatMap(findSamples);

describe("samples of golive's output in the docs", () => {
  test("there are samples of the main commands", () => {
    const commands = new Set(ALL_SAMPLES.map((s) => s.args[0]));
    for (const command of ["init", "status", "check", "list", "show", "verify"]) {
      expect(commands, `no sample of golive ${command}`).toContain(command);
    }
  });

  for (const sample of ALL_SAMPLES) {
    const shown = sample.path ? `file ${sample.path}` : `golive ${sample.args.join(" ")}`;
    const name = `${sample.file}:${sample.line} (${sample.scenario}) ${shown}`;
    test(name, async () => {
      const cwd = await copyOf(sample.scenario);
      let text: string;
      if (sample.path) {
        text = readFileSync(join(cwd, sample.path), "utf8");
      } else {
        const env: Record<string, string> = sample.today ? { GOLIVE_TODAY: sample.today } : {};
        const result = await golive(cwd, sample.args, env);
        expect(result.code, `${name}: exit code; stderr: ${result.stderr}`).toBe(sample.exit);
        // A terminal shows stderr first: main.ts writes it before stdout.
        text = result.stderr + result.stdout;
      }
      const printed = normalise(text.split(realpathSync(cwd)).join(FOLDER).split(cwd).join(FOLDER));
      if (sample.kind === "excerpt") {
        const missing = excerptMismatch(sample.expected, printed);
        expect(missing, `${name}: not in the output (excerpts are edited by hand)`).toBeUndefined();
      } else if (UPDATE) {
        const lines = printed.map((l) => (l === "" ? "" : sample.indent + l));
        const edits = rewrites.get(sample.file) ?? [];
        edits.push({ from: sample.from, to: sample.to, lines });
        rewrites.set(sample.file, edits);
      } else {
        expect(printed.join("\n"), `${name}: run \`npm run docs\` to update`).toBe(
          normalise(sample.expected.join("\n")).join("\n"),
        );
      }
    });
  }
});

// ---------------------------------------------------------------------------------------------
// Commands and flags.

/** `golive [COMMAND] --help`, and the commands and flags it lists. */
async function help(command?: string): Promise<{ commands: string[]; flags: Set<string> }> {
  const result = await golive(ROOT, command ? [command, "--help"] : ["--help"]);
  expect(result.code).toBe(0);
  const commands = [...result.stdout.matchAll(/^ {2}([a-z][a-z-]*) /gm)]
    .map((m) => m[1]!)
    .filter((c) => c !== "help");
  const flags = new Set(
    [...result.stdout.matchAll(/(?:^|[\s,])(--[a-z][a-z-]*)/g)].map((m) => m[1]!),
  );
  return { commands: command ? [] : commands, flags };
}

/** The code spans and code block lines of a Markdown text. */
function codeOf(text: string): string[] {
  return markdownLines(text).flatMap(({ line, code }) => {
    if (code) return /^\s*(`{3,}|~{3,})/.test(line) ? [] : [line];
    return [...line.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
  });
}

describe("docs/commands.md", () => {
  const text = readDoc("docs/commands.md");

  test("names only commands that exist, and every one of them", async () => {
    const { commands } = await help();
    const named = new Set(
      codeOf(text).flatMap((code) =>
        [...code.matchAll(/(?:^|[\s$])golive ([a-z][a-z-]*)/g)].map((m) => m[1]!),
      ),
    );
    for (const command of named) expect(commands, `golive ${command}`).toContain(command);
    for (const command of commands) {
      expect(text, `no section for golive ${command}`).toMatch(
        new RegExp(`^#+ .*\`golive ${command}\\b`, "m"),
      );
    }
  });

  test("gives each command only the flags its --help lists", async () => {
    const { commands, flags: global } = await help();
    const known = new Map<string, Set<string>>();
    for (const command of commands) {
      known.set(command, new Set([...(await help(command)).flags, ...global]));
    }
    const any = new Set([...known.values()].flatMap((flags) => [...flags]));
    // A section is headed by the command it describes. In a code span or line that runs golive,
    // the flags after `golive COMMAND` are that command's; a span that is only a flag
    // (`--since`) is the section's command's, or any command's outside a command's section.
    for (const section of text.split(/^(?=#{2,3} )/m)) {
      const heading = /^#{2,3} .*?`golive ([a-z-]+)/.exec(section)?.[1];
      for (const code of codeOf(section)) {
        const run = /(?:^|[\s$])golive(?: ([a-z][a-z-]*))?/.exec(code);
        let command: string | undefined;
        let rest: string;
        if (run) {
          command = run[1] && commands.includes(run[1]) ? run[1] : heading;
          rest = code.slice(run.index + run[0].length);
        } else if (code.trimStart().startsWith("--")) {
          command = heading;
          rest = code;
        } else {
          continue;
        }
        const allowed = command ? known.get(command)! : any;
        for (const m of rest.matchAll(/(?:^|[\s[(|])(--[a-z][a-z-]*)/g)) {
          expect(allowed, `${m[1]} in \`${code}\` (golive ${command ?? "any command"})`).toContain(
            m[1],
          );
        }
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Links.

/** GitHub's anchors for a Markdown file's headings. */
function anchors(text: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  for (const { line, code } of markdownLines(text)) {
    const heading = !code && /^#{1,6} (.+?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const slug = heading[1]!
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, "")
      .replace(/ /g, "-");
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    result.add(n === 0 ? slug : `${slug}-${n}`);
  }
  return result;
}

/** The link targets of a Markdown text, outside code. */
function links(text: string): string[] {
  return markdownLines(text)
    .filter((l) => !l.code)
    .flatMap(({ line }) => [
      ...line.replace(/`[^`]*`/g, "").matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g),
    ])
    .map((m) => m[1]!);
}

describe("relative links in README, CONTRIBUTING, CHANGELOG and docs/", () => {
  for (const file of DOC_FILES) {
    test(file, () => {
      for (const target of links(readDoc(file))) {
        if (/^[a-z][a-z+.-]*:/i.test(target)) continue;
        const [path = "", anchor] = target.split("#");
        const resolved = path === "" ? join(ROOT, file) : resolve(ROOT, dirname(file), path);
        expect(existsSync(resolved), `${file}: ${target}: no ${relative(ROOT, resolved)}`).toBe(
          true,
        );
        if (anchor !== undefined && resolved.endsWith(".md")) {
          expect(
            anchors(readFileSync(resolved, "utf8")),
            `${file}: ${target}: no heading #${anchor} in ${relative(ROOT, resolved)}`,
          ).toContain(anchor);
        }
      }
    });
  }
});
