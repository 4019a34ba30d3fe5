/**
 * `golive merge-driver %O %A %B %P`: git's custom merge driver for golive.yaml
 * (`.gitattributes`: `golive.yaml merge=golive`, written by `golive init` and `golive setup`).
 * Merges two edits of the same item without losing either (see core/merge.ts) and writes the
 * result to %A, keeping both sides' comments and ours' line endings and layout; what a rule
 * settled it says on stderr. What only a person can settle (one field changed to two values,
 * two go-live dates) it leaves between conflict markers, that entry only, and exits 1; when
 * it cannot merge at all, it leaves git's usual conflict markers in %A and exits 1 too, so
 * the merge stops for a person.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { EXIT, GoliveError } from "../errors.js";
import { writeFileAtomic } from "../io/fs-atomic.js";
import { gitMergeFile } from "../io/git.js";
import { mergeStateTexts, stateDirOf, type TextMerge, type Version } from "../io/state-merge.js";
import { readTextFile } from "../io/text-file.js";
import { conflictMarkerLines } from "../io/yaml-file.js";
import { conflictWords, renderSettled } from "../render/resolve.js";
import { safe } from "../render/text.js";
import { type Context, type Output, output } from "../work/context.js";

function readOrEmpty(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}

/** The three versions git handed over, merged; a file that cannot be read cannot be merged. */
function mergeFiles(paths: string[], stateDir: string, shown: string): TextMerge {
  try {
    const [base, ours, theirs] = paths.map(
      (path, i): Version => ({
        text: readTextFile(path, WHAT[i]!),
        what: WHAT[i]!,
      }),
    );
    return mergeStateTexts(base!, ours!, theirs!, stateDir, shown);
  } catch (error) {
    if (!(error instanceof GoliveError)) throw error;
    return { kind: "failed", reasons: [error.message] };
  }
}

const WHAT = ["the base version", "our version", "their version"];

export function mergeDriver(
  ctx: Context,
  basePath: string,
  oursPath: string,
  theirsPath: string,
  pathname: string | undefined,
): Output {
  const shown = pathname ?? "golive.yaml";
  const [base, ours, theirs] = [basePath, oursPath, theirsPath].map((p) => resolve(ctx.cwd, p));
  const merge = mergeFiles([base!, ours!, theirs!], stateDirOf(ctx.cwd, pathname), shown);
  if (merge.kind === "merged") {
    writeFileAtomic(ours!, merge.text);
    return output("", renderSettled(merge.settled, "golive merge-driver: "));
  }
  if (merge.kind === "conflicts") {
    writeFileAtomic(ours!, merge.text);
    const words = conflictWords(shown, merge.conflicts);
    return output(
      "",
      `${renderSettled(merge.settled, "golive merge-driver: ")}golive merge-driver: ${safe(words.message)}\nhint: ${safe(words.hint)}\n`,
      EXIT.findings,
    );
  }
  const before = readOrEmpty(ours!);
  gitMergeFile(ctx.cwd, base!, ours!, theirs!);
  const marked = conflictMarkerLines(readOrEmpty(ours!)).length > 0;
  const hint = marked
    ? `resolve the conflict markers in ${shown} by hand (keep both sides' items), then \`git add ${shown}\``
    : `${shown} was left as our version${readOrEmpty(ours!) === before ? "" : " with git's text merge"}, without conflict markers: take their changes over by hand (\`git show :3:${shown}\` shows their version), then \`git add ${shown}\``;
  return output(
    "",
    `golive merge-driver: cannot merge ${safe(shown)}: ${safe(merge.reasons.join("; "))}\nhint: ${safe(hint)}\n`,
    EXIT.findings,
  );
}
