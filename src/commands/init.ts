import { existsSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { checkAnswer } from "../core/answers.js";
import { buildBoard } from "../core/board.js";
import type { Catalogue } from "../core/catalogue.js";
import { cleanName, nameFromRemote } from "../core/identity.js";
import type { MergeSetup } from "../core/setup.js";
import { goLiveWarnings } from "../core/warnings.js";
import { GoliveError } from "../errors.js";
import { catalogueRefFor, DEFAULT_CATALOGUE, loadCatalogue } from "../io/catalogue.js";
import { confinementOf } from "../io/confined.js";
import { writeFileAtomic } from "../io/fs-atomic.js";
import { gitConfigGetMany } from "../io/git.js";
import { findRepo, findRepoRoot, type GitRepo, STATE_FILE_NAME } from "../io/locate.js";
import { withLock } from "../io/lock.js";
import { DRIVER_KEYS } from "../io/merge-setup.js";
import { newStateText } from "../io/state-edit.js";
import { answerProblem } from "../render/answer.js";
import { renderWarnings } from "../render/error.js";
import { renderInit } from "../render/init.js";
import { renderInitMerge } from "../render/setup.js";
import { safe } from "../render/text.js";
import { type Context, type Output, output } from "../work/context.js";
import { refusePastGoLive } from "../work/dates.js";
import { setUpMerges } from "../work/merge-setup.js";
import { refuseUnmerged } from "../work/workspace.js";

export interface InitOptions {
  date: string;
  catalogue?: string;
  force?: boolean;
  /** `QUESTION=ANSWER`, split (cli/options.ts); the catalogue judges them. */
  answer?: readonly { key: string; value: string }[];
  /** Start a project whose go-live is before today on purpose. */
  allowPast?: boolean;
  /** The project's name, one line (cli/options.ts); by default the remote's repository name, else the folder's. */
  name?: string;
}

/** The origin remote's URL, which names a project init is not given a name for. */
const REMOTE_URL_KEY = "remote.origin.url";

/**
 * The name a project gets when init is not given one: its origin remote's repository name
 * (user info and host never taken), else the name of the repository's folder, else the
 * state file's folder.
 */
function defaultName(
  repo: GitRepo | undefined,
  path: string,
  config: ReadonlyMap<string, string> | undefined,
): string | undefined {
  if (repo) {
    const url = config?.get(REMOTE_URL_KEY);
    const fromRemote = url === undefined ? undefined : nameFromRemote(url);
    if (fromRemote !== undefined) return fromRemote;
  }
  return cleanName(basename(repo?.root ?? dirname(path)));
}

/** Creates golive.yaml at the repository root (or at --file) with every item todo. */
export async function init(ctx: Context, options: InitOptions): Promise<Output> {
  const goLive = options.date;
  refusePastGoLive(ctx, goLive, options.allowPast);
  const path = ctx.file ? resolve(ctx.cwd, ctx.file) : join(findRepoRoot(ctx.cwd), STATE_FILE_NAME);
  const shown = relative(ctx.cwd, path) || path;
  const refuseExisting = () => {
    if (existsSync(path) && !options.force) {
      throw new GoliveError("state-exists", "the state file already exists", {
        location: { file: shown },
        hint: "use `golive reschedule --date` to move go-live, or `golive init --force` to start over",
      });
    }
  };
  refuseExisting();
  if (existsSync(path)) refuseUnmerged(ctx, path);
  if (!existsSync(dirname(path))) {
    throw new GoliveError(
      "usage",
      `the folder ${relative(ctx.cwd, dirname(path)) || "."} does not exist`,
      {
        location: { file: shown },
        hint: "create the folder first, or give --file a path in an existing folder",
      },
    );
  }
  const typedName = options.name;
  const ref = options.catalogue ?? DEFAULT_CATALOGUE;
  // golive.yaml will name the catalogue, and every later read keeps that path inside the
  // repository: a catalogue outside it is refused now, not after golive.yaml is written.
  const { catalogue } = loadCatalogue(ref, ctx.cwd, undefined, [], confinementOf(path));
  const { answers, given } = initialAnswers(catalogue, options.answer ?? []);
  // On a terminal, the questions --answer left open are asked; elsewhere they take defaults.
  const open = catalogue.questions.filter((q) => !given.has(q.id));
  if (ctx.ask && open.length > 0) {
    const asked = await ctx.ask(open);
    for (const question of open) {
      const checked = checkAnswer(catalogue, question.id, asked[question.id] ?? question.default);
      if (checked.ok) answers[question.id] = checked.answer;
    }
    refuseExisting();
  }
  const repo = findRepo(dirname(path));
  // What init asks git's config, in one process: the remote (for the name) and the driver.
  const config = repo ? gitConfigGetMany(repo.root, [...DRIVER_KEYS, REMOTE_URL_KEY]) : undefined;
  const name = typedName ?? defaultName(repo, path, config);
  const text = newStateText(
    catalogue,
    catalogueRefFor(ref, dirname(path), ctx.cwd),
    goLive,
    answers,
    name,
  );
  // Under the lock, so that init --force cannot interleave with another command's write.
  withLock(path, () => {
    refuseExisting();
    writeFileAtomic(path, text);
  });

  // golive.yaml is written: a merge driver git could not be given is a warning, not a failure.
  let merge: MergeSetup | undefined;
  let warning = "";
  if (repo) {
    try {
      merge = setUpMerges(ctx, repo, path, config);
    } catch (error) {
      if (!(error instanceof GoliveError)) throw error;
      warning = `${ctx.style.chalk.yellow("warning:")} git's merge driver for ${safe(shown)} was not set up: ${safe(error.message)}; run \`golive setup\`\n`;
    }
  }
  const board = buildBoard(
    catalogue,
    { golive: 1, catalogue: { name: ref }, goLive, items: {}, answers, ...(name ? { name } : {}) },
    ctx.today,
  );
  const commit = merge?.attributes.status === "added" ? `${shown} and .gitattributes` : shown;
  const merges = repo && !merge ? undefined : renderInitMerge(merge);
  return output(
    renderInit(ctx.style, { shown, commit, catalogue, board, ...(merges ? { merges } : {}) }),
    warning + renderWarnings(ctx.style, goLiveWarnings(goLive, ctx.today)),
  );
}

/**
 * Every question's answer: the one given, else the catalogue's default. All are written to
 * golive.yaml, so that the team sees what was assumed and changes it with `golive answer`.
 */
function initialAnswers(
  catalogue: Catalogue,
  typed: readonly { key: string; value: string }[],
): { answers: Record<string, string>; given: Set<string> } {
  const answers: Record<string, string> = Object.fromEntries(
    catalogue.questions.map((q) => [q.id, q.default]),
  );
  const given = new Set<string>();
  for (const { key, value } of typed) {
    const checked = checkAnswer(catalogue, key, value);
    if (!checked.ok) {
      const { message, hint } = answerProblem(checked.problem);
      throw new GoliveError("usage", message, { hint });
    }
    answers[checked.question.id] = checked.answer;
    given.add(checked.question.id);
  }
  return { answers, given };
}
