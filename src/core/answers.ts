/**
 * The team's answers to a catalogue's questions: checked against the questions, and what they
 * change. Pure.
 */
import type { Question } from "../schema/catalogue.js";
import type { Catalogue } from "./catalogue.js";

/** Why an answer cannot be taken, as data; render/answer.ts words it. */
export type AnswerProblem =
  | { code: "unknown-question"; id: string; known: string[] }
  | { code: "unknown-answer"; id: string; answer: string; answers: string[] };

export function findQuestion(catalogue: Catalogue, id: string): Question | undefined {
  const wanted = id.trim().toLowerCase();
  return catalogue.questions.find((q) => q.id === wanted);
}

/** One answer, checked: the question it answers and the answer as the catalogue spells it. */
export function checkAnswer(
  catalogue: Catalogue,
  id: string,
  answer: string,
): { ok: true; question: Question; answer: string } | { ok: false; problem: AnswerProblem } {
  const question = findQuestion(catalogue, id);
  if (!question) {
    return {
      ok: false,
      problem: { code: "unknown-question", id, known: catalogue.questions.map((q) => q.id) },
    };
  }
  const given = answer.trim().toLowerCase();
  if (!question.answers.includes(given)) {
    return {
      ok: false,
      problem: { code: "unknown-answer", id: question.id, answer, answers: question.answers },
    };
  }
  return { ok: true, question, answer: given };
}
