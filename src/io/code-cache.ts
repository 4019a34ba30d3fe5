/**
 * Runs the bundle's files (dist/main.cjs, edit.cjs, report.cjs) with a V8 code cache kept in
 * the user's cache folder (io/cache.ts), so that a run does not compile again what the last runs
 * compiled.
 *
 * Most of the bundle's code sits in functions that V8 compiles when they are first called. A
 * cache made when a file is compiled, as Node's own compile cache and the v8-compile-cache
 * package make it, holds little more than the top level; measured on Node 24, Node's made no
 * difference. So the cache is made when a run ends (`createCachedData` then holds every function
 * the run compiled), once for each command, and reused by every later run of any command.
 *
 * V8 refuses cached code made by another V8 version or with other flags, but it checks only
 * the source's length, not its text: so the file name holds golive's build, Node's version and
 * the architecture, and only files owned by the user are read.
 */
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { Script } from "node:vm";
import { cacheDir, readPrivateFile, writePrivateFile } from "./cache.js";

declare const __GOLIVE_BUILD__: string | undefined;

type Exports = Record<string, unknown>;
const loaded = new Map<string, Exports>();

/** Runs `dist/<name>.cjs` (once) and returns its exports. */
export function loadBundle(dir: string, name: string): Exports {
  const done = loaded.get(name);
  if (done) return done;
  const filename = join(dir, `${name}.cjs`);
  const source = readFileSync(filename, "utf8");
  const cache = codeCacheFile(name);
  const cachedData = cache === undefined ? undefined : readPrivateFile(cache.file);
  const script = new Script(
    `(function (exports, require, module, __filename, __dirname) {${source}\n})`,
    cachedData === undefined ? { filename } : { filename, cachedData },
  );
  if (cache !== undefined) saveWhenDone(script, cache, script.cachedDataRejected === true);

  const nodeRequire = createRequire(filename);
  // The bundle's files require each other as ./edit.cjs and ./report.cjs: they load here too.
  const require = Object.assign(
    (id: string) =>
      /^\.\/[a-z]+\.cjs$/.test(id) ? loadBundle(dir, id.slice(2, -4)) : nodeRequire(id),
    nodeRequire,
  );
  const module = { exports: {} as Exports };
  loaded.set(name, module.exports);
  (script.runInThisContext() as (...args: unknown[]) => void)(
    module.exports,
    require,
    module,
    filename,
    dir,
  );
  loaded.set(name, module.exports);
  return module.exports;
}

interface CodeCache {
  dir: string;
  /** `code-<bundle file>-`: every cache file of this bundle file starts so. */
  prefix: string;
  /** The prefix and this build: the files of other builds are stale. */
  buildPrefix: string;
  file: string;
}

function codeCacheFile(name: string): CodeCache | undefined {
  const dir = cacheDir();
  if (dir === undefined || typeof __GOLIVE_BUILD__ !== "string") return undefined;
  const prefix = `code-${name}-`;
  const buildPrefix = `${prefix}${__GOLIVE_BUILD__.replace(/[^\w.+]/g, "_")}-`;
  return {
    dir,
    prefix,
    buildPrefix,
    file: join(dir, `${buildPrefix}${process.version}-${process.arch}.bin`),
  };
}

/** The command a run is for: each one adds the functions it compiles to the cache once. */
function commandOf(argv: readonly string[]): string {
  const word = argv.slice(2).find((a) => /^[a-z][a-z-]{0,30}$/.test(a));
  return word ?? "-";
}

/**
 * At exit, writes the cache when there is none (or V8 refused it), and when this command has
 * not run with it yet; `<file>.commands` lists the commands it holds the code of.
 */
function saveWhenDone(script: Script, cache: CodeCache, rejected: boolean): void {
  process.once("exit", () => {
    const command = commandOf(process.argv);
    const listed = rejected
      ? undefined
      : readPrivateFile(`${cache.file}.commands`)?.toString("utf8");
    const covered = listed?.split("\n") ?? [];
    if (listed !== undefined && covered.includes(command)) return;
    if (listed === undefined) removeOtherBuilds(cache);
    writePrivateFile(cache.file, script.createCachedData());
    writePrivateFile(`${cache.file}.commands`, [...covered, command].join("\n"));
  });
}

/** A new build of golive starts new cache files: those of the builds before it go. */
function removeOtherBuilds(cache: CodeCache): void {
  try {
    for (const name of readdirSync(cache.dir)) {
      if (name.startsWith(cache.prefix) && !name.startsWith(cache.buildPrefix)) {
        rmSync(join(cache.dir, name), { force: true });
      }
    }
  } catch {
    // Old files stay: harmless.
  }
}
