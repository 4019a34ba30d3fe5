import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { tempRoot } from "./helpers/temp-root.js";

/**
 * Builds dist/golive.cjs from the current sources, so end-to-end tests never run a stale
 * bundle, and makes the folder that holds what test files share for the whole run (the
 * projects `initRepo` builds); the run's end removes it.
 */
export default function setup(project: TestProject): () => void {
  execFileSync(process.execPath, ["scripts/build.mjs"], { stdio: "inherit" });
  const runDir = mkdtempSync(join(tempRoot(), "golive-run-"));
  project.provide("runDir", runDir);
  return () => rmSync(runDir, { recursive: true, force: true });
}
