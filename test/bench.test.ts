import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { expect, test } from "vitest";

// The benchmark is not part of the test run (`npm run bench` measures); this proves it still runs.
test("the benchmark runs end to end in --quick mode", () => {
  const result = spawnSync(
    process.execPath,
    [resolve(import.meta.dirname, "../bench/run.mjs"), "--quick"],
    {
      encoding: "utf8",
      timeout: 120_000,
    },
  );
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
  expect(result.stdout).toMatch(/spryker: status .* MiB/);
  expect(result.stdout).toMatch(/verify: 300 files .* MiB/);
  expect(result.stdout).toMatch(/200 items: done /);
  expect(result.stdout).toContain("no quadratic step");
}, 120_000);
