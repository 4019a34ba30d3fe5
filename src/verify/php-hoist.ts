/**
 * PHP declares the functions and classes a file declares at its top level before it runs the
 * file's statements: `$config[X] = dbPassword();` above `function dbPassword() { ... }` calls
 * it, `new Creds()` above `class Creds { ... }` makes one. golive reads a declaration where it
 * stands, or, when the code above uses it first, at that use, once: where it stands it is then
 * passed over (its hooks are not heard twice).
 */
import type { PhpNode } from "./php-ast.js";
import type { Evaluator } from "./php-flow.js";
import type { PhpScope } from "./php-scope.js";

const CLASSES = new Set(["class", "trait", "interface", "enum"]);

function declares(node: PhpNode): string | undefined {
  const name = (node.name as PhpNode | null)?.name;
  if (typeof name !== "string") return undefined;
  if (node.kind === "function") return `function ${name.toLowerCase()}`;
  return CLASSES.has(node.kind) ? `class ${name.toLowerCase()}` : undefined;
}

/** The declarations among a file's (or a namespace's) statements, known before they run. */
export function declareAhead(statements: readonly PhpNode[], scope: PhpScope): void {
  for (const s of statements) {
    const key = declares(s);
    if (key !== undefined && !scope.ahead.has(key)) scope.ahead.set(key, s);
  }
}

/** Reads `function name` or `class Name` now, when the file declares it further down. */
export function declareNow(
  kind: "function" | "class",
  name: string,
  scope: PhpScope,
  ev: Evaluator,
): void {
  const key = `${kind} ${name.toLowerCase()}`;
  const node = scope.ahead.get(key);
  if (!node) return;
  // Gone before it runs: a function that calls itself does not read itself again.
  scope.ahead.delete(key);
  ev.run(node, scope);
  scope.early.add(node);
}

/** Whether a declaration reached where it stands was read already, at a use above it. */
export function declaredEarly(node: PhpNode, scope: PhpScope): boolean {
  const key = declares(node);
  if (key !== undefined && scope.ahead.get(key) === node) scope.ahead.delete(key);
  return scope.early.has(node);
}
