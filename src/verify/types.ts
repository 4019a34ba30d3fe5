/**
 * What every rule of `golive verify` gets injected: the read-only view of a repository and the
 * run's context. Pure: no file system here; `io/repo-view.ts` provides the real view. Results and
 * findings are in core/verdict.ts.
 */
import type { CalendarDate } from "../core/dates.js";
import type { AllowEntry } from "../schema/state.js";

/**
 * The repository as rules see it: tracked files only, read-only, size-capped.
 * Paths are relative to the repository root with `/` separators.
 */
export interface RepoView {
  /** Every readable path, sorted. */
  readonly files: readonly string[];
  has(path: string): boolean;
  /** UTF-8 text; undefined when the file is missing, binary or over the size cap. */
  read(path: string): string | undefined;
  /** The raw bytes; undefined when missing or over the size cap. */
  bytes(path: string): Uint8Array | undefined;
  /** The commit a git submodule at `path` is pinned to; undefined when `path` is not one. */
  submodule?(path: string): string | undefined;
  /**
   * Which of each request's files may hold its needle, all read at once before the rules run
   * (io/repo-scan.ts: on another thread); one set per request, in order. A view without it is
   * read file by file by the rules.
   */
  prescan?(requests: readonly PrescanRequest[]): Promise<PrescanAnswer>;
}

/** What the scan before the rules found: per request, the files that may hold its needle. */
export interface PrescanAnswer {
  found: ReadonlySet<string>[];
  /** The texts a request with `keepText` asked for (as `RepoView.read` gives them). */
  texts: ReadonlyMap<string, string>;
}

/**
 * A word some rule looks for in many files (APP-17's private key header, a text check's
 * `contains`). A file is left out of the answer only when the rule would not find it there:
 * unreadable, over the size cap, not holding the needle's bytes, or, for `text`, binary (a NUL
 * byte in its first 8,000) or, with `ignoreCase`, ASCII text that holds it in no case.
 */
export interface PrescanRequest {
  needle: string;
  ignoreCase: boolean;
  /** The rule reads the file as text (`RepoView.read`), not as bytes. */
  text: boolean;
  /** Also hand back the text of each file found, up to this many bytes (secretlint's input). */
  keepText?: number;
  files: readonly string[];
}

export interface VerifyContext {
  today: CalendarDate;
  goLive: CalendarDate;
  /** Overrides the newest Spryker release golive knows (`--latest-release`). */
  latestRelease?: string;
  /** Reviewed findings to leave out (`verify.allow` in golive.yaml). */
  allow: readonly AllowEntry[];
}
