/**
 * `golive resolve`: finishes a merge of golive.yaml that git left unmerged, whether the merge
 * driver ran or not (a clone without `golive setup`, a driver git could not start). It takes
 * the three versions git holds in its index (base, ours, theirs), merges them as the merge
 * driver does, writes the result and stages it (`git add`).
 */
import { dirname, relative } from "node:path";
import { EXIT, GoliveError } from "../errors.js";
import { writableTarget, writeFileAtomic } from "../io/fs-atomic.js";
import { gitAdd, gitStageText, gitUnmergedStages } from "../io/git.js";
import { gitOperation, gitPath } from "../io/git-repo.js";
import { findRepo } from "../io/locate.js";
import { withLock } from "../io/lock.js";
import { mergeStateTexts, settledGoLive } from "../io/state-merge.js";
import { readTextFile } from "../io/text-file.js";
import { conflictMarkerLines } from "../io/yaml-file.js";
import {
  goLiveConflictWords,
  renderNothingToResolve,
  renderResolved,
  renderUnresolved,
} from "../render/resolve.js";
import { type Context, type Output, output } from "../work/context.js";
import { openState } from "../work/workspace.js";

/** The same text, whatever the line endings or a byte order mark. */
function sameText(a: string, b: string): boolean {
  const plain = (t: string) => t.replace(/^\uFEFF/, "").replace(/\r\n/g, "\n");
  return plain(a) === plain(b);
}

export function resolveMerge(ctx: Context): Output {
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
    return stopped(`${shown} has no merge base: both sides added it`, byHand);
  }
  const ours = version(2, "our version");
  const merge = mergeStateTexts(
    version(1, "the base version"),
    ours,
    version(3, "their version"),
    dirname(path),
    shown,
  );
  if (merge.kind === "failed") {
    return stopped(`cannot merge ${shown}: ${merge.reasons.join("; ")}`, byHand);
  }
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
  if (merge.kind === "go-live" && now !== undefined) {
    // A person picked one of the two dates: that file is the answer.
    const chosen = settledGoLive(merge, now);
    if (chosen !== undefined) {
      stage();
      return output(renderResolved(ctx.style, shown, { operation, goLive: chosen }));
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
  withLock(target, () => writeFileAtomic(target, merge.text));
  if (merge.kind === "go-live") {
    const words = goLiveConflictWords(shown, merge.ours, merge.theirs);
    return stopped(words.message, words.hint);
  }
  stage();
  return output(renderResolved(ctx.style, shown, { operation }));
}
