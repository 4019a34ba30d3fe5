/**
 * What each command loads before it runs (the static imports, followed through src/; an
 * `await import()` is loaded only when its branch runs): `golive check` without --verify
 * loads none of verify's rules nor the YAML editor, and no command loads another.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = resolve(import.meta.dirname, "../../src");

/** The modules in src/ that `file` imports statically, type-only imports left out. */
function staticImports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const found: string[] = [];
  for (const m of text.matchAll(/^(?:import|export)\s+(?!type\s)[^;]*?\sfrom\s+"(\.[^"]+)"/gms)) {
    found.push(resolve(dirname(file), m[1]!.replace(/\.js$/, ".ts")));
  }
  for (const m of text.matchAll(/^import\s+"(\.[^"]+)"/gm)) {
    found.push(resolve(dirname(file), m[1]!.replace(/\.js$/, ".ts")));
  }
  return found;
}

/** Every module `entry` loads before it runs, as paths relative to src/. */
function loadedBy(entry: string): Set<string> {
  const seen = new Set<string>();
  const todo = [resolve(SRC, entry)];
  while (todo.length > 0) {
    const file = todo.pop()!;
    const rel = relative(SRC, file);
    if (seen.has(rel)) continue;
    seen.add(rel);
    todo.push(...staticImports(file));
  }
  return seen;
}

describe("the modules a command loads", () => {
  it("check without --verify loads no verify rule and not the YAML editor", () => {
    const loaded = [...loadedBy("commands/check.ts")];
    expect(loaded).toContain("core/gate.ts");
    expect(loaded.filter((m) => m.startsWith("verify/"))).toEqual([]);
    expect(loaded).not.toContain("work/verify-run.ts");
    expect(loaded).not.toContain("io/repo.ts");
    expect(loaded).not.toContain("io/state-edit.ts");
    // --verify loads them when it is given.
    expect(readFileSync(join(SRC, "commands/check.ts"), "utf8")).toContain(
      'await import("../work/verify-run.js")',
    );
    expect([...loadedBy("work/verify-run.ts")]).toContain("verify/index.ts");
  });

  it("status loads no verify rule either", () => {
    expect([...loadedBy("commands/status.ts")].filter((m) => m.startsWith("verify/"))).toEqual([]);
  });

  it("no command loads another", () => {
    for (const name of readdirSync(join(SRC, "commands"))) {
      const loaded = [...loadedBy(`commands/${name}`)].filter((m) => m.startsWith("commands/"));
      expect(loaded, name).toEqual([`commands/${name}`]);
    }
  });
});
