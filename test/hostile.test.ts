/**
 * Hostile and broken input: whatever the state file or catalogue holds, golive either works or
 * stops with exit 2, a one-line message and a hint, and leaves the file as it was.
 */
import { readFileSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, test, vi } from "vitest";
import { stringify } from "yaml";
import { GoliveError } from "../src/errors.js";
import { readCatalogueFile } from "../src/io/catalogue.js";
import { StateEditor } from "../src/io/state-edit.js";
import { loadWorkspace } from "../src/io/state-read.js";
import { updateWorkspace } from "../src/io/state-update.js";
import { parseYaml, toData, validate } from "../src/io/yaml-file.js";
import { renderError } from "../src/render/error.js";
import { makeStyle } from "../src/render/text.js";
import { type ItemState, StateSchema } from "../src/schema/state.js";
import { sprykerCatalogue } from "./helpers/catalogue.js";
import { golive, tempRepo, withShippedCatalogues } from "./helpers/cli.js";

const ENV = { GOLIVE_TODAY: "2027-01-04" };
const RUNS = 150;
// Hundreds of generated files per property: seconds alone, far longer on a loaded machine.
vi.setConfig({ testTimeout: 120_000 });
const CATALOGUE = readFileSync(
  join(import.meta.dirname, "../checklists/spryker-cloud.yaml"),
  "utf8",
);

/** A valid state file with some items in every state. */
const STATE = [
  "# golive state file",
  "golive: 1",
  "catalogue:",
  "  name: spryker-cloud",
  "goLive: 2027-03-01",
  "slips:",
  "  - { from: 2027-02-15, to: 2027-03-01, reason: late, by: Ana, at: 2027-01-02 }",
  "items:",
  "  # GEN-01 Share go-live plan",
  "  GEN-01:",
  "    status: done",
  "    owner: Ana",
  "    note: mailed the CSM",
  "    by: Ana",
  "    at: 2027-01-03T10:00:00+01:00",
  "    history:",
  "      - { status: in-progress, by: Ana, at: 2027-01-02 }",
  "  # CLO-01 Ensure a network diagram",
  "  CLO-01: { status: blocked, reason: waiting }",
  "  CLO-02: {}",
  "",
].join("\n");

const style = makeStyle(0, 100);
const dir = tempRepo({}, { git: false });
const statePath = join(dir, "golive.yaml");
const cataloguePath = join(dir, "catalogue.yaml");

/** Success, or a GoliveError that renders as one message line and one hint line. */
function expectCleanOutcome(work: () => unknown): "ok" | "refused" {
  try {
    work();
    return "ok";
  } catch (error) {
    if (!(error instanceof GoliveError)) throw error;
    expect(error.exitCode).toBe(2);
    const lines = renderError(style, error).trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^error: /);
    expect(lines[1]).toMatch(/^hint: /);
    return "refused";
  }
}

/**
 * Reading the state file, and a write through the lock: the file is unchanged on error. The
 * shipped catalogue it names is the built golive's, parsed once, not on each of the thousands
 * of reads (that parse was most of this file's time).
 */
function readAndWrite(content: string | Uint8Array): void {
  writeFileSync(statePath, content);
  const before = readFileSync(statePath);
  withShippedCatalogues(() => {
    expectCleanOutcome(() => loadWorkspace(statePath, "."));
    const outcome = expectCleanOutcome(() =>
      updateWorkspace(statePath, ".", (_, editor) => editor.setItem("GEN-02", { status: "done" })),
    );
    if (outcome === "refused") expect(readFileSync(statePath).equals(before)).toBe(true);
  });
}

function readCatalogue(content: string | Uint8Array): void {
  writeFileSync(cataloguePath, content);
  expectCleanOutcome(() => readCatalogueFile(cataloguePath));
}

