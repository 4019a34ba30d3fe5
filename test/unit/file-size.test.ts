/**
 * Files that do one job: no source file is over 450 lines. A file that grows past it is split
 * by job (as cli/, probe/, core/merge*.ts and io/probe-net.ts were), not into arbitrary halves.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = resolve(import.meta.dirname, "../../src");
const MAX_LINES = 450;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith(".ts") ? [path] : [];
  });
}

describe("source files", () => {
  it(`are at most ${MAX_LINES} lines`, () => {
    const files = sources(SRC);
    expect(files.length).toBeGreaterThan(100);
    const long = files
      .map((f) => ({
        file: relative(SRC, f),
        lines: readFileSync(f, "utf8").split("\n").length - 1,
      }))
      .filter((f) => f.lines > MAX_LINES);
    expect(long).toEqual([]);
  });
});
