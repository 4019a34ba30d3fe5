/**
 * The string literals of a PHP file's syntax tree, for APP-17's search for connection strings:
 * every quoted string, heredoc and nowdoc without interpolation, whatever takes it, and the
 * literal a call such as `sprintf` puts where a connection string's password goes.
 */
import { pushAll } from "../core/arrays.js";
import { connectionPasswords, isWrittenPassword } from "./connection-strings.js";
import type { PhpNode } from "./php-ast.js";
import { looksSecretInside, type PhpValue } from "./php-value.js";

/** Calls that fill a template's slots with their other arguments. */
const FILLERS = new Set(["sprintf", "vsprintf", "printf", "str_replace", "str_ireplace", "strtr"]);

/**
 * The string literals of a syntax tree (quoted strings, heredoc and nowdoc without
 * interpolation), with their lines; iterative, as deep as php-parser nests (a tree: no node
 * is reached twice). `filling`: the literals a call such as `sprintf` fills a connection
 * string's password slot with (`templateFilling`).
 */
export function stringLiterals(program: PhpNode): {
  literals: StringValue[];
  filling: StringValue[];
} {
  const literals: StringValue[] = [];
  const filling: StringValue[] = [];
  const stack: unknown[] = [program];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v !== "object") continue;
    if (Array.isArray(v)) {
      for (const c of v) stack.push(c);
      continue;
    }
    const node = v as PhpNode;
    if (typeof node.kind !== "string") continue;
    if ((node.kind === "string" || node.kind === "nowdoc") && typeof node.value === "string") {
      literals.push({ k: "string", s: node.value, line: node.loc?.start.line ?? 1 });
      continue;
    }
    if (node.kind === "call") pushAll(filling, templateFilling(node));
    for (const key in node) if (key !== "loc") stack.push(node[key]);
  }
  return { literals, filling };
}

type StringValue = Extract<PhpValue, { k: "string" }>;

/** A string literal node as a value; undefined for any other node. */
function literalOf(node: unknown): StringValue | undefined {
  const n = node as PhpNode | null | undefined;
  return n?.kind === "string" && typeof n.value === "string"
    ? { k: "string", s: n.value, line: n.loc?.start.line ?? 1 }
    : undefined;
}

/** An array literal's items (the values of its entries); none for any other node. */
function itemsOf(node: unknown): unknown[] {
  const n = node as PhpNode | null | undefined;
  if (n?.kind !== "array" || !Array.isArray(n.items)) return [];
  return n.items.map((e: PhpNode | null) => (e?.kind === "entry" ? e.value : e));
}

/**
 * Which of a format's arguments fills its connection string's password (`amqp://%s:%s@%s`:
 * the second, `%2$s` the second too); undefined when the password is no `%` slot.
 */
function passwordSlot(format: string): number | undefined {
  const m = /:\/\/[^\s/@:]*:(%(?:(\d+)\$)?[sd])@/.exec(format);
  if (!m) return undefined;
  if (m[2] !== undefined) return Number(m[2]) - 1;
  const before = format.slice(0, m.index + m[0].length - m[1]!.length - 1);
  return [...before.matchAll(/%(?:%|(?:\d+\$)?[-+ 0#']*\d*(?:\.\d+)?[bcdeEfFgGosuxX])/g)].filter(
    (c) => c[0] !== "%%",
  ).length;
}

/** Whether `slot` (`{password}`) stands where a connection string's password is in `template`. */
function fillsPassword(template: string, slot: string): boolean {
  return connectionPasswords(template, { inString: true }).some(
    (p) => !isWrittenPassword(p) && p.includes(slot),
  );
}

/**
 * The literal a filling call (`FILLERS`) puts where its template's connection string has its
 * password, when it reads as a secret: `sprintf('amqp://%s:%s@%s', 'shop', '...', 'broker')`,
 * `str_replace('{password}', '...', 'https://u:{password}@h')`, `strtr(...)`. Only that
 * argument: a host name such as `rds-prod-eu1` beside it is none.
 */
function templateFilling(call: PhpNode): StringValue[] {
  const what = call.what as PhpNode | undefined;
  const name = what?.kind === "name" ? String(what.name).replace(/^\\/, "").toLowerCase() : "";
  if (!FILLERS.has(name) || !Array.isArray(call.arguments)) return [];
  const args = call.arguments as unknown[];
  let filler: unknown;
  if (name === "sprintf" || name === "printf" || name === "vsprintf") {
    const format = literalOf(args[0]);
    const slot = format === undefined ? undefined : passwordSlot(format.s);
    if (slot === undefined) return [];
    filler = name === "vsprintf" ? itemsOf(args[1])[slot] : args[1 + slot];
  } else if (name === "strtr") {
    const template = literalOf(args[0]);
    if (template === undefined) return [];
    if (args.length >= 3) {
      const from = literalOf(args[1]);
      if (from && fillsPassword(template.s, from.s)) filler = args[2];
    } else {
      const map = args[1] as PhpNode | undefined;
      for (const e of map?.kind === "array" && Array.isArray(map.items) ? map.items : []) {
        const key = literalOf((e as PhpNode | null)?.key);
        if (key && fillsPassword(template.s, key.s)) filler = (e as PhpNode).value;
      }
    }
  } else {
    // str_replace / str_ireplace (search, replace, subject), each a string or a list.
    const template = literalOf(args[2]);
    if (template === undefined) return [];
    const single = literalOf(args[0]);
    const searches = single ? [args[0]] : itemsOf(args[0]);
    const replaces = literalOf(args[1]) ? [args[1]] : itemsOf(args[1]);
    searches.forEach((search, i) => {
      const slot = literalOf(search);
      if (slot && fillsPassword(template.s, slot.s)) filler = single ? args[1] : replaces[i];
    });
  }
  const value = literalOf(filler);
  return value && looksSecretInside(value.s) ? [value] : [];
}
