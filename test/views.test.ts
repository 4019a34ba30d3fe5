/**
 * Issue 20: every view says what golive.yaml holds, and the small things a team meets every
 * day. In-process, against a project made with golive's own commands.
 */
import { describe, expect, it } from "vitest";
import { golive, tempRepo } from "./helpers/cli.js";

const GO_LIVE = "2027-03-01";

async function project(
  today = "2027-02-16",
): Promise<{ repo: string; env: Record<string, string> }> {
  const repo = tempRepo();
  const env = { GOLIVE_TODAY: today };
  expect((await golive(repo, ["init", "--date", GO_LIVE], env)).code).toBe(0);
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
