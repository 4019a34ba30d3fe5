import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type FindingCode, type ItemVerdict, recordVerdict } from "../../src/core/verdict.js";
import { GoliveError } from "../../src/errors.js";
import { evidenceLine } from "../../src/io/evidence-line.js";
import { newStateText } from "../../src/io/state-edit.js";
import { mergeStateTexts, settledBy } from "../../src/io/state-merge.js";
import { loadWorkspace } from "../../src/io/state-read.js";
import { updateWorkspace } from "../../src/io/state-update.js";
import { stateJsonSchema } from "../../src/schema/json-schema.js";
import { EVIDENCE_LINE_FORMAT, MAX_TEXT, STATE_VERSION } from "../../src/schema/state.js";
import { sprykerCatalogue } from "../helpers/catalogue.js";
import { tempDir } from "../helpers/cli.js";
import { caught } from "../helpers/errors.js";
import { evidenceIn } from "../helpers/evidence.js";

const catalogue = sprykerCatalogue();
const EVIDENCE = {
  result: "fail",
  code: "robots-missing",
  args: { file: "public/Yves/robots.txt" },
  at: "2027-01-04",
  inputs: `${"1".repeat(40)} f:public/Yves/robots.txt`,
} as const;

/** A fresh state file whose SEO-04 entry is `entry` (YAML lines, indented by 4). */
function stateWith(entry: string): string {
  const text = newStateText(catalogue, { name: "spryker-cloud" }, "2027-03-01").replace(
    "  SEO-04: {}\n",
    `  SEO-04:\n${entry}`,
  );
  const path = join(tempDir("golive-evidence-"), "golive.yaml");
  writeFileSync(path, text);
  return path;
}

function refusal(path: string): GoliveError {
  return caught(() => loadWorkspace(path, "."));
}

