// @module-tag process
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { parse } from "yaml";
import { BIN, gitEnv, golive, initRepo } from "../helpers/cli.js";

const ENV = { GOLIVE_TODAY: "2027-01-04" };

/** Starts `golive args` and SIGKILLs it after `delayMs`, or lets it finish first. */
function killedAfter(cwd: string, args: string[], delayMs: number): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      env: gitEnv(cwd, { NO_COLOR: "1", ...ENV }),
      stdio: "ignore",
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), delayMs);
    child.on("close", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

test("a writer killed at any moment leaves the old file or the new one, never a part", async () => {
  // A fixed seed: a failure is replayed exactly.
  const seed = 20270301;
  let random = seed;
  const next = () => {
    random = (random * 1103515245 + 12345) % 2 ** 31;
    return random / 2 ** 31;
  };
  const dir = await initRepo(["--date", "2027-03-01"], ENV);
  const ids = (
    JSON.parse((await golive(dir, ["list", "--json"], ENV)).stdout).items as { id: string }[]
  )
    .map((item) => item.id)
    .slice(0, 20);
  const note = "a note long enough to make the file bigger ".repeat(200).trim();
  const done: string[] = [];
  const outcomes = { old: 0, new: 0 };
  // Kill delays scale with how long a whole write takes on this machine, now.
  const started = Date.now();
  await killedAfter(dir, ["start", ids.at(-1)!, "--by", "Crash Test"], 60_000);
  const whole = Date.now() - started;
  for (const id of ids) {
    const before = readFileSync(join(dir, "golive.yaml"), "utf8");
    // Mostly from a third of a whole run to a little more than one (before, during and after
    // the write); every tenth kill comes surely too early or surely too late, so that both
    // outcomes occur however fast or slow the machine is today.
    const index = ids.indexOf(id);
    const delay =
      index % 10 === 0 ? whole * 0.05 : index % 10 === 5 ? whole * 3 : whole * (0.3 + next() * 1.1);
    await killedAfter(dir, ["done", id, "--note", note, "--by", "Crash Test"], delay);
    const after = readFileSync(join(dir, "golive.yaml"), "utf8");
    const state = parse(after);
    expect(state.items, `seed ${seed}, item ${id}`).toBeTypeOf("object");
    if (after === before) {
      outcomes.old++;
    } else {
      outcomes.new++;
      expect(state.items[id], `seed ${seed}, item ${id}`).toMatchObject({ status: "done", note });
      done.push(id);
    }
    for (const earlier of done) expect(state.items[earlier].status).toBe("done");
  }
  // Both outcomes happened, or the test proved nothing about one of them.
  expect(outcomes.old, `seed ${seed}`).toBeGreaterThan(0);
  expect(outcomes.new, `seed ${seed}`).toBeGreaterThan(0);
  // The next complete write clears whatever the killed writers left: lock and temp files.
  expect((await golive(dir, ["done", ids[0]!, "--by", "Crash Test"], ENV)).code).toBe(0);
  expect((await golive(dir, ["check"], ENV)).stderr).toBe("");
  expect(readdirSync(dir).filter((f) => f.startsWith(".golive") || f.endsWith(".lock"))).toEqual(
    [],
  );
}, 60_000);
