/**
 * What `golive doctor` says: one line per check, and for each problem what to do.
 */
import type { DoctorFinding } from "../core/setup.js";
import { plural, type Style, safe } from "./text.js";

const SETUP = "run `golive setup` in this clone";

function words(f: DoctorFinding): { line: string; fix?: string } {
  switch (f.check) {
    case "node":
      return f.version === undefined
        ? { line: "Node.js: this golive does not know its version" }
        : f.ok
          ? { line: `Node.js ${f.version} (golive needs ${f.needs} or newer)` }
          : {
              line: `Node.js ${f.version} is older than golive needs (${f.needs})`,
              fix: `install Node.js ${f.needs} or newer`,
            };
    case "state":
      return f.ok
        ? { line: `state file ${safe(f.path)}: valid, ${plural(f.items, "item")}` }
        : {
            line: `state file${f.path ? ` ${safe(f.path)}` : ""}: ${safe(f.message)}`,
            fix: f.hint ? safe(f.hint) : "fix the state file",
          };
    case "catalogue":
      return f.ok
        ? { line: `catalogue: ${safe(f.name)} (${safe(f.version)}), the version golive.yaml names` }
        : {
            line: `catalogue: golive.yaml was started with version ${safe(f.recorded)}, the catalogue is now ${safe(f.current)}; items and due dates may differ`,
            fix: "review the change, then set catalogue.version in golive.yaml to the new version",
          };
    case "format":
      return f.ok
        ? { line: `golive.yaml's format: ${f.declared}` }
        : {
            line: `golive.yaml holds evidence as lines of JSON but says format ${f.declared}: a golive of an older format reads those lines as wrong fields instead of asking to be upgraded`,
            fix: `set \`golive: ${f.needs}\` in golive.yaml (golive writes it at its next change of the file)`,
          };
    case "git":
      return f.found
        ? { line: "git repository: found" }
        : { line: "git repository: none here, so there is no merge to set up" };
    case "unmerged":
      return f.ok
        ? { line: `${safe(f.path)} is not in conflict in git's index` }
        : {
            line: `${safe(f.path)} is unmerged in git's index: golive refuses to read it`,
            fix: "run `golive resolve`",
          };
    case "attributes":
      if (f.ok) return { line: `.gitattributes gives ${safe(f.path)} golive's merge driver` };
      // Another file outdoes the root's line: golive setup cannot fix that by adding it again.
      if (f.source !== undefined) {
        return {
          line: `${safe(f.source)} gives ${safe(f.path)} another merge attribute (merge is ${safe(f.value ?? "unset")}), over .gitattributes`,
          fix: `remove that line from ${safe(f.source)}, or make it \`${safe(f.line)}\``,
        };
      }
      return f.ok
        ? { line: `.gitattributes gives ${safe(f.path)} golive's merge driver` }
        : {
            line: `.gitattributes does not give ${safe(f.path)} golive's merge driver (merge is ${safe(f.value ?? "not known")})`,
            fix: `${SETUP} (it adds \`${safe(f.line)}\`), then commit .gitattributes`,
          };
    case "driver":
      return f.ok
        ? { line: `merge.golive.driver: ${safe(f.command ?? "")}` }
        : {
            line: "merge.golive.driver is not set in this clone's git config: git would merge golive.yaml as plain text, or leave it as one side",
            fix: SETUP,
          };
    case "driver-runs": {
      if (f.ok) return { line: `the merge driver starts golive (${safe(f.program ?? "")})` };
      const program = safe(f.program ?? "");
      const why =
        f.problem === "not-found"
          ? `its program ${program} was not found`
          : f.problem === "failed"
            ? `its program ${program} failed (${safe(f.detail ?? "")})`
            : f.problem === "not-golive"
              ? `${program} did not answer as golive's merge driver${f.detail ? ` ("${safe(f.detail)}")` : ""}`
              : f.problem === "no-merge-driver"
                ? "it does not run `golive merge-driver`"
                : "it uses the shell beyond plain words, so golive cannot check it";
      return {
        line: `the merge driver does not start golive: ${why}`,
        fix: `${SETUP}: it names this golive by absolute paths`,
      };
    }
  }
}

export function renderDoctor(style: Style, findings: readonly DoctorFinding[]): string {
  const c = style.chalk;
  const problems = findings.filter((f) => !f.ok).length;
  const lines = findings.flatMap((f) => {
    const { line, fix } = words(f);
    const mark = f.ok ? c.green("✓") : c.red("✗");
    return fix && !f.ok ? [`${mark} ${line}`, `  fix: ${fix}`] : [`${mark} ${line}`];
  });
  const verdict =
    problems === 0
      ? "golive doctor: everything is in order."
      : `golive doctor: ${plural(problems, "problem")} to fix.`;
  return `${lines.join("\n")}\n${verdict}\n`;
}
