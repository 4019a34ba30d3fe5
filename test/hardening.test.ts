/**
 * The holes an adversarial run found in 1.0 (issue 14), each reproduced first: files that are
 * not what they seem, values golive would write and then refuse to read, anchors shared by
 * items, merges that could drop entries.
 */
import { execFileSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { golive, initRepo, read, tempDir, tempRepo } from "./helpers/cli.js";

const TODAY = { GOLIVE_TODAY: "2027-02-10" };

async function initialised(): Promise<string> {
  const repo = await initRepo(["--date", "2027-03-01"], TODAY);
  return repo;
}

/** Exit 2, one message saying `says`, no stack trace, and golive.yaml as it was. */
async function refused(repo: string, args: string[], says: RegExp): Promise<void> {
  const path = join(repo, "golive.yaml");
  const regular = existsSync(path) && lstatSync(path).isFile();
  const before = regular ? readFileSync(path, "utf8") : undefined;
  const result = await golive(repo, args, TODAY);
  expect(result.code, result.stderr).toBe(2);
  expect(result.stderr).toMatch(says);
  expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
  if (before !== undefined) expect(readFileSync(path, "utf8")).toBe(before);
}

describe("files that are not what they seem", () => {
  it("a FIFO as golive.yaml is named, not read (reading would hang)", async () => {
    const repo = tempRepo();
    execFileSync("mkfifo", [join(repo, "golive.yaml")]);
    await refused(
      repo,
      ["status"],
      /golive\.yaml: state file is a named pipe \(FIFO\), not a file/,
    );
    await refused(repo, ["done", "CLO-01"], /named pipe/);
  });

  it("git's index as a FIFO or a folder is named at once, not read (golive and git hung on it)", async () => {
    const repo = await initialised();
    const index = join(repo, ".git", "index");
    rmSync(index, { force: true });
    execFileSync("mkfifo", [index]);
    const started = Date.now();
    await refused(
      repo,
      ["check"],
      /\.git\/index: git's index is a named pipe \(FIFO\), not a file/,
    );
    await refused(repo, ["done", "CLO-01"], /git's index is a named pipe/);
    expect(Date.now() - started).toBeLessThan(5_000);
    rmSync(index);
    mkdirSync(index);
    await refused(repo, ["status"], /\.git\/index: git's index is a folder, not a file/);
  });

  it("a link to a device as golive.yaml is refused before a byte is read", async () => {
    const repo = tempRepo();
    symlinkSync("/dev/zero", join(repo, "golive.yaml"));
    await refused(repo, ["status"], /state file is a device, not a file/);
  });

  it("a catalogue path naming a device or a FIFO is refused", async () => {
    const repo = tempRepo();
    await refused(
      repo,
      ["init", "--date", "2027-03-01", "--catalogue", "/dev/zero"],
      /the catalogue "\/dev\/zero" is outside the repository/,
    );
    execFileSync("mkfifo", [join(repo, "pipe.yaml")]);
    await refused(
      repo,
      ["init", "--date", "2027-03-01", "--catalogue", "pipe.yaml"],
      /catalogue is a named pipe/,
    );
    expect(existsSync(join(repo, "golive.yaml"))).toBe(false);
  });

  it("verify outside git walks past a FIFO instead of hanging on it", async () => {
    const repo = tempRepo(
      { "public/Yves/robots.txt": "User-agent: *\nAllow: /\n" },
      { git: false },
    );
    expect((await golive(repo, ["init", "--date", "2027-03-01"], TODAY)).code).toBe(0);
    execFileSync("mkfifo", [join(repo, "public/Yves/pipe.txt")]);
    const result = await golive(repo, ["verify", "--json"], TODAY);
    expect([0, 1]).toContain(result.code);
    expect(JSON.parse(result.stdout).command).toBe("verify");
  });

  it("a lock file that is a folder gets a clear message, not EISDIR", async () => {
    const repo = await initialised();
    mkdirSync(join(repo, "golive.yaml.lock"));
    await refused(
      repo,
      ["done", "CLO-01"],
      /golive\.yaml\.lock is a folder, not golive's lock file/,
    );
  });

  it("golive.yaml as a link inside the repository is written through; the link stays", async () => {
    const repo = await initialised();
    mkdirSync(join(repo, "plan"));
    writeFileSync(join(repo, "plan/golive.yaml"), read(repo));
    execFileSync("rm", [join(repo, "golive.yaml")]);
    symlinkSync("plan/golive.yaml", join(repo, "golive.yaml"));
    const result = await golive(repo, ["done", "CLO-01", "--by", "Sam"], TODAY);
    expect(result.code, result.stderr).toBe(0);
    expect(lstatSync(join(repo, "golive.yaml")).isSymbolicLink()).toBe(true);
    expect(read(repo, "plan/golive.yaml")).toMatch(/CLO-01:\n\s+status: done/);
  });

  it("golive.yaml as a link out of the repository is refused", async () => {
    const outside = tempDir();
    const repo = await initialised();
    writeFileSync(join(outside, "golive.yaml"), read(repo));
    execFileSync("rm", [join(repo, "golive.yaml")]);
    symlinkSync(join(outside, "golive.yaml"), join(repo, "golive.yaml"));
    const before = readFileSync(join(outside, "golive.yaml"), "utf8");
    await refused(repo, ["done", "CLO-01"], /is a link to .*, outside the repository/);
    expect(readFileSync(join(outside, "golive.yaml"), "utf8")).toBe(before);
    // Reading through it is fine.
    expect((await golive(repo, ["status"], TODAY)).code).toBe(0);
  });

  it("a read-only golive.yaml is refused, not silently replaced", async () => {
    const repo = await initialised();
    chmodSync(join(repo, "golive.yaml"), 0o444);
    await refused(repo, ["done", "CLO-01"], /golive\.yaml is read-only/);
    expect(lstatSync(join(repo, "golive.yaml")).mode & 0o777).toBe(0o444);
  });

  it("a report is never written over a file golive reads", async () => {
    const repo = await initialised();
    await refused(repo, ["export", "--output", "golive.yaml"], /--output names golive\.yaml/);
    await refused(
      repo,
      ["check", "--format", "junit", "--output", "./sub/../golive.yaml"],
      /a file golive reads/,
    );
    const own = tempRepo({
      "ours.yaml": readFileSync(
        join(import.meta.dirname, "../checklists/spryker-cloud.yaml"),
        "utf8",
      ),
    });
    expect(
      (await golive(own, ["init", "--date", "2027-03-01", "--catalogue", "ours.yaml"], TODAY)).code,
    ).toBe(0);
    const catalogue = read(own, "ours.yaml");
    await refused(own, ["export", "--format", "csv", "--output", "ours.yaml"], /ours\.yaml/);
    expect(read(own, "ours.yaml")).toBe(catalogue);
  });
});

describe("golive never writes what it then refuses to read", () => {
  it("a note over the limit is refused before anything is written", async () => {
    const repo = await initialised();
    await refused(
      repo,
      ["note", "CLO-01", "x".repeat(10_001)],
      /would make golive\.yaml unreadable: items\.CLO-01\.note/,
    );
    expect((await golive(repo, ["status"], TODAY)).code).toBe(0);
  });

  it("a long reschedule reason is refused the same way", async () => {
    const repo = await initialised();
    await refused(
      repo,
      ["reschedule", "--date", "2027-04-01", "--reason", "y".repeat(10_001)],
      /^error: option '--reason <text>' argument 'y+…' is invalid\. It is 10001 characters long: golive\.yaml keeps at most 10000/,
    );
  });

  it("init refuses a catalogue in which two items share an ID, with the place", async () => {
    const text = readFileSync(
      join(import.meta.dirname, "../checklists/spryker-cloud.yaml"),
      "utf8",
    );
    const twice = text.replace("  - id: CLO-02\n", "  - id: CLO-01\n");
    const repo = tempRepo({ "ours.yaml": twice });
    const line = twice
      .split("\n")
      .findIndex((l, i, all) => l === "  - id: CLO-01" && all.indexOf(l) !== i);
    await refused(
      repo,
      ["init", "--date", "2027-03-01", "--catalogue", "ours.yaml"],
      new RegExp(`ours\\.yaml:${line + 1}:\\d+: catalogue: ID "CLO-01" is already used by CLO-01`),
    );
    expect(existsSync(join(repo, "golive.yaml"))).toBe(false);
  });

  it("an ID of ten digits or more, which no command could address, is refused", async () => {
    const text = readFileSync(
      join(import.meta.dirname, "../checklists/spryker-cloud.yaml"),
      "utf8",
    );
    const repo = tempRepo({
      "ours.yaml": text.replace("  - id: CLO-02\n", "  - id: CLO-1234567890\n"),
    });
    await refused(
      repo,
      ["init", "--date", "2027-03-01", "--catalogue", "ours.yaml"],
      /cannot be typed on the command line/,
    );
  });
});

describe("items that share a YAML anchor", () => {
  it("an edit is refused instead of changing every item the anchor holds", async () => {
    const repo = await initialised();
    const text = read(repo)
      .replace("CLO-01: {}", "CLO-01: &same { owner: Sam }")
      .replace("CLO-02: {}", "CLO-02: *same");
    writeFileSync(join(repo, "golive.yaml"), text);
    await refused(repo, ["done", "CLO-01"], /golive\.yaml:\d+:\d+: .*YAML alias/);
    // Reading still works: both items show the shared owner.
    const list = await golive(repo, ["list", "--owner", "Sam", "--json"], TODAY);
    expect(JSON.parse(list.stdout).items.map((i: { id: string }) => i.id)).toEqual([
      "CLO-01",
      "CLO-02",
    ]);
  });
});

describe("changes are timed under the lock", () => {
  it("the recorded time is taken while golive.yaml.lock is held", async () => {
    const repo = await initialised();
    const lock = join(repo, "golive.yaml.lock");
    const seen: boolean[] = [];
    const { run } = await import("../src/cli/run.js");
    const result = await run(["done", "CLO-01", "--by", "Sam"], {
      cwd: repo,
      env: { NO_COLOR: "1" },
      isTTY: false,
      stderrIsTTY: false,
      columns: undefined,
      clock: () => {
        seen.push(existsSync(lock));
        return new Date("2027-02-10T09:00:00Z");
      },
      gitUserName: () => undefined,
    });
    expect(result.exitCode, result.stderr).toBe(0);
    // The first call is today's date (before the lock); the change's time comes under it.
    expect(seen.at(-1)).toBe(true);
  });
});

describe("the merge driver", () => {
  async function sides(edit: { ours?: (t: string) => string; theirs?: (t: string) => string }) {
    const repo = await initialised();
    const base = read(repo);
    const files = {
      base: join(repo, "base.yaml"),
      ours: join(repo, "ours.yaml"),
      theirs: join(repo, "theirs.yaml"),
    };
    writeFileSync(files.base, base);
    writeFileSync(files.ours, (edit.ours ?? ((t) => t))(base));
    writeFileSync(files.theirs, (edit.theirs ?? ((t) => t))(base));
    const result = await golive(
      repo,
      ["merge-driver", files.base, files.ours, files.theirs, "golive.yaml"],
      TODAY,
    );
    return { result, ours: readFileSync(files.ours, "utf8") };
  }

  it("refuses a side written by a newer golive instead of writing a file it cannot read", async () => {
    const { result, ours } = await sides({
      ours: (t) => t.replace("CLO-01: {}", "CLO-01: { owner: Sam }"),
      theirs: (t) => t.replace("golive: 1", "golive: 3"),
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/their version is format 3, newer than this golive reads/);
    // Whatever git's text merge left, golive does not read it as a merged file of its own.
    const repo = tempRepo({ "golive.yaml": ours });
    expect((await golive(repo, ["status"], TODAY)).code).toBe(2);
  });

  it("refuses a side that lost its tail but still parses", async () => {
    const { result } = await sides({
      ours: (t) => t.replace("CLO-01: {}", "CLO-01: { owner: Sam }"),
      theirs: (t) => t.slice(0, t.indexOf("  # SEO-01")),
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/theirs has no entry for \d+ items the base has \(SEO-01/);
    expect(result.stderr).toMatch(/cut short/);
  });

  it("does not speak of conflict markers when none were written", async () => {
    const repo = await initialised();
    writeFileSync(join(repo, "ours.yaml"), read(repo));
    writeFileSync(join(repo, "theirs.yaml"), read(repo));
    const result = await golive(
      repo,
      ["merge-driver", join(repo, "missing-base.yaml"), "ours.yaml", "theirs.yaml", "golive.yaml"],
      TODAY,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/left as our version/);
    expect(result.stderr).not.toMatch(/resolve the conflict markers/);
  });

  it("shows a hostile path as text, not as terminal commands", async () => {
    const repo = await initialised();
    writeFileSync(join(repo, "ours.yaml"), read(repo));
    const result = await golive(
      repo,
      ["merge-driver", "nope", "ours.yaml", "nope", "evil\u001b[2J.yaml"],
      TODAY,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).not.toContain("\u001b");
  });
});

describe("git runs no program a repository's config names", () => {
  it("verify lists files with core.fsmonitor neutralised", async () => {
    const repo = await initialised();
    const marker = join(tempDir(), "fsmonitor-ran");
    const hook = join(repo, "monitor.sh");
    writeFileSync(hook, `#!/bin/sh\ntouch ${marker}\n`);
    chmodSync(hook, 0o755);
    execFileSync("git", ["add", "golive.yaml", "monitor.sh"], { cwd: repo });
    execFileSync("git", ["config", "core.fsmonitor", hook], { cwd: repo });
    const result = await golive(repo, ["verify", "--json"], TODAY);
    expect([0, 1]).toContain(result.code);
    expect(JSON.parse(result.stdout).repository.files).toBe("git");
    expect(existsSync(marker)).toBe(false);
    // The same hook does run when git is asked plainly: the test would notice a regression.
    execFileSync("git", ["ls-files"], { cwd: repo });
    expect(existsSync(marker)).toBe(true);
  });
});

describe("smaller holes", () => {
  it("bidi marks, zero-width characters and a BOM inside text are shown, not obeyed", async () => {
    const { safe, printable } = await import("../src/render/text.js");
    const hostile = "a\u200eb\u200fc\u061cd\u200be\ufefff\u2028g x\u200dy";
    expect(safe(hostile)).toBe("a\\u200eb\\u200fc\\u061cd\\u200be\\ufefff\\u2028g x\\u200dy");
    expect(printable(hostile)).toBe("abcdefg xy");
    // A joiner that builds one emoji is not an attack: it stays.
    expect(safe("👨\u200d👩\u200d👧")).toBe("👨\u200d👩\u200d👧");
    const repo = await initialised();
    expect((await golive(repo, ["note", "CLO-01", "ok\u202e\u200fevil"], TODAY)).code).toBe(0);
    const shown = await golive(repo, ["show", "CLO-01"], TODAY);
    expect(shown.stdout).toContain("ok\\u202e\\u200fevil");
  });

  it("catalogue titles with control characters are not written raw into golive.yaml's comments", async () => {
    const text = readFileSync(
      join(import.meta.dirname, "../checklists/spryker-cloud.yaml"),
      "utf8",
    );
    const hostile = text.replace(
      /(- id: CLO-01\n(?:.*\n)*?\s+title: )(.*)/,
      (_m, head: string, title: string) => `${head}"${title}\\e[2J\\u202e\\x07"`,
    );
    expect(hostile).not.toBe(text);
    const repo = tempRepo({ "ours.yaml": hostile });
    expect(
      (await golive(repo, ["init", "--date", "2027-03-01", "--catalogue", "ours.yaml"], TODAY))
        .code,
    ).toBe(0);
    const state = read(repo);
    expect(state).toMatch(/# CLO-01 /);
    // Only tabs, line ends and printable text: no control or format character.
    expect(state).not.toMatch(/[\p{Cc}\p{Cf}](?<![\t\n\r])/u);
  });

  it("an items.__proto__ entry is warned about and kept, like any entry no item has", async () => {
    const repo = await initialised();
    writeFileSync(
      join(repo, "golive.yaml"),
      read(repo).replace("items:\n", "items:\n  __proto__: { status: done }\n"),
    );
    const result = await golive(repo, ["status"], TODAY);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/entry for __proto__, which the catalogue does not list/);
    expect((await golive(repo, ["done", "CLO-01"], TODAY)).code).toBe(0);
    expect(read(repo)).toContain("__proto__: { status: done }");
  });

  it("%YAML 1.1 is named, not reported as a wrong catalogue", async () => {
    const repo = await initialised();
    writeFileSync(join(repo, "golive.yaml"), `%YAML 1.1\n---\n${read(repo)}`);
    await refused(
      repo,
      ["status"],
      /golive\.yaml:1:1: state file asks for YAML 1\.1; golive reads YAML 1\.2/,
    );
  });
});
