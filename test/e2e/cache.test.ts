/**
 * The per-user cache of checked state files (src/io/cache.ts): used only for the exact text it
 * was made from, by the build that made it, and never a reason for a command to fail.
 */
import { execFileSync } from "node:child_process";
import {
  chmodSync,
  chownSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { golive, read, tempDir, tempRepo } from "../helpers/cli.js";

const TODAY = { GOLIVE_TODAY: "2027-01-20" };

let cache: string;
let repo: string;
const run = (args: string[], env: Record<string, string> = {}) =>
  golive(repo, args, { ...TODAY, GOLIVE_CACHE_DIR: cache, ...env });

function entries(): string[] {
  return readdirSync(cache).filter((f) => f.startsWith("state-") && f.endsWith(".json"));
}

/** The code cache files of one bundle file (main, edit, report). */
function codeFiles(bundle: string): string[] {
  return readdirSync(cache).filter((f) => f.startsWith(`code-${bundle}-`) && f.endsWith(".bin"));
}

/** Rewrites the one cache entry: a way to tell whether a command used it. */
interface Entry {
  build: string;
  state: { items: Record<string, { owner?: string }> };
  catalogue?: { data?: { items: { title: string }[] } };
}

function tamper(change: (entry: Entry) => void): void {
  const [name] = entries();
  const path = join(cache, name!);
  const entry = JSON.parse(readFileSync(path, "utf8"));
  change(entry);
  writeFileSync(path, JSON.stringify(entry));
}

beforeEach(() => {
  cache = tempDir("golive-cache-test-");
  repo = tempRepo();
  expect(run(["init", "--date", "2027-03-01"]).code).toBe(0);
  expect(run(["assign", "CLO-01", "Ana"]).code).toBe(0);
});

describe("the state file cache", () => {
  it("is written by a read and used by the next read of the same text", () => {
    expect(entries()).toEqual([]);
    const first = run(["show", "CLO-01"]);
    expect(first.stdout).toContain("Ana");
    expect(entries()).toHaveLength(1);
    // Same text, different cached data: the next read shows what the cache holds.
    tamper((entry) => {
      entry.state.items["CLO-01"]!.owner = "From the cache";
    });
    expect(run(["show", "CLO-01"]).stdout).toContain("From the cache");
  });

  it("never puts its own data into golive.yaml: an edit writes what the file says", () => {
    run(["status"]);
    tamper((entry) => {
      entry.state.items["CLO-01"]!.owner = "From the cache";
    });
    expect(run(["done", "CLO-01"]).code).toBe(0);
    expect(read(repo)).toContain("owner: Ana");
    expect(read(repo)).not.toContain("From the cache");
  });

  it("is not used once the file changes, by golive or by hand", () => {
    run(["status"]);
    tamper((entry) => {
      entry.state.items["CLO-01"]!.owner = "From the cache";
    });
    expect(run(["assign", "CLO-01", "Bo"]).code).toBe(0);
    expect(run(["show", "CLO-01"]).stdout).toContain("Bo");
    writeFileSync(join(repo, "golive.yaml"), read(repo).replace("owner: Bo", "owner: Chidi"));
    expect(run(["show", "CLO-01"]).stdout).toContain("Chidi");
  });

  it("is not used by another build of golive", () => {
    run(["status"]);
    tamper((entry) => {
      entry.build = "0.0.1+another";
      entry.state.items["CLO-01"]!.owner = "From the cache";
    });
    expect(run(["show", "CLO-01"]).stdout).toContain("Ana");
  });

  it("holds a team's own catalogue, for reads and for edits, until the catalogue changes", () => {
    repo = tempRepo({
      "catalogue.yaml": [
        "format: 1",
        "name: own",
        "title: Our checklist",
        'version: "1"',
        "categories: [{ id: GEN, title: General }]",
        "phases: [{ id: last-week, title: The last week, opens: -7, due: 0 }]",
        "items:",
        "  - { id: GEN-01, category: GEN, phase: last-week, title: First title, summary: Do it. }",
        "",
      ].join("\n"),
    });
    expect(run(["init", "--date", "2027-03-01", "--catalogue", "catalogue.yaml"]).code).toBe(0);
    expect(run(["list"]).stdout).toContain("First title");
    // `done` parses golive.yaml to edit it, but takes the catalogue from the cache.
    tamper((entry) => {
      entry.catalogue!.data!.items[0]!.title = "Title from the cache";
    });
    expect(run(["done", "GEN-01"]).stdout).toContain("Title from the cache");
    writeFileSync(
      join(repo, "catalogue.yaml"),
      read(repo, "catalogue.yaml").replace("First title", "Second title"),
    );
    expect(run(["list"]).stdout).toContain("Second title");
    expect(run(["reopen", "GEN-01"]).stdout).toContain("Second title");
  });

  it("is ignored when an entry is broken, and rewritten", () => {
    run(["status"]);
    const [name] = entries();
    writeFileSync(join(cache, name!), '{"build": "1.0');
    expect(run(["show", "CLO-01"]).stdout).toContain("Ana");
    expect(JSON.parse(readFileSync(join(cache, name!), "utf8")).state.goLive).toBe("2027-03-01");
  });

  it("never makes a command fail: an unwritable cache folder is skipped", () => {
    if (process.getuid?.() === 0) {
      // root writes through permissions; a path below a file cannot be a folder for anyone.
      writeFileSync(join(cache, "a-file"), "");
      const result = run(["status"], { GOLIVE_CACHE_DIR: join(cache, "a-file", "cache") });
      expect(result.code).toBe(0);
      expect(result.stderr).toBe("");
      return;
    }
    chmodSync(cache, 0o500);
    const result = run(["status"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
  });

  it("is switched off by GOLIVE_NO_CACHE=1: nothing written, nothing read", () => {
    run(["status"], { GOLIVE_NO_CACHE: "1" });
    expect(entries()).toEqual([]);
    run(["status"]);
    tamper((entry) => {
      entry.state.items["CLO-01"]!.owner = "From the cache";
    });
    expect(run(["show", "CLO-01"], { GOLIVE_NO_CACHE: "1" }).stdout).toContain("Ana");
  });

  it("ignores an entry that another user owns", () => {
    run(["status"]);
    tamper((entry) => {
      entry.state.items["CLO-01"]!.owner = "Planted by someone else";
    });
    const [name] = entries();
    if (process.getuid?.() === 0) {
      chownSync(join(cache, name!), 4242, 4242);
      expect(run(["show", "CLO-01"]).stdout).toContain("Ana");
    }
    // Without root, no file can be given away; the entry is the user's and is used.
    else expect(run(["show", "CLO-01"]).stdout).toContain("Planted by someone else");
  });

  it("keeps entries private to the user", () => {
    run(["status"]);
    const [name] = entries();
    expect(statSync(join(cache, name!)).mode & 0o077).toBe(0);
  });
});

describe("the code cache", () => {
  it("is written once per command, and used by later runs", () => {
    const [file] = codeFiles("main");
    expect(file).toContain(`-${process.version}-${process.arch}-`);
    const commands = () => readFileSync(join(cache, `${file}.commands`), "utf8").split("\n");
    expect(commands()).toEqual(["init", "assign"]);
    // Commander names the command, whatever comes before it.
    const first = run(["--today", "2027-01-20", "status"]);
    expect(commands()).toEqual(["init", "assign", "status"]);
    const again = statSync(join(cache, file!)).mtimeMs;
    // Known command: the file is left alone, and the output is the same.
    expect(run(["status"]).stdout).toBe(first.stdout);
    expect(statSync(join(cache, file!)).mtimeMs).toBe(again);
    // Writes load the YAML editor's file, which has a cache of its own.
    expect(codeFiles("edit")).toHaveLength(1);
  });

  it("survives a damaged file: V8 refuses it, the run goes on, and the file is made again", () => {
    const first = run(["status"]);
    const [file] = codeFiles("main");
    writeFileSync(join(cache, file!), Buffer.alloc(4096, 7));
    const second = run(["status"]);
    expect(second.code).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    expect(readFileSync(join(cache, file!)).subarray(0, 16)).not.toEqual(Buffer.alloc(16, 7));
  });

  it("of other builds stays until unused for 30 days: two installs do not undo each other", () => {
    const other = "code-main-0123456789abcdef-v20.0.0-x64-00000000.bin";
    const old = "code-main-fedcba9876543210-v20.0.0-x64-00000000.bin";
    writeFileSync(join(cache, other), "another install's");
    writeFileSync(join(cache, old), "long unused");
    const longAgo = new Date(Date.now() - 31 * 24 * 60 * 60 * 1000);
    utimesSync(join(cache, old), longAgo, longAgo);
    run(["list"]);
    expect(readdirSync(cache)).toContain(other);
    expect(readdirSync(cache)).not.toContain(old);
  });

  it("is made again when its file is gone, whatever its command list says", () => {
    run(["status"]);
    const [file] = codeFiles("main");
    rmSync(join(cache, file!));
    run(["status"]);
    expect(codeFiles("main")).toEqual([file]);
  });

  it("is switched off by GOLIVE_NO_CACHE=1 as well", () => {
    const other = tempDir("golive-cache-test-");
    golive(repo, ["status"], { ...TODAY, GOLIVE_CACHE_DIR: other, GOLIVE_NO_CACHE: "1" });
    expect(readdirSync(other)).toEqual([]);
  });
});

describe("a cache folder that golive cannot trust", () => {
  it("is not used when others can write to it", () => {
    run(["status"]);
    tamper((entry) => {
      entry.state.items["CLO-01"]!.owner = "From the cache";
    });
    chmodSync(cache, 0o777);
    expect(run(["show", "CLO-01"]).stdout).toContain("Ana");
  });

  it("is not used when relative: the cache never lands in the folder golive runs in", () => {
    const result = run(["status"], { GOLIVE_CACHE_DIR: "relative-cache" });
    expect(result.code).toBe(0);
    expect(readdirSync(repo)).not.toContain("relative-cache");
  });

  it("does not follow a link at an entry's name, nor block on a FIFO there", () => {
    run(["status"]);
    const [name] = entries();
    const elsewhere = join(tempDir(), "entry.json");
    writeFileSync(elsewhere, readFileSync(join(cache, name!)));
    rmSync(join(cache, name!));
    symlinkSync(elsewhere, join(cache, name!));
    const linked = JSON.parse(readFileSync(elsewhere, "utf8")) as Entry;
    linked.state.items["CLO-01"]!.owner = "Through a link";
    writeFileSync(elsewhere, JSON.stringify(linked));
    expect(run(["show", "CLO-01"]).stdout).toContain("Ana");

    rmSync(join(cache, name!));
    execFileSync("mkfifo", [join(cache, name!)]);
    const started = Date.now();
    expect(run(["show", "CLO-01"]).stdout).toContain("Ana");
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
