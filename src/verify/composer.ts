/**
 * `composer.lock`: the installed packages and their versions, with the line each is on.
 */
import { createHash } from "node:crypto";
import type { Finding } from "../core/verdict.js";
export interface LockedPackage {
  name: string;
  version: string;
  line: number;
  dev: boolean;
}

export interface ComposerLock {
  packages: Map<string, LockedPackage>;
  /** Composer's hash of the composer.json it was made from. */
  contentHash?: string;
}

/** Undefined when the text is not a composer.lock. */
export function parseComposerLock(text: string): ComposerLock | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof data !== "object" || data === null) return undefined;
  const packages = new Map<string, LockedPackage>();
  // Lines: find each `"name": "vendor/package"` once, in order.
  const lineOf = new Map<string, number>();
  const re = /"name"\s*:\s*"([^"]+)"/g;
  let line = 1;
  let nl = text.indexOf("\n");
  for (let m = re.exec(text); m; m = re.exec(text)) {
    while (nl !== -1 && nl < m.index) {
      line++;
      nl = text.indexOf("\n", nl + 1);
    }
    if (!lineOf.has(m[1]!)) lineOf.set(m[1]!, line);
  }
  for (const [key, dev] of [
    ["packages", false],
    ["packages-dev", true],
  ] as const) {
    const list = (data as Record<string, unknown>)[key];
    if (!Array.isArray(list)) continue;
    for (const p of list) {
      const name = (p as { name?: unknown }).name;
      const version = (p as { version?: unknown }).version;
      if (typeof name !== "string" || typeof version !== "string") continue;
      packages.set(name, { name, version, line: lineOf.get(name) ?? 1, dev });
    }
  }
  const hash = (data as Record<string, unknown>)["content-hash"];
  return { packages, ...(typeof hash === "string" ? { contentHash: hash } : {}) };
}

const utf8 = new TextDecoder("utf-8");

/** Whether every character is ASCII. */
function ascii(text: string): boolean {
  return !/[\u0080-\uffff]/.test(text);
}

/**
 * `parseComposerLock` of the file's bytes as UTF-8, for less: a lock file is megabytes (3.6 MiB
 * in b2b-demo-marketplace) with a few non-ASCII characters in descriptions, and decoding it as
 * UTF-8 costs more than parsing it. Its bytes are read one to one as Latin-1 instead: JSON's
 * structure and every key golive looks up are ASCII, no line break is part of a multi-byte
 * character, so the parse and the lines are the same; when a name, version or hash read that
 * way is not ASCII (or the parse fails: a byte order mark), the file is decoded as UTF-8.
 */
export function parseComposerLockBytes(bytes: Uint8Array): ComposerLock | undefined {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  const fast = parseComposerLock(latin1);
  if (
    fast &&
    (fast.contentHash === undefined || ascii(fast.contentHash)) &&
    [...fast.packages.values()].every((p) => ascii(p.name) && ascii(p.version))
  )
    return fast;
  return parseComposerLock(utf8.decode(bytes));
}

/**
 * composer.lock from its bytes (undefined: missing or unreadable), or the finding that says why
 * there is none. As a rule reads text, a NUL byte early on is not text.
 */
export function readComposerLock(
  bytes: Uint8Array | undefined,
  present: boolean,
): { lock?: ComposerLock; problem?: Finding } {
  const file = "composer.lock";
  if (bytes === undefined || bytes.subarray(0, 8000).includes(0))
    return {
      problem: {
        code: present ? "file-unreadable" : "composer-lock-missing",
        result: "unknown",
        file,
      },
    };
  const lock = parseComposerLockBytes(bytes);
  return lock ? { lock } : { problem: { code: "file-unreadable", result: "unknown", file } };
}

/**
 * Composer's `content-hash` of a composer.json text (Composer's `Locker::getContentHash`): the
 * md5 of the keys that decide what gets installed, as PHP's `json_encode` writes them. Undefined
 * when the text is not JSON.
 */
export function composerContentHash(text: string): string | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) return undefined;
  const json = data as Record<string, unknown>;
  const relevant: Record<string, unknown> = {};
  for (const key of [
    "name",
    "version",
    "require",
    "require-dev",
    "conflict",
    "replace",
    "provide",
    "minimum-stability",
    "prefer-stable",
    "repositories",
    "extra",
  ])
    if (key in json) relevant[key] = json[key];
  const platform = (json.config as Record<string, unknown> | undefined)?.platform;
  if (platform !== undefined) relevant.config = { platform };
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(relevant).sort()) sorted[key] = relevant[key];
  return createHash("md5").update(phpJson(sorted)).digest("hex");
}

/** PHP's `json_encode($value, 0)` of decoded JSON: `\/` and `\uXXXX`, `{}` as `[]`. */
function phpJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(phpJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value);
    // PHP decodes objects as arrays: an empty one, or one keyed 0..n-1, is written as a list.
    if (entries.length === 0) return "[]";
    if (entries.every(([k], i) => k === String(i)))
      return `[${entries.map(([, v]) => phpJson(v)).join(",")}]`;
    return `{${entries.map(([k, v]) => `${phpString(k)}:${phpJson(v)}`).join(",")}}`;
  }
  if (typeof value === "string") return phpString(value);
  return JSON.stringify(value);
}

function phpString(text: string): string {
  return JSON.stringify(text)
    .replace(/\//g, "\\/")
    .replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** `v3.15.2` → [3, 15, 2]; undefined for `dev-master` and other non-releases. */
export function parseVersion(text: string): number[] | undefined {
  const m = /^v?(\d+(?:\.\d+){0,3})(?:-?(?:p|patch)\d+)?$/.exec(text.trim());
  return m ? m[1]!.split(".").map(Number) : undefined;
}

export function compareVersions(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
