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
}

export interface VerifyContext {
  today: CalendarDate;
  goLive: CalendarDate;
  /** Overrides the newest Spryker release golive knows (`--latest-release`). */
  latestRelease?: string;
  /** Reviewed findings to leave out (`verify.allow` in golive.yaml). */
  allow: readonly AllowEntry[];
}
