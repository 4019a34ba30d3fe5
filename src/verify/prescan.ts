/**
 * What the scan before the rules found (`RepoView.prescan`, io/repo-scan.ts): for each needle
 * read one way, the files scanned and those that may hold it. Rules ask through
 * `Facts.mayHold`; a file not scanned for a needle is read by the rule, as without a scan.
 */
import type { PrescanAnswer, PrescanRequest } from "./types.js";

/** A request's identity: the same needle, read the same way. */
function keyOf(r: Omit<PrescanRequest, "files">): string {
  return `${r.text ? "t" : "b"}${r.ignoreCase ? "i" : "s"}:${r.needle}`;
}

export class PrescanAnswers {
  private readonly known = new Map<string, { scanned: Set<string>; found: Set<string> }>();
  /** Per `keepText` size, the files scanned for their text. */
  private readonly textScanned = new Map<number, Set<string>>();
  private texts: ReadonlyMap<string, string> = new Map();

  /** Keeps the answer to `requests`: per request, the files that may hold its needle. */
  add(requests: readonly PrescanRequest[], { found, texts }: PrescanAnswer): void {
    this.texts = texts;
    requests.forEach((r, i) => {
      if (r.keepText !== undefined && r.needle === "" && r.text) {
        const scanned = this.textScanned.get(r.keepText) ?? new Set();
        for (const file of r.files) scanned.add(file);
        this.textScanned.set(r.keepText, scanned);
      }
      const key = keyOf(r);
      let known = this.known.get(key);
      if (!known) {
        known = { scanned: new Set(), found: new Set() };
        this.known.set(key, known);
      }
      for (const file of r.files) known.scanned.add(file);
      for (const file of found[i] ?? []) known.found.add(file);
    });
  }

  /**
   * The text of `path` (as `RepoView.read` gives it) when it is at most `size` bytes: undefined
   * when it is not (binary, unreadable or larger); not asked when `path` was not scanned for it.
   */
  text(path: string, size: number): { text: string | undefined } | undefined {
    if (!this.textScanned.get(size)?.has(path)) return undefined;
    return { text: this.texts.get(path) };
  }

  /** Whether `path` may hold the needle; undefined when it was not scanned for it. */
  mayHold(path: string, request: Omit<PrescanRequest, "files">): boolean | undefined {
    const known = this.known.get(keyOf(request));
    if (!known?.scanned.has(path)) return undefined;
    return known.found.has(path);
  }
}
