/**
 * APP-17 in PHP configuration (`config/**\/*.php`, the installer's `UserConfig.php`): literal
 * secrets, read as PHP (verify/php-eval.ts). A value the evaluator cannot resolve to a literal,
 * an environment read or a known safe shape is searched for the literals it is built from
 * (`literalsIn`); a file it cannot read as PHP is read as text (verify/secret-php-text.ts).
 * Hits carry the file, the line and the key's name, never the value.
 */
import type { FindingCode } from "../core/verdict.js";
import { connectionPasswords, isPasswordWord, isWrittenPassword } from "./connection-strings.js";
import { type Facts, phpUnreadable } from "./facts.js";
import type { PhpNode } from "./php-ast.js";
import { resolvePath } from "./php-config.js";
import { newScope, type PhpHooks, type PhpScope, run } from "./php-eval.js";
import { entryAt } from "./php-flow.js";
import { readInParts } from "./php-parts.js";
import { stringLiterals } from "./php-strings.js";
import {
  isPlaceholder,
  kindOf,
  literalLine,
  literalsIn,
  looksSecretInside,
  type PhpEntry,
  type PhpValue,
  returned,
  type ValueKind,
} from "./php-value.js";
import type { SecretHit } from "./secret-literals.js";
import { isSecretName, withoutSecrets } from "./secret-names.js";
import { textLiterals } from "./secret-php-text.js";

/** What a PHP file returns at its top level, read on its own (`include` for what it requires). */
function returnedBy(
  facts: Facts,
  path: string,
  include: PhpHooks["include"],
): PhpValue | undefined {
  const parsed = facts.php(path);
  if (!parsed?.ok) return undefined;
  const scope = newScope(path, { include });
  scope.stopAtReturn = true;
  scope.returns = [];
  try {
    run(parsed.program, scope);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return undefined;
  }
  return returned(scope.returns, 1);
}

function valueFinding(
  kind: ValueKind,
  literalCode: FindingCode,
  throwaway: boolean,
): { code: FindingCode; result: "fail" | "warn" } | undefined {
  const result = throwaway ? "warn" : "fail";
  if (kind === "literal") return { code: literalCode, result };
  if (kind === "fallback") return { code: "secret-config-fallback", result };
  if (kind === "placeholder") return { code: "secret-placeholder", result: "warn" };
  return undefined;
}

/** Keys under a secret-named one whose value is the secret: `['value' => 'x']`, a list item. */
const NEUTRAL_KEY = /^(?:value|val|default|\d+)$/i;

/**
 * A store's or a locale's code, as Spryker names stores, regions and locales (`DE`, `EU`,
 * `DE_B2B`, `de_DE`): one value a store.
 */
const STORE_CODE = /^(?:(?!ID)[A-Z]{2}(?:_[A-Z0-9]{1,3})?|[a-z]{2}_[A-Z]{2})$/;

/** The entries of an array under a secret-named key that hold its value. */
const holdsValue = (e: PhpEntry): boolean =>
  e.name === undefined ||
  NEUTRAL_KEY.test(e.name) ||
  STORE_CODE.test(e.name) ||
  isSecretName(e.name);

/** Guzzle's `'auth' => [user, password, type]`: the password, when the entry is that shape. */
function authPassword(name: string, value: PhpValue): PhpValue | undefined {
  if (name.toLowerCase() !== "auth" || value.k !== "array") return undefined;
  const password = entryAt(value, "1");
  // A list of routes, methods or roles under `auth` is no [user, password]: the second item
  // must read as a secret (letters and digits, not a word), or be a stand-in for one.
  if (password?.k !== "string") return undefined;
  const user = entryAt(value, "0");
  if (user?.k === "string" && AUTH_METHOD.test(user.s)) return undefined;
  return looksSecretInside(password.s) || isPlaceholder(password.s) ? password : undefined;
}

/** Names of ways to authenticate: a list of them under `auth` (`['basic', 'oauth2']`). */
const AUTH_METHOD =
  /^(?:basic|digest|ntlm|negotiate|bearer|oauth2?|jwt|token|session|form|cookie|api[-_]?key|none|anonymous)$/i;

/**
 * Whether an array entry's name holds a secret. A bare `key` does only beside a secret-named
 * sibling (`'key' => ..., 'secret' => ...`): a sort's `'key' => 'name'` is not one.
 */
function secretEntry(entry: PhpEntry, siblings: readonly PhpEntry[]): boolean {
  const name = entry.name;
  if (name === undefined || !isSecretName(name)) return false;
  if (name.toLowerCase() !== "key") return true;
  return siblings.some(
    (s) =>
      s !== entry && s.name !== undefined && s.name.toLowerCase() !== "key" && isSecretName(s.name),
  );
}

/**
 * The arrays walked in a file, each with the shallowest depth it was walked at and its size
 * then (an object, or an array past php-flow's copy limit, grows in place).
 */
type Walked = Map<PhpValue, { depth: number; size: number }>;

