/** APP-16: what the production configuration must not switch on. */

import type { Finding } from "../../core/verdict.js";
import type { Facts } from "../facts.js";
import { possibleFinal } from "../php-config.js";
import { isOn } from "../php-value.js";
import { child, childIn, scalarText } from "../yaml-tree.js";

/**
 * Settings that must be off in production, by the end of the constant's name. DISPLAY_ERRORS
 * (ErrorHandlerConstants) prints errors, with their stack traces, to visitors.
 */
const DEBUG_SWITCH =
  /(?:DEBUG|WEB_PROFILER_ENABLED|PRETTY_ERROR_HANDLER_ENABLED|ERROR_404_STACK_TRACE|SHOW_EXTENDED_EXCEPTION|DISPLAY_ERRORS)(?:_ENABLED)?$/;

export function productionConfig(facts: Facts): Finding[] {
  const scope = facts.production();
  const { loads, notes } = facts.config();
  const findings: Finding[] = [...notes];
  if (scope.basis === "production") {
    for (const f of scope.files) {
      const env = child(f.tree, "environment");
      const name = scalarText(env);
      if (name !== undefined && /(?:^|[.\-_])(?:dev|development|local)(?:$|[.\-_])/i.test(name))
        findings.push({
          code: "config-dev-environment",
          result: "fail",
          file: f.file,
          line: env!.line,
          found: name,
          expected: "a production environment (like docker.prod)",
        });
      const debug = childIn(f.tree, ["docker", "debug", "enabled"]);
      if (scalarText(debug) === "true")
        findings.push({
          code: "config-debug-on",
          result: "fail",
          file: f.file,
          line: debug!.line,
          subject: "docker.debug.enabled",
        });
    }
  } else {
    findings.push({ code: "no-production-deploy-file", result: "unknown" });
  }
  for (const load of loads) {
    for (const at of load.devKeys)
      findings.push({
        code: "config-dev-oauth-key",
        result: "fail",
        ...at,
        expected: "SPRYKER_OAUTH_KEY_PRIVATE from the environment",
      });
    // The last assignment of a setting is the one production runs: a switch turned on in
    // config_default.php and off in the environment's file is off; but not one turned off in a
    // branch production may not take, nor in code after a `return`.
    for (const a of possibleFinal(load)) {
      if (a.names.length !== 1 || !DEBUG_SWITCH.test(a.names[0]!)) continue;
      if (isOn(a.value))
        findings.push({
          code: "config-debug-on",
          result: "fail",
          file: a.file,
          line: a.line,
          subject: a.written.slice(1, -1),
        });
    }
  }
  const seen = new Set<string>();
  const unique = findings.filter((f) => {
    const k = `${f.code}:${f.file}:${f.line}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  if (!unique.some((f) => f.result !== "pass"))
    unique.push({ code: "config-production-ok", result: "pass" });
  return unique;
}
