/**
 * Living with results (issue 10): evidence is stored as a code and its arguments, status shows
 * evidence the repository no longer bears out as stale, "regressed" is a done item whose recorded
 * evidence passed, and a waiver accepts a failing check until it expires. In-process commands
 * against temporary repositories.
 */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { gitEnv, golive, read, tempRepo } from "../helpers/cli.js";
import { composerLock, PACKAGES, shop } from "../helpers/shop.js";

function shopRepo(twig: string): string {
  const files: Record<string, string> = {};
  for (const [k, v] of Object.entries(shop())) if (typeof v === "string") files[k] = v;
  files["composer.lock"] = composerLock({ ...PACKAGES, "spryker/twig": twig });
  const dir = tempRepo(files);
  execFileSync("git", ["add", "-A"], { cwd: dir, env: gitEnv(dir) });
  return dir;
}

function setTwig(dir: string, twig: string): void {
  writeFileSync(join(dir, "composer.lock"), composerLock({ ...PACKAGES, "spryker/twig": twig }));
}

const at = (day: string) => ({ GOLIVE_TODAY: day });

describe("recorded evidence", () => {
  test("is a code and its arguments, worded when shown; stale once the repository changes", async () => {
    const dir = shopRepo("3.12.0");
    expect((await golive(dir, ["init", "--date", "2027-03-01"], at("2027-01-04"))).code).toBe(0);
    expect(
      (await golive(dir, ["verify", "--item", "APP-03", "--record"], at("2027-01-04"))).code,
    ).toBe(1);
    expect(read(dir)).toContain(
      `evidence: '{"result":"fail","code":"composer-old","args":{"file":"composer.lock","line":15,"subject":"spryker/twig","found":"3.12.0","expected":">= 3.15.2"},"at":"2027-01-04","inputs":"`,
    );
    const show = await golive(dir, ["show", "APP-03"], at("2027-01-04"));
    expect(show.stdout).toContain(
      "Evidence fail on 2027-01-04 (golive verify): composer.lock:15: spryker/twig 3.12.0, expected >= 3.15.2",
    );
    const before = await golive(dir, ["status"], at("2027-01-05"));
    expect(before.stdout).toMatch(/Recorded evidence fails \(1\)[\s\S]*APP-03/);

    setTwig(dir, "3.16.0");
    const after = await golive(dir, ["status"], at("2027-01-05"));
    expect(after.stdout).not.toMatch(/Recorded evidence fails/);
    expect(after.stdout).toMatch(/Recorded evidence is stale \(1\)[\s\S]*APP-03/);
    expect(after.stdout).toContain("recorded fail on 2027-01-04, the repository now says pass");
    const json = JSON.parse((await golive(dir, ["status", "--json"], at("2027-01-05"))).stdout);
    const app03 = json.items.find((i: { id: string }) => i.id === "APP-03");
    expect(app03.evidence).toMatchObject({ result: "fail", code: "composer-old", stale: true });
    expect(app03.evidence.summary).toMatch(/spryker\/twig 3\.12\.0/);
    // show says what status says.
    const shown = await golive(dir, ["show", "APP-03"], at("2027-01-05"));
    expect(shown.stdout).toContain(
      "stale: recorded fail on 2027-01-04, the repository now says pass (golive verify --record)",
    );
    const shownJson = JSON.parse(
      (await golive(dir, ["show", "APP-03", "--json"], at("2027-01-05"))).stdout,
    );
    expect(shownJson.item.evidence).toMatchObject({ result: "fail", stale: true });
  });

  test("golive 1.0's evidence (a summary) is still read and shown", async () => {
    const dir = shopRepo("3.16.0");
    await golive(dir, ["init", "--date", "2027-03-01"], at("2027-01-04"));
    await golive(dir, ["done", "APP-03", "--by", "Jo"], at("2027-01-04"));
    const state = read(dir).replace(
      "    at: 2027-01-04\n",
      '    at: 2027-01-04\n    evidence: { result: pass, at: 2027-01-02, summary: "composer.lock:12: spryker/twig 3.15.2 (>= 3.15.2)" }\n',
    );
    writeFileSync(join(dir, "golive.yaml"), state);
    const show = await golive(dir, ["show", "APP-03"], at("2027-01-04"));
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toContain(
      "Evidence pass on 2027-01-02 (golive verify): composer.lock:12: spryker/twig 3.15.2",
    );
  });
});

describe("check --verify", () => {
  test("regressed after passing evidence, fails its check without, a waiver holds until it expires", async () => {
    const dir = shopRepo("3.16.0");
    await golive(dir, ["init", "--date", "2027-03-01"], at("2027-01-04"));
    await golive(dir, ["done", "APP-03", "--by", "Jo"], at("2027-01-04"));
    expect(
      (await golive(dir, ["verify", "--item", "APP-03", "--record"], at("2027-01-04"))).code,
    ).toBe(0);
    setTwig(dir, "3.12.0");
    const regressed = JSON.parse(
      (
        await golive(
          dir,
          ["check", "--verify", "--json", "--phase", "eight-weeks"],
          at("2027-01-04"),
        )
      ).stdout,
    );
    expect(regressed).toMatchObject({ passed: false, regressed: ["APP-03"], failsCheck: [] });

    // Recorded again while failing: it never passed since, so it "fails its check".
    await golive(dir, ["verify", "--item", "APP-03", "--record"], at("2027-01-05"));
    const fails = await golive(
      dir,
      ["check", "--verify", "--phase", "eight-weeks"],
      at("2027-01-05"),
    );
    expect(fails.code).toBe(1);
    expect(fails.stdout).toMatch(
      /FAIL\s+APP-03 {2}Upgrade Twig: done, but its check fails: composer\.lock:15/,
    );

    const waive = await golive(
      dir,
      [
        "waive",
        "APP-03",
        "--reason",
        "twig pinned by a plugin; fixed in sprint 4",
        "--until",
        "2027-01-20",
        "--approver",
        "Ana",
      ],
      at("2027-01-05"),
    );
    expect(waive.code, waive.stderr).toBe(0);
    const waived = await golive(
      dir,
      ["check", "--verify", "--phase", "eight-weeks"],
      at("2027-01-20"),
    );
    expect(waived.code).toBe(0);
    expect(waived.stdout).toMatch(
      /WAIVED\s+APP-03 .*waived: twig pinned by a plugin.*its check fails/,
    );
    const expired = await golive(
      dir,
      ["check", "--verify", "--phase", "eight-weeks"],
      at("2027-01-21"),
    );
    expect(expired.code).toBe(1);
    expect(expired.stdout).toMatch(/APP-03 .*the waiver expired after 2027-01-20/);
  });
});
