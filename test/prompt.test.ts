/**
 * The terminal prompt of `golive init`: the prompt library itself, driven through streams the
 * way a terminal drives it, and init asking only what --answer left open.
 */
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { askQuestions } from "../src/io/prompt.js";
import type { Question } from "../src/schema/catalogue.js";
import { golive, initRepo, read, tempRepo } from "./helpers/cli.js";

const TODAY = { GOLIVE_TODAY: "2027-02-10" };

describe("asking the catalogue's questions", () => {
  it("the prompt offers the answers with the default chosen; arrow down and Enter picks the next", async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let shown = "";
    output.on("data", (chunk) => (shown += String(chunk)));
    const questions: Question[] = [
      {
        id: "old-shop",
        question: "Does it replace a shop?",
        answers: ["yes", "no"],
        default: "yes",
      },
      { id: "csv-imports", question: "CSV imports?", answers: ["yes", "no"], default: "no" },
    ];
    const asked = askQuestions(questions, { input, output });
    setTimeout(() => {
      input.write("\u001b[B");
      input.write("\r");
      setTimeout(() => input.write("\r"), 50);
    }, 50);
    expect(await asked).toEqual({ "old-shop": "no", "csv-imports": "no" });
    expect(shown).toContain("Does it replace a shop?");
  });

  it("Ctrl-C stops the prompt with the asking command's own words", async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    const question: Question = {
      id: "CLO-01",
      question: "Keep which side?",
      answers: ["ours", "theirs"],
      default: "ours",
    };
    const asked = askQuestions(
      [question],
      { input, output },
      {
        command: "golive resolve",
        hint: "choose without a terminal: golive resolve --take ours",
      },
    );
    setTimeout(() => input.write("\u0003"), 50);
    await expect(asked).rejects.toMatchObject({
      message: "golive resolve was stopped before every question was answered",
      hint: "choose without a terminal: golive resolve --take ours",
    });
  });

  it("init asks on a terminal what --answer did not answer, and records it", async () => {
    const repo = tempRepo();
    let asked: string[] = [];
    const result = await golive(
      repo,
      ["init", "--date", "2027-03-01", "--answer", "old-shop=no"],
      TODAY,
      {
        ask: async (questions) => {
          asked = questions.map((q) => q.id);
          return { "csv-imports": "no" };
        },
      },
    );
    expect(result.code).toBe(0);
    expect(asked).not.toContain("old-shop");
    expect(asked).toContain("csv-imports");
    const answers = parse(read(repo)).answers;
    expect(answers["old-shop"]).toBe("no");
    expect(answers["csv-imports"]).toBe("no");
    expect(answers["basic-auth"]).toBe("yes");
  });

  it("init without a terminal asks nothing and takes the defaults", async () => {
    const repo = await initRepo(["--date", "2027-03-01"], TODAY);
    expect(Object.values(parse(read(repo)).answers).every((a) => a === "yes")).toBe(true);
  });
});
