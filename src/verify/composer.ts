/**
 * `composer.lock`: the installed packages and their versions, with the line each is on.
 */
export interface LockedPackage {
  name: string;
  version: string;
  line: number;
  dev: boolean;
}

export interface ComposerLock {
  packages: Map<string, LockedPackage>;
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
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    for (let i = last; i < m.index; i++) if (text.charCodeAt(i) === 10) line++;
    last = m.index;
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
  return { packages };
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
