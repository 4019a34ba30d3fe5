/**
 * Issue 18, severe 2: a parser's message about a shop's file never reaches an output, and
 * golive's own files' messages never quote the file. `deploy.shop-prod.yml:6:25: not valid
 * YAML (block scalar header)`, never `... extra characters: >Hunter2Secret`.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, test } from "vitest";
import { parseDocument } from "yaml";
import { PARSE_ERROR_KINDS, parserMessage, QUOTING } from "../../src/core/parse-error.js";
import { evidenceSummary } from "../../src/render/verify-words.js";
import { parseYamlTree } from "../../src/verify/yaml-tree.js";
import { gitEnv, golive, initRepo, read, tempRepo } from "../helpers/cli.js";
import { evidenceIn } from "../helpers/evidence.js";
import { shop, verdict } from "../helpers/shop.js";

/** Deploy-file lines the yaml library's messages would quote, each with the secret in it. */
const HOSTILE: [name: string, line: string, secret: string, kind: string][] = [
  [
    "block scalar header",
    "    SPRYKER_DB_PASSWORD: >Hunter2Secret",
    "Hunter2Secret",
    "block scalar header",
  ],
  [
    "literal block header",
    "    SPRYKER_DB_PASSWORD: |Hunter3Secret",
    "Hunter3Secret",
    "block scalar header",
  ],
  [
    "escape",
    '    SPRYKER_DB_PASSWORD: "x\\UHunter2!Zz9"',
    "Hunter2!Zz9",
    "invalid escape sequence",
  ],
  [
    "short escape",
    '    SPRYKER_DB_PASSWORD: "x\\qS3cr3tValue"',
    "S3cr3tValue",
    "invalid escape sequence",
  ],
  ["flow", "    SPRYKER_DB_PASSWORD: { a: b ]Hunter5Flow }", "Hunter5Flow", "bad indentation"],
];

function hostileShop(line: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [k, v] of Object.entries(shop())) files[k] = typeof v === "string" ? v : "";
  files["deploy.shop-prod.yml"] = files["deploy.shop-prod.yml"]!.replace(
    "    SPRYKER_HOOK_INSTALL:",
    `${line}\n    SPRYKER_HOOK_INSTALL:`,
  );
  return files;
}

describe("a deploy file that is not valid YAML", () => {
  test.each(HOSTILE)(
    "%s: the finding names the kind and the place, never the text",
    (_n, line, secret, kind) => {
      const tree = parseYamlTree(`image:\n  environment:\n${line}\n`);
      expect(tree.error).toBeDefined();
      expect(JSON.stringify(tree)).not.toContain(secret);
      const v = verdict("CLO-10", hostileShop(line));
      const invalid = v.findings.find((f) => f.code === "deploy-invalid");
      expect(invalid, JSON.stringify(v.findings)).toMatchObject({
        file: "deploy.shop-prod.yml",
        found: kind,
      });
      expect(PARSE_ERROR_KINDS.has(invalid!.found!)).toBe(true);
      expect(invalid!.line).toBeGreaterThan(1);
      expect(invalid!.col).toBeGreaterThan(0);
      expect(JSON.stringify(v)).not.toContain(secret);
    },
  );

  test("verify, --json, --record, show and status: no output and no evidence holds the value", async () => {
    const [, line, secret] = HOSTILE[0]!;
    const dir = tempRepo(hostileShop(line));
    const today = { GOLIVE_TODAY: "2027-01-04" };
    expect((await golive(dir, ["init", "--date", "2027-03-01"], today)).code).toBe(0);
    execFileSync("git", ["add", "-A"], { cwd: dir, env: gitEnv(dir) });
    const text = await golive(dir, ["verify"], today);
    expect(text.stdout).toMatch(
      /deploy\.shop-prod\.yml:\d+:\d+ +not valid YAML \(block scalar header\)/,
    );
    let all = text.stdout + text.stderr;
    for (const args of [
      ["verify", "--json"],
      ["verify", "--record"],
      ["show", "CLO-10"],
      ["status", "--all"],
      ["check", "--verify", "--format", "github"],
    ]) {
      const r = await golive(dir, args, today);
      all += r.stdout + r.stderr;
    }
    expect(all).not.toContain(secret);
    expect(evidenceIn(read(dir), "CLO-10")?.code).toBe("deploy-invalid");
    expect(read(dir)).not.toContain(secret);
  });

  test("evidence an older golive recorded with the parser's words is shown without them", () => {
    const shown = evidenceSummary({
      result: "unknown",
      code: "deploy-invalid",
      args: {
        file: "deploy.shop-prod.yml",
        line: 6,
        found: "Block scalar header includes extra characters: >Hunter2Secret",
      },
      at: "2027-01-04T10:00:00Z",
    } as never);
    expect(shown).toBe("deploy.shop-prod.yml:6: not valid YAML");
  });
});

describe("golive's own files keep the parser's words, without the file's text", () => {
  test.each(HOSTILE)(
    "%s in golive.yaml: exit 2, located, the value not echoed",
    async (_n, line, secret) => {
      const today = { GOLIVE_TODAY: "2027-01-04" };
      const dir = await initRepo(["--date", "2027-03-01"], today);
      const before = read(dir);
      const value = line.replace(/^ *SPRYKER_DB_PASSWORD: /, "");
      const hostile = before.replace(/^items:.*$/m, (m) => `${m}\n  CLO-01:\n    note: ${value}`);
      expect(hostile).not.toBe(before);
      execFileSync("sh", ["-c", "cat > golive.yaml"], { cwd: dir, input: hostile });
      const r = await golive(dir, ["status"], today);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/golive\.yaml:\d+:\d+/);
      expect(r.stderr + r.stdout).not.toContain(secret);
      expect(read(dir)).toBe(hostile);
    },
  );

  test("the block scalar message keeps its words", () => {
    const doc = parseDocument("a: >Hunter2Secret\n");
    expect(parserMessage(doc.errors[0]!)).toBe("Block scalar header includes extra characters");
  });

  test("every message of the yaml library that puts a value in its words is cut or known to quote nothing", () => {
    const root = resolve(import.meta.dirname, "../../node_modules/yaml/dist");
    const files: string[] = [];
    const walk = (d: string) => {
      for (const name of readdirSync(d)) {
        const p = join(d, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (p.endsWith(".js")) files.push(p);
      }
    };
    walk(root);
    // Values that are the library's own words: token types, collection names, fixed phrases.
    const OWN =
      /^\$\{(?:fcName|type|this\.type|token\.type|flow|flow \?\? 'collection'|expType|kt\.collection \?\? 'scalar'|kt\.tag|badChar|keys|typeof value|t|s|sv|pt|name|node\.type|schemaName|tagName|key|rest|keys\.length)\}$/;
    const unknown: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      for (const m of text.matchAll(
        /(?:onError\((?:[^`'()]|\([^()]*\))*?|Error\()`([^`]*\$\{[^`]*)`/g,
      )) {
        const template = m[1]!;
        // Replace each ${...} with a planted value and see whether the message keeps it.
        const planted = template.replace(/\$\{[^}]*\}/g, "PLANTEDxSECRET");
        const shown = parserMessage({ code: "", message: planted });
        if (!shown.includes("PLANTEDxSECRET")) continue;
        const parts = template.match(/\$\{[^}]*\}/g)!;
        if (parts.every((p) => OWN.test(p))) continue;
        unknown.push(`${file.slice(root.length)}: ${template}`);
      }
    }
    expect(QUOTING.length).toBeGreaterThan(0);
    expect(unknown).toEqual([]);
  });
});
