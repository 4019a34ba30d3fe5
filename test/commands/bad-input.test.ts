/**
 * Bad input: exit 2, one clear message that says what and where, no stack trace, and every
 * file byte-for-byte as it was.
 */
import { mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { golive, initRepo, tempRepo } from "../helpers/cli.js";

const TODAY = { GOLIVE_TODAY: "2027-02-10" };

function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const name of readdirSync(join(dir, rel))) {
      if (name === ".git") continue;
      const path = join(rel, name);
      if (statSync(join(dir, path)).isDirectory()) walk(path);
      else files[path] = readFileSync(join(dir, path), "latin1");
    }
  };
  walk("");
  return files;
}

async function initialised(): Promise<string> {
  const repo = await initRepo(["--date", "2027-03-01"], TODAY);
  expect((await golive(repo, ["done", "CLO-01"], TODAY)).code).toBe(0);
  return repo;
}

async function edited(edit: (text: string) => string): Promise<string> {
  const repo = await initialised();
  const path = join(repo, "golive.yaml");
  const text = readFileSync(path, "utf8");
  return tempRepo({ "golive.yaml": edit(text) });
}

interface Case {
  name: string;
  repo: () => string | Promise<string>;
  args: string[];
  env?: Record<string, string>;
  /** What the message must say. */
  says: RegExp;
}

const CONFLICTED = (text: string) =>
  text.replace(
    "  CLO-02: {}\n",
    "<<<<<<< HEAD\n  CLO-02:\n    status: done\n=======\n  CLO-02:\n    status: blocked\n>>>>>>> topic\n",
  );