/**
 * The literals in an array under a secret-named key: its neutral entries, at any depth. An
 * array already walked in the file, as deep or deeper, is not walked again: variables share
 * arrays (`$b = [$a, $a, ...]` nine deep is 40^9 paths to a few leaves, and each of a
 * thousand arrays can hold the forty before it), and a leaf found once is reported once.
 */
function literalLeaves(value: PhpValue, out: PhpValue[], walked: Walked, depth = 0): void {
  if (value.k !== "array") {
    out.push(value);
    return;
  }
  const before = walked.get(value);
  const size = value.entries.length;
  if (depth > 8 || (before && before.depth <= depth && before.size === size)) return;
  walked.set(value, { depth, size });
  for (const e of value.entries) if (holdsValue(e)) literalLeaves(e.value, out, walked, depth + 1);
}

/**
 * The strings a value holds: in every entry, in what an expression was built from, behind a
 * fallback, to a depth of 8. Each value that holds others is walked once a file (`seen`):
 * values shared through variables (`$b = f($a, $a)`, ten times over) must not be walked once
 * a path.
 */
function stringLeaves(value: PhpValue, seen: Set<PhpValue>): Extract<PhpValue, { k: "string" }>[] {
  const out: Extract<PhpValue, { k: "string" }>[] = [];
  const stack: { v: PhpValue; depth: number }[] = [{ v: value, depth: 0 }];
  while (stack.length > 0) {
    const { v, depth } = stack.pop()!;
    if (v.k === "string") {
      out.push(v);
      continue;
    }
    if (depth > 8 || seen.has(v)) continue;
    if (v.k === "fallback") stack.push({ v: v.of, depth: depth + 1 });
    else if (v.k === "expr" && v.from)
      for (const f of v.from) stack.push({ v: f, depth: depth + 1 });
    else if (v.k === "array")
      for (const e of v.entries) stack.push({ v: e.value, depth: depth + 1 });
    else continue;
    seen.add(v);
  }
  return out;
}

/**
 * The value golive could not resolve, to search for the literals it is built from: an
 * expression, a closure, or the environment with such a fallback (`getenv('X') ?: f('...')`).
 */
function unresolved(value: PhpValue, kind: ValueKind): PhpValue | undefined {
  if (value.k === "fallback") return kindOf(value.of) === "expression" ? value.of : undefined;
  return kind === "expression" ? value : undefined;
}

/**
 * Literal secrets in a PHP file, read as PHP: `$config[...]` assignments to a secret-named key
 * (through variables, constants, concatenation, casts, string functions, `??`, `?:`, heredoc
 * and nowdoc, list destructuring, properties, closures), secret-named array entries anywhere in
 * the code, and `define()`/`const` of a secret name; what the evaluator cannot resolve, by the
 * literals it is built from. In a file only a development or CI machine loads, a literal is a
 * warning, as in a local deploy file.
 */
