/**
 * The exit-code table is written once, in src/errors.ts: `golive --help` prints it, and
 * README.md and docs/commands.md hold it under "## Exit codes". With GOLIVE_DOCS_UPDATE=1
 * (`npm run docs`) the docs' tables are rewritten from it; without, a difference fails.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { EXIT, EXIT_MEANINGS } from "../src/errors.js";
import { exitCodesHelp, exitCodesMarkdown } from "../src/render/exit-codes.js";
import { golive } from "./helpers/cli.js";

const ROOT = resolve(import.meta.dirname, "..");
const UPDATE = process.env.GOLIVE_DOCS_UPDATE === "1";

describe("the exit codes", () => {
  it("are every code errors.ts defines, each once", () => {
    expect(EXIT_MEANINGS.map((m) => m.code)).toEqual(Object.values(EXIT));
  });

  it("--help prints the table", async () => {
    const help = (await golive(ROOT, ["--help"])).stdout;
    expect(help).toContain(`\n${exitCodesHelp()}\n\n`);
    expect(exitCodesHelp()).toContain("\n  2  bad usage or a bad file (nothing was changed)");
  });

  it.each(["README.md", "docs/commands.md"])("%s holds the table under ## Exit codes", (file) => {
    const path = join(ROOT, file);
    const text = readFileSync(path, "utf8");
    const start = text.indexOf("## Exit codes\n\n");
    expect(start, `${file}: no "## Exit codes" section`).toBeGreaterThan(0);
    const from = start + "## Exit codes\n\n".length;
    const end = text.indexOf("\n\n", from);
    const table = text.slice(from, end);
    if (UPDATE && table !== exitCodesMarkdown()) {
      writeFileSync(path, text.slice(0, from) + exitCodesMarkdown() + text.slice(end));
      return;
    }
    expect(table).toBe(exitCodesMarkdown());
  });
});
