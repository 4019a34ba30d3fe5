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
 * checks only the length. So a cache file holds a copy of the source it was made from, and is
 * used only when that copy equals the file byte for byte (a native comparison: hashing the file
 * in JavaScript, or loading node:crypto, would cost more than the cache saves). Its name holds
 * the bundle file's content hash from the build, Node's version, the architecture and the flags
 * Node runs with, so that two installs or two Node versions keep caches of their own.
 */
import { readFileSync } from "node:fs";
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
  const source = readFileSync(filename);
  const cacheFile = codeCacheFile(name);
  const cachedData = cacheFile === undefined ? undefined : cachedCode(cacheFile, source);
  const script = new Script(
    `(function (exports, require, module, __filename, __dirname) {${source.toString("utf8")}\n})`,
    cachedData === undefined ? { filename } : { filename, cachedData },
  );
  if (cacheFile !== undefined) {
    const usable = cachedData !== undefined && script.cachedDataRejected !== true;
    saveWhenDone(script, cacheFile, source, usable);
  }

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

function codeCacheFile(name: string): string | undefined {
  const dir = cacheFolder();
  const built = __GOLIVE_BUNDLES__?.[name];
  if (dir === undefined || built === undefined) return undefined;
  const flags = shortHash([...process.execArgv, process.env.NODE_OPTIONS ?? ""].join("\0"));
  return join(dir, `code-${name}-${built}-${process.version}-${process.arch}-${flags}.bin`);
}

/** The cached code in `file`, if it was made from exactly `source`. */
function cachedCode(file: string, source: Buffer): Buffer | undefined {
  const bytes = readPrivateFile(file);
  if (bytes === undefined || bytes.length < 4) return undefined;
  const length = bytes.readUInt32LE(0);
  if (length !== source.length || bytes.length <= 4 + length) return undefined;
  return bytes.subarray(4, 4 + length).equals(source) ? bytes.subarray(4 + length) : undefined;
}

/**
 * At exit, writes the cache when there is none that V8 took, and when this command has not
 * run with it yet; `<file>.commands` lists the commands whose code it holds, and counts only
 * beside a cache that was used.
 */
function saveWhenDone(script: Script, file: string, source: Buffer, usable: boolean): void {
  process.once("exit", () => {
    try {
      const command = commandOfRun() ?? "-";
      const listed = usable ? readPrivateFile(`${file}.commands`)?.toString("utf8") : undefined;
      const covered = listed?.split("\n") ?? [];
      if (listed !== undefined && covered.includes(command)) return;
      const length = Buffer.alloc(4);
      length.writeUInt32LE(source.length, 0);
      if (writePrivateFile(file, [length, source, script.createCachedData()])) {
        writePrivateFile(`${file}.commands`, [...covered, command].join("\n"));
      }
    } catch {
      // The cache stays as it was; this run's output and exit code are what matter.
    }
  });
}
