import { spawnSync } from "node:child_process";
import { cpSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { expect, test } from "vitest";
import { BIN, tempRepo } from "./helpers/cli.js";

test("the bundle stays small: zod's locales and converters and yaml's CommonJS build are left out", () => {
  // 1.4 MiB before minifying and trimming; every byte is parsed on every run.
  expect(statSync(BIN).size).toBeLessThan(600 * 1024);
  expect(readFileSync(BIN, "utf8")).not.toContain("fromJSONSchema");
});

test("a shipped catalogue edited after the build is read from its file, not the embedded copy", () => {
  // The bundle finds checklists/ beside itself, so a copy of both is an installed golive.
  const install = tempRepo({}, { git: false });
  cpSync(resolve(import.meta.dirname, "../checklists"), join(install, "checklists"), {
    recursive: true,
  });
  cpSync(BIN, join(install, "dist/golive.js"));
  const run = (args: string[]) =>
    spawnSync(process.execPath, [join(install, "dist/golive.js"), ...args], {
      cwd: repo,
      encoding: "utf8",
      env: { PATH: process.env.PATH ?? "", NO_COLOR: "1", GOLIVE_TODAY: "2027-01-04" },
    });
  const repo = tempRepo();
  expect(run(["init", "--date", "2027-03-01"]).status).toBe(0);
  expect(run(["show", "GEN-01"]).stdout).toContain("Share go-live plan");

  const catalogue = join(install, "checklists/spryker-cloud.yaml");
  const text = readFileSync(catalogue, "utf8");
  writeFileSync(
    catalogue,
    text.replace("title: Share go-live plan", "title: Share the plan (edited)"),
  );
  expect(run(["show", "GEN-01"]).stdout).toContain("Share the plan (edited)");
});
