/**
 * Text people typed, made safe to show: control characters and invisible marks as visible
 * escapes (`safe`), and a value echoed back in an error cut to a length a line holds (`echo`).
 * Pure, so that every layer that words an error can use the one function.
 */

/**
 * Invisible characters that change how text reads without showing: the bidirectional marks
 * (ALM, LRM, RLM) and overrides, zero-width spaces and joiners, word joiners, line and
 * paragraph separators, and a byte order mark inside text. A zero-width joiner between two
 * emoji builds one emoji (a family, a flag, a person of a skin tone at work) and is kept.
 */
export const INVISIBLE =
  "\u061c\u180e\u200b\u200c\u200e\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff";
export const LONE_JOINER =
  "(?<!\\p{Extended_Pictographic}(?:\\ufe0f|\\p{Emoji_Modifier})?)\\u200d|\\u200d(?!\\p{Extended_Pictographic})";

// C0 and C1 controls, DEL, and the invisible characters above.
const UNSAFE = new RegExp(`[\\u0000-\\u001f\\u007f-\\u009f${INVISIBLE}]|${LONE_JOINER}`, "gu");

/**
 * Makes text that users wrote safe to print on a terminal: control characters and escape
 * sequences are shown as visible escapes instead of being obeyed.
 */
export function safe(text: string): string {
  return text.replace(UNSAFE, (c) => {
    if (c === "\n") return "\\n";
    if (c === "\t") return "\\t";
    const code = c.codePointAt(0)!;
    return code > 0xff
      ? `\\u${code.toString(16).padStart(4, "0")}`
      : `\\x${code.toString(16).padStart(2, "0")}`;
  });
}

/**
 * `\uXXXX` for each UTF-16 unit of `c` (two for a character beyond the BMP): how JSON, and a
 * GitHub annotation, write a character without writing it.
 */
export function unicodeEscape(c: string): string {
  let out = "";
  for (let i = 0; i < c.length; i++) out += `\\u${c.charCodeAt(i).toString(16).padStart(4, "0")}`;
  return out;
}

/** The most characters of a typed value an error shows, escapes counted. */
export const ECHO_MAX = 80;

/** The longest path an error shows: long enough for a deep real one, not for a pasted page. */
export const PATH_SHOWN_MAX = 200;

/**
 * A value the user typed, as an error shows it: escaped first, then cut to `ECHO_MAX`
 * characters with an ellipsis, so a 10,000-character argument cannot fill the terminal.
 */
export function echo(value: string, max = ECHO_MAX): string {
  const chars = Array.from(safe(value));
  return chars.length <= max ? chars.join("") : `${chars.slice(0, max - 1).join("")}…`;
}