/** A valid file, damaged: a slice removed, text inserted, a line repeated or characters swapped. */
function mutated(text: string) {
  const edit = fc.oneof(
    fc.tuple(fc.constant("cut"), fc.nat(), fc.integer({ min: 1, max: 40 }), fc.constant("")),
    fc.tuple(
      fc.constant("insert"),
      fc.nat(),
      fc.constant(0),
      fc.oneof(
        fc.string({ maxLength: 12 }),
        fc.constantFrom(
          ":",
          "- ",
          "\n",
          "  ",
          "{",
          "[",
          "&a",
          "*a",
          "!!binary",
          '"',
          "#",
          "\t",
          "\r",
        ),
      ),
    ),
    fc.tuple(fc.constant("repeat"), fc.nat(), fc.integer({ min: 1, max: 200 }), fc.constant("")),
  );
  return fc.array(edit, { minLength: 1, maxLength: 4 }).map((edits) => {
    let out = text;
    for (const [kind, at, length, insert] of edits) {
      const i = at % (out.length + 1);
      if (kind === "cut") out = out.slice(0, i) + out.slice(i + length);
      else if (kind === "insert") out = out.slice(0, i) + insert + out.slice(i);
      else out = out.slice(0, i) + out.slice(i, i + length) + out.slice(i);
    }
    return out;
  });
}

describe("property: any state file is read or refused cleanly, and never changed on error", () => {
  test("random bytes", () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2_000 }), readAndWrite), { numRuns: RUNS });
  });

  test("random YAML", () => {
    fc.assert(
      fc.property(fc.anything({ maxDepth: 4 }), (value) => readAndWrite(stringify(value) ?? "")),
      { numRuns: RUNS },
    );
  });

  test("random YAML shaped like a state file", () => {
    const text = fc.oneof(fc.string(), fc.constantFrom("", "done", "todo", "2027-03-01"));
    const item = fc.dictionary(
      fc.constantFrom("status", "owner", "note", "reason", "by", "at", "history", "x"),
      fc.oneof(text, fc.integer(), fc.constant(null), fc.array(fc.dictionary(text, text))),
    );
    const state = fc.record({
      golive: fc.oneof(fc.constant(1), fc.integer()),
      catalogue: fc.oneof(fc.constant({ name: "spryker-cloud" }), fc.dictionary(text, text)),
      goLive: fc.oneof(fc.constant("2027-03-01"), text),
      items: fc.dictionary(fc.oneof(fc.constantFrom("GEN-01", "CLO-2", "__proto__"), text), item),
    });
    fc.assert(
      fc.property(state, (value) => readAndWrite(stringify(value) ?? "")),
      { numRuns: RUNS },
    );
  });

  test("random damage to a valid state file", () => {
    fc.assert(fc.property(mutated(STATE), readAndWrite), { numRuns: RUNS });
  });
});

describe("property: any catalogue is read or refused cleanly", () => {
  test("random bytes", () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2_000 }), readCatalogue), { numRuns: RUNS });
  });

  test("random YAML", () => {
    fc.assert(
      fc.property(fc.anything({ maxDepth: 4 }), (value) => readCatalogue(stringify(value) ?? "")),
      { numRuns: RUNS },
    );
  });

  test("random damage to the shipped catalogue", () => {
    fc.assert(fc.property(mutated(CATALOGUE), readCatalogue), { numRuns: 100 });
  });
});

