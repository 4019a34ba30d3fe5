/**
 * Asking the catalogue's questions on a terminal, one choice each, the default preselected.
 * Loaded only when `golive init` asks (main.ts imports it on first use), so that no other
 * command loads the prompt library. @inquirer/select is the one prompt of Inquirer.js golive
 * needs: @inquirer/prompts would bundle every prompt type for nothing.
 */
import select from "@inquirer/select";
import { GoliveError } from "../errors.js";
import type { Question } from "../schema/catalogue.js";

/** What a stopped prompt says: the command, and how to answer without a terminal. */
export interface Stopped {
  command: string;
  hint: string;
}

const INIT_STOPPED: Stopped = {
  command: "golive init",
  hint: "run it again, or answer without a terminal: golive init --answer old-shop=no ...",
};

/** Asks each question in turn; Ctrl-C rejects, and golive writes nothing. */
export async function askQuestions(
  questions: readonly Question[],
  streams: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream },
  stopped: Stopped = INIT_STOPPED,
): Promise<Record<string, string>> {
  const answers: Record<string, string> = {};
  for (const question of questions) {
    answers[question.id] = await ask(question, streams, stopped);
  }
  return answers;
}

async function ask(
  question: Question,
  streams: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream },
  stopped: Stopped,
): Promise<string> {
  try {
    return await select(
      {
        message: question.question,
        choices: question.answers.map((value) => ({ value, name: value })),
        default: question.default,
      },
      { input: streams.input, output: streams.output, clearPromptOnDone: false },
    );
  } catch (error) {
    // Ctrl-C, or the terminal went away: nothing was written yet, and nothing will be.
    if (error instanceof Error && error.name === "ExitPromptError") {
      throw new GoliveError(
        "usage",
        `${stopped.command} was stopped before every question was answered`,
        { hint: stopped.hint },
      );
    }
    throw error;
  }
}
