/**
 * Issue 18, names: a name a user or a file chooses is data in every keyed place golive has.
 * Each place gets `constructor`, `__proto__`, `toString` and `hasOwnProperty` (question IDs and
 * answers, lower-case slugs, get the lower-case forms) and must behave as it does for `alex`:
 * owners, item IDs (state keys and arguments), answers, catalogue names, overrides and
 * appliesWhen, portfolio names, notify's chat maps, verify's check kinds, deploy files' keys,
 * and the merge of golive.yaml. `__proto__` is the hard one: zod drops it from every record it
 * builds and a plain object cannot take it by assignment (io/yaml-file.ts renames it around the
 * schema, core/own.ts).
 */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { mergeStateTexts } from "../../src/io/state-merge.js";
import { overdueItem, TEAM_STATE, teamCatalogue } from "../helpers/catalogue.js";
import { gitEnv, golive, read, tempRepo } from "../helpers/cli.js";

const PLANTED = ["constructor", "__proto__", "toString", "hasOwnProperty"] as const;
const ENV = { GOLIVE_TODAY: "2027-02-20" };

/** A team catalogue: one question, two items, `extra` appended to the file. */
function team(extra = "", appliesWhen = "{ deploys: yes }"): string {
  return teamCatalogue(`questions:
  - { id: deploys, question: Do we deploy?, answers: [yes, no], default: yes }
items:
${overdueItem(appliesWhen)}  - { id: OPS-02, category: OPS, phase: prep, title: Second, summary: Also overdue. }
${extra}`);
}

const STATE = `${TEAM_STATE}items:
  OPS-01: {}
  OPS-02: {}
`;

/** A repository holding the team catalogue and a state file, `edit` applied to the state. */
function project(edit: (state: string) => string = (s) => s, catalogue = team()): string {
  return tempRepo({ "ours.yaml": catalogue, "golive.yaml": edit(STATE) });
}

function noInternalError(r: { code: number; stderr: string }): void {
  expect(r.stderr).not.toContain("internal error");
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.code).toBeLessThan(3);
}

describe.each(PLANTED)("the name %s", (name) => {
  it("as an owner: assigned, filtered on, mentioned through chat.slack and chat.teams", async () => {
    const repo = project((s) =>
      s.replace(
        "items:\n",
        `chat:\n  slack:\n    ${name}: U024BE7LH\n  teams:\n    ${name}: owner@shop.example\nitems:\n`,
      ),
    );
    const assign = await golive(repo, ["assign", "OPS-01", "--to", name], ENV);
    expect(assign.code, assign.stderr).toBe(0);
    const status = await golive(repo, ["status", "--owner", name], ENV);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toContain("OPS-01");
    expect(status.stdout).not.toContain("OPS-02");
    const slack = await golive(repo, ["notify", "--to", "slack", "--dry-run"], ENV);
    expect(slack.code, slack.stderr).toBe(0);
    expect(slack.stdout).toContain("<@U024BE7LH>");
    const teams = await golive(repo, ["notify", "--to", "teams", "--dry-run"], ENV);
    expect(teams.code, teams.stderr).toBe(0);
    expect(teams.stdout).toContain("owner@shop.example");
  });

  it("as an item key in golive.yaml: warned about, kept through a write, checked like any entry", async () => {
    const repo = project((s) => s.replace("items:\n", `items:\n  ${name}: { status: done }\n`));
    const status = await golive(repo, ["status"], ENV);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stderr).toContain(`entry for ${name}, which the catalogue does not list`);
    expect((await golive(repo, ["done", "OPS-02"], ENV)).code).toBe(0);
    expect(read(repo)).toContain(`  ${name}: { status: done }`);
    const bad = project((s) => s.replace("items:\n", `items:\n  ${name}: { status: finished }\n`));
    const refused = await golive(bad, ["status"], ENV);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`items.${name}.status`);
    expect(refused.stderr).toContain("golive.yaml:6:");
  });

  it("as an item ID typed on the command line: unknown, nothing changed", async () => {
    const repo = project();
    const before = read(repo);
    for (const args of [
      ["done", name],
      ["show", name],
      ["note", name, "x"],
    ]) {
      const r = await golive(repo, args, ENV);
      noInternalError(r);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`"${name}" is not a checklist`);
    }
    expect(read(repo)).toBe(before);
  });

  it("as an answer's key in golive.yaml: kept, without effect", async () => {
    const repo = project((s) => s.replace("items:\n", `answers:\n  ${name}: no\nitems:\n`));
    const check = await golive(repo, ["check"], ENV);
    noInternalError(check);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain("OPS-01");
  });

  it("as a key of appliesWhen or overrides in a catalogue: refused at its line", async () => {
    const when = project(undefined, team("", `{ ${name}: yes }`));
    const r = await golive(when, ["status"], ENV);
    noInternalError(r);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`ours\\.yaml:\\d+:\\d+.*unknown question "${name}"`));
    const base = tempRepo({ "base.yaml": team() });
    writeFileSync(
      join(base, "ours.yaml"),
      `format: 1\nname: mine\ntitle: Mine\nversion: "1"\nextends: base.yaml\noverrides:\n  ${name}: { due: -20 }\n`,
    );
    writeFileSync(join(base, "golive.yaml"), STATE);
    const o = await golive(base, ["status"], ENV);
    noInternalError(o);
    expect(o.code).toBe(2);
    expect(o.stderr).toContain(`override of ${name}: no catalogue it extends has that item`);
  });

  it("as a catalogue's name, extends or check kind: refused, the shipped names listed", async () => {
    const named = project((s) => s.replace("  path: ours.yaml", `  name: ${name}`));
    const r = await golive(named, ["status"], ENV);
    noInternalError(r);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("spryker-cloud");
    const extending = project(
      undefined,
      team().replace('version: "1"', `version: "1"\nextends: ${name}`),
    );
    const e = await golive(extending, ["status"], ENV);
    noInternalError(e);
    expect(e.code).toBe(2);
    expect(e.stderr).toMatch(new RegExp(`^error: ours\\.yaml:5:10: .*catalogue.*${name}`));
    // A name golive does not ship, said plainly: golive.yaml's catalogue.path has no part in it.
    expect(e.stderr).toContain(
      name === "constructor"
        ? `there is no shipped catalogue named "${name}"`
        : `extends: there is no catalogue named "${name}"`,
    );
    expect(e.stderr).not.toContain("catalogue.path");
    const kind = project(
      undefined,
      team().replace("title: Second,", `title: Second, checks: [{ kind: "spryker/${name}" }],`),
    );
    const k = await golive(kind, ["status"], ENV);
    noInternalError(k);
    expect(k.code).toBe(2);
    expect(k.stderr).toContain("ours.yaml:");
  });

  it("as a project's name in a portfolio list: its row, in text and JSON", async () => {
    const repo = project();
    writeFileSync(join(repo, "portfolio.yaml"), `projects:\n  - { name: ${name}, path: . }\n`);
    const json = await golive(repo, ["portfolio", "--list", "portfolio.yaml", "--json"], ENV);
    expect(json.code, json.stderr).toBe(0);
    const rows = JSON.parse(json.stdout).projects as { name: string; error?: unknown }[];
    expect(rows.map((p) => p.name)).toEqual([name]);
    expect(rows[0]!.error ?? undefined).toBeUndefined();
  });

  it("as a key in a deploy file and in a deploy-value path: found as any key is", async () => {
    const check = (path: string, expect: string) =>
      `    checks: [{ kind: deploy-value, path: "${path}", expect: ${expect} }]\n`;
    const catalogue = team().replace(
      "    appliesWhen: { deploys: yes }\n",
      `    appliesWhen: { deploys: yes }\n${check(`services.${name}.engine`, "present")}`,
    );
    const repo = tempRepo({
      "ours.yaml": `${catalogue}  - id: OPS-03\n    category: OPS\n    phase: prep\n    title: Third\n    summary: s\n${check(`${name}.engine`, "present")}`,
      "golive.yaml": STATE,
      "deploy.shop-prod.yml": `version: "1.0"\nenvironment: docker.prod\nservices:\n  ${name}:\n    engine: mysql\n`,
    });
    execFileSync("git", ["add", "-A"], { cwd: repo, env: gitEnv(repo) });
    const r = await golive(repo, ["verify", "--json"], ENV);
    noInternalError(r);
    const items = JSON.parse(r.stdout).items as { id: string; result: string }[];
    expect(items.find((i) => i.id === "OPS-01")?.result).toBe("pass");
    expect(items.find((i) => i.id === "OPS-03")?.result).toBe("fail");
  });
});

