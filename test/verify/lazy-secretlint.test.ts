/**
 * secretlint is loaded only when APP-17 is checked: no module imports it statically, so the
 * bundle keeps its modules wrapped and `golive status` (or any other command) never runs them.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { expect, test } from "vitest";

const SRC = resolve(import.meta.dirname, "../../src");

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(join(dir, e.name))
      : e.name.endsWith(".ts")
        ? [join(dir, e.name)]
        : [],
  );
}

test("secretlint is only ever imported dynamically, from verify/tokens.ts", () => {
  const importers: string[] = [];
  for (const file of sources(SRC)) {
    const text = readFileSync(file, "utf8");
    if (/^import[^;]*["']@secretlint\//m.test(text)) importers.push(`${file}: static`);
    if (/import\(\s*["']@secretlint\//.test(text)) importers.push(file.slice(SRC.length + 1));
  }
  expect(importers).toEqual(["verify/tokens.ts"]);
});
