/**
 * APP-17 in a PHP configuration file golive cannot read as PHP: nested deeper than the parser
 * or the evaluator goes, larger than golive parses, or not valid PHP. Such a file is read as a
 * stream of tokens instead, so that 10,000 parentheses around a password (or 512 KiB of
 * comment before it) do not turn a failing gate into `unknown`.
 *
 * One rule, the one APP-17 applies to PHP it can read, without following variables: a string
 * literal is a finding when the nearest key before it in its statement names a secret, either
 * the target of an assignment (`$config[X::DB_PASSWORD] = ...`, `$dbPassword = ...`, `const
 * API_TOKEN = ...`) or an array key (`'password' => ...`, and `'value' =>` or a list item under
 * one). A literal passed to a call or used as an offset (`decrypt('...')`, `$_ENV['...']`)
 * counts only when it reads as a secret (`looksSecretInside`). The value is never kept in a hit.
 */

import { connectionPasswords, isPasswordWord, isWrittenPassword } from "./connection-strings.js";
import { isPlaceholder, looksSecretInside } from "./php-value.js";
import type { SecretHit } from "./secret-literals.js";
import { isSecretName, withoutSecrets } from "./secret-names.js";

interface Frame {
  /** The secret-named key in force where the frame opened (`[`, `(`; none for a `{` block). */
  base: string | undefined;
  /** The secret-named key in force now: the last assignment's target, the entry's key. */
  current: string | undefined;
  /** A secret-named name seen since the last `,`, `;` or `=`: a key or a target to come. */
  pending: string | undefined;
  /** The last name or literal: an entry's key when `=>` follows. */
  last: string | undefined;
  /** Inside a call's arguments or an offset (`f(...)`, `$a[...]`). */
  argument: boolean;
  /** An offset (`$a[...]`): a literal in it is a key, which may name the target. */
  offset: boolean;
}

const NEUTRAL_KEY = /^(?:value|val|default|\d+)$/i;
/** Every secret name has one of these (secret-names.ts): most names are not read further. */
const MAY_NAME_SECRET = /secret|pass|token|credential|key|pwd|salt|licen/i;
const secretName = (name: string) =>
  MAY_NAME_SECRET.test(name) &&
  name.toLowerCase() !== "key" &&
  isSecretName(name.replace(/^\$/, ""));

/** `$`, `\\`, letters, digits, `_` and non-ASCII: the characters of names and numbers. */
function isWord(code: number): boolean {
  return (
    (code >= 97 && code <= 122) ||
    (code >= 65 && code <= 90) ||
    (code >= 48 && code <= 57) ||
    code === 95 ||
    code === 36 ||
    code === 92 ||
    code >= 128
  );
}
const HEREDOC = /<<<[ \t]*(["']?)([A-Za-z_]\w*)\1\r?\n/y;
/** Two-character operators that assign (`.=`, `+=`, ...) and those that do not. */
const ASSIGNS = new Set([".=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^="]);

/** A literal's text; in a double-quoted string, what is not interpolated (`{$x}`, `$x->y`). */
function literal(body: string, interpolates: boolean): string {
  if (!interpolates || !body.includes("$")) return body;
  return body.replace(/\{\$[^}]*\}|\$[A-Za-z_]\w*(?:->\w+|\[[^\]]*\])?/g, "");
}

/** What the lexer reports, in order; `at` is where the token starts, `line` its line. */
interface Events {
  string(value: string, line: number, at: number): void;
  word(value: string, at: number, line: number): void;
  /** `(`, `[`, `{`; `callable`: after a name or a closing bracket (a call or an offset). */
  open(c: string, callable: boolean, at: number, line: number): void;
  /** `)`, `]`, `}`; `end` is after it. */
  close(c: string, end: number, line: number): void;
  /** `;` (also `?>`) or `,`; `end` is after it. */
  separator(c: string, end: number, line: number): void;
  arrow(): void;
  assign(): void;
  comment(at: number, end: number): void;
  /** Any other operator (`.`, `->`, `==`, `?`, `@`). */
  other(at: number, line: number): void;
}

