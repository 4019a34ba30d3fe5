import { checkAnswer } from "../core/answers.js";
import { answersOf, buildBoard } from "../core/board.js";
import { GoliveError } from "../errors.js";
import { updateWorkspace } from "../io/state-update.js";
import { type AnswerResult, answerProblem, renderAnswer } from "../render/answer.js";
import { type Context, type Output, output } from "../work/context.js";
import { boardWarnings, statePath, warningText } from "../work/shared.js";

/**
 * Records the answer to one of the catalogue's questions and lists the items it makes stop or
 * start applying. Items whose status was set by hand keep it.
 */
export function answer(ctx: Context, id: string, value: string): Output {
  const { result, warnings } = updateWorkspace(statePath(ctx), ctx.cwd, (workspace, editor) => {
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
  return output(renderAnswer(ctx.style, result), warningText(ctx, warnings));
}
