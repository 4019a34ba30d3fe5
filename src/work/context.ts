/**
 * What every command gets from the outside world, so that commands stay testable:
 * the folder, the date, the clock, the user and the output style.
 */
import type { CalendarDate } from "../core/dates.js";
import { EXIT, type ExitCode } from "../errors.js";
import { withGitEnvironment } from "../io/git.js";
import type { Style } from "../render/text.js";
import type { Question } from "../schema/catalogue.js";

/**
 * Asks questions on a terminal and returns the answers by question ID; `stopped` says what a
 * Ctrl-C stopped and how to answer without a terminal (default: `golive init`'s).
 */
export type Asker = (
  questions: readonly Question[],
  stopped?: { command: string; hint: string },
) => Promise<Record<string, string>>;

export interface Context {
  cwd: string;
  /** Today's local date, or the one pinned with --today / GOLIVE_TODAY. */
  today: CalendarDate;
  /** The clock's date, when GOLIVE_TODAY pins `today` to another day (the gate says so). */
  clockToday?: CalendarDate;
  /** When a change is recorded: a timestamp, or just the date when today is pinned. */
  now: () => string;
  /** The state file given with --file. */
  file?: string;
  style: Style;
  /** `git config user.name`, looked up only when needed. */
  gitUser: () => string | undefined;
  /** Present only on a terminal: asks questions (`golive init`, `golive resolve`). */
  ask?: Asker;
  /** The environment's variables, for a command that reads a secret from one (notify). */
  env?: NodeJS.ProcessEnv;
  /** What the CI server tells us through its environment; absent means none. */
  ci?: CiEnvironment;
  /** How this golive was started; absent when the caller cannot say (golive run as a library). */
  runtime?: Runtime;
}

/** How this golive was started: what git's merge driver runs to start it again. */
export interface Runtime {
  /** The Node.js binary running golive, absolute (process.execPath). */
  node: string;
  /** The golive file it runs, absolute: bin/golive.cjs, dist/golive.cjs or a copied golive.cjs. */
  script: string;
  /** That Node's version, e.g. "20.19.0". */
  nodeVersion: string;
}

/** The CI server's variables that change golive's output. */
export interface CiEnvironment {
  /** `GITHUB_ACTIONS=true`: annotate with workflow commands by default. */
  githubActions: boolean;
  /** `GITHUB_STEP_SUMMARY`: a file to append the Markdown report to. */
  stepSummary?: string;
}

/** What a command prints and how the process ends; `main.ts` does the printing. */
export interface Output {
  stdout: string;
  stderr: string;
  exitCode: ExitCode;
  /**
   * stdout is a file's bytes (an export, a completion script) or GitHub workflow commands that
   * golive means to run: printed as it is. Any other output, and stderr always, goes through
   * `ciSafe`, so that text people wrote never runs as a workflow command in a CI log.
   */
  raw?: boolean;
}

export function output(stdout: string, stderr = "", exitCode: ExitCode = EXIT.ok): Output {
  return { stdout, stderr, exitCode };
}

/** `output` for stdout that is printed byte for byte (see Output.raw). */
export function rawOutput(stdout: string, stderr = "", exitCode: ExitCode = EXIT.ok): Output {
  return { stdout, stderr, exitCode, raw: true };
}

/**
 * Runs one command line in its environment: what has no Context to ask (git's time bound,
 * GOLIVE_GIT_TIMEOUT; the index git reads) reads the run's injected variables. cli/ reaches
 * io/ through here only.
 */
export function inEnvironment<T>(env: NodeJS.ProcessEnv, task: () => Promise<T>): Promise<T> {
  return withGitEnvironment(env, task);
}