test("property: reading what was written gives the same data", () => {
  const text = fc.string({ minLength: 1, maxLength: 60, unit: "binary" });
  const state: fc.Arbitrary<ItemState> = fc.record(
    {
      status: fc.constantFrom("in-progress", "blocked", "done", "not-applicable" as const),
      owner: text,
      note: text,
      reason: text,
      by: text,
      at: fc.constantFrom("2027-01-04", "2027-01-04T10:00:00+01:00", "2027-01-04T09:00:00Z"),
      history: fc.array(fc.record({ note: text, by: text }, { requiredKeys: [] }), {
        maxLength: 3,
      }),
    },
    { requiredKeys: [] },
  );
  // In memory: the editor and the reader that updateWorkspace and loadWorkspace run, without
  // the file and its lock (the properties above go through those).
  const catalogue = sprykerCatalogue();
  const what = "state file";
  const setItem = (text: string, key: string, item: ItemState) => {
    const editor = new StateEditor(parseYaml("golive.yaml", text, what), catalogue);
    editor.setItem(key, item);
    return editor.toString();
  };
  const readState = (text: string) => {
    const file = parseYaml("golive.yaml", text, what);
    return validate(file, toData(file, what), StateSchema, what, "invalid-state");
  };
  fc.assert(
    fc.property(state, state, (first, second) => {
      // An existing empty entry, and one the file does not have yet.
      const text = setItem(setItem(STATE, "CLO-02", first), "GEN-02", second);
      const items = readState(text).items ?? {};
      expect(items["CLO-02"]).toEqual(first);
      expect(items["GEN-02"]).toEqual(second);
      expect(items["CLO-01"]).toEqual({ status: "blocked", reason: "waiting" });
    }),
    { numRuns: RUNS },
  );
});

