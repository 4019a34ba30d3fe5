import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildBoard } from "../../src/core/board.js";
import type { GoliveError } from "../../src/errors.js";
import { newStateText } from "../../src/io/state-edit.js";
import { itemLines, loadWorkspace } from "../../src/io/state-read.js";
import { updateWorkspace } from "../../src/io/state-update.js";
import { sprykerCatalogue } from "../helpers/catalogue.js";
import { tempDir } from "../helpers/cli.js";
import { caught } from "../helpers/errors.js";

const catalogue = sprykerCatalogue();

function stateFile(text: string): string {
  const path = join(tempDir("golive-state-"), "golive.yaml");
  writeFileSync(path, text);
  return path;
}

const fresh = () => newStateText(catalogue, { name: "spryker-cloud" }, "2027-03-01");

function setItem(path: string, id: string, state: Record<string, unknown>): void {
  updateWorkspace(path, ".", (_ws, editor) => editor.setItem(id, state));
}

function changedLines(before: string, after: string): string[] {
  const a = before.split("\n");
  const b = after.split("\n");
  // Lines of `after` that are not at the same place in `before`, for a small edit.
  let start = 0;
  while (start < a.length && a[start] === b[start]) start++;
  let endA = a.length - 1;
  let endB = b.length - 1;
  while (endA >= start && endB >= start && a[endA] === b[endB]) {
    endA--;
    endB--;
  }
  return [
    ...a.slice(start, endA + 1).map((l) => `-${l}`),
    ...b.slice(start, endB + 1).map((l) => `+${l}`),
  ];
}

describe("a new state file", () => {
  it("lists every item as todo under a comment with its title, and validates", () => {
    const text = fresh();
    expect(text).toContain("# CLO-14 Set up DNS\n  CLO-14: {}\n");
    expect(text.match(/^ {2}[A-Z]+-\d+: \{\}$/gm)).toHaveLength(84);
    const ws = loadWorkspace(stateFile(text), ".");
    expect(ws.state.goLive).toBe("2027-03-01");
    expect(ws.state.catalogue).toEqual({ name: "spryker-cloud", version: "2025-06-27" });
  });
});

