/**
 * PHP read as PHP: php-parser (glayzzle, pure JavaScript, PHP 8) turns a file into a syntax
 * tree; the evaluator (verify/php-eval.ts) says what each expression is (verify/php-value.ts).
 *
 * The parser is loaded with `loadPhpParser()` before a verify run (verify/index.ts), never by
 * any other command: `golive status` and `check` do not pay for it. A parse error is reported
 * as a line and column, never with the parser's message, which quotes the source.
 */
import type { Engine as PhpEngine } from "php-parser";

type PhpParserModule = typeof import("php-parser");

let engineClass: PhpParserModule["Engine"] | undefined;

/** Loads php-parser once; every verify entry point awaits it before a rule runs. */
export async function loadPhpParser(): Promise<void> {
  if (engineClass) return;
  const mod = (await import("php-parser")) as PhpParserModule & { default?: PhpParserModule };
  engineClass = mod.Engine ?? mod.default?.Engine;
}

/**
 * Larger PHP files are not parsed: configuration is tens of KiB (the largest of three Spryker
 * demo shops' is 58 KiB), and php-parser takes about 1.5 s a MiB. Such a file is reported as
 * unread, never passed.
 */
export const MAX_PHP_BYTES = 512 * 1024;

/** A node of php-parser's tree, read loosely: the evaluator checks `kind` before each field. */
export interface PhpNode {
  kind: string;
  loc?: { start: { line: number; column: number } } | null;
  [field: string]: unknown;
}

export type PhpParse =
  | { ok: true; program: PhpNode }
  | { ok: false; reason: "syntax" | "too-large" | "too-deep"; line?: number; column?: number };

/** Parses `text`; a syntax error, a file too large or nested too deep is a reason, not a throw. */
export function parsePhp(text: string): PhpParse {
  if (!engineClass) throw new Error("php-parser is not loaded: await loadPhpParser() first");
  if (text.length > MAX_PHP_BYTES) return { ok: false, reason: "too-large" };
  const engine: PhpEngine = new engineClass({
    parser: { php8: true, suppressErrors: false, extractDoc: false },
    ast: { withPositions: true, withSource: false },
  });
  try {
    return { ok: true, program: engine.parseCode(text, "") as unknown as PhpNode };
  } catch (error) {
    if (error instanceof RangeError) return { ok: false, reason: "too-deep" };
    const e = error as { lineNumber?: unknown; columnNumber?: unknown };
    return {
      ok: false,
      reason: "syntax",
      ...(typeof e.lineNumber === "number" ? { line: e.lineNumber } : {}),
      ...(typeof e.columnNumber === "number" ? { column: e.columnNumber + 1 } : {}),
    };
  }
}

/**
 * Moves a tree's lines down by `by`: a statement parsed on its own (`<?php` + its code) reads
 * at its line in the file. Iterative: a tree as deep as php-parser makes must not overflow.
 */
export function shiftLines(program: PhpNode, by: number): void {
  if (by === 0) return;
  const stack: unknown[] = [program];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v !== "object" || seen.has(v)) continue;
    seen.add(v);
    if (Array.isArray(v)) {
      for (const c of v) stack.push(c);
      continue;
    }
    const node = v as PhpNode & { loc?: { start: { line: number }; end?: { line: number } } };
    if (node.loc) {
      node.loc.start.line += by;
      if (node.loc.end) node.loc.end.line += by;
    }
    for (const [key, c] of Object.entries(node)) if (key !== "loc") stack.push(c);
  }
}
