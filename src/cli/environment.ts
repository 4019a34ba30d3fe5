/**
 * What the CLI takes from the outside world (the Environment main.ts passes in), and the
 * Context each command receives, made from it and the global options.
 */
import { format } from "date-fns";
import { localDateOf, parseCalendarDate } from "../core/dates.js";
import { gitTimeoutSeconds } from "../core/git-timeout.js";
import { GoliveError } from "../errors.js";
import { colorLevel, makeStyle } from "../render/text.js";
import type { Asker, Context, Output, Runtime } from "../work/context.js";

/** Everything the CLI takes from the outside world; main.ts passes the real one. */
export interface Environment {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Whether stdout and stderr are terminals (colour, and the table width). */
  isTTY: boolean;
  stderrIsTTY: boolean;
  columns: number | undefined;
  /** The current instant; injected so tests can pin it. */
  clock: () => Date;
  /** `git config user.name` in a folder (io/git.ts). */
  gitUserName: (cwd: string) => string | undefined;
  /**
   * Asks the catalogue's questions on the terminal; absent when stdin or stdout is not one
   * (a pipe, CI, the tests), and then `golive init` takes the defaults and `--answer`.
   */
  ask?: Asker;
  /** The Node binary and golive file running now, for git's merge driver; main.ts knows them. */
  runtime?: Runtime;
}

/** The options every command takes, before its name: `golive --file x.yaml status`. */
export interface GlobalOptions {
  file?: string;
  /** YYYY-MM-DD, checked by its parser. */
  today?: string;
}

/** Runs one command's work with the Context of this run, and hands its output on. */
export type Runner = (work: (ctx: Context) => Promise<Output> | Output) => Promise<void>;

export function makeContext(environment: Environment, options: GlobalOptions): Context {
  // --today is a date already (cli/options.ts); GOLIVE_TODAY is checked here.
  const pinned = options.today ?? environment.env.GOLIVE_TODAY;
  let today: string;
  let clockToday: string | undefined;
  if (options.today !== undefined) {
    today = options.today;
  } else if (pinned !== undefined && pinned !== "") {
    const date = parseCalendarDate(pinned.trim());
    if (!date) {
      // A value from the environment is never echoed: the environment holds the job's secrets.
      throw new GoliveError("bad-date", "GOLIVE_TODAY is not a date", {
        hint: "write a real calendar day as YYYY-MM-DD",
      });
    }
    today = date;
    // --today is on the command line for anyone to read; a variable may sit unseen in a CI
    // job's settings.
    const clock = localDateOf(environment.clock());
    if (clock !== date) clockToday = clock;
  } else {
    today = localDateOf(environment.clock());
  }
  const timeout = environment.env.GOLIVE_GIT_TIMEOUT;
  if (timeout !== undefined && timeout.trim() !== "" && gitTimeoutSeconds(timeout) === undefined) {
    // Never echoed, as GOLIVE_TODAY is not: the environment holds the job's secrets.
    throw new GoliveError("usage", "GOLIVE_GIT_TIMEOUT is not a number of seconds golive takes", {
      hint: "write seconds above 0, up to 3600 (GOLIVE_GIT_TIMEOUT=60 or 2.5), or unset it for the default 20",
    });
  }
  const isPinned = pinned !== undefined && pinned !== "";
  let user: { name: string | undefined } | undefined;
  // A terminal's width when there is one, else COLUMNS; piped output (grep, a file) without
  // COLUMNS has no width, and keeps every text whole.
  const width =
    environment.columns ??
    (Number.parseInt(environment.env.COLUMNS ?? "", 10) ||
      (environment.isTTY ? 100 : Number.POSITIVE_INFINITY));
  return {
    cwd: environment.cwd,
    today,
    ...(clockToday !== undefined ? { clockToday } : {}),
    now: () => (isPinned ? today : format(environment.clock(), "yyyy-MM-dd'T'HH:mm:ssXXX")),
    ...(options.file !== undefined ? { file: options.file } : {}),
    style: makeStyle(colorLevel(environment.env, environment.isTTY), Math.max(40, width)),
    ...(environment.ask ? { ask: environment.ask } : {}),
    gitUser: () => {
      user ??= { name: environment.gitUserName(environment.cwd) };
      return user.name;
    },
    env: environment.env,
    ci: {
      githubActions: environment.env.GITHUB_ACTIONS === "true",
      ...(environment.env.GITHUB_STEP_SUMMARY
        ? { stepSummary: environment.env.GITHUB_STEP_SUMMARY }
        : {}),
    },
    ...(environment.runtime ? { runtime: environment.runtime } : {}),
  };
}
