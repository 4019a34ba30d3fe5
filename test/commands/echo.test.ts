/**
 * A value the user typed, echoed back in an error, is escaped and then cut to 80 characters
 * with an ellipsis (core/escape.ts `echo`), whichever command words the error.
 */
import { describe, expect, it } from "vitest";
import { ECHO_MAX, echo } from "../../src/core/escape.js";
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
