/**
 * The evidence lines golive writes into golive.yaml, read without the YAML library:
 * `    evidence: { result: fail, code: composer-old, args: { ... }, at: ..., inputs: ... }`.
 * The library's lexer takes longer over these flow mappings than over the rest of the file
 * (on spryker-shop/suite, 21 of them cost `status` 40 ms of its 250), and `status` reads them
 * at every run. Only what golive writes is read here, in YAML's own terms: known keys, plain
 * scalars that YAML's core schema reads as strings or as small whole numbers, double-quoted
 * strings with the escapes golive writes. Any other line is left to the library; the caller
 * (io/state-read.ts) confirms that each line read here is an item's evidence in the document.
 */

/** Each line read: where its mapping starts in the shortened text, and what it holds. */
export interface EvidenceLines {
  /** The text with each such mapping written `{}`: the same lines, shorter. */
  text: string;
  values: Map<number, Record<string, unknown>>;
}

const LINE = /^ {4}evidence: (\{[^\n]*\})(\r?)$/gm;

const FIELDS = new Set(["result", "at", "code", "args", "more", "summary", "inputs", "source"]);
const ARGS = new Set(["file", "line", "subject", "found", "expected"]);

// YAML's core schema (the yaml package's schema/core): a plain scalar matching one of these
// is not a string.
const NOT_STRING = [
  /^(?:~|[Nn]ull|NULL)?$/,
  /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
  /^0o[0-7]+$/,
  /^[-+]?[0-9]+$/,
  /^0x[0-9a-fA-F]+$/,
  /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
];
const WHOLE = /^(?:0|[1-9][0-9]{0,14})$/;

// A plain scalar in a flow mapping: no indicator first, no flow indicator, no `: `, no ` #`,
// no trailing space.
const PLAIN = /^[^-?:,[\]{}#&*!|>'"%@` ][^,[\]{}]*$/;
// Printable characters (YAML's c-printable without tab, line breaks, U+0085 and the byte order
// mark); a line with any other is left to the library.
const PRINTABLE = /^[ -~\u00a0-\ud7ff\ue000-\ufefe\uff00-\ufffd]*$/;

const ESCAPES: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", n: "\n", t: "\t" };

class Reader {
  at = 0;
  constructor(private readonly s: string) {}

  /** `{ key: value, ... }` with known keys; undefined for anything else. */
  map(keys: Set<string>, nested: boolean): Record<string, unknown> | undefined {
    if (!this.take("{ ")) return undefined;
    const out: Record<string, unknown> = {};
    for (;;) {
      const colon = this.s.indexOf(": ", this.at);
      if (colon < 0) return undefined;
      const key = this.s.slice(this.at, colon);
      if (!keys.has(key) || Object.hasOwn(out, key)) return undefined;
      this.at = colon + 2;
      const value = key === "args" && !nested ? this.map(ARGS, true) : this.scalar();
      if (value === undefined) return undefined;
      out[key] = value;
      if (this.take(" }")) return out;
      if (!this.take(", ")) return undefined;
    }
  }

  private take(text: string): boolean {
    if (!this.s.startsWith(text, this.at)) return false;
    this.at += text.length;
    return true;
  }

  private scalar(): string | number | undefined {
    if (this.s[this.at] === '"') return this.quoted();
    // A plain scalar ends at the flow indicator that ends its pair, `, ` or ` }`.
    let end = this.at;
    while (end < this.s.length && this.s[end] !== "," && this.s[end] !== "}") end++;
    if (this.s[end - 1] !== " " && this.s[end] === "}") return undefined;
    const text = this.s.slice(this.at, this.s[end] === "}" ? end - 1 : end);
    if (!PLAIN.test(text) || !PRINTABLE.test(text)) return undefined;
    if (text.endsWith(" ") || text.includes(": ") || text.includes(" #")) return undefined;
    if (text.endsWith(":")) return undefined;
    this.at += text.length;
    if (NOT_STRING.some((re) => re.test(text))) return WHOLE.test(text) ? Number(text) : undefined;
    return text;
  }

  private quoted(): string | undefined {
    let out = "";
    let i = this.at + 1;
    for (;;) {
      const ch = this.s[i];
      if (ch === undefined) return undefined;
      if (ch === '"') break;
      if (ch === "\\") {
        const e = this.s[i + 1] ?? "";
        if (Object.hasOwn(ESCAPES, e)) {
          out += ESCAPES[e];
          i += 2;
        } else if (e === "x" || e === "u") {
          const digits = this.s.slice(i + 2, i + (e === "x" ? 4 : 6));
          if (!/^[0-9a-fA-F]+$/.test(digits) || digits.length !== (e === "x" ? 2 : 4))
            return undefined;
          out += String.fromCharCode(Number.parseInt(digits, 16));
          i += 2 + digits.length;
        } else return undefined;
        continue;
      }
      // Printable characters only, as YAML's double-quoted scalars hold them unescaped.
      if (!PRINTABLE.test(ch)) return undefined;
      out += ch;
      i++;
    }
    this.at = i + 1;
    return out;
  }

  get done(): boolean {
    return this.at === this.s.length;
  }
}

/**
 * The evidence mappings of `text` that this reader reads as YAML does, each replaced by `{}`;
 * undefined when there is none.
 */
export function readEvidenceLines(text: string): EvidenceLines | undefined {
  const values = new Map<number, Record<string, unknown>>();
  let shortened = "";
  let from = 0;
  let shift = 0;
  for (const m of text.matchAll(LINE)) {
    const flow = m[1]!;
    const reader = new Reader(flow);
    const value = reader.map(FIELDS, false);
    if (value === undefined || !reader.done) continue;
    const start = m.index + m[0].length - flow.length - m[2]!.length;
    shortened += `${text.slice(from, start)}{}`;
    from = start + flow.length;
    values.set(start - shift, value);
    shift += flow.length - 2;
  }
  if (values.size === 0) return undefined;
  return { text: shortened + text.slice(from), values };
}
