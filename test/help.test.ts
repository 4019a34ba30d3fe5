/**
 * Help that teaches (issue 11): every command's --help ends with real examples, and each of
 * them runs as shown; usage errors point at the command's own help; `golive help nope` is an
 * unknown command; `-v` prints the version; defaults print as numbers; required options say
 * so; `list --status` lists its values; the demo's last line works before golive is on PATH.
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { VERSION } from "../src/version.js";
import { gitEnv, golive, initRepo, tempDir, tempRepo } from "./helpers/cli.js";

const ROOT = resolve(import.meta.dirname, "..");
const TODAY = { GOLIVE_TODAY: "2027-02-10" };

/** The commands `golive --help` lists, `help` included. */
async function commands(): Promise<string[]> {
  const { stdout } = await golive(ROOT, ["--help"]);
  const list = stdout.slice(stdout.indexOf("Commands:"), stdout.indexOf("Exit codes:"));
  return [...list.matchAll(/^ {2}([a-z][a-z-]*)/gm)].map((m) => m[1]!);
}

/** The `$ ...` lines of a help text's closing "Examples:" block. */
function examplesOf(help: string): string[] {
  const block = help.slice(help.lastIndexOf("\nExamples:\n") + 1);
  return block
    .split("\n")
    .slice(1)
    .map((line) => line.trim())
    .filter((line) => line.startsWith("$ "))
    .map((line) => line.slice(2));
}

/** A command line as a POSIX shell splits it, up to a redirection or a pipe. */
function words(line: string): string[] {
  const out: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === '"' || ch === "'") {
      const end = line.indexOf(ch, i + 1);
      word = (word ?? "") + line.slice(i + 1, end);
      i = end;
    } else if (ch === " ") {
      if (word !== undefined) out.push(word);
      word = undefined;
    } else if ((ch === ">" || ch === "|") && word === undefined) {
      break;
    } else {
      word = (word ?? "") + ch;
    }
  }
  if (word !== undefined) out.push(word);
  return out;
}

/** The demo's repository (scripts/demo.mjs), a few weeks in: owners, a block, a reminder. */
async function demo(): Promise<string> {
  const dir = await initRepo(["--date", "2027-03-01"], TODAY);
  const ok = async (args: string[]) => {
    const r = await golive(dir, args, TODAY);
    expect(r.code, `${args.join(" ")}: ${r.stderr}`).toBe(0);
  };
  // Started on main, which the clone knows as origin/main; the work goes on in a branch.
  const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, env: gitEnv(dir) });
  git("add", "-A");
  git("commit", "-q", "-m", "golive init");
  git("update-ref", "refs/remotes/origin/main", "HEAD");
  git("checkout", "-q", "-b", "week-3");
  await ok(["done", "GEN-01", "CLO-01", "CLO-08", "APP-26", "--by", "Alex"]);
  await ok(["assign", "TES-02", "Priya Shah"]);
  await ok(["assign", "CLO-12", "Sam Taylor"]);
  await ok(["block", "CLO-12", "--reason", "waiting for the registrar", "--by", "Sam Taylor"]);
  // Waivers, for the examples that withdraw one.
  for (const id of ["SEO-02", "TR-03"]) {
    await ok(["waive", id, "--reason", "after launch", "--until", "2027-03-15", "--by", "Dana"]);
  }
  // A second project's state file in a folder, for the examples that name one with --file.
  mkdirSync(join(dir, "plan"));
  await ok(["--file", "plan/golive.yaml", "init", "--date", "2027-04-01"]);
  return dir;
}

function copy(dir: string): string {
  const to = tempDir("golive-example-");
  cpSync(dir, to, { recursive: true });
  return to;
}

