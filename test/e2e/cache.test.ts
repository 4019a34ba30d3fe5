/**
 * The per-user cache of checked state files (src/io/cache.ts): used only for the exact text it
 * was made from, by the build that made it, and never a reason for a command to fail.
 */
import { chmodSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { golive, read, tempDir, tempRepo } from "../helpers/cli.js";

const TODAY = { GOLIVE_TODAY: "2027-01-20" };

let cache: string;
let repo: string;
const run = (args: string[], env: Record<string, string> = {}) =>
  golive(repo, args, { ...TODAY, GOLIVE_CACHE_DIR: cache, ...env });

function entries(): string[] {
  return readdirSync(cache).filter((f) => f.endsWith(".json"));
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

  it("spares an edit the checks of a file checked before, byte for byte", () => {
    run(["status"]);
    tamper((entry) => {
      entry.state.items["CLO-01"]!.owner = "From the cache";
    });
    expect(run(["done", "CLO-01"]).code).toBe(0);
    expect(read(repo)).toContain("owner: From the cache");
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

  it("keeps entries private to the user", () => {
    run(["status"]);
    const [name] = entries();
    expect(statSync(join(cache, name!)).mode & 0o077).toBe(0);
  });
});
