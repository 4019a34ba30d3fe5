import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { diffStates } from "../../src/core/diff.js";
import {
  diffSummary,
  renderDiffJson,
  renderDiffMarkdown,
  renderDiffText,
  statusVerb,
} from "../../src/render/diff.js";
import { makeStyle } from "../../src/render/text.js";
import type { StateData } from "../../src/schema/state.js";
import { commitAll, copyOf, git, golive, initRepo, tempDir, tempRepo } from "../helpers/cli.js";
import { smallCatalogue } from "../helpers/fixtures.js";

const TODAY = { GOLIVE_TODAY: "2027-01-20" };

async function ok(dir: string, ...args: string[]): Promise<string> {
  const r = await golive(dir, args, TODAY);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return r.stdout;
}

/** A shop with golive.yaml on main, and a branch `feature` checked out: a copy for each test. */
function shopOnBranch(): Promise<string> {
  return copyOf("shop on a branch", madeOnBranch);
}

async function madeOnBranch(): Promise<string> {
  const repo = await initRepo(["--date", "2027-03-01"]);
  await ok(repo, "waive", "APP-01", "--until", "2027-02-01", "--reason", "vendor late");
  await ok(repo, "done", "CLO-04");
  commitAll(repo, "golive");
  git(repo, "checkout", "-q", "-b", "feature");
  return repo;
}

