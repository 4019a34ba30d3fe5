/**
 * The error model: commands throw a GoliveError with a stable code; only `main.ts`
 * turns it into text and an exit code.
 */

/** Exit codes are a contract with scripts and CI pipelines. */
export const EXIT = {
  /** Everything is fine. */
  ok: 0,
  /** The gate found something: overdue items remain. */
  findings: 1,
  /** Bad usage or a bad file; nothing was changed. */
  usage: 2,
  /** `golive notify`: the chat service did not take the digest. */
  delivery: 3,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/**
 * What each exit code means, written once: `golive --help` prints `help` (its lines as they
 * are), README.md and docs/commands.md hold `doc` as their "Exit codes" table
 * (render/exit-codes.ts; test/exit-codes.test.ts keeps them equal, `npm run docs` rewrites them).
 */
export const EXIT_MEANINGS: readonly { code: ExitCode; help: readonly string[]; doc: string }[] = [
  {
    code: EXIT.ok,
    help: ["success; for `check`, nothing is overdue"],
    doc: "Success; for `check`, nothing is overdue.",
  },
  {
    code: EXIT.findings,
    help: [
      "something was found: `check` found overdue items (or, with --verify,",
      "regressed or check-failing done ones), `verify` or `probe` a failing check, `doctor`",
      "a problem; `resolve` or the merge driver could not merge, or left a",
      "choice to a person",
    ],
    doc: "The gate found something: `check` found overdue (or, with `--verify`, regressed or check-failing done) items; `verify` or `probe` found a failing check; the merge driver or `resolve` could not merge, or left a choice to a person (go-live, or an item both sides changed differently); `doctor` found a problem.",
  },
  {
    code: EXIT.usage,
    help: ["bad usage or a bad file (nothing was changed)"],
    doc: "Bad usage or a bad file: an unknown or malformed ID, an unknown flag, an impossible date, no `golive.yaml`, invalid YAML, a schema violation, merge-conflict markers, a `golive.yaml` git holds unmerged, a file from a newer golive, a missing reason, an unreadable file, a lock held too long. Nothing was changed.",
  },
  {
    code: EXIT.delivery,
    help: ["`notify` could not deliver the digest"],
    doc: "`golive notify` could not deliver the digest: the chat service failed, throttled past the retries, or did not answer in time.",
  },
];

/** A place in a file, 1-based like every editor and compiler shows it. */
export interface SourceLocation {
  file: string;
  line?: number;
  col?: number;
}

export function formatLocation(loc: SourceLocation): string {
  if (loc.line === undefined) return loc.file;
  return loc.col === undefined ? `${loc.file}:${loc.line}` : `${loc.file}:${loc.line}:${loc.col}`;
}

export type ErrorCode =
  | "usage"
  | "bad-date"
  | "bad-id"
  | "bad-ticket"
  | "unknown-id"
  | "no-state-file"
  | "state-exists"
  | "unreadable"
  | "outside-repository"
  | "git-timeout"
  | "unwritable"
  | "too-large"
  | "invalid-yaml"
  | "merge-conflict"
  | "unmerged"
  | "hand-edits"
  | "not-git"
  | "invalid-state"
  | "invalid-change"
  | "invalid-catalogue"
  | "invalid-portfolio"
  | "newer-schema"
  | "unknown-catalogue"
  | "locked"
  | "items-open"
  | "delivery-failed";

/**
 * An error the user can act on. `message` says what is wrong, `hint` what to do,
 * `location` where (file:line:col) when a file is to blame.
 */
export class GoliveError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly location: SourceLocation | undefined;
  readonly details: readonly string[];
  readonly exitCode: ExitCode;

  constructor(
    code: ErrorCode,
    message: string,
    options: { hint?: string; location?: SourceLocation; details?: readonly string[] } = {},
  ) {
    super(message);
    this.name = "GoliveError";
    this.code = code;
    this.hint = options.hint;
    this.location = options.location;
    this.details = options.details ?? [];
    this.exitCode = code === "delivery-failed" ? EXIT.delivery : EXIT.usage;
  }
}

/** What to do when the merge driver left two go-live dates in conflict (every place says it). */
export const GO_LIVE_CONFLICT_HINT =
  "keep the goLive line with the right date, delete the other one and the three marker lines, then run `golive resolve` (it checks the file and stages it); or `golive resolve --take ours` (or theirs)";

/**
 * What to do with items the merge driver left between conflict markers once git no longer
 * holds the file unmerged (the markers were staged): `golive resolve` has nothing to take.
 */
export const ITEM_MARKERS_HINT =
  "for each item between the markers keep one side (ours, then theirs), delete the other side and the three marker lines, then run the command again";

/**
 * What to do when the merge driver left items both sides changed differently in conflict;
 * `id`, one of them, shows the per-item choice.
 */
export function itemConflictHint(id: string | undefined): string {
  const each = id === undefined ? "" : `, or per item \`--take ${id}=theirs\``;
  return `run \`golive resolve\` to see both sides and choose; without a terminal, \`golive resolve --take ours\` (or theirs)${each}`;
}