export function configLiterals(
  facts: Facts,
  file: string,
  throwaway: boolean,
  hits: SecretHit[],
): void {
  const parsed = facts.php(file);
  if (!parsed) return;
  // One finding a line, the worst: a placeholder before a real secret on the line
  // (['api_password' => 'CHANGE_ME', 'password' => '...']) must not hide it.
  const seen = new Map<number, number>();
  const keep = (h: SecretHit) => {
    const at = seen.get(h.line);
    if (at === undefined) {
      seen.set(h.line, hits.length);
      hits.push(h);
    } else if (hits[at]!.result === "warn" && h.result === "fail") hits[at] = h;
  };
  const walked: Walked = new Map();
  const searched = new Map<PhpValue, number>();
  /** `secrets`: the literals the finding is about, which its subject must not show. */
  const hit = (
    found: { code: FindingCode; result: "fail" | "warn" },
    line: number,
    subject: string,
    secrets: readonly string[],
  ) => {
    const shown = withoutSecrets(subject, secrets);
    keep({ ...found, file, line, subject: shown, expected: "getenv('...')" });
  };
  const report = (value: PhpValue, code: FindingCode, subject: string): void => {
    const kind = kindOf(value);
    const found = valueFinding(kind, code, throwaway);
    if (found) {
      const literal = value.k === "fallback" ? value.of : value;
      hit(found, literalLine(value), subject, literal.k === "string" ? [literal.s] : []);
      return;
    }
    const from = unresolved(value, kind);
    if (!from) return;
    const literalCode = value.k === "fallback" ? "secret-config-fallback" : code;
    const finding = {
      code: literalCode,
      result: throwaway ? ("warn" as const) : ("fail" as const),
    };
    const literals = literalsIn(from, holdsValue, searched);
    let any = false;
    for (const literal of literals)
      if (looksSecretInside(literal.s)) {
        hit(finding, literal.line, subject, [literal.s]);
        any = true;
      }
    // A secret cut into pieces shorter than six characters (`f('hunte', 'r2-pw')`, a loop of
    // `.=`) is judged whole: the short pieces, joined.
    const pieces = literals.filter((l) => l.s.length < 6 && /^\S+$/.test(l.s));
    if (!any && pieces.length > 1 && looksSecretInside(pieces.map((l) => l.s).join("")))
      hit(
        finding,
        pieces.reduce((a, l) => Math.min(a, l.line), Infinity),
        subject,
        [pieces.map((l) => l.s).join(""), ...pieces.map((l) => l.s)],
      );
  };
  // `$config[X::DB_PASSWORD] = require 'db-password.php'`: what the file returns, read once.
  const includes = new Map<string, PhpValue | undefined>();
  const include = (from: string, line: number, target: PhpValue, _e: unknown, used: boolean) => {
    const path = used && target.k === "string" ? resolvePath(from, target.s) : undefined;
    if (path === undefined) return undefined;
    if (!includes.has(path)) {
      includes.set(path, undefined);
      includes.set(path, returnedBy(facts, path, include));
    }
    const value = includes.get(path);
    return value && returned([value], line);
  };
  // A URL with a literal password under any key: each string the value holds, once a file.
  const urlsSeen = new Set<PhpValue>();
  const urls = (value: PhpValue, subject: string) => {
    for (const leaf of stringLeaves(value, urlsSeen)) {
      const passwords = connectionPasswords(leaf.s, { inString: true }).filter(isWrittenPassword);
      if (passwords.length === 0) continue;
      const placeholder = passwords.every((p) => isPlaceholder(p) || isPasswordWord(p));
      hit(
        placeholder
          ? { code: "secret-placeholder", result: "warn" }
          : { code: "secret-url-password", result: throwaway ? "warn" : "fail" },
        leaf.line,
        subject,
        passwords,
      );
    }
  };
  const hooks: PhpHooks = {
    include,
    assign: (a) => {
      urls(a.value, `$config${a.written}`);
      // `$config[X::GUZZLE_OPTIONS]['auth'] = [user, password]`.
      const last = a.names[a.names.length - 1];
      const password = last === undefined ? undefined : authPassword(last, a.value);
      if (password) report(password, "secret-array-literal", `$config${a.written} =`);
      if (!a.names.some((n) => n.toLowerCase() !== "key" && isSecretName(n))) return;
      const leaves: PhpValue[] = [];
      literalLeaves(a.value, leaves, walked);
      for (const leaf of leaves) report(leaf, "secret-config-literal", `$config${a.written}`);
    },
    array: (_file, array) => {
      for (const e of array.entries) {
        if (secretEntry(e, array.entries)) {
          const leaves: PhpValue[] = [];
          literalLeaves(e.value, leaves, walked);
          for (const leaf of leaves) report(leaf, "secret-array-literal", `${e.written} =>`);
        }
        const password = e.name === undefined ? undefined : authPassword(e.name, e.value);
        if (password) report(password, "secret-array-literal", `${e.written} =>`);
      }
    },
    // `$db['password'] = '...'`, `$o->password = '...'`: as `['password' => '...']`.
    element: (_file, _line, target, name, value) => {
      const password = authPassword(name, value);
      if (password) report(password, "secret-array-literal", `${target} =`);
      if (name.toLowerCase() === "key" || !isSecretName(name)) return;
      const leaves: PhpValue[] = [];
      literalLeaves(value, leaves, walked);
      for (const leaf of leaves) report(leaf, "secret-array-literal", `${target} =`);
    },
    define: (_file, _line, name, value) => {
      urls(value, `const ${name}`);
      if (isSecretName(name)) report(value, "secret-config-literal", `const ${name}`);
    },
  };
  /** Runs a tree; false when it is nested deeper than the evaluator's stack. */
  const runs = (program: PhpNode, scope: PhpScope): boolean => {
    try {
      run(program, scope);
      return true;
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      return false;
    }
  };
  // A file golive cannot read as PHP whole is read statement by statement: each statement that
  // parses is read as PHP (in one scope, up to the bytes golive parses), the others as text.
  // One finding a line: what the evaluator reported before it stopped is not reported again.
  const inParts = (reason: string, line?: number, column?: number) => {
    const scope = newScope(file, hooks);
    readInParts(
      facts.text(file) ?? "",
      (program) => runs(program, scope),
      (code, from) => {
        for (const h of textLiterals(file, code, throwaway, from)) keep(h);
      },
    );
    hits.push({ ...phpUnreadable({ file, reason, line, column }), file, line: line ?? 1 });
  };
  if (!parsed.ok) inParts(parsed.reason, parsed.line, parsed.column);
  else if (!runs(parsed.program, newScope(file, hooks))) inParts("too-deep");
  else {
    // A connection string with a written password in any literal of the file, whatever takes
    // it (a call, `new`, a returned array, a fallback, `putenv`): after the run, so that a line
    // the assignments reported keeps their subject.
    const { literals, filling } = stringLiterals(parsed.program);
    for (const literal of literals) urls(literal, "a string in the file");
    for (const literal of filling)
      hit(
        { code: "secret-url-password", result: throwaway ? "warn" : "fail" },
        literal.line,
        "a string in the file",
        [literal.s],
      );
  }
}
