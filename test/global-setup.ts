import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { builtFromCurrentSources } from "../scripts/build-inputs.mjs";
import { tempRoot } from "./helpers/temp-root.js";

/**
 * Builds dist/golive.cjs unless it was built from exactly the current sources (the build
 * records a digest of every file it read; `npm ci`'s `prepare` has built it), so end-to-end
 * tests never run a stale bundle, and makes the folder that holds what test files share for the whole run (the
 * projects `initRepo` builds); the run's end removes it.
 */
export default function setup(project: TestProject): () => void {
  const catalogues = readdirSync("checklists")
    .filter((name) => name.endsWith(".yaml"))
    .map((name) => `checklists/${name}`);
  if (!builtFromCurrentSources(catalogues)) {
    execFileSync(process.execPath, ["scripts/build.mjs"], { stdio: "inherit" });
  }
  const runDir = mkdtempSync(join(tempRoot(), "golive-run-"));
  project.provide("runDir", runDir);
  return () => rmSync(runDir, { recursive: true, force: true });
}
