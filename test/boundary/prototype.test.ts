/**
 * Issue 18, severe 3 and names: a name a user or a file chooses never reaches
 * Object.prototype. Each case plants `constructor`, `__proto__`, `toString` and
 * `hasOwnProperty` where golive looks a name up.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { answersOf } from "../../src/core/board.js";
import { loadCatalogue } from "../../src/io/catalogue.js";
import { overdueItem, teamCatalogue } from "../helpers/catalogue.js";
import { golive, read, tempRepo } from "../helpers/cli.js";

const PLANTED = ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf"] as const;
/** Questions IDs are lower-case words: these are the planted names a question can have. */
const QUESTION_NAMES = ["constructor", "tostring", "hasownproperty", "valueof"] as const;

function team(question: string): string {
  return teamCatalogue(`questions:
  - id: ${question}
    question: Does it apply?
    answers: [yes, no]
    default: yes
items:
${overdueItem(`{ ${question}: yes }`)}`);
}

describe("the gate with a question named like a property of every object", () => {
  it.each(QUESTION_NAMES)(
    "question %s, answers: {}: the overdue item fails the gate",
    async (q) => {
      const repo = tempRepo({ "ours.yaml": team(q) });
      const init = await golive(
        repo,
        ["init", "--date", "2027-03-01", "--catalogue", "ours.yaml"],
        {
          GOLIVE_TODAY: "2026-12-01",
        },
      );
      expect(init.code, init.stderr).toBe(0);
      writeFileSync(
        join(repo, "golive.yaml"),
        read(repo).replace(/^answers:[\s\S]*?(?=^\S)/m, "answers: {}\n"),
      );
      expect(read(repo)).toContain("answers: {}");
      const check = await golive(repo, ["check"], { GOLIVE_TODAY: "2027-02-20" });
      expect(check.stdout + check.stderr).not.toContain("nothing overdue");
      expect(check.code).toBe(1);
      const list = await golive(repo, ["list", "--json"], { GOLIVE_TODAY: "2027-02-20" });
      expect(JSON.parse(list.stdout).items[0].status).toBe("todo");
    },
  );

  it("answersOf reads only the team's own answers", () => {
    const { catalogue } = loadCatalogue("spryker-cloud", ".");
    const answers = answersOf(
      {
        ...catalogue,
        questions: QUESTION_NAMES.map((id) => ({
          id,
          question: "?",
          answers: ["yes", "no"],
          default: "yes",
        })),
      },
      { answers: {} } as never,
    );
    for (const q of QUESTION_NAMES) expect(answers.get(q)).toBe("yes");
  });
});

describe("catalogue names", () => {
  it.each(PLANTED.filter((n) => /^[a-z]/.test(n)))(
    "--catalogue %s: exit 2, the shipped names listed",
    async (name) => {
      const repo = tempRepo();
      const r = await golive(
        repo,
        ["init", "--date", "2027-03-01", "--catalogue", name.toLowerCase()],
        {
          GOLIVE_TODAY: "2027-01-04",
        },
      );
      expect(r.stderr).not.toContain("internal error");
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("spryker-cloud");
    },
  );

  it.each(PLANTED)("name: %s in a team catalogue: no internal error", async (name) => {
    const repo = tempRepo({ "ours.yaml": team("old").replace("name: ours", `name: ${name}`) });
    const r = await golive(repo, ["init", "--date", "2027-03-01", "--catalogue", "ours.yaml"], {
      GOLIVE_TODAY: "2027-01-04",
    });
    expect(r.stderr).not.toContain("internal error");
    expect(r.code).toBeLessThan(3);
  });
});