describe("--help", () => {
  let names: string[] = [];
  let shop = "";
  beforeAll(async () => {
    names = await commands();
    shop = await demo();
  });

  it("lists the commands, help and completion among them", () => {
    expect(names).toEqual(expect.arrayContaining(["init", "done", "check", "completion", "help"]));
  });

  it("ends each command's help with two or three real examples", async () => {
    for (const name of names) {
      const { code, stdout } = await golive(ROOT, [name, "--help"]);
      expect(code, name).toBe(0);
      const lines = stdout.trimEnd().split("\n");
      const start = lines.lastIndexOf("Examples:");
      expect(start, `${name}: no Examples: block`).toBeGreaterThan(0);
      // Nothing but the examples (and the comments saying what they do) after it.
      for (const line of lines.slice(start + 1)) expect(line, name).toMatch(/^ {2}[$#] /);
      const examples = examplesOf(stdout);
      expect(examples.length, name).toBeGreaterThanOrEqual(2);
      expect(examples.length, name).toBeLessThanOrEqual(3);
    }
  });

  it("gives examples that run as shown: no usage error, in a repository a few weeks in", async () => {
    const failures: string[] = [];
    let ran = 0;
    for (const name of names) {
      const { stdout } = await golive(ROOT, [name, "--help"]);
      for (const example of examplesOf(stdout)) {
        const argv = words(example);
        if (argv[0] !== "golive") continue;
        // probe's examples contact the shop's hosts: no test leaves 127.0.0.1, so its flags
        // run against local servers in test/commands/probe.test.ts instead.
        if (argv[1] === "probe") continue;
        // init starts a project: in an empty repository; everything else in the demo's.
        const cwd = argv.includes("init") ? tempRepo() : copy(shop);
        const result = await golive(cwd, argv.slice(1), TODAY);
        ran++;
        if (result.code !== 0 && result.code !== 1) {
          failures.push(`${example}: exit ${result.code}: ${result.stderr}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(ran).toBeGreaterThan(35);
    // Some 70 commands: 3 s on a quiet machine, past the 20 s default on a loaded one.
  }, 60_000);

  it("prints defaults as numbers, and marks required options", async () => {
    const check = (await golive(ROOT, ["check", "--help"])).stdout;
    expect(check).toMatch(/--warn-within <days>[\s\S]*?\(default: 3\)/);
    expect(check).toMatch(/--grace <days>[\s\S]*?\(default: 0\)/);
    expect(check).not.toContain('"3"');
    for (const name of ["init", "reschedule"]) {
      const help = (await golive(ROOT, [name, "--help"])).stdout;
      expect(help, name).toMatch(
        /--date <date>\s+the (new )?go-live date, YYYY-MM-DD \(required\)/,
      );
    }
    for (const [name, option] of [
      ["block", "--reason"],
      ["skip", "--reason"],
      ["waive", "--reason"],
      ["waive", "--until"],
    ] as const) {
      const help = (await golive(ROOT, [name, "--help"])).stdout;
      expect(help, `${name} ${option}`).toMatch(
        new RegExp(`${option} <\\w+>[^\\n]*\\(required\\)`),
      );
    }
  });

  it("lists the values of list --status", async () => {
    const help = (await golive(ROOT, ["list", "--help"])).stdout.replace(/\s+/g, " ");
    expect(help).toContain(
      "only items with these statuses: todo, in-progress, blocked, done, not-applicable, open",
    );
  });
});

describe("usage errors", () => {
  it("point at the command's own help", async () => {
    const done = await golive(ROOT, ["done"]);
    expect(done.code).toBe(2);
    expect(done.stderr).toContain("error: missing required argument 'ids'");
    expect(done.stderr).toContain("(run golive done --help for usage)");
    const status = await golive(ROOT, ["status", "--bogus"]);
    expect(status.code).toBe(2);
    expect(status.stderr).toContain("(run golive status --help for usage)");
    const format = await golive(ROOT, ["check", "--format", "xml"]);
    expect(format.stderr).toContain("(run golive check --help for usage)");
    // An unknown command has no help of its own.
    const unknown = await golive(ROOT, ["stauts"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("(run golive --help for usage)");
  });

  it("golive help nope is an unknown command, golive help done is done's help", async () => {
    const nope = await golive(ROOT, ["help", "nope"]);
    expect(nope.code).toBe(2);
    expect(nope.stdout).toBe("");
    expect(nope.stderr).toMatch(/^error: unknown command 'nope'\n/);
    const near = await golive(ROOT, ["help", "chek"]);
    expect(near.code).toBe(2);
    expect(near.stderr).toContain("(Did you mean check?)");
    const done = await golive(ROOT, ["help", "done"]);
    expect(done.code).toBe(0);
    expect(done.stdout).toBe((await golive(ROOT, ["done", "--help"])).stdout);
    const all = await golive(ROOT, ["help"]);
    expect(all.code).toBe(0);
    expect(all.stdout).toBe((await golive(ROOT, ["--help"])).stdout);
  });
});

describe("the version", () => {
  it("-v prints it, as -V and --version do", async () => {
    for (const flag of ["-v", "-V", "--version"]) {
      const result = await golive(ROOT, [flag]);
      expect(result, flag).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: "" });
    }
  });
});

describe("npm run demo", { tags: ["process"] }, () => {
  it("ends with a command that works from the clone before golive is on PATH", () => {
    const node = dirname(process.execPath);
    const git = dirname(execFileSync("sh", ["-c", "command -v git"], { encoding: "utf8" }).trim());
    // A PATH with node and git only: no golive anywhere on it.
    const env = { PATH: [...new Set([node, git, "/usr/bin", "/bin"])].join(":"), HOME: tempDir() };
    expect(() => execFileSync("sh", ["-c", "command -v golive"], { env })).toThrow();
    const printed = execFileSync(process.execPath, ["scripts/demo.mjs"], {
      cwd: ROOT,
      env,
      encoding: "utf8",
    });
    const last = printed.trimEnd().split("\n").at(-1)!.trim();
    expect(last).toMatch(/^node bin\/golive\.cjs /);
    const shown = execFileSync("sh", ["-c", last], { cwd: ROOT, env, encoding: "utf8" });
    expect(shown).toContain("TES-05  Conduct load tests");
  }, 60_000);
});
