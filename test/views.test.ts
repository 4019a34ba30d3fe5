/**
 * Issue 20: every view says what golive.yaml holds, and the small things a team meets every
 * day. In-process, against a project made with golive's own commands.
 */
import { describe, expect, it } from "vitest";
import { golive, initRepo } from "./helpers/cli.js";

const GO_LIVE = "2027-03-01";

async function project(
  today = "2027-02-16",
): Promise<{ repo: string; env: Record<string, string> }> {
  const env = { GOLIVE_TODAY: today };
  // A project looked at after its go-live was started before it: --allow-past says so.
  const past = today > GO_LIVE ? ["--allow-past"] : [];
  const repo = await initRepo(["--date", GO_LIVE, ...past], env);
  return { repo, env };
}

async function ok(repo: string, args: string[], env: Record<string, string>) {
  const result = await golive(repo, args, env);
  expect(result.code, result.stderr).toBe(0);
  return result;
}

describe("every view says the same", () => {
  it("status --all never calls a closed item overdue", async () => {
    const { repo, env } = await project();
    await ok(repo, ["done", "GEN-01"], env);
    await ok(repo, ["skip", "APP-25", "--reason", "no such module"], env);
    const all = await ok(repo, ["status", "--all"], env);
    const gen = all.stdout.split("\n").filter((l) => /^\s*GEN-01\s/.test(l));
    expect(gen.at(-1)).toMatch(/done, was due /);
    expect(all.stdout).not.toMatch(/GEN-01.*overdue/);
    expect(all.stdout).not.toMatch(/APP-25.*overdue/);
    const json = JSON.parse((await ok(repo, ["status", "--json"], env)).stdout);
    const overdue = json.items
      .filter((i: { overdue: boolean }) => i.overdue)
      .map((i: { id: string }) => i.id);
    expect(overdue).not.toContain("GEN-01");
  });
});

describe("a waiver in every view", () => {
  it("list says a late item's waiver beside its due date, as status does", async () => {
    const { repo, env } = await project();
    await ok(repo, ["waive", "GEN-01", "--reason", "plan late", "--until", "2027-02-20"], env);
    const list = await ok(repo, ["list", "--category", "GEN"], { ...env, COLUMNS: "200" });
    const line = list.stdout.split("\n").find((l) => /^\s*GEN-01\s/.test(l))!;
    expect(line).toMatch(/overdue by \d+ days, waived until 2027-02-20\s*$/);
    const other = list.stdout.split("\n").find((l) => /^\s*GEN-02\s/.test(l))!;
    expect(other).not.toContain("waived");
    const status = await ok(repo, ["status"], env);
    expect(status.stdout).toMatch(/GEN-01 [^\n]*; waived until 2027-02-20/);
  });
});

describe("small things a team meets every day", () => {
  it("list and status show an empty selection with exit 0; check refuses it", async () => {
    const { repo, env } = await project();
    await ok(repo, ["assign", "--to", "Mia Wong", "--phase", "go-live"], env);
    const list = await golive(repo, ["list", "--phase", "go-live", "--unassigned"], env);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain("No items match.");
    const json = await golive(repo, ["list", "--phase", "go-live", "--unassigned", "--json"], env);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).items).toEqual([]);
    const status = await golive(repo, ["status", "--phase", "go-live", "--category", "TR"], env);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain("No items match.");
    const check = await golive(repo, ["check", "--phase", "go-live", "--category", "TR"], env);
    expect(check.code).toBe(2);
    expect(check.stderr).toContain("no item matches phase go-live, category TR");
  });

  it("--status n/a is accepted, as list prints it", async () => {
    const { repo, env } = await project();
    await ok(repo, ["skip", "APP-25", "--reason", "no such module"], env);
    const na = await ok(repo, ["list", "--status", "n/a", "--json"], env);
    expect(JSON.parse(na.stdout).items.map((i: { id: string }) => i.id)).toEqual(["APP-25"]);
  });

  it("an ID with a letter O for a zero gets a suggestion", async () => {
    const { repo, env } = await project();
    const result = await golive(repo, ["done", "CLO-1O"], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('"CLO-1O" is not a checklist ID');
    expect(result.stderr).toContain("did you mean CLO-10?");
  });
});

describe("text that reaches a CI log", () => {
  const FAKE = "waiting\n::error file=golive.yaml,line=1::Fake\n  ##[error]also fake";
  const runs = (text: string) => text.split("\n").filter((l) => /^\s*::|##\[/.test(l));

  it.each([
    [["status"]],
    [["status", "--all"]],
    [["show", "CLO-12"]],
    [["check"]],
    [["check", "--format", "junit"]],
    [["status", "--json"]],
    [["list", "--json"]],
  ])("golive %j prints no workflow command from a reason", async (args) => {
    const { repo, env } = await project();
    await ok(repo, ["block", "CLO-12", "--reason", FAKE], env);
    await ok(repo, ["assign", "CLO-12", "::warning::owner"], env);
    const result = await golive(repo, args, env);
    expect(runs(result.stdout)).toEqual([]);
    expect(runs(result.stderr)).toEqual([]);
    if (args.includes("--json")) {
      // The JSON escapes are JSON's own: the report still says what people wrote.
      const report = JSON.parse(result.stdout);
      const item = (report.items ?? []).find((i: { id: string }) => i.id === "CLO-12");
      expect(item.reason).toBe(FAKE);
    }
  });

  it("--format github escapes bidirectional marks", async () => {
    const { repo, env } = await project("2027-03-10");
    await ok(repo, ["assign", "CLO-12", "Sam\u200f \u061cTaylor"], env);
    const result = await golive(repo, ["check", "--format", "github"], env);
    expect(result.stdout).toContain("::error ");
    expect(result.stdout).not.toMatch(/[\u200f\u061c]/);
    expect(result.stdout).toContain("Sam\\u200f \\u061cTaylor");
  });
});
