/**
 * The one way verify opens a shop's file (`confinedReader`), and the scan that looks through
 * thousands of them for a few words before the rules run (`prescan`), on a second thread.
 *
 * Why a thread: APP-17 looks for private keys in every tracked file and APP-24's text check in
 * every PHP file; that is ~4,200 files (14 MiB) in b2b-demo-marketplace, a third of a run's
 * time, spent in system calls that the other core can make while this one parses PHP and YAML.
 * The rules then read only the few files the scan says may hold the words.
 *
 * Both functions are self-contained (Node's `fs` and `path` are passed in, nothing else outside
 * them is named) because their source is what the worker runs: the scan reads through the same
 * reader as the rules, with the same confinement, and falls back to this thread when no worker
 * can start.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { PrescanAnswer, PrescanRequest } from "../verify/types.js";

type Fs = typeof import("node:fs");
type Path = typeof import("node:path");

/** A request as the scan needs it: without its list of files. */
type ScanRequest = Omit<PrescanRequest, "files">;

/** Per request, the indexes of the files found; and the texts kept, by file index. */
interface ScanFound {
  found: number[][];
  texts: [number, string][];
}

/** Reads one tracked file: its bytes in a buffer from `alloc(size)`, or null. */
export type ConfinedRead = (file: string, alloc: (size: number) => Buffer) => Uint8Array | null;

/**
 * A reader of the files under `root` (whose real path is `realRoot`): only a regular file, only
 * up to `maxBytes`, never through a symbolic link (the file, or a folder on the way) out of
 * `root`, and a FIFO is not waited on. Null for anything else.
 */
export function confinedReader(
  fs: Fs,
  path: Path,
  root: string,
  realRoot: string,
  maxBytes: number,
): ConfinedRead {
  const within = (real: string) => real === realRoot || real.startsWith(realRoot + path.sep);
  // A tracked path whose folder is now a symbolic link (`shared -> ../outside`) leads out of
  // the repository though its last part is a file: each folder is checked once. A real folder
  // in a folder that is inside is inside: one lstat each (a shop has ~2,000 folders, and their
  // real paths cost three times as much); only a link's target is looked up.
  const folders = new Map<string, boolean>();
  const folderInside = (dir: string): boolean => {
    if (dir === "." || dir === "") return true;
    let known = folders.get(dir);
    if (known === undefined) {
      known = false;
      if (folderInside(path.posix.dirname(dir))) {
        let stat: import("node:fs").Stats | undefined;
        try {
          stat = fs.lstatSync(path.join(root, dir), { throwIfNoEntry: false });
        } catch {
          stat = undefined;
        }
        if (stat?.isDirectory()) known = true;
        else if (stat?.isSymbolicLink()) {
          try {
            known = within(fs.realpathSync.native(path.join(root, dir)));
          } catch {
            known = false;
          }
        }
      }
      folders.set(dir, known);
    }
    return known;
  };
  const { constants } = fs;
  // O_NONBLOCK: a tracked path that is a FIFO now must not hang the run; it is not a regular
  // file, so it is not read.
  const flags = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);
  return (file, alloc) => {
    try {
      if (!folderInside(path.posix.dirname(file))) return null;
      const full = path.join(root, file);
      const inside = () => {
        if (!within(fs.realpathSync(full))) throw new Error("outside");
      };
      let fd: number;
      if (constants.O_NOFOLLOW === undefined) {
        if (fs.lstatSync(full).isSymbolicLink()) inside();
        fd = fs.openSync(full, flags);
      } else {
        // O_NOFOLLOW refuses a symlink (ELOOP): only then is its target looked up, which
        // spares every other file an lstat (a verify run opens thousands).
        try {
          fd = fs.openSync(full, flags | constants.O_NOFOLLOW);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (code !== "ELOOP" && code !== "EMLINK") throw error;
          inside();
          fd = fs.openSync(full, flags);
        }
      }
      try {
        const stat = fs.fstatSync(fd);
        const size = stat.size;
        if (!stat.isFile() || size > maxBytes) return null;
        const buffer = alloc(size);
        let read = 0;
        while (read < size) {
          const n = fs.readSync(fd, buffer, read, size - read, read);
          if (n === 0) break;
          read += n;
        }
        return buffer.subarray(0, read);
      } finally {
        fs.closeSync(fd);
      }
    } catch {
      return null;
    }
  };
}

/**
 * For each request, the indexes in `files` of those that may hold its needle (see
 * `PrescanRequest`); `wants[i]` lists the requests that ask about `files[i]`. Each file is read
 * once, into one buffer used again and again. Self-contained: its source runs in the worker.
 */
