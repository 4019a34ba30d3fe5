/**
 * Runs the bundle's files (dist/main.cjs, edit.cjs, report.cjs) with a V8 code cache kept in
 * the user's cache folder (io/private-file.ts), so that a run does not compile again what the
 * last runs compiled.
 *
 * Most of the bundle's code sits in functions that V8 compiles when they are first called. A
 * cache made when a file is compiled, as Node's own compile cache and the v8-compile-cache
 * package make it, holds little more than the top level; measured on Node 24, Node's made no
 * difference. So the cache is made when a run ends (`createCachedData` then holds every function
 * the run compiled), once for each command, and reused by every later run of any command.
 *
 * V8 refuses cached code made by another V8 version or with other flags, but of the source it
 * checks only the length. So a cache file is named after the exact file it was made for: its
 * content hash from the build, its size and modification time (a file edited or rebuilt since
 * gets a new cache), Node's version, the architecture and the flags Node runs with.
 */
import { closeSync, fstatSync, openSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { Script } from "node:vm";
import { cacheFolder, readPrivateFile, shortHash, writePrivateFile } from "./private-file.js";

/** The content hash of each bundle file, written into the launcher by scripts/build.mjs. */
declare const __GOLIVE_BUNDLES__: Record<string, string> | undefined;

type Exports = Record<string, unknown>;
const loaded = new Map<string, Exports>();
let commandOfRun: () => string | undefined = () => undefined;

/** Tells the cache which command this run is (main.cjs knows, once commander has parsed). */
export function nameRuns(command: () => string | undefined): void {
  commandOfRun = command;
}

/** Runs `dist/<name>.cjs` (once) and returns its exports. */
export function loadBundle(dir: string, name: string): Exports {
  const done = loaded.get(name);
  if (done) return done;
  const filename = join(dir, `${name}.cjs`);
  const fd = openSync(filename, "r");
  let source: string;
  let cacheFile: string | undefined;
  try {
    source = readFileSync(fd, "utf8");
    cacheFile = codeCacheFile(name, fstatSync(fd));
  } finally {
    closeSync(fd);
  }
  const cachedData = cacheFile === undefined ? undefined : readPrivateFile(cacheFile);
  const script = new Script(
    `(function (exports, require, module, __filename, __dirname) {${source}\n})`,
    cachedData === undefined ? { filename } : { filename, cachedData },
  );
  if (cacheFile !== undefined) saveWhenDone(script, cacheFile, script.cachedDataRejected === true);

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

function codeCacheFile(name: string, stat: { size: number; mtimeMs: number }): string | undefined {
  const dir = cacheFolder();
  const built = __GOLIVE_BUNDLES__?.[name];
  if (dir === undefined || built === undefined) return undefined;
  const flags = shortHash([...process.execArgv, process.env.NODE_OPTIONS ?? ""].join("\0"));
  const file = `${built}-${stat.size}-${Math.trunc(stat.mtimeMs)}`;
  return join(dir, `code-${name}-${file}-${process.version}-${process.arch}-${flags}.bin`);
}

/**
 * At exit, writes the cache when there is none (or V8 refused it), and when this command has
 * not run with it yet; `<file>.commands` lists the commands it holds the code of.
 */
function saveWhenDone(script: Script, file: string, rejected: boolean): void {
  process.once("exit", () => {
    try {
      const command = commandOfRun() ?? "-";
      const listed = rejected ? undefined : readPrivateFile(`${file}.commands`)?.toString("utf8");
      const covered = listed?.split("\n") ?? [];
      if (listed !== undefined && covered.includes(command)) return;
      writePrivateFile(file, script.createCachedData());
      writePrivateFile(`${file}.commands`, [...covered, command].join("\n"));
    } catch {
      // The cache stays as it was; this run's output and exit code are what matter.
    }
  });
}
