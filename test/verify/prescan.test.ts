/**
 * The scan before the rules (io/repo-scan.ts): on a worker thread, through the same confined
 * reader as the rules, it tells which files may hold APP-17's key header and a text check's
 * `contains`; the rules then read only those, and judge exactly as when they read every file.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, realpathSync, renameSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { prescan, scanInWorker } from "../../src/io/repo-scan.js";
import { openRepo } from "../../src/io/repo-view.js";
import { verifyRepository } from "../../src/verify/index.js";
import type { PrescanAnswer, PrescanRequest, RepoView } from "../../src/verify/types.js";
import { sprykerCatalogue } from "../helpers/catalogue.js";
import { gitEnv, tempDir, tempRepo } from "../helpers/cli.js";
import { countingRepo } from "../helpers/repo.js";
import { BEFORE_GO_LIVE, leakyFiles } from "../helpers/shop.js";

const git = (dir: string, ...args: string[]) =>
  execFileSync("git", args, { cwd: dir, env: gitEnv(dir), encoding: "utf8" });

describe("which files may hold a needle", () => {
  const outside = tempDir();
  writeFileSync(join(outside, "id_rsa"), "-----BEGIN RSA PRIVATE KEY-----\n");
  const dir = tempRepo({
    "a/key.pem": "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n",
    "a/plain.txt": "nothing here\n",
    "a/binary.txt": "\0PRIVATE KEY spy_oms_transition_log\n",
    "a/upper.sql": "TRUNCATE SPY_OMS_TRANSITION_LOG;\n",
    "a/other.sql": "TRUNCATE spy_sales_order;\n",
    // Not ASCII: folded by the rule itself (the Kelvin sign's lower case is a k).
    "a/accent.sql": "DELETE FROM café;\n",
    "a/big.txt": `PRIVATE KEY${" ".repeat(200)}`,
    "keys/id_rsa": "placeholder\n",
  });
  renameSync(join(dir, "keys"), join(dir, "moved"));
  symlinkSync(outside, join(dir, "keys"));
  symlinkSync(join(outside, "id_rsa"), join(dir, "a/link.pem"));
  const all = [
    "a/key.pem",
    "a/plain.txt",
    "a/binary.txt",
    "a/upper.sql",
    "a/other.sql",
    "a/accent.sql",
    "a/big.txt",
    "a/link.pem",
    "keys/id_rsa",
  ];
  const requests: PrescanRequest[] = [
    { needle: "PRIVATE KEY", ignoreCase: false, text: false, files: all },
    { needle: "spy_oms_transition_log", ignoreCase: true, text: true, files: all },
    { needle: "PRIVATE KEY", ignoreCase: false, text: true, files: ["a/binary.txt", "a/key.pem"] },
    // secretlint's input: every text, kept up to 30 bytes.
    { needle: "", ignoreCase: false, text: true, keepText: 30, files: all },
  ];
  const want = [
    ["a/binary.txt", "a/key.pem"],
    ["a/accent.sql", "a/upper.sql"],
    ["a/key.pem"],
    ["a/accent.sql", "a/key.pem", "a/other.sql", "a/plain.txt", "a/upper.sql"],
  ];
  const texts = new Map([
    ["a/plain.txt", "nothing here\n"],
    ["a/other.sql", "TRUNCATE spy_sales_order;\n"],
    ["a/accent.sql", "DELETE FROM café;\n"],
  ]);
  const sorted = (answer: PrescanAnswer) => answer.found.map((s) => [...s].sort());

  test("on this thread: only what the rule would find, never through a link out", async () => {
    const found = await prescan(dir, realpathSync(dir), 100, requests, { thread: "this" });
    expect(sorted(found)).toEqual(want);
    expect(found.texts).toEqual(texts);
  });

  test("on a worker thread: the same answer, from the same reader's own source", async () => {
    const files = [...all];
    const found = await scanInWorker({
      root: dir,
      realRoot: realpathSync(dir),
      maxBytes: 100,
      files,
      wants: files.map((f) => requests.flatMap((r, i) => (r.files.includes(f) ? [i] : []))),
      requests: requests.map(({ files: _, ...request }) => request),
    });
    expect(new Map(found.texts.map(([i, text]) => [files[i], text]))).toEqual(texts);
    expect(found.found.map((list) => list.map((i) => files[i]).sort())).toEqual(want);
    const worker = { thread: "worker" } as const;
    expect(sorted(await prescan(dir, realpathSync(dir), 100, requests, worker))).toEqual(want);
  });
});

test("verify reads only the files the scan says may hold a key, and judges the same", async () => {
  const files = leakyFiles();
  for (let i = 0; i < 50; i++) files[`src/Pyz/Zed/Module${i}/Plain.php`] = `<?php // ${i}\n`;
  // secretlint reads the texts the scan kept.
  files["config/Shared/ci.env.yml"] = "GITHUB_TOKEN: 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\n";
  const dir = tempRepo(files as Record<string, string>);
  git(dir, "add", "-A");
  // The items whose checks use the scan: APP-17 (keys) and APP-24 (a text check's `contains`).
  const items = sprykerCatalogue().items.filter((i) => i.id === "APP-17" || i.id === "APP-24");
  const real = openRepo(dir);
  const scanned = countingRepo(real);
  const withScan: RepoView = { ...scanned.repo, prescan: (r) => real.prescan(r) };
  const fileByFile = countingRepo(openRepo(dir));
  const verdicts = await verifyRepository(items, withScan, BEFORE_GO_LIVE);
  expect(verdicts).toEqual(await verifyRepository(items, fileByFile.repo, BEFORE_GO_LIVE));
  const app17 = verdicts.find((v) => v.id === "APP-17")?.findings;
  expect(app17).toContainEqual(
    expect.objectContaining({ code: "secret-private-key", file: "keys/jwt.pem" }),
  );
  expect(app17).toContainEqual(
    expect.objectContaining({ code: "secret-provider-token", file: "config/Shared/ci.env.yml" }),
  );
  expect(scanned.reads.get("config/Shared/ci.env.yml")).toBeUndefined();
  const plain = "src/Pyz/Zed/Module7/Plain.php";
  expect(fileByFile.reads.get(plain)).toBeGreaterThan(0);
  expect(scanned.reads.get(plain)).toBeUndefined();
  expect(scanned.reads.get("keys/jwt.pem")).toBeGreaterThan(0);
});

test("a folder of the scan that became a link out after listing is not read", async () => {
  const outside = tempDir();
  mkdirSync(join(outside, "deep"));
  writeFileSync(join(outside, "deep/id_rsa"), "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n");
  const dir = tempRepo({ "keys/deep/id_rsa": "placeholder\n" });
  git(dir, "add", "-A");
  renameSync(join(dir, "keys"), join(dir, "moved"));
  symlinkSync(outside, join(dir, "keys"));
  const answer = await openRepo(dir).prescan([
    { needle: "PRIVATE KEY", ignoreCase: false, text: false, files: ["keys/deep/id_rsa"] },
    { needle: "", ignoreCase: false, text: true, keepText: 100, files: ["keys/deep/id_rsa"] },
  ]);
  expect(answer.found.map((s) => [...s])).toEqual([[], []]);
  expect(answer.texts.size).toBe(0);
});

test("while the scan runs, APP-17's PHP files are parsed: work the rule does anyway", async () => {
  const dir = tempRepo(leakyFiles() as Record<string, string>);
  git(dir, "add", "-A");
  const real = openRepo(dir);
  let scanned = false;
  const readEarly: string[] = [];
  const repo: RepoView = {
    ...real,
    read: (path) => {
      if (!scanned) readEarly.push(path);
      return real.read(path);
    },
    prescan: async (requests) => {
      const answer = await real.prescan(requests);
      await new Promise((resolve) => setTimeout(resolve, 20));
      scanned = true;
      return answer;
    },
  };
  const items = sprykerCatalogue().items.filter((i) => i.id === "APP-17");
  const [verdict] = await verifyRepository(items, repo, BEFORE_GO_LIVE);
  expect(readEarly).toContain("config/Shared/config_prod.php");
  expect(verdict).toEqual((await verifyRepository(items, real, BEFORE_GO_LIVE))[0]);
});
