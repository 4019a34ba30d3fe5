/**
 * What each command loads before it runs (the static imports, followed through src/; an
 * `await import()` is loaded only when its branch runs): `golive check` without --verify
 * loads none of verify's rules nor the YAML editor, and no command loads another. And no
 * module of src/ reaches itself through its imports, type-only and lazy ones included.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
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
    // Only the words for recorded evidence's findings, which the plain gate shows.
    expect(loaded.filter((m) => m.includes("verify"))).toEqual(["render/verify-words.ts"]);
    expect(loaded).not.toContain("work/verify-run.ts");
    expect(loaded).not.toContain("io/repo-view.ts");
    expect(loaded).not.toContain("io/state-edit.ts");
    // --verify loads them when it is given, and only then: the lazy import is the branch's.
    expect(readFileSync(join(SRC, "commands/check.ts"), "utf8")).toMatch(
      /options\.verify\s*\?\s*await \(await import\("\.\.\/work\/verify-run\.js"\)\)/,
    );
    expect([...loadedBy("work/verify-run.ts")]).toContain("verify/index.ts");
  });

  it("the program itself loads no command and no verify module: each command is loaded when run", () => {
    const loaded = [...loadedBy("main.ts")];
    expect(loaded).toContain("cli/program.ts");
    expect(loaded.filter((m) => m.startsWith("commands/"))).toEqual([]);
    expect(loaded.filter((m) => m.startsWith("verify/"))).toEqual([]);
    expect(loaded).not.toContain("work/verify-run.ts");
  });

  it("status loads no verify rule either", () => {
    const loaded = [...loadedBy("commands/status.ts")];
    expect(loaded).toContain("core/board.ts");
    expect(loaded.filter((m) => m.includes("verify"))).toEqual(["render/verify-words.ts"]);
    expect(loaded).not.toContain("io/state-edit.ts");
  });

  it("php-parser is loaded by verify only: status with recorded evidence does not load it", () => {
    // Named by one module, and there only as a lazy import() (types aside).
    const naming = sources(SRC).filter((f) => readFileSync(f, "utf8").includes('"php-parser"'));
    expect(naming.map((f) => relative(SRC, f))).toEqual(["verify/php-ast.ts"]);
    const text = readFileSync(join(SRC, "verify/php-ast.ts"), "utf8");
    expect(text.match(/^import [^;]*"php-parser"/gm)).toEqual([
      'import type { Engine as PhpEngine } from "php-parser"',
    ]);
    expect(text).toContain('await import("php-parser")');
    // What status loads to tell unchanged evidence, and what every command loads, leave it out.
    for (const entry of ["commands/status.ts", "commands/check.ts", "work/evidence-inputs.ts"])
      expect([...loadedBy(entry)], entry).not.toContain("verify/php-ast.ts");
    expect([...loadedBy("work/verify-run.ts")]).toContain("verify/php-ast.ts");
  });

  it("worker threads are loaded by a scan that starts one: status with recorded evidence does not load them", () => {
    // Node's own modules that `entry` loads before it runs, type-only imports left out.
    const builtins = (entry: string) =>
      [...loadedBy(entry)].flatMap((m) =>
        [
          ...readFileSync(join(SRC, m), "utf8").matchAll(
            /^(?:import|export)\s+(?!type\s)[^;]*?\sfrom\s+"(node:[^"]+)"/gms,
          ),
        ].map((match) => match[1]!),
      );
    expect(builtins("work/evidence-inputs.ts")).toContain("node:crypto");
    for (const entry of ["commands/status.ts", "work/evidence-inputs.ts", "io/repo-scan.ts"])
      expect(builtins(entry), entry).not.toContain("node:worker_threads");
    expect(builtins("io/worker-thread.ts")).toEqual(["node:worker_threads"]);
    expect(readFileSync(join(SRC, "io/repo-scan.ts"), "utf8")).toContain(
      'await import("./worker-thread.js")',
    );
  });

  it("the CLI loads a command's module only when that command runs", () => {
    const loaded = [...loadedBy("main.ts")];
    expect(loaded).toContain("cli/program.ts");
    expect(loaded).toContain("cli/daily.ts");
    expect(loaded.filter((m) => m.startsWith("commands/"))).toEqual([]);
    // Each registration imports its command lazily, where the verb runs.
    expect(readFileSync(join(SRC, "cli/daily.ts"), "utf8")).toContain(
      'await import("../commands/status.js")',
    );
  });

  it("no command loads another", () => {
    for (const name of readdirSync(join(SRC, "commands"))) {
      const loaded = [...loadedBy(`commands/${name}`)].filter((m) => m.startsWith("commands/"));
      expect(loaded, name).toEqual([`commands/${name}`]);
    }
  });
});

/** Every .ts file under `dir`. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith(".ts") ? [path] : [];
  });
}

/** Every module of src/ that `text`, the source of `file`, names: static, type-only, re-exported or lazy. */
function importsIn(file: string, text: string): string[] {
  const pattern = /(?:^(?:import|export)\b[^;]*?\bfrom\s+|^import\s+|\bimport\()\s*"(\.[^"]+)"/gms;
  return [...text.matchAll(pattern)].map((m) =>
    resolve(dirname(file), m[1]!.replace(/\.js$/, ".ts")),
  );
}

/** The import cycles among `files`: each a list of modules that reach one another. */
function cycles(graph: Map<string, string[]>): string[][] {
  // Tarjan's strongly connected components: a component of two or more modules is a cycle.
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (v: string) => {
    order.set(v, order.size);
    low.set(v, order.get(v)!);
    stack.push(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!order.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, order.get(w)!));
    }
    if (low.get(v) !== order.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      component.push(relative(SRC, w));
    } while (w !== v);
    if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component.sort());
  };
  for (const v of graph.keys()) if (!order.has(v)) visit(v);
  return found;
}

describe("import cycles", () => {
  it("src/ has none, type-only and lazy imports included", () => {
    const graph = new Map(sources(SRC).map((f) => [f, importsIn(f, readFileSync(f, "utf8"))]));
    expect(graph.size).toBeGreaterThan(100);
    expect(cycles(graph)).toEqual([]);
  });

  it("finds a cycle of three modules", () => {
    const a = join(SRC, "core/a.ts");
    const b = join(SRC, "core/b.ts");
    const c = join(SRC, "core/c.ts");
    const graph = new Map([
      [a, [b]],
      [b, [c]],
      [c, [a]],
    ]);
    expect(cycles(graph)).toEqual([["core/a.ts", "core/b.ts", "core/c.ts"]]);
  });

  it("reads type-only imports, re-exports and lazy imports as imports", () => {
    const text =
      'import type { X } from "./x.js";\nexport { y } from "../y.js";\nconst z = await import("./z.js");\n';
    expect(importsIn(join(SRC, "core/a.ts"), text).map((f) => relative(SRC, f))).toEqual([
      "core/x.ts",
      "y.ts",
      "core/z.ts",
    ]);
  });
});