describe("a merge keeps both sides' changes to an entry called __proto__", () => {
  const base = `${STATE.replace("items:\n", "chat:\n  slack:\n    alex: U024BE7LH\nitems:\n  __proto__: {}\n")}`;
  const ours = base.replace("  OPS-01: {}", "  OPS-01: { status: done, by: Alex, at: 2027-02-10 }");
  const theirs = base
    .replace(
      "  __proto__: {}",
      "  __proto__: { status: done, note: theirs, by: Kim, at: 2027-02-11 }",
    )
    .replace("    alex: U024BE7LH\n", "    alex: U024BE7LH\n    __proto__: U024BE7LX\n");

  it.each([
    ["ours into theirs", ours, theirs],
    ["theirs into ours", theirs, ours],
  ])("%s", (_, a, b) => {
    const repo = tempRepo({ "ours.yaml": team() });
    const merged = mergeStateTexts(
      { text: base, what: "the base version" },
      { text: a, what: "our version" },
      { text: b, what: "their version" },
      repo,
      "golive.yaml",
    );
    expect(merged.kind).toBe("merged");
    if (merged.kind !== "merged") return;
    expect(merged.text).toContain("note: theirs");
    expect(merged.state.items?.["OPS-01"]?.status).toBe("done");
    expect(merged.text).toContain("by: Alex");
    expect(merged.text).toContain("__proto__: U024BE7LX");
    expect(Object.hasOwn(merged.state.items!, "__proto__")).toBe(true);
    expect(({} as { status?: unknown }).status).toBeUndefined();
  });
});

describe("an entry called __proto__ both sides changed differently is a conflict like any other", () => {
  const base = STATE.replace("items:\n", "items:\n  __proto__: {}\n");
  const side = (owner: string) =>
    base.replace(
      "  __proto__: {}",
      `  __proto__: { owner: ${owner}, by: ${owner}, at: 2027-02-10 }`,
    );

  it("each side's take holds that entry as a key, never as a prototype", () => {
    const repo = tempRepo({ "ours.yaml": team() });
    const merged = mergeStateTexts(
      { text: base, what: "the base version" },
      { text: side("Alex"), what: "our version" },
      { text: side("Kim"), what: "their version" },
      repo,
      "golive.yaml",
    );
    expect(merged.kind).toBe("conflicts");
    if (merged.kind !== "conflicts") return;
    expect(merged.conflicts.map((c) => c.key)).toEqual(["__proto__"]);
    const taken = merged.settle(new Map([["__proto__", "theirs"]]));
    expect(Object.hasOwn(taken.state.items!, "__proto__")).toBe(true);
    const entry = Object.getOwnPropertyDescriptor(taken.state.items, "__proto__")?.value;
    expect(entry).toMatchObject({ owner: "Kim" });
    expect(taken.text).toContain("owner: Kim");
  });
});
