// What dist/golive.cjs was built from: every file the build read (esbuild's own list of its
// inputs, the shipped catalogues, the build script and package.json) with a SHA-1 of its bytes,
// kept in node_modules/.cache. The test run's global set-up builds only when one of them
// changed, so `npm test` after `npm ci` (whose `prepare` built) or after an unchanged run
// starts at once, and never runs a bundle older than its sources.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, posix } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const record = (root) => join(root, "node_modules/.cache/golive/build-inputs.json");
const BUNDLE = "dist/golive.cjs";
/** What a file changed while the build ran is recorded as: no file's digest, so never current. */
const CHANGED_DURING_BUILD = "changed-during-build";

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
 * The files esbuild consults beside the ones it bundles, which its metafile does not list: each
 * folder's package.json (`main`, `exports`, `sideEffects`, `type`) and tsconfig.json or
 * jsconfig.json (`useDefineForClassFields` follows tsconfig's `target`) from every input's folder
 * up to the root; and beside each TypeScript source, the files esbuild would take in its place
 * (`import "./a.js"` is a.js before a.ts, `import "./a"` a.tsx before a.ts). One absent now is
 * recorded as absent: adding it later changes the bundle too.
 */
function configsAround(paths) {
  const out = [];
  const seen = new Set();
  for (const path of paths) {
    const ts = /^(?!node_modules\/)(.*)\.ts$/.exec(path);
    if (ts) out.push(`${ts[1]}.js`, `${ts[1]}.tsx`);
    // dirname(".") is ".": the walk ends at the root, or at a folder another path walked.
    for (let dir = posix.dirname(path); !seen.has(dir); dir = posix.dirname(dir)) {
      seen.add(dir);
      for (const name of ["package.json", "tsconfig.json", "jsconfig.json"])
        out.push(dir === "." ? name : `${dir}/${name}`);
    }
  }
  return out;
}

function changedSince(root, path, startedAt) {
  try {
    return statSync(join(root, path)).mtimeMs >= startedAt;
  } catch {
    return false;
  }
}

/**
 * Records what the build read (paths relative to the package's root) and its options: only a
 * plain build (no `--no-minify`) counts as the one the tests run. `startedAt` (Date.now() before
 * the build read anything): a source saved while the build ran may be newer than what esbuild
 * bundled, and its digest taken now would pass that bundle for current.
 */
export function recordInputs(paths, options, root = ROOT, startedAt = Number.POSITIVE_INFINITY) {
  const files = {};
  for (const path of [...new Set([...paths, ...configsAround(paths)])].sort())
    files[path] =
      path !== BUNDLE && changedSince(root, path, startedAt)
        ? CHANGED_DURING_BUILD
        : digest(root, path);
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
  if (!(BUNDLE in files)) return false;
  // A catalogue added changes what the build compiles in (one removed is "absent" now).
  for (const name of catalogueNames) if (!(name in files)) return false;
  return Object.entries(files).every(([path, sha]) => digest(root, path) === sha);
}