describe("recorded evidence in golive.yaml: one line of JSON", () => {
  it("is written by golive as single-quoted JSON, read back as the same record", () => {
    const path = stateWith("    status: todo\n");
    updateWorkspace(path, ".", (_ws, editor) =>
      editor.setItem("SEO-04", { status: "todo", evidence: { ...EVIDENCE } }),
    );
    const text = readFileSync(path, "utf8");
    expect(text).toContain(
      `  SEO-04:\n    status: todo\n    evidence: '{"result":"fail","code":"robots-missing","args":{"file":"public/Yves/robots.txt"},"at":"2027-01-04","inputs":"${"1".repeat(40)} f:public/Yves/robots.txt"}'\n`,
    );
    expect(loadWorkspace(path, ".").state.items?.["SEO-04"]?.evidence).toEqual(EVIDENCE);
  });

  it("is the same line for the same record, whichever order its fields came in", () => {
    // verify builds result, code, args, at, inputs; the merge driver gets the schema's order.
    const schemaOrder = {
      inputs: EVIDENCE.inputs,
      args: { file: "a.yml", line: 3, subject: "s" },
      at: EVIDENCE.at,
      code: EVIDENCE.code,
      result: EVIDENCE.result,
    };
    const commandOrder = {
      result: EVIDENCE.result,
      code: EVIDENCE.code,
      args: { subject: "s", line: 3, file: "a.yml" },
      at: EVIDENCE.at,
      inputs: EVIDENCE.inputs,
    };
    expect(evidenceLine(schemaOrder)).toBe(evidenceLine(commandOrder));
    expect(evidenceLine(schemaOrder)).toMatch(
      /^\{"result":"fail","code":"robots-missing","args":\{"file":"a\.yml","line":3,"subject":"s"\},"at":"2027-01-04","inputs":/,
    );
  });

  it("escapes every character outside printable ASCII, and a quote survives the YAML string", () => {
    const odd = "ü\u202e\u0007\u2028'x'";
    expect(evidenceLine({ found: odd })).toBe('{"found":"\\u00fc\\u202e\\u0007\\u2028\'x\'"}');
    const path = stateWith("    status: todo\n");
    const evidence = { ...EVIDENCE, args: { file: "public/Yves/robots.txt", subject: odd } };
    updateWorkspace(path, ".", (_ws, editor) =>
      editor.setItem("SEO-04", { status: "todo", evidence }),
    );
    const text = readFileSync(path, "utf8");
    // The file holds ASCII only on that line: no control, format or line-separator character.
    const line = text.split("\n").find((l) => l.startsWith("    evidence: "))!;
    expect(line).toMatch(/^[\x20-\x7e]+$/);
    expect(line).toContain("''x''");
    expect(loadWorkspace(path, ".").state.items?.["SEO-04"]?.evidence).toEqual(evidence);
  });

  it("as a YAML mapping (earlier golive) is read, and an edit of the item keeps its line", () => {
    const mapping =
      "    evidence: { result: fail, code: robots-missing, args: { file: public/Yves/robots.txt }, at: 2027-01-04 }\n";
    const path = stateWith(mapping);
    const { inputs: _, ...recorded } = EVIDENCE;
    expect(loadWorkspace(path, ".").state.items?.["SEO-04"]?.evidence).toEqual(recorded);
    updateWorkspace(path, ".", (ws, editor) =>
      editor.setItem("SEO-04", { ...ws.state.items?.["SEO-04"], status: "done", by: "Jo" }),
    );
    expect(readFileSync(path, "utf8")).toContain(mapping);
    // New evidence replaces it with the line.
    updateWorkspace(path, ".", (ws, editor) =>
      editor.setItem("SEO-04", { ...ws.state.items?.["SEO-04"], evidence: { ...EVIDENCE } }),
    );
    expect(readFileSync(path, "utf8")).not.toContain("evidence: {");
    expect(evidenceIn(readFileSync(path, "utf8"), "SEO-04")).toEqual(EVIDENCE);
  });

  it("an edit of the item keeps the line when the evidence is the same, in any key order", () => {
    const line = `    evidence: '${evidenceLine({ at: "2027-01-04", result: "pass" })}'\n`;
    const path = stateWith(line);
    updateWorkspace(path, ".", (ws, editor) =>
      editor.setItem("SEO-04", { ...ws.state.items?.["SEO-04"], status: "done", by: "Jo" }),
    );
    expect(readFileSync(path, "utf8")).toContain(`    status: done\n    by: Jo\n${line}`);
  });

  it("a line that is not JSON is refused with its place, and the file is not changed", () => {
    const path = stateWith(`    evidence: '{"result":"fail",'\n`);
    const before = readFileSync(path, "utf8");
    const error = refusal(path);
    expect(error.code).toBe("invalid-state");
    expect(error.message).toBe(
      "state file: items.SEO-04.evidence: not JSON: golive records evidence as one line of JSON",
    );
    const line = before.split("\n").findIndex((l) => l.startsWith("    evidence: ")) + 1;
    expect(error.location).toMatchObject({ line, col: 15 });
    expect(error.hint).toContain("golive verify --record");
    expect(error.hint).toContain("golive probe --record");
    expect(readFileSync(path, "utf8")).toBe(before);
  });

  it("a line golive did not write is refused: a field twice (the last would win), a raw control or bidi character, other spacing", () => {
    const fail = `"result":"fail","code":"auth-basic-live","at":"2027-03-02","source":"probe"`;
    // Read as JSON, the pass would win; a reviewer reads the fail first.
    const twice = stateWith(`    evidence: '{${fail},"result":"pass"}'\n`);
    expect(refusal(twice).message).toBe(
      "state file: items.SEO-04.evidence: not the line golive wrote for it: golive records evidence as one line of JSON",
    );
    for (const odd of ["\u202e", "\u2028", "\ufeff", "ü"]) {
      const raw = stateWith(
        `    evidence: '{"result":"fail","code":"x${odd}","at":"2027-03-02"}'\n`,
      );
      expect(refusal(raw).message).toContain("not the line golive wrote for it");
    }
    const spaced = stateWith(`    evidence: '{"result": "fail", "at": "2027-03-02"}'\n`);
    expect(refusal(spaced).message).toContain("not the line golive wrote for it");
    // The same record, quoted otherwise by YAML (an editor's formatter), is the same line.
    const requoted = stateWith(
      `    evidence: "{\\"result\\":\\"fail\\",\\"at\\":\\"2027-03-02\\"}"\n`,
    );
    expect(loadWorkspace(requoted, ".").state.items?.["SEO-04"]?.evidence).toEqual({
      result: "fail",
      at: "2027-03-02",
    });
  });

  it("JSON nested thousands deep is refused at its line, before anything walks it", () => {
    const deep = `${"[".repeat(5000)}${"]".repeat(5000)}`;
    const path = stateWith(`    evidence: '{"result":"fail","at":"2027-01-04","args":${deep}}'\n`);
    const error = refusal(path);
    expect(error.message).toContain("items.SEO-04.evidence: nested deeper than evidence is");
    expect(error.location?.line).toBeGreaterThan(1);
  });

  it("an alias that makes two entries one is decoded once: a line holding a JSON string is no record", () => {
    const text = newStateText(catalogue, { name: "spryker-cloud" }, "2027-03-01")
      .replace(
        "  SEO-04: {}\n",
        `  SEO-04: &a\n    evidence: '${JSON.stringify(evidenceLine({ result: "pass", at: "2027-01-04" }))}'\n`,
      )
      .replace("  SEO-05: {}\n", "  SEO-05: *a\n");
    const path = join(tempDir("golive-evidence-"), "golive.yaml");
    writeFileSync(path, text);
    expect(refusal(path).message).toContain(
      "items.SEO-04.evidence: expected a mapping, got a string",
    );
  });

  it("the first evidence line raises the file's format to 2, so an older golive asks to be upgraded", () => {
    const path = stateWith("    status: todo\n");
    expect(readFileSync(path, "utf8")).toMatch(/^golive: 1$/m);
    updateWorkspace(path, ".", (_ws, editor) => editor.setItem("SEO-04", { status: "done" }));
    expect(readFileSync(path, "utf8")).toMatch(/^golive: 1$/m);
    updateWorkspace(path, ".", (_ws, editor) =>
      editor.setItem("SEO-04", { status: "done", evidence: { ...EVIDENCE } }),
    );
    expect(readFileSync(path, "utf8")).toMatch(/^golive: 2$/m);
    // A file with evidence as YAML mappings only stays at 1 through an edit of the item.
    const mapping = stateWith("    evidence: { result: pass, at: 2027-01-04 }\n");
    updateWorkspace(mapping, ".", (ws, editor) =>
      editor.setItem("SEO-04", { ...ws.state.items?.["SEO-04"], status: "done" }),
    );
    expect(readFileSync(mapping, "utf8")).toMatch(/^golive: 1$/m);
    // What a golive of format 1 says of a file of format 2.
    const newer = stateWith("    status: todo\n");
    writeFileSync(newer, readFileSync(newer, "utf8").replace(/^golive: 1$/m, "golive: 3"));
    expect(refusal(newer).message).toBe(
      "state file is format 3, written by a newer golive; this golive reads format 2",
    );
  });

  it("JSON that is not evidence is refused as any invalid field, at the line", () => {
    const unknownKey = stateWith(
      `    evidence: '{"result":"fail","at":"2027-01-04","__proto__":{"x":1}}'\n`,
    );
    const error = refusal(unknownKey);
    expect(error.code).toBe("invalid-state");
    expect(error.message).toContain("items.SEO-04.evidence");
    expect(error.message).toContain("__proto__");
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    const wrongResult = stateWith(`    evidence: '{"result":"great","at":"2027-01-04"}'\n`);
    expect(refusal(wrongResult).message).toContain("items.SEO-04.evidence.result");
    const array = stateWith("    evidence: '[1, 2]'\n");
    expect(refusal(array).message).toContain("items.SEO-04.evidence");
  });

  it("the longest evidence golive can write is read back; past 1 MiB it is refused unread", () => {
    const path = stateWith("    status: todo\n");
    const wide = "\u00fc".repeat(MAX_TEXT);
    const longest = {
      ...EVIDENCE,
      args: { file: wide, subject: wide, found: wide, expected: wide },
      summary: wide,
      inputs: `${"1".repeat(40)} f:${"a".repeat(199_950)}`,
    };
    updateWorkspace(path, ".", (_ws, editor) =>
      editor.setItem("SEO-04", { status: "todo", evidence: longest }),
    );
    expect(loadWorkspace(path, ".").state.items?.["SEO-04"]?.evidence).toEqual(longest);
    const tooLong = stateWith(
      `    evidence: '{"result":"fail","at":"2027-01-04","x":"${"a".repeat(1024 * 1024)}"}'\n`,
    );
    expect(refusal(tooLong).message).toContain("items.SEO-04.evidence: longer than 1 MiB");
  });

  it("is what a write checks before it lands: a change that leaves a broken line writes nothing", () => {
    const path = stateWith(`    evidence: 'not json'\n`);
    const before = readFileSync(path, "utf8");
    expect(() =>
      updateWorkspace(path, ".", (_ws, editor) => editor.setItem("SEO-04", { status: "done" })),
    ).toThrow(GoliveError);
    expect(readFileSync(path, "utf8")).toBe(before);
  });

  it("is read by the merge driver in both forms, and merged as the record it holds", () => {
    const version = (entry: string, what: string) => ({
      text: readFileSync(stateWith(entry), "utf8"),
      what,
    });
    const base = version("    status: todo\n", "the base version");
    const ours = version(
      "    status: todo\n    evidence: { result: fail, code: robots-missing, at: 2027-01-04 }\n",
      "our version",
    );
    const theirs = version("    status: done\n    by: Bo\n    at: 2027-01-05\n", "their version");
    const merged = mergeStateTexts(base, ours, theirs, ".", "golive.yaml");
    expect(merged.kind).toBe("merged");
    if (merged.kind !== "merged") return;
    expect(merged.state.items?.["SEO-04"]).toMatchObject({
      status: "done",
      evidence: { result: "fail", code: "robots-missing", at: "2027-01-04" },
    });
    const broken = version(`    evidence: '{"result"'\n`, "their version");
    const refused = mergeStateTexts(base, ours, broken, ".", "golive.yaml");
    expect(refused.kind).toBe("failed");
    if (refused.kind === "failed")
      expect(refused.reasons.join("\n")).toContain("items.SEO-04.evidence: not JSON");
  });

  it("a merge that writes the first line declares format 2, in its text and its state, and a person's resolution of its conflict is recognised", () => {
    const entries = (seo04: string, seo06: string) =>
      readFileSync(stateWith(seo04), "utf8").replace("  SEO-06: {}\n", `  SEO-06:\n${seo06}`);
    const base = {
      text: entries("    status: todo\n", "    status: todo\n"),
      what: "the base version",
    };
    const ours = {
      text: entries("    status: blocked\n    by: Ann\n    at: 2027-01-05\n", "    status: todo\n"),
      what: "our version",
    };
    // Theirs from a golive of format 1: its evidence a mapping, on an item ours did not touch.
    const theirs = {
      text: entries(
        "    status: done\n    by: Bo\n    at: 2027-01-05\n",
        "    status: todo\n    evidence: { result: fail, code: favicon-missing, at: 2027-01-05 }\n",
      ),
      what: "their version",
    };
    const merged = mergeStateTexts(base, ours, theirs, ".", "golive.yaml");
    expect(merged.kind).toBe("conflicts");
    if (merged.kind !== "conflicts") return;
    expect(merged.text).toMatch(/^golive: 2$/m);
    expect(evidenceIn(merged.text, "SEO-06")).toEqual({
      result: "fail",
      code: "favicon-missing",
      at: "2027-01-05",
    });
    // A person keeps theirs: the markers and our side deleted.
    const kept = merged.text.replace(
      /<<<<<<< ours\n[\s\S]*?=======\n([\s\S]*?)>>>>>>> theirs\n/,
      "$1",
    );
    expect(kept).not.toContain("<<<<<<<");
    expect(settledBy(merged, kept)?.get("SEO-04")).toBe("theirs");
  });

  it("a file that holds a line but says format 1 (a conflict resolved by hand) says 2 at golive's next write, and a merge keeps 2", () => {
    const line = `    evidence: '${evidenceLine({ result: "pass", at: "2027-01-04" })}'\n`;
    const path = stateWith(line);
    expect(readFileSync(path, "utf8")).toMatch(/^golive: 1$/m);
    updateWorkspace(path, ".", (_ws, editor) => editor.setItem("SEO-05", { status: "done" }));
    expect(readFileSync(path, "utf8")).toMatch(/^golive: 2$/m);
    // Theirs lowered the format by hand; the merged file still holds our line.
    const ours = { text: readFileSync(path, "utf8"), what: "our version" };
    const lowered = { text: ours.text.replace(/^golive: 2$/m, "golive: 1"), what: "their version" };
    const merged = mergeStateTexts(ours, ours, lowered, ".", "golive.yaml");
    expect(merged.kind).toBe("merged");
    if (merged.kind === "merged") {
      expect(merged.text).toMatch(/^golive: 2$/m);
      expect(merged.state.golive).toBe(2);
    }
  });

  it("is a string or a mapping to an editor's JSON Schema", () => {
    const schema = stateJsonSchema() as {
      properties: {
        items: { additionalProperties: { anyOf: { properties?: Record<string, unknown> }[] } };
      };
    };
    const item = schema.properties.items.additionalProperties.anyOf.find((s) => s.properties);
    const evidence = item?.properties?.evidence as { anyOf: { type: string }[] };
    expect(evidence.anyOf.map((s) => s.type)).toEqual(["string", "object"]);
  });
});

describe("what a verdict records", () => {
  it("an argument longer than the file holds is cut, with an ellipsis and never inside a character, and recorded with the rest", () => {
    const path = stateWith("    status: todo\n");
    const long = `${"s".repeat(MAX_TEXT - 2)}🚀${"s".repeat(2_000)}`;
    const verdict = (id: string, found: string): ItemVerdict => ({
      id,
      title: id,
      result: "fail",
      findings: [{ code: "robots-missing" as FindingCode, result: "fail", found }],
    });
    const recorded = recordVerdict(verdict("SEO-04", long));
    const found = recorded.args?.found ?? "";
    expect(found).toHaveLength(MAX_TEXT - 1);
    expect(found.endsWith("s…")).toBe(true);
    expect(recordVerdict(verdict("SEO-04", "short")).args?.found).toBe("short");
    // One such finding does not stop the others from being recorded.
    updateWorkspace(path, ".", (_ws, editor) => {
      editor.setItem("SEO-04", { evidence: { ...recorded, at: "2027-01-04" } });
      editor.setItem("SEO-05", {
        evidence: { ...recordVerdict(verdict("SEO-05", "x")), at: "2027-01-04" },
      });
    });
    const items = loadWorkspace(path, ".").state.items;
    expect(items?.["SEO-04"]?.evidence?.args?.found).toBe(found);
    expect(items?.["SEO-05"]?.evidence?.args?.found).toBe("x");
  });
});

describe("one way in", () => {
  it("every state file is validated through validateState, which decodes the lines first", () => {
    const src = join(import.meta.dirname, "../../src");
    const callers = readdirSync(src, { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".ts"))
      .filter((f) => /validate\(\s*[^)]*\bStateSchema\b/.test(readFileSync(join(src, f), "utf8")));
    expect(callers).toEqual([join("io", "state-read.ts")]);
  });

  it("the newest format golive reads is never below the one its evidence lines need", () => {
    expect(STATE_VERSION).toBeGreaterThanOrEqual(EVIDENCE_LINE_FORMAT);
  });
});
