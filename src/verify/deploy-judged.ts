import type { Finding } from "../core/verdict.js";
import { type DeployFile, type Endpoint, isLegacyBackOffice } from "./deploy.js";
import type { Facts } from "./facts.js";

/** The judged files, or the findings that say there are none to judge (at least one unknown). */
export function judged(facts: Facts): { files: DeployFile[]; notes: Finding[]; none?: Finding[] } {
  const scope = facts.production();
  if (scope.files.length > 0) return { files: scope.files, notes: scope.notes };
  const none = scope.notes.some((n) => n.result !== "pass")
    ? scope.notes
    : [...scope.notes, { code: "deploy-none" as const, result: "unknown" as const }];
  return { files: [], notes: scope.notes, none };
}

/** An endpoint as findings name it. */
export function describe(e: Endpoint): string {
  return isLegacyBackOffice(e) ? `${e.host} (zed: Back Office)` : `${e.host} (${e.type})`;
}
