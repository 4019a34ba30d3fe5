import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { parse } from "yaml";
import { golive, initRepo } from "./helpers/cli.js";

const ENV = { GOLIVE_TODAY: "2027-01-04" };

async function setUp(transform: (text: string) => string): Promise<string> {
  const dir = await initRepo(["--date", "2027-03-01"], ENV);
  const path = join(dir, "golive.yaml");
  writeFileSync(path, transform(readFileSync(path, "utf8")));
  return dir;
}

const bytes = (dir: string) => readFileSync(join(dir, "golive.yaml"));

test("CRLF line endings, a byte order mark and non-ASCII text survive a rewrite", async () => {
  const dir = await setUp((text) =>
    `\uFEFF# Projekt Zoë: Übergabe am 1. März ✓\n${text}`.replace(/\n/g, "\r\n"),
  );
  const run = async (args: string[]) => {
    const result = await golive(dir, args, ENV);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
  };
  await run(["done", "GEN-01", "--by", "Zoë Ünal", "--note", "geprüft ✓, 確認済み"]);
  await run(["assign", "CLO-01", "Ørjan Ødegård"]);
  await run(["block", "CLO-02", "--reason", "multi\nline reason"]);
  await run(["reschedule", "--date", "2027-03-08", "--reason", "späte Lieferung"]);

  const raw = bytes(dir);
  expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = raw.toString("utf8").slice(1);
  expect(text).not.toMatch(/(^|[^\r])\n/);
  expect(text.startsWith("# Projekt Zoë: Übergabe am 1. März ✓\r\n")).toBe(true);
  const state = parse(text);
  expect(state.items["GEN-01"]).toMatchObject({ by: "Zoë Ünal", note: "geprüft ✓, 確認済み" });
  expect(state.items["CLO-01"]).toMatchObject({ owner: "Ørjan Ødegård" });
  expect(state.items["CLO-02"].reason).toBe("multi\nline reason");
  expect(state.slips[0].reason).toBe("späte Lieferung");
  expect((await golive(dir, ["show", "GEN-01"], ENV)).stdout).toContain("Zoë Ünal");
});

test("LF without a byte order mark stays LF without one", async () => {
  const dir = await setUp((text) => text);
  expect((await golive(dir, ["done", "GEN-01", "--by", "Zoë"], ENV)).code).toBe(0);
  const raw = bytes(dir);
  expect(raw[0]).toBe("#".charCodeAt(0));
  expect(raw.includes("\r")).toBe(false);
});

test("a rewrite changes only the lines of the item it changes", async () => {
  const dir = await setUp((text) => text.replace(/\n/g, "\r\n"));
  const before = bytes(dir).toString("utf8").split("\r\n");
  expect((await golive(dir, ["start", "CLO-01", "--by", "Zoë"], ENV)).code).toBe(0);
  const after = bytes(dir).toString("utf8").split("\r\n");
  const changed = after.filter((line) => !before.includes(line));
  expect(changed).toEqual([
    "  CLO-01:",
    "    status: in-progress",
    "    by: Zoë",
    "    at: 2027-01-04",
  ]);
});

test("conflict markers are found in a CRLF file, every line of them", async () => {
  const dir = await setUp((text) =>
    text
      .replace(
        "  GEN-01: {}\n",
        "<<<<<<< ours\n  GEN-01: {}\n=======\n  GEN-01: { status: done }\n>>>>>>> theirs\n",
      )
      .replace(/\n/g, "\r\n"),
  );
  const result = await golive(dir, ["status"], ENV);
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(/merge-conflict markers on lines (\d+), (\d+), (\d+)\n/);
});
