/**
 * Repository views for rule tests: an inline file tree instead of a folder on disk, with the
 * same size cap and binary test as `io/repo-view.ts`.
 */
import type { RepoView } from "../../src/verify/types.js";

export function memoryRepo(
  files: Record<string, string | Uint8Array>,
  cap = 4 * 1024 * 1024,
  submodules: Record<string, string> = {},
): RepoView {
  const encoder = new TextEncoder();
  const bytes = new Map(
    Object.entries(files).map(([k, v]) => [k, typeof v === "string" ? encoder.encode(v) : v]),
  );
  return {
    files: [...bytes.keys()].sort(),
    has: (path) => bytes.has(path),
    submodule: (path) => submodules[path],
    bytes: (path) => {
      const b = bytes.get(path);
      return b && b.length <= cap ? b : undefined;
    },
    read: (path) => {
      const b = bytes.get(path);
      if (!b || b.length > cap || b.includes(0)) return undefined;
      return new TextDecoder().decode(b);
    },
  };
}

/** `view`, counting how often each path's text and bytes are asked for. */
export function countingRepo(view: RepoView): { repo: RepoView; reads: Map<string, number> } {
  const reads = new Map<string, number>();
  const count = (path: string) => reads.set(path, (reads.get(path) ?? 0) + 1);
  return {
    reads,
    repo: {
      files: view.files,
      has: (path) => view.has(path),
      read: (path) => {
        count(path);
        return view.read(path);
      },
      bytes: (path) => {
        count(path);
        return view.bytes(path);
      },
    },
  };
}