describe("rewriting the state file", () => {
  it("changes only the lines of the item that changed", () => {
    const path = stateFile(fresh());
    const before = readFileSync(path, "utf8");
    setItem(path, "CLO-14", { status: "done", by: "Ann", at: "2027-02-16" });
    expect(changedLines(before, readFileSync(path, "utf8"))).toEqual([
      "-  CLO-14: {}",
      "+  CLO-14:",
      "+    status: done",
      "+    by: Ann",
      "+    at: 2027-02-16",
    ]);
  });

  it("keeps comments that users added, everywhere", () => {
    const text = fresh()
      .replace("goLive: 2027-03-01", "goLive: 2027-03-01 # agreed with the board")
      .replace("  CLO-14: {}", "  # DNS is Kim's job\n  CLO-14: {}")
      .concat("# end of file\n");
    const path = stateFile(text);
    setItem(path, "CLO-14", { status: "in-progress", by: "Kim", at: "2027-02-16" });
    setItem(path, "CLO-14", {
      status: "done",
      by: "Kim",
      at: "2027-02-17",
      history: [{ status: "in-progress" }],
    });
    const after = readFileSync(path, "utf8");
    expect(after).toContain("goLive: 2027-03-01 # agreed with the board");
    expect(after).toContain("# DNS is Kim's job\n  CLO-14:\n    status: done");
    expect(after).toContain("# end of file");
  });

  it("writes fields in a fixed order whatever order they were set in", () => {
    const path = stateFile(
      fresh().replace("  APP-03: {}", "  APP-03:\n    by: Ann\n    status: done"),
    );
    setItem(path, "APP-03", { status: "done", owner: "Ann", by: "Ann", at: "2027-01-02" });
    expect(readFileSync(path, "utf8")).toContain(
      "  APP-03:\n    status: done\n    owner: Ann\n    by: Ann\n    at: 2027-01-02\n",
    );
  });

  it("inserts a missing entry in catalogue order", () => {
    const path = stateFile(fresh().replace(/ {2}# CLO-14[^\n]*\n {2}CLO-14: \{\}\n/, ""));
    setItem(path, "CLO-14", { status: "done" });
    const text = readFileSync(path, "utf8");
    expect(text.indexOf("CLO-14:")).toBeGreaterThan(text.indexOf("SEO-06:"));
    expect(text.indexOf("CLO-14:")).toBeLessThan(text.indexOf("CLO-15:"));
    expect(text).toContain("# CLO-14 Set up DNS\n  CLO-14:");
  });

  it("keeps CRLF line endings and a byte order mark", () => {
    const path = stateFile(`\uFEFF${fresh().replace(/\n/g, "\r\n")}`);
    setItem(path, "CLO-14", { status: "done", note: "Zoë set it up 🚀" });
    const text = readFileSync(path, "utf8");
    expect(text.startsWith("\uFEFF")).toBe(true);
    expect(text.replace(/\r\n/g, "")).not.toContain("\n");
    expect(text).toContain("note: Zoë set it up 🚀\r\n");
  });

  it("keeps entries the catalogue no longer has, and reports them", () => {
    const path = stateFile(fresh().replace("items:\n", "items:\n  OLD-1:\n    status: done\n"));
    setItem(path, "CLO-14", { status: "done" });
    const ws = loadWorkspace(path, ".");
    expect(ws.state.items?.["OLD-1"]).toEqual({ status: "done" });
    expect(buildBoard(ws.catalogue, ws.state, "2027-01-01").orphans).toEqual(["OLD-1"]);
  });

  it("reads an entry under a former ID as the item's", () => {
    const path = stateFile(fresh().replace("  GEN-08: {}", "  GEN-8:\n    status: done"));
    const ws = loadWorkspace(path, ".");
    const view = buildBoard(ws.catalogue, ws.state, "2027-01-01").items.find(
      (v) => v.item.id === "GEN-08",
    );
    expect(view?.status).toBe("done");
  });
});

function loadError(text: string): GoliveError {
  const path = stateFile(text);
  const error = caught(() => loadWorkspace(path, "."));
  expect(readFileSync(path, "utf8")).toBe(text);
  return error;
}

describe("where each item sits", () => {
  it("maps every item ID to its entry's key line in one pass, former IDs included", () => {
    const text = [
      "golive: 1",
      "catalogue: { name: spryker-cloud }",
      "goLive: 2027-03-01",
      "items:",
      "  CLO-14:",
      "    status: done",
      "  # a remark",
      "  GEN-8: { status: todo }",
      "  NOPE-1: {}",
      "",
    ].join("\n");
    const lines = itemLines(loadWorkspace(stateFile(text), "."));
    expect(lines).toEqual(
      new Map([
        ["CLO-14", 5],
        ["GEN-08", 8],
      ]),
    );
    expect(itemLines(loadWorkspace(stateFile(fresh()), ".")).size).toBe(84);
  });
});

describe("a bad state file", () => {
  it("with merge-conflict markers names their lines", () => {
    const text = fresh().replace(
      "  CLO-14: {}\n",
      "<<<<<<< HEAD\n  CLO-14:\n    status: done\n=======\n  CLO-14:\n    status: blocked\n>>>>>>> feature\n",
    );
    const error = loadError(text);
    expect(error.code).toBe("merge-conflict");
    const first = text.split("\n").findIndex((l) => l.startsWith("<<<<<<<")) + 1;
    expect(error.location?.line).toBe(first);
    expect(error.message).toContain(`lines ${first}, ${first + 3}, ${first + 6}`);
  });

  it("with invalid YAML gives file:line:col", () => {
    const error = loadError(fresh().replace("goLive: 2027-03-01", "goLive: [2027-03-01"));
    expect(error.code).toBe("invalid-yaml");
    expect(error.location?.line).toBeGreaterThan(1);
    expect(error.location?.col).toBeGreaterThan(0);
  });

  it.each([
    [
      "an unknown status",
      "  CLO-14: {}",
      "  CLO-14:\n    status: finished",
      "items.CLO-14.status",
      /expected one of "todo"/,
    ],
    [
      "a misspelt field",
      "  CLO-14: {}",
      "  CLO-14:\n    staus: done",
      "items.CLO-14",
      /unknown field "staus"/,
    ],
    [
      "a go-live that is no date",
      "goLive: 2027-03-01",
      "goLive: 2027-02-30",
      "goLive",
      /not a real date/,
    ],
    [
      "a go-live in another format",
      "goLive: 2027-03-01",
      "goLive: 1 March 2027",
      "goLive",
      /expected a date YYYY-MM-DD/,
    ],
  ])("with %s names the field and its line", (_name, from, to, field, message) => {
    const text = fresh().replace(from, to);
    const error = loadError(text);
    expect(error.code).toBe("invalid-state");
    expect(error.message).toContain(field);
    expect(error.message).toMatch(message);
    const line = text.split("\n").findIndex((l) => l.includes(to.split("\n").at(-1)!.trim())) + 1;
    expect(error.location?.line).toBe(line);
  });

  it("from a newer golive says to upgrade", () => {
    const error = loadError(fresh().replace("golive: 1", "golive: 7"));
    expect(error.code).toBe("newer-schema");
    expect(error.hint).toMatch(/upgrade golive/);
  });

  it("naming an unknown catalogue says which exist", () => {
    const error = loadError(fresh().replace("name: spryker-cloud", "name: spryker-clod"));
    expect(error.code).toBe("unknown-catalogue");
    expect(error.hint).toContain("spryker-cloud");
  });
});

describe("a remark after an empty entry", () => {
  it("moves to the top of the entry when it becomes a block, and the next title stays put", () => {
    const path = stateFile(fresh().replace("  CLO-01: {}", "  CLO-01: {} # Bob owns the diagram"));
    setItem(path, "CLO-01", { status: "done", by: "Bob", at: "2027-01-02" });
    expect(readFileSync(path, "utf8")).toContain(
      "  # CLO-01 Ensure a network diagram\n  CLO-01:\n    # Bob owns the diagram\n    status: done\n    by: Bob\n    at: 2027-01-02\n  # CLO-02 Third-party systems integration\n  CLO-02: {}\n",
    );
  });
});

describe("editing many entries", () => {
  it("writes each one under its own title, in catalogue order", () => {
    const path = stateFile(
      fresh().replace(/^ {2}# (CLO|APP)-\d+[^\n]*\n {2}(CLO|APP)-\d+: \{\}\n/gm, ""),
    );
    updateWorkspace(path, ".", (ws, editor) => {
      for (const item of [...ws.catalogue.items].reverse())
        editor.setItem(item.id, { status: "done" });
    });
    const text = readFileSync(path, "utf8");
    const order = [...text.matchAll(/^ {2}([A-Z]+-\d+):/gm)].map((m) => m[1]);
    expect(order).toEqual(catalogue.items.map((i) => i.id));
    expect(text).toContain("  # APP-03 Upgrade Twig\n  APP-03:\n    status: done\n");
  });
});

describe("removing an entry", () => {
  it("lets the same edit write it again in its place", () => {
    const path = stateFile(fresh());
    updateWorkspace(path, ".", (_ws, editor) => {
      editor.setItem("CLO-14", { status: "done" });
      editor.removeItem("CLO-14");
      editor.setItem("CLO-14", { status: "blocked", reason: "registrar" });
    });
    const text = readFileSync(path, "utf8");
    expect(text).toContain("  CLO-14:\n    status: blocked\n    reason: registrar\n");
    expect(text.match(/CLO-14:/g)).toHaveLength(1);
  });
});
