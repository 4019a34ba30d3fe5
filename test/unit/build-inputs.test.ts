/**
 * The test run builds dist/golive.cjs only when a file the last build read changed
 * (scripts/build-inputs.mjs): a stale bundle must never pass for a current one.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { builtFromCurrentSources, recordInputs } from "../../scripts/build-inputs.mjs";
import { tempDir } from "../helpers/cli.js";

function built(): string {
  const root = tempDir();
  mkdirSync(join(root, "src"));
  mkdirSync(join(root, "dist"));
  mkdirSync(join(root, "checklists"));
  writeFileSync(join(root, "src/main.ts"), "export {};\n");
  writeFileSync(join(root, "checklists/a.yaml"), "items: []\n");
  writeFileSync(join(root, "dist/golive.cjs"), "// bundle\n");
  recordInputs(["src/main.ts", "checklists/a.yaml", "dist/golive.cjs"], [], root);
  return root;
}

test("a bundle built from the files as they are is current", () => {
  expect(builtFromCurrentSources(["checklists/a.yaml"], built())).toBe(true);
});

test("a changed or removed source, a changed bundle, a new catalogue: build again", () => {
  const changed = built();
  writeFileSync(join(changed, "src/main.ts"), "export const x = 1;\n");
  expect(builtFromCurrentSources(["checklists/a.yaml"], changed)).toBe(false);

  const removed = built();
  rmSync(join(removed, "src/main.ts"));
  expect(builtFromCurrentSources(["checklists/a.yaml"], removed)).toBe(false);

  const bundle = built();
  writeFileSync(join(bundle, "dist/golive.cjs"), "// another build\n");
  expect(builtFromCurrentSources(["checklists/a.yaml"], bundle)).toBe(false);

  const added = built();
  writeFileSync(join(added, "checklists/b.yaml"), "items: []\n");
  expect(builtFromCurrentSources(["checklists/a.yaml", "checklists/b.yaml"], added)).toBe(false);
});

test("no record, or a build with options (--no-minify), is not taken as current", () => {
  expect(builtFromCurrentSources([], tempDir())).toBe(false);
  const root = built();
  recordInputs(["src/main.ts", "dist/golive.cjs"], ["--no-minify"], root);
  expect(builtFromCurrentSources([], root)).toBe(false);
  recordInputs(["src/main.ts"], [], root);
  expect(builtFromCurrentSources([], root)).toBe(false);
});

test("a file esbuild consults but does not bundle changed or appeared: build again", () => {
  // tsconfig.json's target decides how esbuild compiles class fields; a package's package.json
  // which of its files is bundled (main, exports) and what is dropped (sideEffects).
  const tsconfig = built();
  writeFileSync(join(tsconfig, "tsconfig.json"), '{ "compilerOptions": { "target": "ES2020" } }\n');
  expect(builtFromCurrentSources(["checklists/a.yaml"], tsconfig)).toBe(false);

  const pkg = built();
  mkdirSync(join(pkg, "node_modules/dep"), { recursive: true });
  writeFileSync(join(pkg, "node_modules/dep/index.js"), "module.exports = 1;\n");
  writeFileSync(join(pkg, "node_modules/dep/package.json"), '{ "main": "index.js" }\n');
  recordInputs(["src/main.ts", "node_modules/dep/index.js", "dist/golive.cjs"], [], pkg);
  expect(builtFromCurrentSources([], pkg)).toBe(true);
  writeFileSync(join(pkg, "node_modules/dep/package.json"), '{ "main": "other.js" }\n');
  expect(builtFromCurrentSources([], pkg)).toBe(false);
});

test("a source saved while the build ran: its digest now may not be what was bundled, build again", () => {
  const root = built();
  const before = Date.now() - 60_000;
  recordInputs(["src/main.ts", "checklists/a.yaml", "dist/golive.cjs"], [], root, before);
  expect(builtFromCurrentSources(["checklists/a.yaml"], root)).toBe(false);
  // The bundle is written by the build itself; sources older than the build are its inputs.
  recordInputs(
    ["src/main.ts", "checklists/a.yaml", "dist/golive.cjs"],
    [],
    root,
    Date.now() + 60_000,
  );
  expect(builtFromCurrentSources(["checklists/a.yaml"], root)).toBe(true);
});

test("a file that would shadow a source (a.js beside a.ts, as a stray tsc emit leaves): build again", () => {
  const root = built();
  writeFileSync(join(root, "src/main.js"), "export {};\n");
  expect(builtFromCurrentSources(["checklists/a.yaml"], root)).toBe(false);
});
