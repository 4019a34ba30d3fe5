/**
 * Fast evidence in the standup (issue 21): `verify --record` stores what each item's checks read
 * and one digest over their git blob IDs; `status` runs again only the checks whose inputs
 * changed. `currentEvidence` says which checks it ran (`ran`), the hook these tests count with.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import type { CalendarDate } from "../../src/core/dates.js";
import { makeStyle } from "../../src/render/text.js";
import { EvidenceInputsTextSchema } from "../../src/schema/state.js";
import { InputTracker, inputKeys, NEVER } from "../../src/verify/inputs.js";
import type { Context } from "../../src/work/context.js";
import { startEvidenceCheck } from "../../src/work/current-evidence.js";
import { recordEvidence } from "../../src/work/evidence.js";
import {
  currentEvidence,
  decodeInputs,
  type EarlyCheck,
  encodeInputs,
} from "../../src/work/evidence-inputs.js";
import { runVerify } from "../../src/work/verify-run.js";
import { openState } from "../../src/work/workspace.js";
import {
  gitEnv,
  golive,
  read,
  tempDir,
  tempRepo,
  withGitCallsLogged,
  withShippedCatalogues,
} from "../helpers/cli.js";
import { evidenceIn, withEvidence } from "../helpers/evidence.js";
import { composerLock, PACKAGES, shop } from "../helpers/shop.js";

const DAY = "2027-01-04" as CalendarDate;

function context(dir: string, today: CalendarDate = DAY): Context {
  return {
    cwd: dir,
    today,
    now: () => today,
    style: makeStyle(0, 100),
    gitUser: () => "Test User",
  };
}

/** Which checks `status` would run now, and what it would say about each recorded item. */
async function rerun(dir: string, today: CalendarDate = DAY, early?: EarlyCheck) {
  const ctx = context(dir, today);
  const { board, workspace } = withShippedCatalogues(() => openState(ctx).board());
  const recorded = board.items.filter((v) => v.state.evidence !== undefined && v.item.checks);
  const inputs = inputsOf(dir);
  return { recorded, inputs, ...(await currentEvidence(ctx, workspace, recorded, early)) };
}

function git(dir: string, ...args: string[]): void {
  execFileSync("git", args, { cwd: dir, env: gitEnv(dir), stdio: "ignore" });
}

/** The recorded inputs of every item, from golive.yaml through golive's own reader. */
function inputsOf(dir: string) {
  const { board } = withShippedCatalogues(() => openState(context(dir)).board());
  return new Map(
    board.items.map((v) => {
      const recorded = v.state.evidence?.inputs;
      return [v.item.id, recorded === undefined ? undefined : decodeInputs(recorded)];
    }),
  );
}

/** A project with every check's evidence recorded, copied fresh for each test. */
let recordedShop: string;
beforeAll(async () => {
  const files: Record<string, string> = {};
  for (const [k, v] of Object.entries(shop())) if (typeof v === "string") files[k] = v;
  files["composer.lock"] = composerLock({ ...PACKAGES, "spryker/twig": "3.12.0" });
  recordedShop = tempRepo(files);
  git(recordedShop, "add", "-A");
  expect(
    (await golive(recordedShop, ["init", "--date", "2027-03-01"], { GOLIVE_TODAY: DAY })).code,
  ).toBe(0);
  const verified = await golive(recordedShop, ["verify", "--record"], { GOLIVE_TODAY: DAY });
  expect(verified.code, verified.stderr).toBe(1);
});

/** A value as a one-line YAML flow collection, strings double-quoted (a JSON string is one). */
function flowMap(value: unknown): string {
  if (Array.isArray(value)) return `[ ${value.map(flowMap).join(", ")} ]`;
  if (typeof value === "object" && value !== null)
    return `{ ${Object.entries(value)
      .map(([k, v]) => `${k}: ${flowMap(v)}`)
      .join(", ")} }`;
  return JSON.stringify(value);
}

function copyShop(): string {
  const dir = tempRepo({});
  execFileSync("cp", ["-a", `${recordedShop}/.`, dir]);
  return dir;
}

