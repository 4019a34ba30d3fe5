/**
 * A PHP file php-parser refuses whole (a statement nested thousands deep, a syntax error, more
 * than 512 KiB), read in parts: its top-level statements (secret-php-text.ts
 * `statementChunks`) are parsed in runs, halved around the ones that do not parse, so that one
 * bad statement among 40,000 costs some thirty parses, not 40,000; a block statement that does
 * not parse whole (`namespace X { ... }`) is read inside, four blocks deep. What parses is run
 * (`runs`, in one scope, in the file's order and at its lines); the rest is read as text
 * (`asText`). At most twice the bytes golive parses in a file, and 4,096 parses.
 */
import { MAX_PHP_BYTES, type PhpNode, parsePhp, shiftLines } from "./php-ast.js";
import { firstBlock, statementChunks } from "./secret-php-text.js";

interface Part {
  code: string;
  line: number;
}

/** The line breaks in `text` before `end`. */
function lineBreaks(text: string, end = text.length): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < end; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

/** Parts as one code, each at its line (line breaks between them kept). */
function joined(parts: readonly Part[], lo: number, hi: number): Part {
  let code = "";
  let at = parts[lo]!.line;
  for (let i = lo; i < hi; i++) {
    const p = parts[i]!;
    // Each part ends with `;` or `}`: on the same line, nothing is needed between them.
    if (p.line > at) code += "\n".repeat(p.line - at);
    code += p.code;
    at = p.line + lineBreaks(p.code);
  }
  return { code, line: parts[lo]!.line };
}

export function readInParts(
  text: string,
  runs: (program: PhpNode) => boolean,
  asText: (code: string, from: number) => void,
): void {
  let bytes = 2 * MAX_PHP_BYTES;
  let parses = 4096;
  /** Parses and runs `part`; false when it does not parse or run, or nothing is left to parse. */
  const parsed = (part: Part): boolean => {
    if (parses <= 0 || part.code.length > bytes) return false;
    parses--;
    bytes -= part.code.length;
    const tree = parsePhp(`<?php ${part.code}`);
    if (!tree.ok) return false;
    shiftLines(tree.program, part.line - 1);
    return runs(tree.program);
  };
  const one = (part: Part, depth: number): void => {
    if (parsed(part)) return;
    const block = depth < 4 ? firstBlock(part.code) : undefined;
    if (!block) {
      asText(part.code, part.line);
      return;
    }
    const lineAt = (at: number) => part.line + lineBreaks(part.code, at);
    asText(part.code.slice(0, block.open + 1), part.line);
    all(
      statementChunks(part.code.slice(block.open + 1, block.close)),
      lineAt(block.open + 1),
      depth + 1,
    );
    asText(part.code.slice(block.close), lineAt(block.close));
  };
  /** `whole`: try the parts as one first (not the file's own, which did not parse). */
  const range = (parts: readonly Part[], lo: number, hi: number, depth: number, whole = true) => {
    if (hi - lo === 1) one(parts[lo]!, depth);
    else if (hi > lo && !(whole && parsed(joined(parts, lo, hi)))) {
      const mid = (lo + hi) >> 1;
      range(parts, lo, mid, depth);
      range(parts, mid, hi, depth);
    }
  };
  const all = (chunks: Part[], from: number, depth: number): void => {
    const parts = chunks.map((c) => ({ code: c.code, line: c.line + from - 1 }));
    range(parts, 0, parts.length, depth, depth > 0);
  };
  all(statementChunks(text), 1, 0);
}
