/**
 * `golive resolve`: finishes a merge of golive.yaml that git left unmerged, whether the merge
 * driver ran or not (a clone without `golive setup`, a driver git could not start). It takes
 * the three versions git holds in its index (base, ours, theirs), merges them as the merge
 * driver does, writes the result and stages it (`git add`).
 */

import { dirname, relative } from "node:path";
import { echo } from "../core/escape.js";
import { GO_LIVE } from "../core/merge.js";
import type { Side } from "../core/merge-item.js";
import { EXIT, GoliveError } from "../errors.js";
import { writableTarget, writeFileAtomic } from "../io/fs-atomic.js";
import { gitAdd, gitStageText, gitUnmergedStages } from "../io/git.js";
import { gitOperation, gitPath } from "../io/git-repo.js";
import { findRepo } from "../io/locate.js";
import { withLock } from "../io/lock.js";
import { type Conflict, mergeStateTexts, settledBy } from "../io/state-merge.js";
import { readTextFile } from "../io/text-file.js";
import { conflictMarkerLines } from "../io/yaml-file.js";
import {
  conflictQuestion,
  conflictWords,
  renderChosen,
  renderConflicts,
  renderNothingToResolve,
  renderResolved,
  renderSettled,
  renderUnresolved,
} from "../render/resolve.js";
import { type Context, type Output, output } from "../work/context.js";
import { openState } from "../work/workspace.js";

/** The same text, whatever the line endings or a byte order mark. */
function sameText(a: string, b: string): boolean {
  const plain = (t: string) => t.replace(/^\uFEFF/, "").replace(/\r\n/g, "\n");
  return plain(a) === plain(b);
}

export interface ResolveOptions {
  /** `ours`, `theirs`, or `ID=ours|theirs` (cli/options.ts): the side for all conflicts, or for one. */
  take?: readonly { key?: string; side: Side }[];
}

export async function resolveMerge(ctx: Context, options: ResolveOptions = {}): Promise<Output> {
  const path = openState(ctx, { allowUnmerged: true }).path;
  const shown = relative(ctx.cwd, path) || path;
  const repo = findRepo(dirname(path));
  if (!repo) {
    throw new GoliveError(
      "not-git",
      `${shown} is not in a git repository: there is no merge to resolve`,
    );
  }
  const rel = gitPath(repo, path);
  const stages = gitUnmergedStages(repo.root, rel);
  if (stages === undefined) {
    throw new GoliveError("not-git", "git did not say whether golive.yaml is unmerged", {
      hint: "check that git runs here (`git status`)",
    });
  }
  if (stages.length === 0) return output(renderNothingToResolve(shown));
  const stopped = (message: string, hint: string) =>
    output("", renderUnresolved(ctx.style, message, hint), EXIT.findings);
  const has = (n: number) => stages.some((s) => s.stage === n);
  if (!has(2) || !has(3)) {
    return stopped(
      `${has(2) ? "their" : "our"} side deleted ${shown}, the other changed it: golive does not merge a deletion`,
      `keep the file with \`git add ${rel}\`, or delete it with \`git rm ${rel}\``,
    );
  }
  const version = (stage: 1 | 2 | 3, what: string) => {
    const text = gitStageText(repo.root, stage, rel);
    if (text === undefined) throw new GoliveError("not-git", `git did not give ${what}`);
    return { text, what };
  };
  const byHand = `merge it by hand: \`git show :1:${rel}\` is the base, \`:2:${rel}\` ours, \`:3:${rel}\` theirs; then \`git add ${rel}\``;
  if (!has(1)) {
    // No stage 1: the hint names only the two versions git holds.
    return stopped(
      `${shown} has no merge base: both sides added it`,
      `merge it by hand: \`git show :2:${rel}\` is ours, \`:3:${rel}\` theirs (there is no base); then \`git add ${rel}\``,
    );
  }
  const ours = version(2, "our version");
  const base = version(1, "the base version");
  const theirs = version(3, "their version");
  const merge = mergeStateTexts(base, ours, theirs, dirname(path), shown);
  if (merge.kind === "failed") {
    return stopped(`cannot merge ${shown}: ${merge.reasons.join("; ")}`, byHand);
  }
  const choices =
    merge.kind === "conflicts" ? takeChoices(merge.conflicts, options.take) : new Map();
  const operation = gitOperation(repo);
  const target = writableTarget(path, repo.root);
  const stage = () => {
    if (!gitAdd(repo.root, rel)) {
      throw new GoliveError("not-git", `git did not stage ${shown}`, {
        hint: `stage it yourself: \`git add ${rel}\``,
      });
    }
  };
  let now: string | undefined;
  try {
    now = readTextFile(path, "state file");
  } catch {
    now = undefined;
  }
  const settledWords = renderSettled(merge.settled);
  if (merge.kind === "conflicts" && now !== undefined) {
    // A person kept one side of each conflict and deleted the other: that file is the answer.
    const byPerson = settledBy(merge, now);
    if (byPerson !== undefined) {
      stage();
      return output(
        settledWords + renderChosen(ctx.style, shown, operation, merge.conflicts, byPerson),
      );
    }
  }
  // What git left (ours, conflict markers) is replaced; a file a person has merged is not.
  const replaceable =
    now === undefined ||
    conflictMarkerLines(now).length > 0 ||
    sameText(now, ours.text) ||
    sameText(now, merge.text);
  if (!replaceable) {
    return stopped(
      `${shown} was edited after git stopped, and is not golive's merge: golive leaves it as it is`,
      `if it is the merge you want, stage it with \`git add ${rel}\`; to let golive merge instead, \`git checkout --ours -- ${rel}\`, then \`golive resolve\``,
    );
  }
  if (merge.kind === "conflicts") {
    const titles = merge.titles;
    const open = merge.conflicts.filter((c) => !choices.has(c.key));
    if (open.length > 0 && ctx.ask) {
      const asked = await ctx.ask(
        open.map((c) => ({
          id: c.key,
          question: conflictQuestion(ctx.style, c, titles),
          answers: ["ours", "theirs"],
          default: "ours",
        })),
        {
          command: "golive resolve",
          hint: "run it again, or choose without a terminal: golive resolve --take ours (or theirs), or --take ID=theirs",
        },
      );
      for (const c of open) {
        const answer = asked[c.key];
        if (answer === "ours" || answer === "theirs") choices.set(c.key, answer);
      }
    }
    const left = merge.conflicts.filter((c) => !choices.has(c.key));
    if (left.length > 0) {
      refuseLosing(now, [base.text, ours.text, theirs.text, merge.text], merge.text, shown);
      withLock(target, () => writeFileAtomic(target, merge.text));
      const words = conflictWords(shown, left);
      return output(
        "",
        settledWords +
          renderConflicts(ctx.style, left, titles) +
          renderUnresolved(ctx.style, words.message, words.hint),
        EXIT.findings,
      );
    }
    const settled = merge.settle(choices);
    refuseLosing(now, [base.text, ours.text, theirs.text, merge.text], settled.text, shown);
    withLock(target, () => writeFileAtomic(target, settled.text));
    stage();
    return output(
      settledWords + renderChosen(ctx.style, shown, operation, merge.conflicts, choices),
    );
  }
  refuseLosing(now, [base.text, ours.text, theirs.text], merge.text, shown);
  withLock(target, () => writeFileAtomic(target, merge.text));
  stage();
  return output(settledWords + renderResolved(ctx.style, shown, { operation }));
}

