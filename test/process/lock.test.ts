// @module-tag process
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { writeFileAtomic } from "../../src/io/fs-atomic.js";
import { withLock } from "../../src/io/lock.js";
import { BIN, gitEnv, golive, initRepo, tempRepo } from "../helpers/cli.js";
import { caught } from "../helpers/errors.js";

const ENV = { GOLIVE_TODAY: "2027-01-04" };

/** The pid of a process that has just ended. */
function deadPid(): number {
  return spawnSync(process.execPath, ["-e", "0"]).pid!;
}

function lockFile(dir: string, content: string, ageSeconds = 0): string {
  const path = join(dir, "golive.yaml.lock");
  writeFileSync(path, content);
  if (ageSeconds > 0) {
    const then = Date.now() / 1000 - ageSeconds;
    utimesSync(path, then, then);
  }
  return path;
}

describe("withLock", () => {
  test("runs the work and removes its lock", () => {
    const dir = tempRepo({}, { git: false });
    const path = join(dir, "golive.yaml");
    expect(withLock(path, () => existsSync(`${path}.lock`))).toBe(true);
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  test("breaks a lock whose owner on this host is dead, however fresh", () => {
    const dir = tempRepo({}, { git: false });
    lockFile(dir, JSON.stringify({ pid: deadPid(), host: hostname(), at: "now", token: "x" }));
    expect(withLock(join(dir, "golive.yaml"), () => "ran", { timeoutMs: 200 })).toBe("ran");
  });

  test("waits for a live owner however old its lock, then says who holds it (exit 2)", () => {
    const dir = tempRepo({}, { git: false });
    const at = "2027-01-04T09:00:00.000Z";
    lockFile(dir, JSON.stringify({ pid: process.ppid, host: hostname(), at, token: "x" }), 3600);
    const started = Date.now();
    const error = caught(() => withLock(join(dir, "golive.yaml"), () => "ran", { timeoutMs: 300 }));
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(error.code).toBe("locked");
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(
      `golive.yaml is locked by process ${process.ppid} on ${hostname()} since ${at}; waited 0.3 s`,
    );
    expect(error.hint).toContain("if none is running, delete");
  });

  test("waits as long as the lock keeps changing hands: the queue moves, however slowly", async () => {
    const dir = tempRepo({}, { git: false });
    const path = join(dir, "golive.yaml");
    // Another live process takes the lock anew every 150 ms for 1.2 s (as a queue of writers
    // does on a busy machine), then lets it go: longer in all than the 400 ms this one waits.
    const turns = `const { writeFileSync, rmSync } = require("node:fs");
      const lock = ${JSON.stringify(`${path}.lock`)};
      let n = 0;
      const take = () => writeFileSync(lock, JSON.stringify({ pid: process.pid, host: ${JSON.stringify(hostname())}, at: "now", token: String(n++) }));
      take();
      const timer = setInterval(take, 150);
      setTimeout(() => { clearInterval(timer); rmSync(lock); }, 1200);`;
    const child = spawn(process.execPath, ["-e", turns]);
    const ended = new Promise((resolve) => child.on("close", resolve));
    while (!existsSync(`${path}.lock`)) await new Promise((r) => setTimeout(r, 10));
    const started = Date.now();
    expect(withLock(path, () => "ran", { timeoutMs: 400 })).toBe("ran");
    expect(Date.now() - started).toBeGreaterThan(400);
    await ended;
  });

  test("a lock from another host goes stale by age only", () => {
    const dir = tempRepo({}, { git: false });
    const path = join(dir, "golive.yaml");
    const other = JSON.stringify({ pid: 1, host: "elsewhere", at: "then", token: "x" });
    lockFile(dir, other);
    expect(caught(() => withLock(path, () => 0, { timeoutMs: 100 })).code).toBe("locked");
    lockFile(dir, other, 3600);
    expect(withLock(path, () => "ran", { timeoutMs: 100 })).toBe("ran");
  });

  test("an empty lock (its writer died before filling it) goes stale by age", () => {
    const dir = tempRepo({}, { git: false });
    const path = join(dir, "golive.yaml");
    lockFile(dir, "");
    expect(caught(() => withLock(path, () => 0, { timeoutMs: 100 })).code).toBe("locked");
    lockFile(dir, "", 3600);
    expect(withLock(path, () => "ran", { timeoutMs: 100 })).toBe("ran");
  });

  test("releasing leaves alone a lock that is no longer its own", () => {
    const dir = tempRepo({}, { git: false });
    const path = join(dir, "golive.yaml");
    withLock(path, () => lockFile(dir, "someone else's"));
    expect(readFileSync(`${path}.lock`, "utf8")).toBe("someone else's");
  });
});

describe("writeFileAtomic", () => {
  test("replaces the file, keeps its mode, and removes temp files of dead writers", () => {
    const dir = tempRepo({ "golive.yaml": "old\n" }, { git: false });
    const path = join(dir, "golive.yaml");
    const leftover = join(dir, `.golive.yaml.${deadPid()}.abc.tmp`);
    const live = join(dir, `.golive.yaml.${process.ppid}.abc.tmp`);
    writeFileSync(leftover, "half");
    writeFileSync(live, "being written");
    writeFileAtomic(path, "new ünïcode\n".repeat(100_000));
    expect(readFileSync(path, "utf8")).toBe("new ünïcode\n".repeat(100_000));
    expect(existsSync(leftover)).toBe(false);
    expect(existsSync(live)).toBe(true);
  });

  test("a write into a missing folder fails with a message and leaves nothing behind", () => {
    const dir = tempRepo({}, { git: false });
    const error = caught(() => writeFileAtomic(join(dir, "no/such/golive.yaml"), "x"));
    expect(error.code).toBe("unwritable");
    expect(error.message).toBe("cannot write this file: no such file or folder");
    expect(readdirSync(dir)).toEqual([]);
  });
});

function run(cwd: string, args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      env: gitEnv(cwd, { NO_COLOR: "1", ...ENV }),
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("close", (code) => resolve({ code, stderr }));
  });
}

describe("concurrent writers", () => {
  test("20 `golive done` started at once on 20 items all land", async () => {
    const dir = await initRepo(["--date", "2027-03-01"], ENV);
    const ids = (
      JSON.parse((await golive(dir, ["list", "--json"], ENV)).stdout).items as { id: string }[]
    )
      .slice(0, 20)
      .map((item) => item.id);
    const results = await Promise.all(ids.map((id) => run(dir, ["done", id, "--by", `W ${id}`])));
    expect(results.map((r) => r.stderr)).toEqual(ids.map(() => ""));
    expect(results.map((r) => r.code)).toEqual(ids.map(() => 0));
    const state = parse(readFileSync(join(dir, "golive.yaml"), "utf8"));
    for (const id of ids) expect(state.items[id]).toMatchObject({ status: "done", by: `W ${id}` });
    expect(readdirSync(dir).filter((f) => f.includes(".lock") || f.endsWith(".tmp"))).toEqual([]);
  }, 60_000);

  test("a lock left by a crashed golive does not block the next command", async () => {
    const dir = await initRepo(["--date", "2027-03-01"], ENV);
    lockFile(dir, JSON.stringify({ pid: deadPid(), host: hostname(), at: "then", token: "x" }));
    const result = await golive(dir, ["done", "GEN-01", "--by", "Me"], ENV);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(existsSync(join(dir, "golive.yaml.lock"))).toBe(false);
  });
});
