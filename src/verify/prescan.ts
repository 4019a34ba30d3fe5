/**
 * What the scan before the rules found (`RepoView.prescan`, io/repo-scan.ts): for each needle
 * read one way, the files scanned and those that may hold it. Rules ask through
 * `Facts.mayHold`; a file not scanned for a needle is read by the rule, as without a scan.
 */
import type { PrescanRequest } from "./types.js";

/** A request's identity: the same needle, read the same way. */
function keyOf(r: Omit<PrescanRequest, "files">): string {
  return `${r.text ? "t" : "b"}${r.ignoreCase ? "i" : "s"}:${r.needle}`;
}

export class PrescanAnswers {
  private readonly known = new Map<string, { scanned: Set<string>; found: Set<string> }>();

  /** Keeps the answer to `requests`: per request, the files that may hold its needle. */
  add(requests: readonly PrescanRequest[], found: readonly ReadonlySet<string>[]): void {
    requests.forEach((r, i) => {
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

  /** Whether `path` may hold the needle; undefined when it was not scanned for it. */
  mayHold(path: string, request: Omit<PrescanRequest, "files">): boolean | undefined {
    const known = this.known.get(keyOf(request));
    if (!known?.scanned.has(path)) return undefined;
    return known.found.has(path);
  }
}
