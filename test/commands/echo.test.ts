/**
 * A value the user typed, echoed back in an error, is escaped and then cut to 80 characters
 * with an ellipsis (core/escape.ts `echo`), whichever command words the error.
 */
import { describe, expect, it } from "vitest";
import { ECHO_MAX, echo, PATH_SHOWN_MAX } from "../../src/core/escape.js";
import { GoliveError } from "../../src/errors.js";
import { renderError } from "../../src/render/error.js";
import { makeStyle } from "../../src/render/text.js";
import { golive, initRepo } from "../helpers/cli.js";

const TODAY = { GOLIVE_TODAY: "2027-01-05" };
/** Long, and with an escape sequence that escaping makes longer. */
const LONG = `\u001b[31m${"x".repeat(10_000)}`;

describe("echo", () => {
  it("escapes, then cuts to ECHO_MAX characters counting the escapes, with an ellipsis", () => {
    expect(echo("CLO-01")).toBe("CLO-01");
    const shown = echo(LONG);
    expect(Array.from(shown)).toHaveLength(ECHO_MAX);
    expect(shown.startsWith("\\x1b[31mxxx")).toBe(true);
    expect(shown.endsWith("x…")).toBe(true);
    expect(echo("\u001b".repeat(50))).toBe(`${"\\x1b".repeat(19)}\\x1…`);
  });

  it("cuts a typed path too, at a length a real deep path fits in", async () => {
    const dir = await initRepo(["--date", "2027-03-01"], TODAY);
    const r = await golive(dir, ["verify", "--path", `${"d/".repeat(1500)}x`], TODAY);
    expect(r.code).toBe(2);
    const first = r.stderr.split("\n")[0]!;
    expect(first).toContain("d/d/d/");
    expect(first).toContain("…");
    expect(first.length).toBeLessThan(PATH_SHOWN_MAX + 80);
  });

  it("holds for every error that echoes what was typed", async () => {
    const dir = await initRepo(["--date", "2027-03-01"], TODAY);
    for (const args of [
      ["done", LONG],
      ["done", `CLO-${LONG}`],
      ["list", "--phase", LONG],
      ["list", "--category", LONG],
      ["list", "--owner", LONG],
      ["link", "CLO-01", LONG],
      ["diff", LONG],
    ]) {
      const r = await golive(dir, args, TODAY);
      expect(r.code, args.join(" ").slice(0, 20)).toBe(2);
      const first = r.stderr.split("\n")[0]!;
      expect(first, args[0]).toContain("…");
      expect(first.length, args[0]).toBeLessThan(ECHO_MAX + 80);
      expect(r.stderr).not.toContain("\u001b");
    }
  });
});

describe("a value commander quotes in a parser error", () => {
  const FORGED = "x\nerror: fake\n::error file=golive.yaml::forged";
  it("is echoed on the error's one line, escaped and cut, for options, arguments and unknown options", async () => {
    const dir = await initRepo(["--date", "2027-03-01"], TODAY);
    for (const value of [LONG, FORGED]) {
      for (const args of [
        ["status", "--since", value],
        ["status", `--since=${value}`],
        ["check", "--grace", value],
        ["list", "--status", value],
        ["export", "--format", value],
        ["notify", "--dry-run", "--timeout", value],
        ["rename", `${"n".repeat(300)}${value}`],
        ["status", `--x${value}`],
        [value],
      ]) {
        const r = await golive(dir, args, TODAY);
        const what = `${args.join(" ").slice(0, 30)}`;
        expect(r.code, what).toBe(2);
        const lines = r.stderr.trimEnd().split("\n");
        expect(lines[0], what).toMatch(/^error: /);
        expect(lines[0], what).toContain("…".repeat(value === LONG ? 1 : 0));
        expect(lines[0]!.length, what).toBeLessThan(ECHO_MAX + 300);
        expect(
          lines.filter((line) => /^error:|^::/.test(line)),
          what,
        ).toHaveLength(1);
        expect(r.stderr).not.toContain("\u001b");
      }
    }
  });
});

describe("an error's location", () => {
  it("shows a long file name cut, escaped, with its line and column", () => {
    const error = new GoliveError("usage", "cannot write the report", {
      location: { file: `out/\u001b[2J${"x".repeat(3000)}.md`, line: 3, col: 7 },
    });
    const first = renderError(makeStyle(0, 100), error).split("\n")[0]!;
    expect(first).toMatch(/^error: out\/\\x1b\[2Jx+…:3:7: cannot write the report$/);
    expect(first.length).toBeLessThan(PATH_SHOWN_MAX + 60);
  });
});
