/**
 * The redirect map of `probe.redirects`: a CSV of old URL, new URL, one pair a line (RFC 4180
 * quoting; a first line that is not two URLs is a header; `#` lines and blank lines are
 * skipped). Pure: text in, pairs or the place of the first problem out. A problem names its
 * line and column and its kind, never the cell's text.
 */

export interface RedirectProblem {
  line: number;
  col: number;
  kind: "unclosed quote" | "not two columns" | "not an http(s) URL" | "too many rows";
}

/** More rows than a go-live probe should send: 8 at a time, a few seconds each. */
export const MAX_REDIRECTS = 2_000;

/** Splits one CSV record starting at `i`; returns its cells and where the next one starts. */
function record(
  text: string,
  start: number,
): { cells: { text: string; at: number }[]; next: number } | { unclosedAt: number } {
  const cells: { text: string; at: number }[] = [];
  let i = start;
  for (;;) {
    const at = i;
    let cell = "";
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) return { unclosedAt: at };
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            cell += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        cell += text[i];
        i++;
      }
      while (i < text.length && text[i] !== "," && text[i] !== "\n") i++;
    } else {
      while (i < text.length && text[i] !== "," && text[i] !== "\n") cell += text[i++];
    }
    cells.push({ text: cell.replace(/\r$/, "").trim(), at });
    if (text[i] === ",") {
      i++;
      continue;
    }
    return { cells, next: i + 1 };
  }
}

function webUrl(text: string): boolean {
  try {
    const u = new URL(text);
    return (u.protocol === "https:" || u.protocol === "http:") && !u.username && !u.password;
  } catch {
    return false;
  }
}

export function parseRedirects(text: string): { pairs: [string, string][] } | RedirectProblem {
  const body = text.replace(/^\uFEFF/, "");
  const pairs: [string, string][] = [];
  const lineStarts: number[] = [0];
  for (let i = 0; i < body.length; i++) if (body[i] === "\n") lineStarts.push(i + 1);
  const place = (offset: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - lineStarts[lo]! + 1 };
  };
  let i = 0;
  let first = true;
  while (i < body.length) {
    const lineEnd = body.indexOf("\n", i);
    const raw = body.slice(i, lineEnd === -1 ? body.length : lineEnd).trim();
    if (raw === "" || raw.startsWith("#")) {
      i = lineEnd === -1 ? body.length : lineEnd + 1;
      continue;
    }
    const r = record(body, i);
    if ("unclosedAt" in r) return { ...place(r.unclosedAt), kind: "unclosed quote" };
    const cells = r.cells.filter((c, n) => n < 2 || c.text !== "");
    const isHeader = first && !cells.every((c) => webUrl(c.text));
    first = false;
    if (!isHeader) {
      if (cells.length !== 2) return { ...place(i), kind: "not two columns" };
      for (const c of cells)
        if (!webUrl(c.text)) return { ...place(c.at), kind: "not an http(s) URL" };
      if (pairs.length >= MAX_REDIRECTS) return { ...place(i), kind: "too many rows" };
      pairs.push([cells[0]!.text, cells[1]!.text]);
    }
    i = r.next;
  }
  return { pairs };
}