/** Hands the tokens of PHP code to `on`, from `line`; white space dropped. Linear. */
function lex(text: string, line: number, on: Events): void {
  /** What came before: a name or a closing bracket make `(` and `[` a call or an offset. */
  let callable = false;
  const lines = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (text.charCodeAt(k) === 10) line++;
  };
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text[i]!;
    const next = text[i + 1];
    const at = line;
    let end = i + 1;
    let isCallable = false;
    if (c === "\n") line++;
    else if (c === " " || c === "\t" || c === "\r") {
      i++;
      continue;
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < n && text[j] !== c) j += text[j] === "\\" ? 2 : 1;
      end = Math.min(j + 1, n);
      lines(i, end);
      on.string(literal(text.slice(i + 1, Math.min(j, n)), c === '"'), at, i);
    } else if ((c === "/" && (next === "/" || next === "*")) || (c === "#" && next !== "[")) {
      const close = next === "*" ? text.indexOf("*/", i + 2) : text.indexOf("\n", i);
      end = close === -1 ? n : next === "*" ? close + 2 : close;
      lines(i, end);
      on.comment(i, end);
      i = end;
      continue;
    } else if (c === "(" || c === "[" || c === "{") on.open(c, callable, i, at);
    else if (c === ")" || c === "]" || c === "}") {
      on.close(c, end, at);
      isCallable = c !== "}";
    } else if (c === "," || c === ";") on.separator(c, end, at);
    else if (c === "=" && next === ">") {
      on.arrow();
      end = i + 2;
    } else if (c === "=" || (c === "?" && text.startsWith("?=", i + 1)) || ASSIGNS.has(c + next)) {
      if (c === "=" && next === "=") {
        end = text[i + 2] === "=" ? i + 3 : i + 2;
        on.other(i, at);
      } else {
        on.assign();
        end = c === "=" ? i + 1 : c === "?" ? i + 3 : i + 2;
      }
    } else if (c === "?" && next === ">") {
      end = i + 2;
      on.separator(";", end, at);
    } else if ((c === "!" || c === "<" || c === ">") && next === "=") {
      end = i + 2;
      on.other(i, at);
    } else if (c === "<" && text.startsWith("<?php", i)) end = i + 5;
    else if (c === "<" && next === "<" && text[i + 2] === "<") {
      HEREDOC.lastIndex = i;
      const here = HEREDOC.exec(text);
      if (here) {
        const bodyStart = i + here[0].length;
        const close = new RegExp(`^[ \\t]*${here[2]!}\\b`, "gm");
        close.lastIndex = bodyStart;
        const closing = close.exec(text);
        end = closing ? closing.index + closing[0].length : n;
        const body = text.slice(bodyStart, closing ? closing.index : n).replace(/\r?\n$/, "");
        lines(i, end);
        on.string(literal(body, here[1] !== "'"), at, i);
      } else end = i + 3;
    } else if (isWord(c.charCodeAt(0))) {
      while (end < n && isWord(text.charCodeAt(end))) end++;
      const value = text.slice(i, end);
      on.word(value, i, at);
      isCallable = !/^(?:array|list)$/i.test(value);
    } else on.other(i, at);
    callable = isCallable;
    i = end;
  }
}

/** Literal secrets in the text of PHP code golive cannot read as PHP, from `line` (see above). */
export function textLiterals(
  file: string,
  text: string,
  throwaway: boolean,
  line = 1,
): SecretHit[] {
  const hits: SecretHit[] = [];
  const stack: Frame[] = [
    {
      base: undefined,
      current: undefined,
      pending: undefined,
      last: undefined,
      argument: false,
      offset: false,
    },
  ];
  let frame = stack[0]!;
  const separator = () => {
    frame.current = frame.base;
    frame.pending = undefined;
    frame.last = undefined;
  };
  const word = (value: string) => {
    frame.last = value;
    if (secretName(value)) frame.pending = value;
  };
  lex(text, line, {
    string: (value, at) => {
      // A URL with a literal password, under any key; named by no key (the text reader cannot
      // tell a key from a value here), so nothing of the file is shown.
      const passwords =
        frame.current === undefined
          ? connectionPasswords(value, { inString: true }).filter(isWrittenPassword)
          : [];
      if (passwords.length > 0) {
        const placeholder = passwords.every((p) => isPlaceholder(p) || isPasswordWord(p));
        hits.push({
          code: placeholder ? "secret-placeholder" : "secret-url-password",
          result: placeholder || throwaway ? "warn" : "fail",
          file,
          line: at,
          subject: "a string in the file",
          expected: "getenv('...')",
        });
      }
      if (frame.current !== undefined) {
        const placeholder = isPlaceholder(value);
        const counts = frame.argument
          ? looksSecretInside(value)
          : value.trim() !== "" && !placeholder;
        if (counts || (placeholder && !frame.argument))
          hits.push({
            code: placeholder ? "secret-placeholder" : "secret-unparsed-literal",
            result: placeholder || throwaway ? "warn" : "fail",
            file,
            line: at,
            subject: withoutSecrets(frame.current, [value]),
            expected: "getenv('...')",
          });
      }
      // A literal names a target only as a key: `$config['DB_PASSWORD'] =` or `'password' =>`
      // (frame.last). Elsewhere it is a value, which a finding must never name: in
      // `decrypt('Password2024x')` it is the secret itself.
      if (value.length <= 256) {
        frame.last = value;
        if (frame.offset && secretName(value)) frame.pending = value;
      }
    },
    word,
    open: (c, callable) => {
      // `f(`, `$a[`, `$o->m(`, `)(`: arguments or an offset; `array(` is an array.
      const base = c === "{" ? undefined : frame.current;
      const argument = frame.argument || (c !== "{" && callable);
      // `$config[constant('DB_PASSWORD')]`, `$config[implode('_', ['DB', 'PASSWORD'])]`: a
      // call or an array inside an offset still computes the key.
      const offset = (c === "[" && callable) || (c !== "{" && frame.offset);
      frame = { base, current: base, pending: undefined, last: undefined, argument, offset };
      stack.push(frame);
    },
    close: (c) => {
      const inner = frame;
      if (stack.length > 1) stack.pop();
      frame = stack[stack.length - 1]!;
      // `$config[X::DB_PASSWORD]`: the key inside the brackets names the target.
      if (c !== "}" && inner.pending !== undefined) frame.pending = inner.pending;
      if (c === "}") separator();
    },
    separator,
    arrow: () => {
      const key = frame.last ?? "";
      frame.current = secretName(key) ? key : NEUTRAL_KEY.test(key) ? frame.base : undefined;
      frame.pending = undefined;
    },
    assign: () => {
      frame.current = frame.pending ?? frame.current;
      frame.pending = undefined;
    },
    comment: () => {},
    other: () => {},
  });
  return hits;
}

