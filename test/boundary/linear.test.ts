/**
 * Issue 18, "linear, bounded": a glob or a pattern from a file anyone can change in a pull
 * request (a team catalogue's checks, golive.yaml's verify.allow) runs in time linear in the
 * paths and lines it meets, with a bounded factor, or is refused where the file holds it.
 * Each case below stalled `golive verify` before: seconds on a 40-character path, minutes on a
 * 200 KB file.
 */
import { describe, expect, it } from "vitest";
import { globProblem, patternProblem } from "../../src/schema/pattern.js";
import { globMatcher } from "../../src/verify/glob.js";
import { TEAM_STATE, teamCatalogue } from "../helpers/catalogue.js";
import { golive, tempRepo } from "../helpers/cli.js";

const ENV = { GOLIVE_TODAY: "2027-02-20" };
const PATH = "a".repeat(40);

/** A team catalogue with one text-absent check over `files`, matching `pattern`. */
function team(files: string, pattern = "x"): string {
  return teamCatalogue(`items:
  - id: OPS-01
    category: OPS
    phase: prep
    title: One
    summary: s
    checks:
      - kind: text-absent
        files: ${JSON.stringify(files)}
        pattern: ${JSON.stringify(pattern)}
`);
}

const STATE = TEAM_STATE;

/** Globs that backtracked in JavaScript's engine (what they cost on PATH before), or too long. */
const REFUSED_GLOBS: [string, string][] = [
  ["!(*a*a*a*a*a*a*a*a*b), 13 s", "!(*a*a*a*a*a*a*a*a*b)"],
  ["!*a*a*a*a*a*a*a*a*b, 9 s", "!*a*a*a*a*a*a*a*a*b"],
  ["a negation with braces", `${"{a,aa}".repeat(30)}!(x)`],
  ["three wildcards around a negation", "*a*!(x)*a*b"],
  ["a glob of 1,200 characters", "a/".repeat(600)],
];

/** Globs that stay, each with a path they must match and one they must not. */
const KEPT_GLOBS: [string, string, string][] = [
  [`{a,aa}${"{a,aa}".repeat(29)}x`, `${"a".repeat(30)}x`, PATH],
  ["config/!(Zed)/*.php", "config/Yves/x.php", "config/Zed/x.php"],
  ["config/!(Zed|Yves)/*.php", "config/Glue/x.php", "config/Yves/x.php"],
  ["!src/**", "config/x.php", "src/a/b.php"],
  ["src/**/*.php", "src/a/b/c.php", "src/a/b/c.js"],
  ["**/{a,b}/*.yml", "x/a/c.yml", "x/c/c.yml"],
];

describe("globs", () => {
  it.each(REFUSED_GLOBS)("%s: refused at its line in the catalogue", async (_, glob) => {
    expect(globProblem(glob)).toBeDefined();
    const repo = tempRepo({ "ours.yaml": team(glob), "golive.yaml": STATE });
    const r = await golive(repo, ["status"], ENV);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: ours\.yaml:17:16: .*files/);
    expect(r.stderr).not.toContain("internal error");
  });

  it("and in golive.yaml's verify.allow", async () => {
    const repo = tempRepo({
      "ours.yaml": team("*.php"),
      "golive.yaml": `${STATE}verify:\n  allow:\n    - { path: "!(*a*a*a*a*a*a*b)", reason: reviewed }\n`,
    });
    const r = await golive(repo, ["status"], ENV);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^error: golive\.yaml:7:\d+: .*verify\.allow\[0\]\.path: a negated glob/,
    );
  });

  it.each(KEPT_GLOBS)("%s: accepted, matches as picomatch does, fast", (glob, yes, no) => {
    expect(globProblem(glob)).toBeUndefined();
    const started = performance.now();
    const m = globMatcher(glob);
    expect(m.test(yes)).toBe(true);
    expect(m.test(no)).toBe(false);
    m.test(PATH.repeat(100));
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe("patterns", () => {
  it.each([
    ["a{0,1000}a{0,1000}", "a{0,1000}a{0,1000}", "too large: it compiles to 4,"],
    [".{1000}", ".{1000}", "too large"],
    ["\\p{L} 300 times", "\\p{L}".repeat(300), "longer than 1,000 characters"],
  ])("%s: refused", async (_, pattern, why) => {
    expect(patternProblem(pattern)).toContain(why);
    const repo = tempRepo({ "ours.yaml": team("*.php", pattern), "golive.yaml": STATE });
    const r = await golive(repo, ["status"], ENV);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: ours\.yaml:18:18: .*pattern: /);
    expect(r.stderr).toContain(why);
  });
});
