// What dist/golive.cjs was built from: every file the build read (esbuild's own list of its
// inputs, the shipped catalogues, the build script and package.json) with a SHA-1 of its bytes,
// kept in node_modules/.cache. The test run's global set-up builds only when one of them
// changed, so `npm test` after `npm ci` (whose `prepare` built) or after an unchanged run
// starts at once, and never runs a bundle older than its sources.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const record = (root) => join(root, "node_modules/.cache/golive/build-inputs.json");

function digest(root, path) {
  try {
    return createHash("sha1")
      .update(readFileSync(join(root, path)))
      .digest("hex");
  } catch {
    return "absent";
  }
}

/**
 * Records what the build read (paths relative to the package's root) and its options: only a
 * plain build (no `--no-minify`) counts as the one the tests run.
 */
export function recordInputs(paths, options, root = ROOT) {
  const files = {};
  for (const path of [...new Set(paths)].sort()) files[path] = digest(root, path);
  mkdirSync(dirname(record(root)), { recursive: true });
  writeFileSync(record(root), `${JSON.stringify({ options, files })}\n`);
}

/** Whether dist/golive.cjs is there and every file the build read is as it was then. */
export function builtFromCurrentSources(catalogueNames, root = ROOT) {
  let recorded;
  try {
    recorded = JSON.parse(readFileSync(record(root), "utf8"));
  } catch {
    return false;
  }
  if (!Array.isArray(recorded.options) || recorded.options.length > 0) return false;
  const files = recorded.files ?? {};
  // The bundle itself is one of the files: a build that did not finish, or another, differs.
  if (!("dist/golive.cjs" in files)) return false;
  // A catalogue added changes what the build compiles in (one removed is "absent" now).
  for (const name of catalogueNames) if (!(name in files)) return false;
  return Object.entries(files).every(([path, sha]) => digest(root, path) === sha);
}
