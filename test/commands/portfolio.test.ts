/**
 * golive portfolio against real git repositories: work trees, refs of a local repository read
 * without checking out, and file:// remotes fetched shallow. Unreadable projects are rows.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  commitAll,
  copyOf,
  git,
  gitEnv,
  golive,
  initRepo,
  read,
  tempDir,
  tempRepo,
} from "../helpers/cli.js";

const TODAY = { GOLIVE_TODAY: "2027-02-10" };

/** A shop going live on `date`; `done` items marked and committed on main: a copy for each test. */
function shop(date: string, done: string[] = []): Promise<string> {
  return copyOf(JSON.stringify(["shop", date, done]), async () => {
    const repo = await initRepo(["--date", date], TODAY);
    if (done.length > 0) expect((await golive(repo, ["done", ...done], TODAY)).code).toBe(0);
    commitAll(repo, "golive");
    return repo;
  });
}

describe("golive portfolio", () => {
  it("one row per project: work tree, a ref without checkout, a file:// remote", async () => {
    const late = await shop("2027-03-01", ["CLO-01"]);
    // The work tree moves on after the commit: the ref still shows what main has.
    expect((await golive(late, ["done", "CLO-02", "CLO-03"], TODAY)).code).toBe(0);
    const calm = await shop("2027-12-01");
    git(calm, "checkout", "-q", "-b", "release");
    expect((await golive(calm, ["block", "GEN-01", "--reason", "legal"], TODAY)).code).toBe(0);
    commitAll(calm, "blocked");
    git(calm, "checkout", "-q", "main");
    const before = readFileSync(join(calm, "golive.yaml"), "utf8");

    const cwd = tempDir();
    const r = await golive(
      cwd,
      ["portfolio", late, `${late}#main`, `file://${calm}#release`, "--json"],
      TODAY,
    );
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.version).toBe(1);
    expect(report.command).toBe("portfolio");
    const [tree, ref, remote] = report.projects;
    expect(tree.error).toBeNull();
    expect(tree.progress.done).toBe(3);
    expect(ref.progress.done).toBe(1);
    expect(ref.source).toBe(`${late}#main`);
    expect(tree.goLive).toBe("2027-03-01");
    expect(tree.daysToGoLive).toBe(19);
    expect(tree.gate.passed).toBe(false);
    expect(tree.progress.overdue).toBeGreaterThan(0);
    expect(remote.goLive).toBe("2027-12-01");
    expect(remote.progress.blocked).toBe(1);
    expect(remote.gate.passed).toBe(true);
    expect(remote.nextDue).toMatchObject({ due: expect.stringMatching(/^2027-/) });
    expect(tree.lastChange).toBe("2027-02-10");
    // Nothing was checked out: the remote's work tree is still on main, unchanged.
    expect(git(calm, "branch", "--show-current").trim()).toBe("main");
    expect(readFileSync(join(calm, "golive.yaml"), "utf8")).toBe(before);

    const text = await golive(cwd, ["portfolio", late, `file://${calm}#release`], TODAY);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("Portfolio: 2 projects, today 2027-02-10");
    expect(text.stdout).toMatch(/2027-03-01 \(19 days to go\)\s+3\/84 4%\s+33\s+0/);
  });

  it("a project that cannot be read is a row with its error; the others are shown", async () => {
    const good = await shop("2027-12-01");
    const empty = tempRepo();
    const broken = tempRepo({ "golive.yaml": "golive: 1\ngoLive: nope\n" });
    const r = await golive(
      tempDir(),
      ["portfolio", good, empty, broken, `${good}#no-such-branch`, "file:///nowhere/at/all.git"],
      TODAY,
    );
    expect(r.code).toBe(0);
    expect(r.stdout.match(/cannot be read/g)).toHaveLength(4);
    expect(r.stdout).toContain("4 projects could not be read.");
    const json = JSON.parse(
      (
        await golive(
          tempDir(),
          ["portfolio", good, empty, broken, `${good}#no-such-branch`, "--json"],
          TODAY,
        )
      ).stdout,
    );
    expect(
      json.projects.map((p: { error: { code: string } | null }) => p.error?.code ?? null),
    ).toEqual([null, "unreadable", "invalid-state", "git"]);
    expect(json.passed).toBe(false);
  });

  it("--gate: exit 1 naming each project whose gate fails or that cannot be read", async () => {
    const late = await shop("2027-03-01");
    const calm = await shop("2027-12-01");
    const pass = await golive(tempDir(), ["portfolio", calm, "--gate"], TODAY);
    expect(pass.code).toBe(0);
    const fail = await golive(
      tempDir(),
      ["portfolio", calm, late, `${calm}#gone`, "--gate"],
      TODAY,
    );
    expect(fail.code).toBe(1);
    // Each project is shown by its own name (golive.yaml's `name`, here init's default).
    const name = /^name: (.+)$/m.exec(read(late))![1]!;
    expect(fail.stderr).toMatch(
      new RegExp(
        `golive portfolio --gate failed: ${name} \\(36 failing items\\), .* \\(cannot be read\\)`,
      ),
    );
  });

  it("--list portfolio.yaml: names, paths relative to the list, git remotes and refs, the file inside", async () => {
    const a = await shop("2027-03-01");
    const b = await shop("2027-12-01");
    // b keeps its state file in a folder of its own.
    git(b, "mv", "golive.yaml", "ops-golive.yaml");
    commitAll(b, "moved");
    const home = tempDir();
    writeFileSync(
      join(home, "portfolio.yaml"),
      [
        "projects:",
        `  - name: Shop A`,
        `    path: ${a}`,
        `  - name: Shop B`,
        `    git: file://${b}`,
        `    ref: main`,
        `    file: ops-golive.yaml`,
      ].join("\n"),
    );
    const md = await golive(
      home,
      ["portfolio", "--list", "portfolio.yaml", "--format", "markdown"],
      TODAY,
    );
    expect(md.code).toBe(0);
    expect(md.stdout).toContain("| Shop A | 2027-03-01 (19 days to go) | 0/84 (0%) | **36** |");
    expect(md.stdout).toContain("| Shop B | 2027-12-01");

    const html = await golive(
      home,
      ["portfolio", "--list", "portfolio.yaml", "--format", "html", "--output", "site/index.html"],
      TODAY,
    );
    expect(html.code).toBe(0);
    const page = readFileSync(join(home, "site/index.html"), "utf8");
    expect(page).toContain("Content-Security-Policy");
    expect(page.match(/<tr class="project"/g)).toHaveLength(2);
    expect(page.match(/<svg class="strip"/g)).toHaveLength(2);
    // Each project's own small burn-up, its numbers as data: nothing closed, none due yet in B.
    const sparks = [
      ...page.matchAll(
        /<svg class="spark" [^>]*data-scope="(\d+)" data-closed="(\d+)" data-planned="(\d+)"/g,
      ),
    ];
    expect(sparks.map((m) => [m[1], m[2]])).toEqual([
      ["84", "0"],
      ["84", "0"],
    ]);
    expect(Number(sparks[0]![3])).toBeGreaterThan(0);
    expect(sparks[1]![3]).toBe("0");
    expect(page).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);

    writeFileSync(join(home, "bad.yaml"), "projects:\n  - name: x\n");
    const bad = await golive(home, ["portfolio", "--list", "bad.yaml"], TODAY);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("give either path or git");
    expect(existsSync(join(home, "nothing"))).toBe(false);
  });

  it("a team's own catalogue is read from the same ref", async () => {
    const own = readFileSync(
      join(import.meta.dirname, "../../checklists/spryker-cloud.yaml"),
      "utf8",
    );
    const repo = tempRepo({ "ops/catalogue.yaml": own });
    const init = await golive(
      repo,
      ["init", "--date", "2027-03-01", "--catalogue", "ops/catalogue.yaml"],
      TODAY,
    );
    expect(init.code, init.stderr).toBe(0);
    commitAll(repo, "own catalogue");
    for (const source of [`${repo}#main`, `file://${repo}#main`]) {
      const r = JSON.parse(
        (await golive(tempDir(), ["portfolio", source, "--json"], TODAY)).stdout,
      );
      expect(r.projects[0].error, source).toBeNull();
      expect(r.projects[0].progress.total).toBe(84);
    }
  });

  it("a bare repository's ref reads as its file:// URL does", async () => {
    const repo = await shop("2027-03-01", ["CLO-01"]);
    const origin = join(tempDir(), "origin.git");
    execFileSync("git", ["clone", "-q", "--bare", repo, origin], { env: gitEnv(repo) });
    const rows = [];
    for (const source of [`${origin}#main`, `file://${origin}#main`]) {
      const r = await golive(tempDir(), ["portfolio", source, "--json"], TODAY);
      const [row] = JSON.parse(r.stdout).projects;
      expect(row.error, source).toBeNull();
      rows.push(row.progress);
    }
    expect(rows[0].done).toBe(1);
    expect(rows[0]).toEqual(rows[1]);
  });

  it("no projects is a usage error", async () => {
    const r = await golive(tempDir(), ["portfolio"], TODAY);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("no projects given");
  });
});