describe("golive diff", () => {
  it("says what a branch does to the checklist, in every format", async () => {
    const repo = await shopOnBranch();
    await ok(repo, "done", "CLO-01", "--note", "diagram in Confluence @team");
    await ok(repo, "block", "CLO-02", "--reason", "VPN <b>missing</b>");
    await ok(
      repo,
      ...["waive", "TR-03", "--until", "2027-03-05", "--reason", "translations late"],
      ...["--approver", "Klaus (client PM)"],
    );
    await ok(repo, "waive", "APP-01", "--until", "2027-02-20", "--reason", "vendor later");
    await ok(repo, "reopen", "CLO-04");
    await ok(repo, "assign", "TES-11", "--to", "Priya");
    await ok(repo, "answer", "private-network", "no");
    await ok(repo, "reschedule", "--date", "2027-03-15", "--reason", "payment provider late");
    commitAll(repo, "week 3");
    // A change not committed yet counts too: diff reads the working file.
    await ok(repo, "start", "GEN-01");

    const text = await ok(repo, "diff");
    expect(text).toMatch(/^golive\.yaml since merge base with main \([0-9a-f]{7}\): /);
    expect(text).toContain("go-live moved from Mon 1 Mar 2027 to Mon 15 Mar 2027");
    expect(text).toContain("payment provider late");
    expect(text).toContain("answer private-network: yes → no (rules out CLO-03)");
    expect(text).toMatch(/CLO-01 .*\n {4}done by Test User on Wed 20 Jan 2027 \(note: diagram/);
    expect(text).toMatch(/CLO-02 .*\n {4}blocked by Test User on Wed 20 Jan 2027: VPN <b>missing/);
    expect(text).toContain(
      "waived until Fri 5 Mar 2027 by Klaus (client PM) (recorded by Test User on Wed 20 Jan 2027): translations late",
    );
    expect(text).toContain("waiver extended from Mon 1 Feb 2027 until Sat 20 Feb 2027");
    expect(text).toMatch(/CLO-04 .*\n {4}reopened \(to do\)/);
    expect(text).toContain("owner set to Priya");
    expect(text).toMatch(/GEN-01 .*\n {4}started/);
    // CLO-03 changes only through the answer: it is not listed as an item of its own.
    expect(text).not.toMatch(/^ {2}CLO-03/m);

    const md = await ok(repo, "diff", "--format", "markdown");
    expect(md).toMatch(/^### golive\.yaml: go-live moved to Mon 15 Mar 2027, 1 done, 1 reopened/);
    // What people wrote cannot ping anyone or inject HTML in a PR comment.
    expect(md).toContain("@\u200bteam");
    expect(md).toContain("VPN &lt;b&gt;missing&lt;/b&gt;");
    expect(md).toContain("- **TR-03** Prepare customer training: waived until Fri 5 Mar 2027");

    const json = JSON.parse(await ok(repo, "diff", "--json"));
    expect(json.command).toBe("diff");
    expect(json.goLive).toMatchObject({ from: "2027-03-01", to: "2027-03-15" });
    const kinds = Object.fromEntries(
      json.items.map((i: { id: string; changes: { kind: string }[] }) => [
        i.id,
        i.changes.map((c) => c.kind),
      ]),
    );
    expect(kinds).toMatchObject({
      "CLO-01": ["status"],
      "CLO-02": ["status"],
      "TR-03": ["waiver-added"],
      "APP-01": ["waiver-extended"],
      "TES-11": ["owner"],
    });
    expect(json.answers).toEqual([
      { question: "private-network", from: "yes", to: "no", on: [], off: ["CLO-03"] },
    ]);
  });

  it("compares with a named commit, and says when golive.yaml is new or unchanged", async () => {
    const repo = tempRepo({ "README.md": "shop\n" });
    commitAll(repo, "start");
    const first = git(repo, "rev-parse", "HEAD").trim();
    await ok(repo, "init", "--date", "2027-03-01");
    const created = await ok(repo, "diff", first);
    expect(created).toContain("golive.yaml is new in this change");
    commitAll(repo, "golive");
    expect(await ok(repo, "diff", "HEAD")).toContain(": no change to the checklist");
    const json = JSON.parse(await ok(repo, "diff", "HEAD", "--json"));
    expect(json.empty).toBe(true);
  });

  it("names a withdrawn waiver with what it held", async () => {
    const repo = await shopOnBranch();
    const path = join(repo, "golive.yaml");
    const text = readFileSync(path, "utf8");
    const withdrawn = text.replace(/\n {4}waiver:\n(?: {6}.*\n)+/, "\n");
    expect(withdrawn).not.toBe(text);
    writeFileSync(path, withdrawn);
    const out = await ok(repo, "diff", "main");
    expect(out).toMatch(
      /APP-01 .*\n {4}waiver withdrawn.*\(it held until Mon 1 Feb 2027 by Test User/,
    );
  });

  it("refuses what it cannot compare, with exit 2 and a hint", async () => {
    const repo = await shopOnBranch();
    const unknown = await golive(repo, ["diff", "no-such-branch"], TODAY);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('"no-such-branch" names no commit');
    expect(unknown.stderr).toContain("hint:");
    const option = await golive(repo, ["diff", "--upload-pack=touch x"], TODAY);
    expect(option.code).toBe(2);

    const plain = tempDir();
    await ok(plain, "init", "--date", "2027-03-01");
    const outside = await golive(plain, ["diff"], TODAY);
    expect(outside.code).toBe(2);
    expect(outside.stderr).toContain("not in a git repository");
  });

  it("refuses an earlier golive.yaml that is not valid, naming the commit", async () => {
    const repo = tempRepo({ "golive.yaml": "golive: 1\ngoLive: not-a-date\n" });
    commitAll(repo, "broken");
    git(repo, "rm", "-q", "golive.yaml");
    await ok(repo, "init", "--date", "2027-03-01");
    const r = await golive(repo, ["diff", "HEAD"], TODAY);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/[0-9a-f]{7}:golive\.yaml/);
  });
});

describe("diffStates", () => {
  const catalogue = smallCatalogue();
  const base: StateData = { golive: 1, catalogue: { name: "small" }, goLive: "2027-03-01" };

  it("reports nothing between equal states, and a question ID is never a built-in", () => {
    const same = diffStates(catalogue, base, structuredClone(base), "2027-01-20");
    expect(same.items).toEqual([]);
    const hostile = { ...base, answers: JSON.parse('{"constructor":"x","__proto__":"y"}') };
    expect(() => diffStates(catalogue, base, hostile, "2027-01-20")).not.toThrow();
  });

  it("words each status move the way a reviewer reads it", () => {
    expect(statusVerb("todo", "done")).toBe("done");
    expect(statusVerb("done", "todo")).toBe("reopened (to do)");
    expect(statusVerb("not-applicable", "in-progress")).toBe("reopened (in progress)");
    expect(statusVerb("blocked", "todo")).toBe("unblocked (to do)");
    expect(statusVerb("todo", "in-progress")).toBe("started");
    expect(statusVerb("in-progress", "todo")).toBe("back to to do");
    expect(statusVerb("todo", "not-applicable")).toBe("marked not applicable");
    expect(statusVerb("todo", "blocked")).toBe("blocked");
    expect(statusVerb("done", "blocked")).toBe("blocked (was done)");
  });

  it("counts each item once, in its final state's bucket: done to blocked is blocked, not also reopened", () => {
    const before: StateData = {
      ...base,
      items: { "GEN-1": { status: "done" }, "GEN-2": { status: "done" }, "CLO-1": {} },
    };
    const after: StateData = {
      ...base,
      items: {
        "GEN-1": { status: "blocked", reason: "vendor" },
        "GEN-2": { status: "todo" },
        "CLO-1": { status: "blocked", reason: "dns" },
      },
    };
    const diff = diffStates(catalogue, before, after, "2027-01-20");
    expect(diffSummary(diff)).toBe("1 reopened, 2 blocked");
    expect(
      renderDiffText(makeStyle(0, 100), diff, {
        path: "golive.yaml",
        ref: "abc1234",
        commit: "abc1234",
      }),
    ).toMatch(/GEN-1 .*\n {4}blocked \(was done\): vendor/);
  });

  it("says what a change does to the settings the gate goes by, and evidence removed by hand", () => {
    const before: StateData = {
      ...base,
      items: { "GEN-1": { status: "done", evidence: { result: "fail", at: "2027-01-10" } } },
      verify: { allow: [{ path: "config/a.php", reason: "kept" }] },
    };
    const after: StateData = {
      ...base,
      items: { "GEN-1": { status: "done" } },
      settings: { weekendShift: false },
      verify: { allow: [{ path: "**", pattern: "a|b", reason: "fine <b>*x*</b>" }] },
      chat: { slack: { Ana: "U123" } },
    };
    const diff = diffStates(catalogue, before, after, "2027-01-20");
    expect(diff.weekendShift).toEqual({ from: true, to: false });
    expect(diff.allow.added).toEqual(after.verify!.allow);
    expect(diff.allow.removed).toEqual(before.verify!.allow);
    expect(diff.settings).toEqual(["chat"]);
    expect(diff.items[0]!.changes).toEqual([
      { kind: "evidence-removed", from: { result: "fail", at: "2027-01-10" } },
    ]);
    expect(diffSummary(diff)).toBe(
      "verify.allow: 1 added, 1 removed, weekend shift turned, settings changed (chat)",
    );
    const base_ = { path: "golive.yaml", ref: "abc1234", commit: "abc1234" };
    const text = renderDiffText(makeStyle(0, 200), diff, base_);
    expect(text).toContain("\n  weekend shift turned off: due dates on a weekend stay there\n");
    expect(text).toContain(
      "\n  verify.allow added (verify and check --verify no longer report it): ** matching a|b: fine <b>*x*</b>\n",
    );
    expect(text).toContain("\n  verify.allow removed: config/a.php: kept\n");
    expect(text).toMatch(/GEN-1 .*\n {4}evidence removed \(it said fail on /);
    const md = renderDiffMarkdown(diff, base_);
    expect(md).toContain("matching a\\|b: fine &lt;b&gt;\\*x\\*&lt;/b&gt;**");
    expect(JSON.parse(renderDiffJson(diff, base_, "2027-01-20"))).toMatchObject({
      empty: false,
      weekendShift: { from: true, to: false },
      settings: ["chat"],
    });
    const none = diffStates(catalogue, after, structuredClone(after), "2027-01-20");
    expect(diffSummary(none)).toBe("no change to the checklist");
  });

  it("says a new reason for the same status, and history removed or rewritten by hand", () => {
    const history = [
      { status: "todo" as const, by: "Ana", at: "2027-01-02" },
      { status: "in-progress" as const, by: "Bo", at: "2027-01-03" },
    ];
    const before: StateData = {
      ...base,
      items: {
        "GEN-1": { status: "not-applicable", reason: "no old shop", history },
        "GEN-2": { status: "blocked", reason: "vendor", history },
      },
      slips: [{ from: "2027-02-01", to: "2027-03-01", reason: "late", by: "Ana" }],
    };
    const after: StateData = {
      ...base,
      items: {
        "GEN-1": { status: "not-applicable", reason: "we decided so", by: "Eve", history },
        "GEN-2": { status: "blocked", reason: "vendor", history: [history[1]!] },
      },
    };
    const diff = diffStates(catalogue, before, after, "2027-01-20");
    expect(diff.items.map((i) => [i.id, i.changes])).toEqual([
      ["GEN-1", [{ kind: "reason", from: "no old shop", to: "we decided so", by: "Eve" }]],
      ["GEN-2", [{ kind: "history-removed", count: 1 }]],
    ]);
    expect(diff.historyRemoved).toEqual({ slips: 1, renames: 0, reopened: 0 });
    expect(diffSummary(diff)).toBe("project history rewritten, history of 1 item rewritten");
    const text = renderDiffText(makeStyle(0, 200), diff, {
      path: "golive.yaml",
      ref: "abc1234",
      commit: "abc1234",
    });
    expect(text).toContain("\n  removed or rewritten from the project's history: 1 go-live move\n");
    expect(text).toMatch(/GEN-1 .*\n {4}reason by Eve: we decided so \(was: no old shop\)\n/);
    expect(text).toMatch(
      /GEN-2 .*\n {4}1 history entry removed or rewritten \(golive only adds to the history\)\n/,
    );
  });

  it("escapes the IDs a hand-edited close names as left open, as it escapes their reasons", () => {
    const id = "CLO-1 @acme/security ![p](https://evil.example/p.png) <b>x</b> \u001b[31mRED";
    const after: StateData = {
      ...base,
      closed: { on: "2027-01-05", by: "Ana", left: [{ id, reason: "r" }] },
    };
    const diff = diffStates(catalogue, base, after, "2027-01-20");
    const where = { path: "golive.yaml", ref: "abc1234", commit: "abc1234" };
    const text = renderDiffText(makeStyle(0, 300), diff, where);
    expect(text).not.toContain("\u001b");
    expect(text).toContain("left open: CLO-1 @acme/security");
    const md = renderDiffMarkdown(diff, where);
    expect(md).not.toMatch(/@acme|!\[p\]|<b>/);
    expect(md).not.toContain("\u001b");
    expect(md).toContain(
      "@\u200bacme/security \\!\\[p\\](https:\u200b//evil.example/p.png) &lt;b&gt;x&lt;/b&gt;",
    );
  });
});