describe("named hostile inputs, through the CLI", () => {
  function project(state: string | Buffer = STATE): string {
    const repo = tempRepo({}, { git: false });
    writeFileSync(join(repo, "golive.yaml"), state);
    return repo;
  }

  /** Exit 2, one error line and one hint line, no stack trace, the file untouched. */
  async function refused(repo: string, args: string[], message: RegExp): Promise<void> {
    const before = readFileSync(join(repo, "golive.yaml"));
    const result = await golive(repo, args, ENV);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    const lines = result.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(message);
    expect(lines[1]).toMatch(/^hint: /);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(join(repo, "golive.yaml")).equals(before)).toBe(true);
  }

  test("a YAML alias bomb is refused at once", async () => {
    const levels = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"];
    for (const [prev, name] of [..."abcdefgh"].map((c, i) => [c, "bcdefghi"[i]])) {
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(", ")}]`);
    }
    const repo = project(
      `${STATE}${levels.map((l) => `  ${l}`).join("\n")}\n`.replace("items:\n", "bomb:\n"),
    );
    const started = Date.now();
    await refused(repo, ["done", "GEN-02"], /resource exhaustion|alias/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  test("a 50 MB file is refused before it is read", async () => {
    const repo = project();
    truncateSync(join(repo, "golive.yaml"), 50 * 1024 * 1024);
    await refused(repo, ["status"], /is 50\.0 MiB; golive reads at most \d+ MiB$/);
  });

  test("100,000 levels of nesting", async () => {
    await refused(
      project(`golive: 1\nitems: ${"[".repeat(100_000)}\n`),
      ["done", "GEN-02"],
      /nested too deeply|not valid YAML/,
    );
    await refused(project(`golive: 1\nitems:\n${"- ".repeat(100_000)}x\n`), ["status"], /error: /);
  });

  test("keys __proto__ and constructor neither pollute prototypes nor crash", async () => {
    const repo = project(
      STATE.replace(
        "items:\n",
        "items:\n  __proto__: { status: done }\n  constructor: { status: done }\n",
      ),
    );
    const status = await golive(repo, ["status"], ENV);
    expect(status.code).toBe(0);
    expect(status.stderr).toContain("entry for constructor");
    expect(status.stderr).toContain("entry for __proto__");
    expect((await golive(repo, ["done", "GEN-02", "--by", "Me"], ENV)).code).toBe(0);
    // Kept as written: golive drops nothing it does not understand.
    expect(readFileSync(join(repo, "golive.yaml"), "utf8")).toContain("__proto__: { status: done");
    // And checked as written: a field no item has is refused under __proto__ as under any key.
    await refused(
      project(STATE.replace("items:\n", "items:\n  __proto__: { status: done, polluted: yes }\n")),
      ["status"],
      /items\.__proto__: unknown field "polluted"/,
    );
    await refused(
      project(STATE.replace("golive: 1\n", "golive: 1\n__proto__: { x: 1 }\n")),
      ["status"],
      /unknown field "__proto__"/,
    );
    // And in this process, reading such files leaves Object.prototype alone.
    readAndWrite(STATE.replace("items:\n", "items:\n  __proto__: { polluted: yes }\n"));
    readAndWrite("__proto__: { polluted: yes }\nconstructor: { prototype: { polluted: yes } }\n");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).status).toBeUndefined();
  });

  test("a key repeated in a mapping is refused at the repeat, at any depth", async () => {
    await refused(
      project(STATE.replace("  CLO-02: {}\n", "  CLO-02: {}\n  CLO-02: {}\n")),
      ["status"],
      /^error: golive\.yaml:21:3: state file is not valid YAML: Map keys must be unique$/,
    );
    await refused(
      project(STATE.replace("    owner: Ana\n", "    owner: Ana\n    owner: Bo\n")),
      ["status"],
      /golive\.yaml:13:5: .*Map keys must be unique$/,
    );
    // Keys that only look alike are different keys.
    const repo = project(STATE.replace("  CLO-02: {}\n", "  CLO-02: {}\n  '1': {}\n  1: {}\n"));
    expect((await golive(repo, ["status"], ENV)).code).toBe(0);
  });

  test("invalid UTF-8", async () => {
    const repo = project(Buffer.concat([Buffer.from(STATE), Buffer.from([0xff, 0xfe, 0xc3])]));
    await refused(repo, ["status"], /state file is not valid UTF-8 text$/);
  });

  test("an ID of 10,000 characters, as an argument and as a state key", async () => {
    const repo = project();
    const long = `${"A".repeat(9_995)}-1234`;
    await refused(repo, ["done", long], /^error: there is no item A{79}… in the catalogue$/);
    await refused(repo, ["done", "A".repeat(10_000)], /^error: "A{79}…" is not a checklist ID$/);
    // YAML limits an implicit key to 1024 characters: such a file is refused cleanly...
    await refused(
      project(STATE.replace("items:\n", `items:\n  ${long}: { status: done }\n`)),
      ["status"],
      /at most 1024 chars/,
    );
    // ...and read when the key is explicit: an entry the catalogue does not know, kept.
    const keyed = project(STATE.replace("items:\n", `items:\n  ? ${long}\n  : { status: done }\n`));
    const status = await golive(keyed, ["status"], ENV);
    expect(status.code).toBe(0);
    expect(status.stderr).toContain("which the catalogue does not list");
    expect((await golive(keyed, ["done", "GEN-02", "--by", "Me"], ENV)).code).toBe(0);
    expect(readFileSync(join(keyed, "golive.yaml"), "utf8")).toContain(long);
  });

  test("terminal escapes in a note are shown, not obeyed", async () => {
    const repo = project();
    const note = "evil \x1b]0;pwned\x07 \x1b[2J \u202e end";
    expect(
      (await golive(repo, ["note", "GEN-02", note, "--by", "\x1b[31mMallory"], ENV)).code,
    ).toBe(0);
    expect((await golive(repo, ["assign", "GEN-02", "\x1b[2JOwner"], ENV)).code).toBe(0);
    for (const args of [
      ["show", "GEN-02"],
      ["list"],
      ["status", "--all"],
      ["list", "--owner", "\x1b[2JOwner"],
    ]) {
      const result = await golive(repo, args, ENV);
      expect(result.code).toBe(0);
      // biome-ignore lint/suspicious/noControlCharactersInRegex: the point of the test
      expect(result.stdout + result.stderr).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f\u202e]/);
    }
    const show = (await golive(repo, ["show", "GEN-02"], ENV)).stdout;
    expect(show).toContain("evil \\x1b]0;pwned\\x07 \\x1b[2J \\u202e end");
  });
});