export function scanNeedles(
  read: ConfinedRead,
  files: readonly string[],
  wants: readonly (readonly number[])[],
  requests: readonly ScanRequest[],
): ScanFound {
  const out: number[][] = requests.map(() => []);
  const texts: [number, string][] = [];
  const decoder = new TextDecoder("utf-8");
  // Case folded by the pattern, not by a lower-case copy of every file.
  const folded = requests.map(
    (r) => new RegExp(r.needle.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&"), "i"),
  );
  let scratch = Buffer.allocUnsafe(64 * 1024);
  const alloc = (size: number) => {
    if (size > scratch.length) scratch = Buffer.allocUnsafe(Math.max(size, scratch.length * 2));
    return scratch;
  };
  for (let i = 0; i < files.length; i++) {
    const asked = wants[i]!;
    if (asked.length === 0) continue;
    const bytes = read(files[i]!, alloc);
    if (bytes === null) continue;
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    // As the rules read text: a NUL byte early on is binary, not text.
    const binary = buf.subarray(0, 8000).includes(0);
    let latin1: string | undefined;
    let nonAscii: boolean | undefined;
    for (const r of asked) {
      const request = requests[r]!;
      let may: boolean;
      if (request.text && binary) may = false;
      else if (!request.ignoreCase) may = buf.includes(request.needle);
      else {
        // Only ASCII text is the same read byte by byte; any other text may hold the needle
        // once case is folded (`K` is the Kelvin sign's lower case), and is read by the rule.
        latin1 ??= buf.toString("latin1");
        may = folded[r]!.test(latin1);
        if (!may) {
          nonAscii ??= /[\u0080-\u00ff]/.test(latin1);
          may = nonAscii;
        }
      }
      if (!may) continue;
      out[r]!.push(i);
      const keep = request.keepText;
      if (keep !== undefined && bytes.length <= keep && texts[texts.length - 1]?.[0] !== i)
        texts.push([i, decoder.decode(bytes)]);
    }
  }
  return { found: out, texts };
}

/**
 * Fewer files than this are scanned on this thread: starting a worker costs about what reading
 * a few hundred files does (tests and small repositories), and a shop has thousands.
 */
export const WORKER_MIN_FILES = 1000;

/** The worker's program: the two functions above, by their own source. */
function workerSource(): string {
  return [
    'const { parentPort, workerData: d } = require("node:worker_threads");',
    `const read = (${confinedReader.toString()})(require("node:fs"), require("node:path"), d.root, d.realRoot, d.maxBytes);`,
    `parentPort.postMessage((${scanNeedles.toString()})(read, d.files, d.wants, d.requests));`,
  ].join("\n");
}

/** What a scan is given: the files, which requests ask about each, and the requests. */
interface ScanData {
  root: string;
  realRoot: string;
  maxBytes: number;
  files: string[];
  wants: number[][];
  requests: ScanRequest[];
}

/** `scanNeedles` on a worker thread; rejects when the worker cannot start or fails. */
export async function scanInWorker(data: ScanData): Promise<ScanFound> {
  const { Worker } = await import("./worker-thread.js");
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerSource(), { eval: true, workerData: data });
    // The run does not wait for the worker to end, nor does an error elsewhere.
    worker.unref();
    let done = false;
    const finish = (found: ScanFound | undefined, error?: unknown) => {
      if (done) return;
      done = true;
      if (found) resolve(found);
      else reject(error ?? new Error("the scan's worker ended without an answer"));
      void worker.terminate();
    };
    worker.once("message", (found: ScanFound) => finish(found));
    worker.once("error", (error) => finish(undefined, error));
    worker.once("exit", () => finish(undefined));
  });
}

/**
 * Which files may hold each request's needle, scanned on a worker thread (on this one when no
 * worker starts or it fails): one set of paths per request, in order.
 */
export async function prescan(
  root: string,
  realRoot: string,
  maxBytes: number,
  requests: readonly PrescanRequest[],
  /** Where to scan; by default on a worker from `WORKER_MIN_FILES` files on. */
  options: { thread?: "worker" | "this" } = {},
): Promise<PrescanAnswer> {
  const index = new Map<string, number>();
  const data: ScanData = { root, realRoot, maxBytes, files: [], wants: [], requests: [] };
  requests.forEach((r, n) => {
    const { files: _, ...request } = r;
    data.requests.push(request);
    for (const file of r.files) {
      let i = index.get(file);
      if (i === undefined) {
        i = data.files.length;
        index.set(file, i);
        data.files.push(file);
        data.wants.push([]);
      }
      data.wants[i]!.push(n);
    }
  });
  const here = () =>
    scanNeedles(
      confinedReader(fs, path, root, realRoot, maxBytes),
      data.files,
      data.wants,
      data.requests,
    );
  let found: ScanFound;
  const thread = options.thread ?? (data.files.length < WORKER_MIN_FILES ? "this" : "worker");
  if (thread === "this") found = here();
  else {
    try {
      found = await scanInWorker(data);
    } catch {
      found = here();
    }
  }
  return {
    found: found.found.map((list) => new Set(list.map((i) => data.files[i]!))),
    texts: new Map(found.texts.map(([i, text]) => [data.files[i]!, text])),
  };
}
