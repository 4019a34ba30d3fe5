import type { Finding } from "../../core/verdict.js";
import { authOf, endpoints, isLegacyBackOffice } from "../deploy.js";
import { describe, judged } from "../deploy-judged.js";
import type { Facts } from "../facts.js";

/**
 * CLO-05: Back Office and Merchant Portal behind basic auth (or a whitelist); in a shop from
 * before the endpoint split, the zed endpoint without entry-point is the Back Office.
 */
export function backofficeAuth(facts: Facts): Finding[] {
  const { files, notes, none } = judged(facts);
  if (none) return none;
  const eps = endpoints(files).filter(
    (e) => e.type === "backoffice" || e.type === "merchant-portal" || isLegacyBackOffice(e),
  );
  if (eps.length === 0) return [...notes, { code: "no-protected-apps", result: "unknown" }];
  return [
    ...notes,
    ...eps.map((e): Finding => {
      const auth = authOf(e);
      return auth
        ? {
            code: "auth-protected",
            result: "pass",
            file: e.file,
            line: auth.line,
            subject: describe(e),
            found: auth.engine,
          }
        : {
            code: "auth-unprotected",
            result: "warn",
            file: e.file,
            line: e.line,
            subject: describe(e),
            expected: "auth.engine: basic with auth.users",
          };
    }),
  ];
}
