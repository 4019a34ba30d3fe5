import { spawnSync } from "node:child_process";
import { cpSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { expect, test } from "vitest";
import { BIN, CACHE_DIR, tempRepo } from "./helpers/cli.js";

/** The entry and every chunk it imports statically: what every run loads. */
function startupFiles(): string[] {
  const files = [BIN];
  for (let i = 0; i < files.length; i++) {
    const code = readFileSync(files[i]!, "utf8");
    for (const [, path] of code.matchAll(/from\s*"(\.\/[^"]+\.js)"/g)) {
      const file = resolve(dirname(files[i]!), path!);
      if (!files.includes(file)) files.push(file);
    }
  }
  return files;
}

test("the bundle stays small: zod's locales and converters and yaml's CommonJS build are left out", () => {
  const all = readdirSync(dirname(BIN), { recursive: true, encoding: "utf8" })
    .map((f) => join(dirname(BIN), f))
    .filter((f) => f.endsWith(".js"));
  // 1.4 MiB before minifying and trimming.
  expect(all.reduce((sum, f) => sum + statSync(f).size, 0)).toBeLessThan(600 * 1024);
  expect(all.some((f) => readFileSync(f, "utf8").includes("fromJSONSchema"))).toBe(false);
});

test("what every run loads holds neither the YAML parser nor zod: reads from the cache need neither", () => {
  const files = startupFiles();
  expect(files.length).toBeLessThanOrEqual(3);
  const code = files.map((f) => readFileSync(f, "utf8")).join("\n");
  expect(code.length).toBeLessThan(250 * 1024);
  // yaml's and zod's own error texts: present in the bundle, absent from the start-up files.
  expect(code).not.toContain("Implicit keys need to be on a single line");
  expect(code).not.toContain("Invalid input");
});

test("a shipped catalogue edited after the build is read from its file, not the embedded copy", () => {
  // The bundle finds checklists/ beside itself, so a copy of both is an installed golive.
  const install = tempRepo({}, { git: false });
  cpSync(resolve(import.meta.dirname, "../checklists"), join(install, "checklists"), {
    recursive: true,
  });
  cpSync(dirname(BIN), join(install, "dist"), { recursive: true });
  const run = (args: string[]) =>
    spawnSync(process.execPath, [join(install, "dist/golive.js"), ...args], {
      cwd: repo,
      encoding: "utf8",
      env: {
        PATH: process.env.PATH ?? "",
        NO_COLOR: "1",
        GOLIVE_TODAY: "2027-01-04",
        GOLIVE_CACHE_DIR: CACHE_DIR,
      },
    });
  const repo = tempRepo();
  expect(run(["init", "--date", "2027-03-01"]).status).toBe(0);
  expect(run(["show", "GEN-01"]).stdout).toContain("Share go-live plan");
  // The second read comes from the cache, which must notice the edit below as well.
  expect(run(["show", "GEN-01"]).stdout).toContain("Share go-live plan");

  const catalogue = join(install, "checklists/spryker-cloud.yaml");
  const text = readFileSync(catalogue, "utf8");
  writeFileSync(
    catalogue,
    text.replace("title: Share go-live plan", "title: Share the plan (edited)"),
  );
  expect(run(["show", "GEN-01"]).stdout).toContain("Share the plan (edited)");
});