/**
 * `--take ours`, `--take theirs`, `--take CLO-01=theirs` (repeatable): a side for every
 * conflict, or for one; the one named wins over the one for all.
 */
function takeChoices(
  conflicts: readonly Conflict[],
  takes: readonly { key?: string; side: Side }[] = [],
): Map<string, Side> {
  const choices = new Map<string, Side>();
  const keys = conflicts.map((c) => c.key);
  const listed = keys.length > 0 ? keys.join(", ") : "none";
  let all: Side | undefined;
  for (const { key, side } of takes) {
    if (key === undefined) {
      all = side;
      continue;
    }
    const found = keys.find(
      (k) =>
        k.toUpperCase() === key.trim().toUpperCase() ||
        (k === GO_LIVE && /^go-?live$/i.test(key.trim())),
    );
    if (found === undefined) {
      throw new GoliveError(
        "usage",
        `--take ${shortArg(`${key}=${side}`)}: ${shortArg(key)} is not in conflict`,
        {
          hint: `the conflicts are: ${listed}`,
        },
      );
    }
    choices.set(found, side);
  }
  if (all !== undefined) for (const key of keys) if (!choices.has(key)) choices.set(key, all);
  return choices;
}

function shortArg(text: string): string {
  return `"${echo(text)}"`;
}

/**
 * Lines a person wrote into the file while git held it unmerged (a note, a comment) are in
 * none of the versions golive merges: writing `result` over them would lose them. Refuses,
 * naming them, when `result` does not hold them all.
 */
function refuseLosing(
  now: string | undefined,
  versions: readonly string[],
  result: string,
  shown: string,
): void {
  if (now === undefined) return;
  const lines = (text: string) => text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const known = new Set(versions.flatMap(lines));
  const kept = new Set(lines(result));
  const markers = new Set(conflictMarkerLines(now));
  const lost = lines(now)
    .map((line, i) => ({ line, n: i + 1 }))
    .filter(
      ({ line, n }) => line.trim() !== "" && !markers.has(n) && !known.has(line) && !kept.has(line),
    );
  if (lost.length === 0) return;
  const some = lost
    .slice(0, 5)
    .map(({ line, n }) => `${shown}:${n}: ${line.trim().slice(0, 80)}`)
    .join("; ");
  throw new GoliveError(
    "hand-edits",
    `${shown} holds ${lost.length} line${lost.length > 1 ? "s" : ""} written by hand during the merge that golive's merge would lose (${some}${lost.length > 5 ? "; ..." : ""})`,
    {
      location: { file: shown, line: lost[0]!.n, col: 1 },
      hint: `finish the merge by hand (keep your lines, settle the conflict, remove the markers, then \`git add ${shown}\`), or copy your lines, \`git checkout --merge -- ${shown}\`, run \`golive resolve\` and add them again with golive`,
    },
  );
}
