// @module-tag process
/**
 * A reader that closes the pipe early (`| true`, `| head`) ends golive quietly, as it does git:
 * no "Error: write EPIPE" and no stack trace, the command's own exit code.
 */
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { BIN, gitEnv, goliveBin, tempRepo } from "../helpers/cli.js";

describe("a closed pipe", () => {
  it.each([
    [["export", "--format", "ics"], 0],
    [["check", "--format", "junit"], 1],
  ])("golive %j | true exits %i without a word", (args, code) => {
    const repo = tempRepo();
    const env = { GOLIVE_TODAY: "2027-02-10", NO_COLOR: "1" };
    expect(goliveBin(repo, ["init", "--date", "2027-03-01"], env).code).toBe(0);
    // --today, not GOLIVE_TODAY: check would say that day is not the clock's.
    const quoted = ["--today", "2027-02-10", ...args].map((a) => `'${a}'`).join(" ");
    const run = spawnSync(
      "bash",
      ["-c", `set -o pipefail; '${process.execPath}' '${BIN}' ${quoted} | true`],
      { cwd: repo, encoding: "utf8", env: { ...gitEnv(repo), ...env }, timeout: 60_000 },
    );
    expect(run.stderr).toBe("");
    expect(run.status).toBe(code);
  });
});
