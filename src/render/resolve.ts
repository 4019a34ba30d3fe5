/**
 * What `golive resolve` and the merge driver say about a merge of golive.yaml.
 */
import { GO_LIVE_CONFLICT_HINT } from "../errors.js";
import { type Style, safe } from "./text.js";

/** The operation a resolved conflict lets go on, by the command that finishes it. */
const NEXT: Record<string, string> = {
  merge: "`git commit` finishes the merge",
  rebase: "`git rebase --continue` goes on with the rebase",
  "cherry-pick": "`git cherry-pick --continue` goes on with the cherry-pick",
  revert: "`git revert --continue` goes on with the revert",
};

function next(operation: string | undefined): string {
  return operation !== undefined && NEXT[operation]
    ? `Next: ${NEXT[operation]}.`
    : "Next: commit it when the rest is ready.";
}

export function goLiveConflictWords(
  shown: string,
  ours: string,
  theirs: string,
): { message: string; hint: string } {
  return {
    message: `both sides moved go-live, to ${ours} (ours) and ${theirs} (theirs): golive does not pick the date every due date hangs on, so ${shown} keeps that line in conflict; everything else is merged`,
    hint: GO_LIVE_CONFLICT_HINT,
  };
}

export function renderResolved(
  style: Style,
  shown: string,
  how: { operation: string | undefined; goLive?: string },
): string {
  const c = style.chalk;
  const what = how.goLive
    ? `${c.green("✓")} ${safe(shown)}: merged, with go-live ${how.goLive} as you chose, and staged.`
    : `${c.green("✓")} ${safe(shown)}: merged from the base, our and their versions git holds, and staged.`;
  return `${what}\n${next(how.operation)}\n`;
}

export function renderNothingToResolve(shown: string): string {
  return `${safe(shown)} is not unmerged: nothing to resolve.\n`;
}

/** A resolve that stopped: the message and what to do, on stderr. */
export function renderUnresolved(style: Style, message: string, hint: string): string {
  return `${style.chalk.red("error:")} ${safe(message)}\n${style.chalk.dim("hint:")} ${safe(hint)}\n`;
}