/** Words after a block's `}` that continue its statement. */
const CONTINUES = /^(?:else|elseif|catch|finally|while)$/i;

/**
 * The top-level statements of PHP code, each as code of its own (comments dropped, their line
 * breaks kept) with the line it starts on: a statement ends at a `;` outside brackets, or at
 * the `}` that closes a block (`if`, `class`, `function`) unless `else`, `catch` and the like
 * follow. For a file php-parser refuses: what parses is read as PHP, statement by statement.
 */
export function statementChunks(text: string): { code: string; line: number }[] {
  const out: { code: string; line: number }[] = [];
  let depth = 0;
  let start = -1;
  let startLine = 1;
  let pendingEnd = -1;
  let comments: [number, number][] = [];
  const close = (end: number) => {
    let code = "";
    let from = start;
    for (const [a, b] of comments) {
      code += text.slice(from, a) + text.slice(a, b).replace(/[^\n]/g, "");
      from = b;
    }
    out.push({ code: code + text.slice(from, end), line: startLine });
    start = -1;
    pendingEnd = -1;
    comments = [];
  };
  /** A token; `starts`: it may start a statement, so one after a block's `}` ends the block. */
  const token = (at: number, line: number, starts: boolean, word?: string) => {
    if (pendingEnd !== -1) {
      if (!starts || (word !== undefined && CONTINUES.test(word))) pendingEnd = -1;
      else close(pendingEnd);
    }
    if (start === -1) {
      start = at;
      startLine = line;
    }
  };
  lex(text, 1, {
    string: (_value, line, at) => token(at, line, true),
    word: (value, at, line) => token(at, line, true, value),
    open: (_c, _callable, at, line) => {
      token(at, line, true);
      depth++;
    },
    close: (c, end, line) => {
      token(end - 1, line, false);
      depth = Math.max(0, depth - 1);
      if (depth === 0 && c === "}") pendingEnd = end;
    },
    separator: (c, end, line) => {
      token(end - 1, line, false);
      if (depth === 0 && c === ";") close(end);
    },
    arrow: () => {
      pendingEnd = -1;
    },
    assign: () => {
      pendingEnd = -1;
    },
    comment: (at, end) => {
      if (start !== -1) comments.push([at, end]);
    },
    other: (at, line) => token(at, line, false),
  });
  if (start !== -1) close(pendingEnd !== -1 ? pendingEnd : text.length);
  return out;
}

/**
 * The first block of a statement (`namespace X { ... }`, `if (...) { ... }`, `class C { ... }`):
 * where its `{` and its `}` stand, for a statement that does not parse whole.
 */
export function firstBlock(code: string): { open: number; close: number } | undefined {
  let depth = 0;
  let open = -1;
  let close = -1;
  const none = () => {};
  lex(code, 1, {
    string: none,
    word: none,
    open: (c, _callable, at) => {
      if (depth === 0 && c === "{" && open === -1) open = at;
      depth++;
    },
    close: (_c, end) => {
      depth = Math.max(0, depth - 1);
      if (depth === 0 && open !== -1 && close === -1) close = end - 1;
    },
    separator: none,
    arrow: none,
    assign: none,
    comment: none,
    other: none,
  });
  return open !== -1 && close !== -1 ? { open, close } : undefined;
}
