/** CLO-17: basic auth on the production storefront until go-live. */

import { daysBetween } from "../../core/dates.js";
import type { Finding } from "../../core/verdict.js";
import { endpoints } from "../deploy.js";
import type { Facts } from "../facts.js";
import { child, scalarText } from "../yaml-tree.js";

/**
 * CLO-17: basic auth on the production storefront is expected until go-live day, and a
 * failure after. Only production files count, wherever they are.
 */
export function storefrontAuth(facts: Facts): Finding[] {
  const scope = facts.production();
  if (scope.basis !== "production" || scope.files.length === 0)
    return [
      ...scope.notes.filter((n) => n.result !== "pass" && n.code !== "deploy-none"),
      { code: "no-production-deploy-file", result: "unknown" },
    ];
  const yves = endpoints(scope.files).filter((e) => e.type === "yves");
  if (yves.length === 0)
    return [...scope.notes, { code: "no-public-endpoints", result: "unknown", subject: "yves" }];
  const live = daysBetween(facts.ctx.goLive, facts.ctx.today) >= 0;
  // On go-live day, the storefront must be open.
  facts.until(live ? undefined : facts.ctx.goLive);
  return [
    ...scope.notes,
    ...yves.map((e): Finding => {
      // Any `auth` counts here, whatever its engine: the storefront must be open.
      const node = child(e.node, "auth");
      // Merged from an anchor written above: the evidence is the endpoint (as in authOf).
      const auth = node
        ? {
            line: Math.max(node.line, e.line),
            engine: scalarText(child(node, "engine")) ?? "auth",
          }
        : undefined;
      const at = { file: e.file, subject: e.host };
      if (!auth) return { code: "storefront-open", result: "pass", ...at, line: e.line };
      return live
        ? {
            code: "storefront-auth-live",
            result: "fail",
            ...at,
            line: auth.line,
            found: auth.engine,
            expected: "no auth on the production storefront",
          }
        : {
            code: "storefront-auth-before-golive",
            result: "pass",
            ...at,
            line: auth.line,
            found: auth.engine,
            expected: facts.ctx.goLive,
          };
    }),
  ];
}
