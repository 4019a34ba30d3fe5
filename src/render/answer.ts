/**
 * What `golive answer` and `golive init --answer` report, and the words for a refused answer.
 */
import type { AnswerProblem } from "../core/answers.js";
import { pushAll } from "../core/arrays.js";
import type { ItemView } from "../core/board.js";
import { plural, type Style, safe } from "./text.js";

export function answerProblem(problem: AnswerProblem): { message: string; hint: string } {
  switch (problem.code) {
    case "unknown-question":
      return {
        message: `the catalogue asks no question "${safe(problem.id)}"`,
        hint:
          problem.known.length > 0
            ? `its questions: ${problem.known.join(", ")}`
            : "this catalogue asks no questions",
      };
    case "unknown-answer":
      return {
        message: `"${safe(problem.answer)}" is not an answer to ${problem.id}`,
        hint: `answer one of: ${problem.answers.join(", ")}`,
      };
  }
}

export interface AnswerResult {
  id: string;
  question: string;
  answer: string;
  was: string;
  /** Items that stopped applying with this answer. */
  dropped: ItemView[];
  /** Items that apply again. */
  restored: ItemView[];
}

function itemLines(views: readonly ItemView[]): string[] {
  return views.map((v) => `  ${v.item.id.padEnd(7)} ${safe(v.item.title)}`);
}

export function renderAnswer(style: Style, result: AnswerResult): string {
  const c = style.chalk;
  const lines = [
    result.was === result.answer
      ? `${c.bold(result.id)} is already ${result.answer}; nothing changed.`
      : `${c.bold(result.id)} = ${c.bold(result.answer)} (was ${result.was}): ${safe(result.question)}`,
  ];
  if (result.dropped.length > 0) {
    pushAll(lines, [
      "",
      `${plural(result.dropped.length, "item")} no longer ${result.dropped.length === 1 ? "applies" : "apply"} (not applicable: ${result.id} = ${result.answer}):`,
      ...itemLines(result.dropped),
    ]);
  }
  if (result.restored.length > 0) {
    pushAll(lines, [
      "",
      `${plural(result.restored.length, "item")} ${result.restored.length === 1 ? "applies" : "apply"} again:`,
      ...itemLines(result.restored),
    ]);
  }
  return `${lines.join("\n")}\n`;
}
