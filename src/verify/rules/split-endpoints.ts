import type { Finding } from "../../core/verdict.js";
import { applications, endpoints } from "../deploy.js";
import { judged } from "../deploy-judged.js";
import type { Facts } from "../facts.js";
import { child, scalarText } from "../yaml-tree.js";

const BOOTSTRAPS = ["public/Backoffice/index.php", "public/BackendGateway/index.php"];
/**
 * The backend API is split off only where a shop has one: b2b-demo-marketplace removed
 * `public/BackendApi/` and its endpoints as unused (December 2025), and a cloud environment
 * need not expose it. A `zed` endpoint that runs it needs its bootstrap.
 */
const BACKEND_API_BOOTSTRAP = "public/BackendApi/index.php";

/**
 * APP-05: separate Back Office and backend gateway bootstraps, and the backend API's where a
 * deploy file runs one; no `zed` endpoint left holding all three.
 */
export function splitEndpoints(facts: Facts): Finding[] {
  const { files, notes, none } = judged(facts);
  // Without a deploy file to judge, the bootstraps still tell: a public/ with only Yves, Zed
  // and Glue is not split, whatever the cloud runs.
  const findings: Finding[] = [...(none ?? notes)];
  let backendApi = false;
  // Each file judged must have every piece: one production region without a backend gateway
  // is not split because another region has one.
  for (const file of files) {
    const apps = applications([file]);
    for (const type of ["backoffice", "backend-gateway"]) {
      const found = apps.find((a) => a.type === type);
      findings.push(
        found
          ? {
              code: "split-app-present",
              result: "pass",
              file: found.file,
              line: found.line,
              subject: type,
            }
          : { code: "split-app-missing", result: "warn", file: file.file, subject: type },
      );
    }
    const zed = endpoints([file]).filter((e) => e.type === "zed");
    for (const e of zed) {
      const entry = scalarText(child(e.node, "entry-point"));
      const at = { file: e.file, line: e.line, subject: e.host };
      // Without an entry point, zed is the Back Office, gateway and API in one application.
      if (!entry)
        findings.push({
          code: "split-entry-point-missing",
          result: "fail",
          ...at,
          expected: "backoffice and backend-gateway applications, zed with entry-point: BackendApi",
        });
      else if (entry === "BackendApi")
        findings.push({ code: "split-entry-point-ok", result: "pass", ...at, found: entry });
      // An application of the project's own (`entry-point: StoreApp`): not a missing split.
      else findings.push({ code: "split-entry-point-custom", result: "pass", ...at, found: entry });
    }
    if (zed.some((e) => scalarText(child(e.node, "entry-point")) === "BackendApi"))
      backendApi = true;
  }
  for (const file of BOOTSTRAPS) {
    findings.push(
      facts.has(file)
        ? { code: "split-bootstrap-present", result: "pass", file }
        : { code: "split-bootstrap-missing", result: "warn", file },
    );
  }
  if (facts.has(BACKEND_API_BOOTSTRAP))
    findings.push({ code: "split-bootstrap-present", result: "pass", file: BACKEND_API_BOOTSTRAP });
  else if (backendApi)
    findings.push({ code: "split-bootstrap-missing", result: "warn", file: BACKEND_API_BOOTSTRAP });
  return findings;
}
