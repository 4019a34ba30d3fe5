/**
 * `golive doctor`: checks what golive needs in this clone, and says what to fix: the Node.js
 * version, the state file and its catalogue, and everything that makes git merge golive.yaml
 * with golive (no unmerged state, the `.gitattributes` line, the driver configured, and the
 * driver's program actually starting golive). Exit 1 when something is wrong.
 */
import { dirname, join, relative } from "node:path";
import type { DoctorFinding } from "../core/setup.js";
import { EXIT, GoliveError } from "../errors.js";
import { holdsEvidenceLine } from "../io/evidence-line.js";
import { gitPath, isUnmerged } from "../io/git-repo.js";
import { findRepo, findRepoRoot, STATE_FILE_NAME } from "../io/locate.js";
import {
  attributesLine,
  configuredDriver,
  DRIVER_NAME,
  mergeAttribute,
  mergeOverride,
  probeDriver,
} from "../io/merge-setup.js";
import { renderDoctor } from "../render/doctor.js";
import { EVIDENCE_LINE_FORMAT, FIRST_FORMAT } from "../schema/state.js";
import { type Context, type Output, output } from "../work/context.js";
import { openState } from "../work/workspace.js";

/** The oldest Node.js major version golive runs on (package.json's engines). */
const NODE_MAJOR = 20;

export function doctor(ctx: Context): Output {
  const findings: DoctorFinding[] = [];
  const version = ctx.runtime?.nodeVersion;
  findings.push({
    check: "node",
    ok: version === undefined || Number(version.split(".")[0]) >= NODE_MAJOR,
    version,
    needs: NODE_MAJOR,
  });

  let path: string | undefined;
  let unmerged: { path: string } | undefined;
  try {
    const state = openState(ctx, { allowUnmerged: true });
    path = state.path;
    const repo = state.repo;
    // In conflict, the file is git's business until resolved: one finding, one fix, below.
    if (repo && isUnmerged(path)) {
      unmerged = { path: gitPath(repo, path) };
    } else {
      const { workspace, board } = state.board();
      const shown = relative(ctx.cwd, path) || path;
      findings.push({ check: "state", ok: true, path: shown, items: board.items.length });
      // A conflict resolved by hand can keep `golive: 1` over evidence lines.
      const needs = holdsEvidenceLine(workspace.file.doc) ? EVIDENCE_LINE_FORMAT : FIRST_FORMAT;
      const declared = workspace.state.golive;
      findings.push({ check: "format", ok: declared >= needs, declared, needs });
      findings.push(
        board.catalogueChanged
          ? { check: "catalogue", ok: false, ...board.catalogueChanged }
          : {
              check: "catalogue",
              ok: true,
              name: workspace.catalogue.file.title,
              version: workspace.catalogue.file.version,
            },
      );
    }
  } catch (error) {
    if (!(error instanceof GoliveError)) throw error;
    findings.push({
      check: "state",
      ok: false,
      path: path === undefined ? undefined : relative(ctx.cwd, path) || path,
      message: error.message,
      ...(error.hint ? { hint: error.hint } : {}),
    });
  }

  // Without a state file, the checks below are about the one `golive init` would make.
  const target = path ?? join(findRepoRoot(ctx.cwd), STATE_FILE_NAME);
  const repo = findRepo(dirname(target));
  findings.push({ check: "git", ok: true, found: repo !== undefined });
  if (repo) {
    const rel = gitPath(repo, target);
    if (path !== undefined) findings.push({ check: "unmerged", ok: !unmerged, path: rel });
    const value = mergeAttribute(repo, rel);
    const source = value === DRIVER_NAME ? undefined : mergeOverride(repo, rel);
    findings.push({
      check: "attributes",
      ok: value === DRIVER_NAME,
      path: rel,
      value,
      line: attributesLine(rel),
      ...(source ? { source } : {}),
    });
    const command = configuredDriver(repo);
    findings.push({ check: "driver", ok: command !== undefined, command });
    if (command !== undefined) {
      const probe = probeDriver(command, repo.root);
      findings.push(
        probe.ok
          ? { check: "driver-runs", ok: true, command, program: probe.program }
          : { check: "driver-runs", command, ...probe },
      );
    }
  }
  const problems = findings.filter((f) => !f.ok).length;
  return output(renderDoctor(ctx.style, findings), "", problems > 0 ? EXIT.findings : EXIT.ok);
}