describe("recorded evidence with its inputs", () => {
  test("records what each item read: named files, sets of files, context", () => {
    const inputs = inputsOf(recordedShop);
    expect(inputs.get("APP-03")).toEqual({
      digest: expect.stringMatching(/^[0-9a-f]{40}$/),
      files: ["composer.lock"],
      // The work tree held what git's index says: the digest over every file, too.
      tree: expect.stringMatching(/^[0-9a-f]{40}$/),
    });
    // APP-17 looks for a key header in every file; CLO-10 reads the deploy files and the date.
    expect(inputs.get("APP-17")?.sets).toContain("all");
    expect(inputs.get("CLO-10")?.sets).toContain("deploy");
    expect(inputs.get("CLO-10")?.context).toContain("today");
    // One line of JSON per record, the inputs one string: a digest and a token per input.
    expect(read(recordedShop)).toMatch(
      /APP-03:\n {4}evidence: '\{"result":"fail","code":"composer-old",.*,"inputs":"[0-9a-f]{40} f:composer\.lock t:[0-9a-f]{40}"\}'\n/,
    );
    expect(evidenceIn(read(recordedShop), "CLO-10")?.inputs).toMatch(/^[0-9a-f]{40} .*s:deploy/);
  });

  test("nothing changed: no check runs, every verdict is the recorded one", async () => {
    const { recorded, ran, verdicts, byTree } = await rerun(recordedShop);
    expect(recorded.length).toBeGreaterThan(20);
    expect(ran).toEqual([]);
    // The work tree's fingerprint answers for every item: no set is listed, no blob ID taken.
    expect(byTree.sort()).toEqual(recorded.map((v) => v.item.id).sort());
    for (const v of recorded)
      expect(verdicts.get(v.item.id)?.result).toBe(v.state.evidence!.result);
    const status = await golive(recordedShop, ["status"], { GOLIVE_TODAY: DAY });
    expect(status.stdout).not.toContain("Recorded evidence is stale");
    expect(status.stdout).toMatch(/Recorded evidence fails \(\d+\)[\s\S]*APP-03/);
  });

  test("status asks git before reading golive.yaml, only when evidence has a fingerprint", async () => {
    const early = startEvidenceCheck(openState(context(recordedShop)));
    expect(early?.root).toBe(recordedShop);
    expect(await early?.changed).toBeInstanceOf(Set);
    const { byTree, recorded } = await rerun(recordedShop, DAY, early);
    expect(byTree).toHaveLength(recorded.length);
    // git's early answer is the one taken: "git could not say" is no fingerprint.
    const unsure = { root: recordedShop, changed: Promise.resolve(undefined) };
    expect((await rerun(recordedShop, DAY, unsure)).byTree).toEqual([]);
    // Nothing recorded: nothing started.
    const fresh = tempRepo({});
    expect(
      (await golive(fresh, ["init", "--date", "2027-03-01"], { GOLIVE_TODAY: DAY })).code,
    ).toBe(0);
    expect(startEvidenceCheck(openState(context(fresh)))).toBeUndefined();
  });

  test("a changed input makes its evidence stale; checks that did not read it do not run", async () => {
    const dir = copyShop();
    // Not staged: verify reads the work tree, and so does the digest.
    writeFileSync(
      join(dir, "composer.lock"),
      composerLock({ ...PACKAGES, "spryker/twig": "3.16.0" }),
    );
    const { ran, verdicts, inputs, byTree } = await rerun(dir);
    expect(byTree).toEqual([]);
    const readLock = [...inputs]
      .filter(([, i]) => i?.files?.includes("composer.lock") || i?.sets?.includes("all"))
      .map(([id]) => id);
    expect(ran).toContain("APP-03");
    expect(ran.sort()).toEqual(readLock.sort());
    expect(ran).not.toContain("CLO-10");
    expect(verdicts.get("APP-03")?.result).toBe("pass");
    const status = await golive(dir, ["status"], { GOLIVE_TODAY: DAY });
    expect(status.stdout).toMatch(/Recorded evidence is stale \(1\)[\s\S]*APP-03/);
  });

  test("the same bytes written again (a checkout, a touch) run nothing", async () => {
    const dir = copyShop();
    const lock = join(dir, "composer.lock");
    writeFileSync(lock, read(dir, "composer.lock"));
    utimesSync(lock, new Date(), new Date(Date.now() + 60_000));
    const { ran, byTree, recorded } = await rerun(dir);
    expect(ran).toEqual([]);
    // git diff-files lists the file; its bytes are the index's, so the fingerprint holds.
    expect(byTree).toHaveLength(recorded.length);
  });

  test("a touched file in a folder the checks skip keeps the fingerprint; changed, it is another", async () => {
    // Real shops track test fixtures under a vendor/ folder (a CLI sandbox's vendor/spryker/...).
    const dir = copyShop();
    const twig = "tests/_data/cli_sandbox/vendor/acme/gui/select.twig";
    mkdirSync(join(dir, "tests/_data/cli_sandbox/vendor/acme/gui"), { recursive: true });
    writeFileSync(join(dir, twig), "{{ select }}\n");
    git(dir, "add", twig);
    git(dir, "commit", "-qm", "a fixture");
    const touch = () => utimesSync(join(dir, twig), new Date(), new Date(Date.now() + 60_000));
    // Recorded while git sees the file's stat data changed: the fingerprint is still taken.
    touch();
    const verified = await golive(dir, ["verify", "--record"], { GOLIVE_TODAY: DAY });
    expect(verified.code, verified.stderr).toBe(1);
    expect(inputsOf(dir).get("APP-03")?.tree).toMatch(/^[0-9a-f]{40}$/);
    git(dir, "add", "golive.yaml");
    touch();
    const { ran, byTree, recorded } = await rerun(dir);
    expect(ran).toEqual([]);
    expect(byTree).toHaveLength(recorded.length);
    // Other bytes: another fingerprint, and each item's own digest decides.
    writeFileSync(join(dir, twig), "{{ other }}\n");
    expect((await rerun(dir)).byTree).toEqual([]);
  });

  test("inputs too long for one line (a shop's thousands of long paths) are left out; the verdict and the other items' inputs are recorded", async () => {
    const dir = copyShop();
    const ctx = context(dir);
    const workspace = openState(ctx).read();
    const items = workspace.catalogue.items.filter((i) => i.checks);
    const run = await runVerify(ctx, workspace, items, { inputs: true });
    const inputs = new Map(run.inputs);
    // 17 KiB of one item's paths, as 190 long `require`d file names made for APP-09.
    const long = `${inputs.get("APP-03")} f:config/${"\u6f22".repeat(3_000)}.php`;
    inputs.set("APP-03", long);
    await recordEvidence(ctx, run.verdicts, { inputs });
    const text = read(dir);
    expect(evidenceIn(text, "APP-03")).toMatchObject({ result: "fail", code: "composer-old" });
    expect(evidenceIn(text, "APP-03")).not.toHaveProperty("inputs");
    expect(evidenceIn(text, "CLO-10")?.inputs).toBe(run.inputs?.get("CLO-10"));
    expect((await rerun(dir)).ran).toEqual(["APP-03"]);
  });

  test("a file written while the checks read it: no inputs are recorded, and status runs the checks", async () => {
    const dir = copyShop();
    const ctx = context(dir);
    const workspace = openState(ctx).read();
    const items = workspace.catalogue.items.filter((i) => i.checks);
    const lock = join(dir, "composer.lock");
    const twig316 = composerLock({ ...PACKAGES, "spryker/twig": "3.16.0" });
    // Nothing written: the inputs, with the fingerprint, are there to record.
    const still = await runVerify(ctx, workspace, items, { inputs: true });
    expect(still.changedWhileRead).toBeUndefined();
    expect(decodeInputs(still.inputs!.get("APP-03")!)?.tree).toMatch(/^[0-9a-f]{40}$/);
    // The checks judged twig 3.12.0; 3.16.0 is written before golive looks again.
    const moved = await runVerify(ctx, workspace, items, {
      inputs: true,
      afterChecks: () => writeFileSync(lock, twig316),
    });
    expect(moved.verdicts.find((v) => v.id === "APP-03")?.result).toBe("fail");
    expect(moved.changedWhileRead).toBe(true);
    expect(moved.inputs).toBeUndefined();
    // Through the command: the verdict is recorded without inputs, so status checks it again.
    writeFileSync(lock, read(recordedShop, "composer.lock"));
    const recordedWithout = await recordEvidence(ctx, moved.verdicts, {});
    expect(recordedWithout).toEqual([]);
    expect(inputsOf(dir).get("APP-03")).toBeUndefined();
    writeFileSync(lock, twig316);
    const { ran, verdicts } = await rerun(dir);
    expect(ran).toContain("APP-03");
    expect(verdicts.get("APP-03")?.result).toBe("pass");
  });

  test("committing golive.yaml after recording runs nothing: golive's own file is not the shop's", async () => {
    const dir = copyShop();
    // What a team does after `verify --record`: commit the evidence. The state file changed
    // since it was recorded, and APP-17 went through every tracked file.
    git(dir, "add", "golive.yaml");
    const { ran, byTree, recorded } = await rerun(dir);
    expect(ran).toEqual([]);
    expect(byTree).toHaveLength(recorded.length);
    // Nor does verify read it: a key pasted into a note in golive.yaml is not the shop's secret.
    writeFileSync(join(dir, "golive.yaml"), `${read(dir)}# -----BEGIN RSA PRIVATE KEY-----\n`);
    git(dir, "add", "golive.yaml");
    expect((await rerun(dir)).ran).toEqual([]);
  });

  test("recorded over a change not yet committed, then committed: the fingerprint holds", async () => {
    const dir = copyShop();
    const lock = composerLock({ ...PACKAGES, "spryker/twig": "3.16.0" });
    writeFileSync(join(dir, "composer.lock"), lock);
    // What a team does: verify --record with the change in the work tree, then commit both.
    const verified = await golive(dir, ["verify", "--record"], { GOLIVE_TODAY: DAY });
    expect(verified.code, verified.stderr).toBeLessThan(2);
    expect(inputsOf(dir).get("APP-03")?.tree).toMatch(/^[0-9a-f]{40}$/);
    git(dir, "add", "composer.lock", "golive.yaml");
    git(dir, "commit", "-qm", "twig 3.16 and its evidence");
    const { ran, byTree, recorded } = await rerun(dir);
    expect(ran).toEqual([]);
    expect(byTree).toHaveLength(recorded.length);
    // Changed again before the status: the fingerprint is another, and the check runs.
    writeFileSync(
      join(dir, "composer.lock"),
      composerLock({ ...PACKAGES, "spryker/twig": "3.12.0" }),
    );
    const after = await rerun(dir);
    expect(after.byTree).toEqual([]);
    expect(after.ran).toContain("APP-03");
    expect(after.verdicts.get("APP-03")?.result).toBe("fail");
  });

  test("a new file runs only the checks that went through every file, or a set it joins", async () => {
    const dir = copyShop();
    writeFileSync(join(dir, "README.md"), "# shop\n");
    // Untracked: not part of the repository verify reads.
    expect((await rerun(dir)).ran).toEqual([]);
    git(dir, "add", "README.md");
    const { ran, inputs, byTree } = await rerun(dir);
    // Another fingerprint: each item's own digest decides.
    expect(byTree).toEqual([]);
    const everyFile = [...inputs].filter(([, i]) => i?.sets?.includes("all")).map(([id]) => id);
    expect(ran.sort()).toEqual(everyFile.sort());
    expect(ran).toContain("APP-17");
    expect(ran).not.toContain("APP-03");

    writeFileSync(join(dir, "deploy.shop-uat.yml"), read(dir, "deploy.shop-staging.yml"));
    git(dir, "add", "deploy.shop-uat.yml");
    expect((await rerun(dir)).ran).toContain("CLO-10");
  });

  test("the checks that read the date run again on the day their answer may change, not every day", async () => {
    const { inputs } = await rerun(recordedShop);
    const dated = [...inputs].filter(([, i]) => i?.context?.includes("today"));
    // APP-02 (the next release), CLO-10 (an end of support), CLO-17 (go-live day).
    expect(dated.map(([id]) => id).sort()).toEqual(["APP-02", "CLO-10", "CLO-17"]);
    for (const [, i] of dated) expect(i?.until).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // CLO-17's answer changes on go-live day.
    expect(inputs.get("CLO-17")?.until).toBe("2027-03-01");
    expect((await rerun(recordedShop, "2027-01-05" as CalendarDate)).ran).toEqual([]);
    for (const [id, i] of dated) {
      const day = i!.until! as CalendarDate;
      const before = new Date(`${day}T00:00:00Z`);
      before.setUTCDate(before.getUTCDate() - 1);
      const eve = before.toISOString().slice(0, 10) as CalendarDate;
      if (eve > DAY) expect((await rerun(recordedShop, eve)).ran).not.toContain(id);
      expect((await rerun(recordedShop, day)).ran).toContain(id);
    }
  });

  test("a date-reading answer holds from the day it was recorded: on a day before it, its checks run", async () => {
    // Recorded on 2027-01-04 with a day it holds until; today set back before the record.
    const { ran } = await rerun(recordedShop, "2025-01-01" as CalendarDate);
    expect([...ran].sort()).toEqual(["APP-02", "CLO-10", "CLO-17"]);
  });

  test("a changed file: git diff-files runs once, its answer serving every item's digest", async () => {
    const files: Record<string, string> = {};
    for (const [k, v] of Object.entries(shop())) if (typeof v === "string") files[k] = v;
    files["composer.lock"] = composerLock({ ...PACKAGES, "spryker/twig": "3.12.0" });
    // More files than repo-view.ts stats one by one: it would ask git itself.
    for (let i = 0; i < 300; i++) files[`src/Pyz/F${i}.php`] = `<?php // ${i}\n`;
    const dir = tempRepo(files);
    git(dir, "add", "-A");
    expect((await golive(dir, ["init", "--date", "2027-03-01"], { GOLIVE_TODAY: DAY })).code).toBe(
      0,
    );
    expect((await golive(dir, ["verify", "--record"], { GOLIVE_TODAY: DAY })).code).toBe(1);
    writeFileSync(
      join(dir, "composer.lock"),
      composerLock({ ...PACKAGES, "spryker/twig": "3.16.0" }),
    );
    const { result: status, calls } = await withGitCallsLogged(() =>
      golive(dir, ["status"], { GOLIVE_TODAY: DAY }),
    );
    expect(status.stdout).toMatch(/Recorded evidence is stale \(1\)[\s\S]*APP-03/);
    expect(calls.filter((c) => c.includes("diff-files"))).toHaveLength(1);
  });

  test("a file git no longer compares (assume-unchanged, skip-worktree) still makes evidence stale", async () => {
    for (const flag of ["--assume-unchanged", "--skip-worktree"]) {
      const dir = copyShop();
      git(dir, "update-index", flag, "composer.lock");
      // git diff-files never lists it: only its bytes tell.
      writeFileSync(
        join(dir, "composer.lock"),
        composerLock({ ...PACKAGES, "spryker/twig": "3.16.0" }),
      );
      const { ran, byTree } = await rerun(dir);
      expect(byTree).toEqual([]);
      expect(ran).toContain("APP-03");
    }
  });

  test("a file deleted, or a link out of the repository, makes evidence stale: neither has a blob ID", async () => {
    const deleted = copyShop();
    execFileSync("rm", [join(deleted, "composer.lock")]);
    const gone = await rerun(deleted);
    expect(gone.byTree).toEqual([]);
    expect(gone.ran).toContain("APP-03");
    expect(gone.verdicts.get("APP-03")?.result).toBe("unknown");
    const linked = copyShop();
    const outside = tempDir();
    writeFileSync(join(outside, "composer.lock"), read(linked, "composer.lock"));
    execFileSync("rm", [join(linked, "composer.lock")]);
    symlinkSync(join(outside, "composer.lock"), join(linked, "composer.lock"));
    const out = await rerun(linked);
    expect(out.byTree).toEqual([]);
    expect(out.ran).toContain("APP-03");
  });

  test("a symbolic link's target changing makes evidence stale: the index holds only its name", async () => {
    const dir = copyShop();
    writeFileSync(join(dir, ".gitignore"), "keys/\n");
    mkdirSync(join(dir, "keys"));
    writeFileSync(join(dir, "keys/shop.txt"), "no key here\n");
    symlinkSync("keys/shop.txt", join(dir, "shop-key.txt"));
    git(dir, "add", ".gitignore", "shop-key.txt");
    expect((await golive(dir, ["verify", "--record"], { GOLIVE_TODAY: DAY })).code).toBe(1);
    expect((await rerun(dir)).ran).toEqual([]);
    writeFileSync(join(dir, "keys/shop.txt"), "-----BEGIN RSA PRIVATE KEY-----\n");
    const { ran, byTree } = await rerun(dir);
    expect(byTree).toEqual([]);
    expect(ran).toContain("APP-17");
  });

  test("a commit that changes a file the checks read makes the fingerprint another", async () => {
    const dir = copyShop();
    writeFileSync(
      join(dir, "composer.lock"),
      composerLock({ ...PACKAGES, "spryker/twig": "3.16.0" }),
    );
    git(dir, "add", "composer.lock");
    const { ran, byTree } = await rerun(dir);
    expect(byTree).toEqual([]);
    expect(ran).toContain("APP-03");
    expect(ran).not.toContain("CLO-10");
  });

  test("evidence and inputs as golive wrote them before (YAML maps) still read, and are one line of JSON after the next record", async () => {
    const dir = copyShop();
    // Until golive 1.1 the inputs were a map; until this change the evidence was a flow map.
    const old = read(dir).replace(/^( {4}evidence: )'(.*)'$/gm, (_, head: string, line: string) => {
      const { inputs, ...evidence } = JSON.parse(line.replaceAll("''", "'"));
      const kinds: Record<string, string[]> = { files: [], sets: [], context: [] };
      const [digest, ...tokens] = (inputs as string).split(" ");
      for (const token of tokens) {
        // The map had no day the answer holds until (its digest was over today's date), nor
        // a digest over the whole work tree.
        if (token.startsWith("u:") || token.startsWith("t:")) continue;
        const kind = token[0] === "f" ? "files" : token[0] === "s" ? "sets" : "context";
        kinds[kind]!.push(decodeURIComponent(token.slice(2)));
      }
      const lists = Object.fromEntries(Object.entries(kinds).filter(([, v]) => v.length > 0));
      const value = { ...evidence, inputs: { digest, ...lists } };
      return head + flowMap(value);
    });
    expect(old).toMatch(
      /APP-03:\n {4}evidence: \{ result: "fail", .*inputs: \{ digest: "[0-9a-f]{40}", files: \[ "composer\.lock" \] \} \}\n/,
    );
    writeFileSync(join(dir, "golive.yaml"), old);
    // Only the date-reading checks run: the map's digest was over the date, not a day until.
    expect((await rerun(dir)).ran.sort()).toEqual(["APP-02", "CLO-10", "CLO-17"]);
    expect((await golive(dir, ["verify", "--record"], { GOLIVE_TODAY: DAY })).code).toBe(1);
    // Every record is a line again, its inputs one string: no map is left.
    expect(read(dir)).not.toMatch(/evidence: \{/);
    const ids = [...read(dir).matchAll(/^ {2}([A-Z]+-\d+):\n(?: {4}.*\n)*? {4}evidence: '/gm)].map(
      (m) => m[1]!,
    );
    expect(ids.length).toBeGreaterThan(20);
    for (const id of ids) expect(typeof evidenceIn(read(dir), id)?.inputs, id).toBe("string");
    expect(evidenceIn(read(dir), "APP-03")?.inputs).toMatch(
      /^[0-9a-f]{40} f:composer\.lock t:[0-9a-f]{40}$/,
    );
  });

  test("an input's path with spaces, % or line breaks survives the one line", () => {
    const inputs = {
      digest: "0".repeat(40),
      files: ["docs/a b.md", "100%.txt", "naïve\u2028.txt"],
      sets: ["deploy", "glob:config/*.php\nsrc/**/*.php"],
      context: ["today"],
    };
    const line = encodeInputs(inputs);
    expect(line).toBe(
      `${"0".repeat(40)} f:docs/a%20b.md f:100%25.txt f:naïve%E2%80%A8.txt s:deploy s:glob:config/*.php%0Asrc/**/*.php c:today`,
    );
    expect(decodeInputs(line)).toEqual(inputs);
    expect(EvidenceInputsTextSchema.safeParse(line).success).toBe(true);
    expect(decodeInputs(`${"0".repeat(40)} f:bad%zz`)).toBeUndefined();
  });

  test("evidence with a code golive no longer knows is checked again, and shown stale in plain words", async () => {
    const dir = copyShop();
    // deploy-fallback: a code golive retired; the inputs are as recorded.
    const text = withEvidence(read(dir), "APP-03", (e) => ({
      ...e,
      result: "pass",
      code: "deploy-fallback",
    }));
    expect(text).toContain('"code":"deploy-fallback"');
    writeFileSync(join(dir, "golive.yaml"), text);
    const { ran, verdicts } = await rerun(dir);
    expect(ran).toEqual(["APP-03"]);
    expect(verdicts.get("APP-03")?.result).toBe("fail");
    const status = await golive(dir, ["status"], { GOLIVE_TODAY: DAY });
    expect(status.code, status.stderr).not.toBe(2);
    expect(status.stdout).toMatch(/Recorded evidence is stale \(1\)[\s\S]*APP-03/);
    const show = await golive(dir, ["show", "APP-03"], { GOLIVE_TODAY: DAY });
    expect(show.stdout).toContain(
      "Evidence pass on 2027-01-04 (golive verify): a finding this golive does not know: record it again",
    );
    expect(show.stdout).not.toContain("deploy-fallback");
  });

  test("evidence without inputs, or naming what golive does not know, runs its checks", async () => {
    const dir = copyShop();
    const withoutInputs = withEvidence(read(dir), "APP-03", ({ inputs: _, ...e }) => e);
    const text = withEvidence(withoutInputs, "CLO-10", (e) => ({
      ...e,
      inputs: `${e.inputs} s:nope`,
    }));
    expect(text.match(/nope/g)).toHaveLength(1);
    writeFileSync(join(dir, "golive.yaml"), text);
    expect((await rerun(dir)).ran.sort()).toEqual(["APP-03", "CLO-10"]);
  });
});

describe("how long a date-reading answer holds (verify/inputs.ts)", () => {
  const keysOf = (fn: (t: InputTracker) => void) => {
    const tracker = new InputTracker();
    return inputKeys(tracker.collect(() => fn(tracker)).keys);
  };

  test("the nearest day any rule names; none ahead: never", () => {
    expect(
      keysOf((t) => {
        t.readToday();
        t.until("2027-06-30");
        t.readToday();
        t.until("2027-04-01");
      }).until,
    ).toBe("2027-04-01");
    expect(
      keysOf((t) => {
        t.readToday();
        t.until(undefined);
      }).until,
    ).toBe(NEVER);
  });

  test("a read of today no rule speaks for keeps the item daily", () => {
    const keys = keysOf((t) => {
      t.readToday();
      t.until("2027-06-30");
      t.readToday();
    });
    expect(keys.context).toEqual(["today"]);
    expect(keys.until).toBeUndefined();
    expect(keysOf((t) => t.until("2027-06-30")).until).toBeUndefined();
  });
});
