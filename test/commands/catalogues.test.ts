/**
 * Catalogues that fit the project: a team's catalogue extends a shipped one, adds its own and
 * overrides inherited items; golive.yaml records every catalogue's version.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { golive, initRepo, read, tempRepo } from "../helpers/cli.js";

const TODAY = { GOLIVE_TODAY: "2027-02-10", NO_COLOR: "1" };

const OURS = `format: 1
name: ours
title: Our go-live checklist
version: "1"
extends: spryker-cloud
categories:
  - { id: OPS, title: Operations }
phases:
  - { id: day-after, title: The day after go-live, opens: 1, due: 1 }
items:
  - id: OPS-01
    category: OPS
    phase: day-after
    title: Send the launch newsletter
    summary: Tell our customers the new shop is live.
overrides:
  CLO-14:
    phase: two-weeks
    optional: true
`;

describe("a catalogue that extends a shipped one", () => {
  it("tracks Spryker's items and the team's, with the override applied", async () => {
    const repo = tempRepo({ "ours.yaml": OURS });
    const init = await golive(
      repo,
      ["init", "--date", "2027-03-01", "--catalogue", "ours.yaml"],
      TODAY,
    );
    expect(init.stderr).toBe("");
    expect(init.code).toBe(0);
    const state = parse(read(repo));
    expect(state.catalogue).toEqual({
      path: "ours.yaml",
      version: "1",
      extends: { "spryker-cloud": "2025-06-27" },
    });
    expect(Object.keys(state.items)).toHaveLength(85);
    expect(Object.keys(state.items).at(-1)).toBe("OPS-01");

    const list = await golive(repo, ["list", "--json"], TODAY);
    const items = JSON.parse(list.stdout).items as {
      id: string;
      phase: string;
      optional: boolean;
    }[];
    expect(items.find((i) => i.id === "OPS-01")).toMatchObject({ phase: "day-after" });
    expect(items.find((i) => i.id === "CLO-14")).toMatchObject({
      phase: "two-weeks",
      optional: true,
    });
    expect((await golive(repo, ["done", "OPS-01", "CLO-01"], TODAY)).code).toBe(0);
  });

  it("extends a list of catalogues, by path as well as by name", async () => {
    const repo = tempRepo({
      "base.yaml": `format: 1\nname: base\ntitle: Base\nversion: "7"\ncategories: [{ id: BAS, title: Base }]\nphases: [{ id: early, title: Early, opens: -90, due: -60 }]\nitems:\n  - { id: BAS-1, category: BAS, phase: early, title: One, summary: One. }\n`,
      "ours.yaml": OURS.replace("extends: spryker-cloud", "extends: [spryker-cloud, base.yaml]"),
    });
    const init = await golive(
      repo,
      ["init", "--date", "2027-03-01", "--catalogue", "ours.yaml"],
      TODAY,
    );
    expect(init.code).toBe(0);
    const state = parse(read(repo));
    expect(state.catalogue.extends).toEqual({ "spryker-cloud": "2025-06-27", base: "7" });
    expect(Object.keys(state.items)).toContain("BAS-1");
  });

  it.each([
    [
      "an unknown item",
      "  CLO-99:\n    phase: two-weeks\n",
      "ours.yaml:21:5",
      "override of CLO-99: no catalogue it extends has that item",
    ],
    [
      "an unknown phase",
      "  CLO-02:\n    phase: someday\n",
      "ours.yaml:21:12",
      'unknown phase "someday"',
    ],
    [
      "a window that closes before it opens",
      "  CLO-02:\n    opens: -3\n    due: -10\n",
      "ours.yaml:21:5",
      "item CLO-02 opens (T-3) after it is due (T-10)",
    ],
  ])("refuses an override of %s, with its place", async (_what, override, where, message) => {
    const repo = tempRepo({ "ours.yaml": `${OURS}${override}` });
    const result = await golive(
      repo,
      ["init", "--date", "2027-03-01", "--catalogue", "ours.yaml"],
      TODAY,
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(where);
    expect(result.stderr).toContain(message);
  });

  it("refuses an own item that reuses an inherited ID, and a circle of extends", async () => {
    const dup = OURS.replace("id: OPS-01", "id: CLO-01");
    const repo = tempRepo({
      "ours.yaml": dup,
      "a.yaml": OURS.replace("extends: spryker-cloud", "extends: b.yaml"),
      "b.yaml": OURS.replace("extends: spryker-cloud", "extends: a.yaml"),
    });
    const one = await golive(
      repo,
      ["init", "--date", "2027-03-01", "--catalogue", "ours.yaml"],
      TODAY,
    );
    expect(one.code).toBe(2);
    expect(one.stderr).toContain("ours.yaml:11:9");
    expect(one.stderr).toContain('ID "CLO-01" is already used');
    const circle = await golive(
      repo,
      ["init", "--date", "2027-03-01", "--catalogue", "a.yaml"],
      TODAY,
    );
    expect(circle.code).toBe(2);
    expect(circle.stderr).toContain("which extends this one");
  });

  it("warns when the extended catalogue's version is not the one recorded", async () => {
    const repo = tempRepo({ "ours.yaml": OURS });
    await golive(repo, ["init", "--date", "2027-03-01", "--catalogue", "ours.yaml"], TODAY);
    const text = read(repo).replace(/spryker-cloud: "?2025-06-27"?/, 'spryker-cloud: "2024-01-01"');
    const moved = tempRepo({ "ours.yaml": OURS, "golive.yaml": text });
    const status = await golive(moved, ["status"], TODAY);
    expect(status.stderr).toContain(
      "the catalogue spryker-cloud, version 2024-01-01; it is now 2025-06-27",
    );
    expect(status.stderr).toContain("golive upgrade");
  });
});

describe("questions decide which items apply", () => {
  it("init --answer records every answer; a ruled-out item is not applicable everywhere", async () => {
    const repo = tempRepo();
    const init = await golive(
      repo,
      ["init", "--date", "2027-03-01", "--answer", "old-shop=no", "--answer", "csv-imports=No"],
      TODAY,
    );
    expect(init.stderr).toBe("");
    expect(init.code).toBe(0);
    expect(parse(read(repo)).answers).toEqual({
      "old-shop": "no",
      "private-network": "yes",
      "spryker-mail": "yes",
      "basic-auth": "yes",
      "csv-imports": "no",
    });
    const show = await golive(repo, ["show", "SEO-01", "--json"], TODAY);
    expect(JSON.parse(show.stdout).item).toMatchObject({
      status: "not-applicable",
      reason: "does not apply: old-shop = no",
    });
    // Long past due, yet the gate skips it: GEN-10 is due T+7 only, so check with today after go-live.
    const late = { ...TODAY, GOLIVE_TODAY: "2027-04-01" };
    const check = await golive(repo, ["check", "--json"], late);
    const findings = JSON.parse(check.stdout).items as { id: string; verdict: string }[];
    expect(findings.find((f) => f.id === "GEN-10")?.verdict).toBe("skip");
    expect(findings.find((f) => f.id === "APP-10")?.verdict).toBe("skip");
    expect(findings.find((f) => f.id === "CLO-02")?.verdict).not.toBe("skip");
  });

  it("golive answer makes items stop applying and apply again; a status set by hand wins", async () => {
    const repo = await initRepo(["--date", "2027-03-01"], TODAY);
    expect((await golive(repo, ["done", "CLO-03"], TODAY)).code).toBe(0);
    const no = await golive(repo, ["answer", "private-network", "no"], TODAY);
    expect(no.code).toBe(0);
    expect(no.stdout).toContain("private-network = no (was yes)");
    expect(no.stdout).toContain("1 item no longer applies");
    expect(no.stdout).toContain("CLO-02");
    expect(no.stdout).not.toContain("CLO-03");
    expect(parse(read(repo)).answers["private-network"]).toBe("no");
    const list = JSON.parse((await golive(repo, ["list", "--json"], TODAY)).stdout).items as {
      id: string;
      status: string;
    }[];
    expect(list.find((i) => i.id === "CLO-02")?.status).toBe("not-applicable");
    expect(list.find((i) => i.id === "CLO-03")?.status).toBe("done");

    const yes = await golive(repo, ["answer", "private-network", "yes"], TODAY);
    expect(yes.stdout).toContain("1 item applies again");
    const again = JSON.parse((await golive(repo, ["list", "--json"], TODAY)).stdout).items as {
      id: string;
      status: string;
    }[];
    expect(again.find((i) => i.id === "CLO-02")?.status).toBe("todo");
  });

  it("reopen after an answer ruled the item out: what it prints is what it stored, and show and check agree", async () => {
    const repo = await initRepo(["--date", "2027-03-01"], TODAY);
    await golive(repo, ["answer", "private-network", "no"], TODAY);
    const reopen = await golive(repo, ["reopen", "CLO-02"], TODAY);
    expect(reopen.code, reopen.stderr).toBe(0);
    expect(reopen.stdout).toMatch(/CLO-02 .*: todo$/m);
    // Set by hand, it wins over the answer: stored as todo, shown as todo everywhere.
    expect(parse(read(repo)).items["CLO-02"].status).toBe("todo");
    const show = JSON.parse((await golive(repo, ["show", "CLO-02", "--json"], TODAY)).stdout);
    expect(show.item.status).toBe("todo");
    const check = JSON.parse((await golive(repo, ["check", "--json"], TODAY)).stdout);
    expect(check.items.find((i: { id: string }) => i.id === "CLO-02").code).not.toBe(
      "not-applicable",
    );
    // Reopened again: unchanged, and says so truthfully.
    expect((await golive(repo, ["reopen", "CLO-02"], TODAY)).stdout).toContain("already todo");
    // An item no answer rules out is reopened to no status at all, as before.
    await golive(repo, ["done", "CLO-12"], TODAY);
    await golive(repo, ["reopen", "CLO-12"], TODAY);
    expect(parse(read(repo)).items["CLO-12"].status).toBeUndefined();
  });

  it("refuses an unknown question or answer, and a bad answer in golive.yaml with its place", async () => {
    const repo = tempRepo();
    expect(
      (await golive(repo, ["init", "--date", "2027-03-01", "--answer", "old-shop"], TODAY)).stderr,
    ).toMatch(
      /argument 'old-shop' is invalid\. It is not QUESTION=ANSWER: for example --answer old-shop=no\./,
    );
    await golive(repo, ["init", "--date", "2027-03-01"], TODAY);
    const unknown = await golive(repo, ["answer", "vpn", "no"], TODAY);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('asks no question "vpn"');
    const bad = await golive(repo, ["answer", "old-shop", "maybe"], TODAY);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("answer one of: yes, no");
    const edited = tempRepo({
      "golive.yaml": read(repo).replace("old-shop: yes", "old-shop: maybe"),
    });
    const status = await golive(edited, ["status"], TODAY);
    expect(status.code).toBe(2);
    expect(status.stderr).toMatch(/golive\.yaml:\d+:\d+: state file: answers\.old-shop/);
  });

  it("validates appliesWhen against the questions, with its place", async () => {
    const repo = tempRepo({
      "ours.yaml": OURS.replace(
        "    summary: Tell our customers",
        "    appliesWhen: { newsletter: yes }\n    summary: Tell our customers",
      ),
    });
    const init = await golive(
      repo,
      ["init", "--date", "2027-03-01", "--catalogue", "ours.yaml"],
      TODAY,
    );
    expect(init.code).toBe(2);
    expect(init.stderr).toContain("ours.yaml:15:32");
    expect(init.stderr).toContain('unknown question "newsletter"');
  });
});

const V1 = `format: 1
name: ours
title: Ours
version: "1"
categories: [{ id: OPS, title: Operations }]
phases: [{ id: final, title: Final week, opens: -7, due: -1 }]
items:
  - { id: OPS-01, category: OPS, phase: final, title: Page the on-call, summary: Page. }
  - { id: OPS-02, category: OPS, phase: final, title: Print the rota, summary: Print. }
  - { id: OPS-03, category: OPS, phase: final, title: Order pizza, summary: Order. }
`;
const V2 = `format: 1
name: ours
title: Ours
version: "2"
categories: [{ id: OPS, title: Operations }, { id: ONC, title: On call }]
phases: [{ id: final, title: Final week, opens: -7, due: -1 }]
items:
  - { id: ONC-01, aliases: [OPS-01], category: ONC, phase: final, title: Page the on-call, summary: Page. }
  - { id: OPS-02, category: OPS, phase: final, title: Print the rota, summary: Print. }
  - { id: OPS-04, category: OPS, phase: final, title: Book the war room, summary: Book. }
`;

describe("golive upgrade", () => {
  async function started(): Promise<string> {
    const repo = tempRepo({ "ours.yaml": V1 });
    await golive(repo, ["init", "--date", "2027-03-01", "--catalogue", "ours.yaml"], TODAY);
    await golive(repo, ["done", "OPS-01", "--note", "pager tested", "--by", "Alex"], TODAY);
    await golive(repo, ["done", "OPS-03", "--by", "Alex"], TODAY);
    writeFileSync(join(repo, "ours.yaml"), V2);
    return repo;
  }

  it("--dry-run lists what changes and changes nothing", async () => {
    const repo = await started();
    const before = read(repo);
    const status = await golive(repo, ["status"], TODAY);
    expect(status.stderr).toContain("run `golive upgrade --dry-run`");
    const dry = await golive(repo, ["upgrade", "--dry-run"], TODAY);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain("ours 1 → 2");
    expect(dry.stdout).toMatch(/Added \(1\), todo:\n {2}OPS-04/);
    expect(dry.stdout).toContain("OPS-01 → ONC-01");
    expect(dry.stdout).toMatch(/Removed \(1\).*\n {2}OPS-03/);
    expect(dry.stdout).toContain("Dry run: golive.yaml was not changed");
    expect(read(repo)).toBe(before);
  });

  it("carries state across a rename, keeps removed entries, records the version", async () => {
    const repo = await started();
    const up = await golive(repo, ["upgrade"], TODAY);
    expect(up.code).toBe(0);
    expect(up.stderr).toContain("OPS-03");
    const state = parse(read(repo));
    expect(state.catalogue).toEqual({ path: "ours.yaml", version: "2" });
    expect(state.items["ONC-01"]).toMatchObject({
      status: "done",
      note: "pager tested",
      by: "Alex",
    });
    expect(state.items["OPS-01"]).toBeUndefined();
    expect(state.items["OPS-03"]).toMatchObject({ status: "done" });
    expect(state.items["OPS-04"]).toEqual({});
    expect(read(repo)).toContain("# ONC-01 Page the on-call\n  ONC-01:");
    const status = await golive(repo, ["status"], TODAY);
    expect(status.stderr).not.toContain("golive upgrade");
    const again = await golive(repo, ["upgrade"], TODAY);
    expect(again.stdout).toContain("nothing changed");
  });

  it("moves to the shipped Spryker version, renaming GEN-8 to GEN-08", async () => {
    const repo = await initRepo(["--date", "2027-03-01"], TODAY);
    const old = read(repo)
      .replace(/version: "?2025-06-27"?/, 'version: "2024-11-01"')
      .replace("  GEN-08: {}", "  GEN-8: { status: done, by: Sam, at: 2027-01-05 }");
    writeFileSync(join(repo, "golive.yaml"), old);
    const up = await golive(repo, ["upgrade"], TODAY);
    expect(up.stdout).toContain("spryker-cloud 2024-11-01 → 2025-06-27");
    expect(up.stdout).toContain("GEN-8 → GEN-08");
    expect(parse(read(repo)).items["GEN-08"]).toMatchObject({ status: "done", by: "Sam" });
  });

  it("a team catalogue keeps receiving Spryker's changes: the extended version moves too", async () => {
    const repo = tempRepo({ "team.yaml": OURS });
    await golive(repo, ["init", "--date", "2027-03-01", "--catalogue", "team.yaml"], TODAY);
    const old = read(repo)
      .replace(/spryker-cloud: "?2025-06-27"?/, 'spryker-cloud: "2024-11-01"')
      .replace("  GEN-08: {}", "  GEN-8: { status: done, by: Sam, at: 2027-01-05 }");
    writeFileSync(join(repo, "golive.yaml"), old);
    const dry = await golive(repo, ["upgrade", "--dry-run"], TODAY);
    expect(dry.stdout).toContain("ours 1: unchanged");
    expect(dry.stdout).toContain("spryker-cloud 2024-11-01 → 2025-06-27");
    expect(read(repo)).toBe(old);
    const up = await golive(repo, ["upgrade"], TODAY);
    expect(up.code).toBe(0);
    const state = parse(read(repo));
    expect(state.catalogue.extends).toEqual({ "spryker-cloud": "2025-06-27" });
    expect(state.items["GEN-08"]).toMatchObject({ status: "done" });
    expect((await golive(repo, ["status"], TODAY)).stderr).not.toContain("golive upgrade");
  });

  it("--catalogue moves golive.yaml to another catalogue", async () => {
    const repo = tempRepo({ "team.yaml": OURS });
    await golive(repo, ["init", "--date", "2027-03-01"], TODAY);
    await golive(repo, ["done", "CLO-01"], TODAY);
    const up = await golive(repo, ["upgrade", "--catalogue", "team.yaml"], TODAY);
    expect(up.code).toBe(0);
    expect(up.stdout).toMatch(/Added \(1\), todo:\n {2}OPS-01/);
    const state = parse(read(repo));
    expect(state.catalogue).toEqual({
      path: "team.yaml",
      version: "1",
      extends: { "spryker-cloud": "2025-06-27" },
    });
    expect(state.items["CLO-01"].status).toBe("done");
  });
});

describe("the spryker-security add-on", () => {
  it("combines with spryker-cloud: both catalogues' items, each version recorded", async () => {
    const team = `format: 1\nname: team\ntitle: Team\nversion: "1"\nextends: [spryker-cloud, spryker-security]\n`;
    const repo = tempRepo({ "team.yaml": team });
    const init = await golive(
      repo,
      ["init", "--date", "2027-03-01", "--catalogue", "team.yaml"],
      TODAY,
    );
    expect(init.stderr).toBe("");
    expect(init.stdout).toContain("96 items");
    const state = parse(read(repo));
    expect(state.catalogue.extends).toEqual({
      "spryker-cloud": "2025-06-27",
      "spryker-security": "2",
    });
    const list = JSON.parse(
      (await golive(repo, ["list", "--category", "SEC", "--json"], TODAY)).stdout,
    );
    expect(list.items.map((i: { id: string }) => i.id)).toEqual([
      "SEC-01",
      "SEC-02",
      "SEC-03",
      "SEC-04",
      "SEC-05",
      "SEC-06",
      "SEC-08",
      "SEC-09",
      "SEC-10",
      "SEC-11",
      "SEC-12",
      "SEC-13",
    ]);
    // Each item points at its own sections of the guidelines, not at the page as a whole.
    const shipped = parse(
      readFileSync(join(import.meta.dirname, "../../checklists/spryker-security.yaml"), "utf8"),
    );
    for (const item of shipped.items as { id: string; links: { url: string }[] }[]) {
      expect(item.links.length, item.id).toBeGreaterThan(0);
      for (const link of item.links) {
        expect(link.url, item.id).toMatch(
          /^https:\/\/docs\.spryker\.com\/docs\/dg\/dev\/guidelines\/security-guidelines\.html#[a-z-]+$/,
        );
      }
    }
  });

  it("never gives an ID a new meaning: version 1's SEC-07, done, is removed, not carried over", async () => {
    const repo = tempRepo();
    const init = ["init", "--date", "2027-03-01", "--catalogue", "spryker-security"];
    expect((await golive(repo, init, TODAY)).code).toBe(0);
    // A project started on version 1, whose SEC-07 was "Check dependencies for known
    // vulnerabilities", done.
    const v1 = read(repo)
      .replace('version: "2"', 'version: "1"')
      .replace("items:\n", "items:\n  SEC-07: { status: done, by: Ana, at: 2027-01-03 }\n");
    writeFileSync(join(repo, "golive.yaml"), v1);
    const upgrade = await golive(repo, ["upgrade"], TODAY);
    expect(upgrade.code, upgrade.stderr).toBe(0);
    expect(upgrade.stdout).toMatch(/Removed \(1\)[^\n]*\n {2}SEC-07/);
    const state = parse(read(repo));
    expect(state.items["SEC-07"]).toMatchObject({ status: "done" });
    expect(state.items["SEC-08"]?.status).toBeUndefined();
    const shipped = parse(
      readFileSync(join(import.meta.dirname, "../../checklists/spryker-security.yaml"), "utf8"),
    );
    expect(shipped.items.map((i: { id: string }) => i.id)).not.toContain("SEC-07");
  });

  it("stands on its own too", async () => {
    const repo = tempRepo();
    const init = await golive(
      repo,
      ["init", "--date", "2027-03-01", "--catalogue", "spryker-security"],
      TODAY,
    );
    expect(init.code).toBe(0);
    expect(init.stdout).toContain("12 items");
  });
});