const cases: Case[] = [
  {
    name: "an unknown ID",
    repo: initialised,
    args: ["done", "CLO-99"],
    says: /no item CLO-99 in the catalogue\nhint: did you mean/,
  },
  {
    name: "a malformed ID",
    repo: initialised,
    args: ["done", "CLO-02", "dns!"],
    says: /"dns!" is not a checklist ID/,
  },
  {
    name: "an impossible date",
    repo: () => tempRepo(),
    args: ["init", "--date", "2027-02-30"],
    says: /^error: option '--date <date>' argument '2027-02-30' is invalid\. It is not a date: write a real calendar day as YYYY-MM-DD/,
  },
  {
    name: "a date that is no date",
    repo: () => tempRepo(),
    args: ["init", "--date", "tomorrow-ish"],
    says: /^error: option '--date <date>' argument 'tomorrow-ish' is invalid\. It is not a date/,
  },
  {
    name: "a bad --today",
    repo: initialised,
    args: ["--today", "2027-13-01", "status"],
    says: /^error: option '--today <date>' argument '2027-13-01' is invalid\. It is not a date/,
  },
  {
    name: "a bad GOLIVE_TODAY",
    repo: initialised,
    args: ["status"],
    env: { GOLIVE_TODAY: "soon" },
    says: /^error: GOLIVE_TODAY is not a date$/m,
  },
  {
    name: "a bad reschedule date",
    repo: initialised,
    args: ["reschedule", "--date", "2027-02-29"],
    says: /^error: option '--date <date>' argument '2027-02-29' is invalid\. It is not a date/,
  },
  {
    name: "a bad --since",
    repo: initialised,
    args: ["status", "--since", "last week"],
    says: /^error: option '--since <date\|age>' argument 'last week' is invalid\. It is neither a date nor an age/,
  },
  {
    name: "no golive.yaml",
    repo: () => tempRepo(),
    args: ["status"],
    says: /no golive.yaml in .*, the repository.s root\nhint: run `golive init --date YYYY-MM-DD`/,
  },
  {
    name: "init over an existing file",
    repo: initialised,
    args: ["init", "--date", "2027-04-01"],
    says: /golive.yaml: the state file already exists\nhint: use `golive reschedule --date`/,
  },
  {
    name: "invalid YAML",
    repo: () => edited((t) => t.replace("goLive: 2027-03-01", "goLive: [2027-03-01")),
    args: ["status"],
    says: /^error: golive.yaml:\d+:\d+: state file is not valid YAML/,
  },
  {
    name: "a schema violation",
    repo: () => edited((t) => t.replace("    status: done", "    status: finished")),
    args: ["status"],
    says: /^error: golive.yaml:\d+:13: state file: items.CLO-01.status: expected one of "todo"/,
  },
  {
    name: "merge-conflict markers",
    repo: () => edited(CONFLICTED),
    args: ["done", "CLO-03"],
    says: /^error: golive.yaml:\d+:1: state file has unresolved git merge-conflict markers on lines \d+, \d+, \d+\nhint: resolve the conflict/,
  },
  {
    name: "a newer schema version",
    repo: () => edited((t) => t.replace("golive: 1", "golive: 3")),
    args: ["check"],
    says: /state file is format 3, written by a newer golive.*\nhint: upgrade golive/,
  },
  {
    name: "block without a reason",
    repo: initialised,
    args: ["block", "CLO-02"],
    says: /^error: required option '--reason <text>' not specified\n/,
  },
  {
    name: "skip without a reason",
    repo: initialised,
    args: ["skip", "CLO-02", "--reason", "  "],
    says: /^error: option '--reason <text>' argument ' {2}' is invalid\. It is empty/,
  },
  {
    name: "an unreadable file",
    repo: () => tempRepo({ "golive.yaml/x": "" }),
    args: ["status"],
    says: /golive.yaml: state file is a folder, not a file/,
  },
  {
    name: "a report written over a folder",
    repo: async () => {
      const repo = await initialised();
      mkdirSync(join(repo, "reports/status.html"), { recursive: true });
      return repo;
    },
    args: ["export", "--format", "html", "--output", "reports/status.html"],
    says: /^error: \S*reports\/status.html: cannot write this file: it is a folder, not a file\nhint: choose another --output path/,
  },
  {
    name: "an unknown option holding terminal escapes",
    repo: initialised,
    args: ["status", "--x\u001b]0;pwned\u0007"],
    says: /^error: unknown option '--x\\x1b\]0;pwned\\x07'\n/,
  },
  {
    name: "a key that is a list",
    repo: () => edited((t) => `${t}? [a, b]\n: c\n`),
    args: ["status"],
    says: /^error: golive.yaml:\d+:1: state file: \(top level\): unknown field "\[ a, b \]"\nhint/,
  },
  {
    name: "init into a folder that does not exist",
    repo: () => tempRepo(),
    args: ["--file", "ops/golive.yaml", "init", "--date", "2027-03-01"],
    says: /^error: ops\/golive.yaml: the folder ops does not exist\nhint: create the folder first/,
  },
  {
    name: "a missing --file with a space in its name",
    repo: () => tempRepo(),
    args: ["--file", "my state.yaml", "status"],
    says: /hint: check the path, or create it with `golive --file 'my state.yaml' init/,
  },
  {
    name: "--phase given empty",
    repo: initialised,
    args: ["check", "--phase", ","],
    says: /^error: option '--phase <ids>' argument ',' is invalid\. It names no phase: give one, for example --phase two-weeks/,
  },
  {
    name: "a missing --file",
    repo: () => tempRepo(),
    args: ["--file", "nope.yaml", "status"],
    says: /nope.yaml: the state file given with --file does not exist\nhint: check the path, or create it with `golive --file nope.yaml init/,
  },
  {
    name: "an unknown option",
    repo: initialised,
    args: ["status", "--colour"],
    says: /unknown option '--colour'/,
  },
  {
    name: "an unknown phase",
    repo: initialised,
    args: ["status", "--phase", "later"],
    says: /unknown phase "later"\nhint: use one of: eight-weeks, four-weeks, two-weeks, go-live/,
  },
  {
    name: "an unknown catalogue",
    repo: () => tempRepo(),
    args: ["init", "--date", "2027-03-01", "--catalogue", "magento"],
    says: /no shipped catalogue named "magento"/,
  },
  {
    name: "a missing custom catalogue",
    repo: () => tempRepo(),
    args: ["init", "--date", "2027-03-01", "--catalogue", "./mine.yaml"],
    says: /mine.yaml: the catalogue \.\/mine.yaml does not exist/,
  },
  {
    name: "a custom catalogue with a deploy-value check that matches no pattern",
    repo: () =>
      tempRepo({
        "mine.yaml": `format: 1
name: mine
title: Mine
version: "1"
categories: [{ id: OPS, title: Operations }]
phases: [{ id: final, title: Final week, opens: -7, due: -1 }]
items:
  - id: OPS-1
    category: OPS
    phase: final
    title: MariaDB
    summary: The database is MariaDB.
    checks:
      - kind: deploy-value
        path: services.database.version
        expect: matches
`,
      }),
    args: ["init", "--date", "2027-03-01", "--catalogue", "./mine.yaml"],
    says: /^error: \.\/mine\.yaml:14:9: catalogue: items\[0\]\.checks\[0\]\.pattern: required when expect is matches/,
  },
];

describe.each(cases)("$name", ({ repo: makeRepo, args, env, says }) => {
  it("exits 2 with one clear message and changes no file", async () => {
    const repo = await makeRepo();
    const before = snapshot(repo);
    const result = await golive(repo, args, { ...TODAY, ...env });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(says);
    expect(result.stderr).not.toMatch(/\n\s+at .*:\d+:\d+/); // no stack trace
    expect(result.stderr.trim().split("\n").length).toBeLessThanOrEqual(3);
    expect(result.stdout).toBe("");
    expect(snapshot(repo)).toEqual(before);
  });
});
