import { checkAnswer } from "../core/answers.js";
import { answersOf, buildBoard } from "../core/board.js";
import { boardWarnings } from "../core/warnings.js";
import { GoliveError } from "../errors.js";
import { type AnswerResult, answerProblem, renderAnswer } from "../render/answer.js";
import { renderWarnings } from "../render/error.js";
import { type Context, type Output, output } from "../work/context.js";
import { openState } from "../work/workspace.js";

/**
 * Records the answer to one of the catalogue's questions and lists the items it makes stop or
 * start applying. Items whose status was set by hand keep it.
 */
export async function answer(ctx: Context, id: string, value: string): Promise<Output> {
  const { result, warnings } = await openState(ctx).update((workspace, editor) => {
    const checked = checkAnswer(workspace.catalogue, id, value);
    if (!checked.ok) {
      const { message, hint } = answerProblem(checked.problem);
      throw new GoliveError("usage", message, { hint });
    }
    const { question } = checked;
    const before = buildBoard(workspace.catalogue, workspace.state, ctx.today);
    const was = answersOf(workspace.catalogue, workspace.state).get(question.id)!;
    const answers = { ...workspace.state.answers, [question.id]: checked.answer };
    const after = buildBoard(workspace.catalogue, { ...workspace.state, answers }, ctx.today);
    if (workspace.state.answers?.[question.id] !== checked.answer)
      editor.setTop("answers", answers);
    const result: AnswerResult = {
      id: question.id,
      question: question.question,
      answer: checked.answer,
      was,
      dropped: after.items.filter((v, i) => v.doesNotApply && !before.items[i]!.doesNotApply),
      restored: after.items.filter((v, i) => !v.doesNotApply && before.items[i]!.doesNotApply),
    };
    return { result, warnings: boardWarnings(after) };
  });
  return output(renderAnswer(ctx.style, result), renderWarnings(ctx.style, warnings));
}
