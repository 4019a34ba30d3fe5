/**
 * APP-16 and SEC-03: the storefront's home page sends the security headers, hides PHP's
 * version and marks its cookies HttpOnly (and Secure over HTTPS).
 */
import type { Result } from "../core/verdict.js";
import { failed, header, unreachable } from "./answers.js";
import type { ProbeFinding, ProbeRun } from "./types.js";

export async function headerChecks({ stores, home }: ProbeRun): Promise<ProbeFinding[]> {
  const out: ProbeFinding[] = [];
  for (const h of stores) {
    const a = await home(h);
    if (failed(a)) {
      out.push(unreachable(h.host, a.error));
      continue;
    }
    const subject = h.host;
    const need = (name: string, ok: boolean, result: Result = "fail") =>
      out.push(
        ok
          ? { code: "header-ok", result: "pass", subject, found: name }
          : { code: "header-missing", result, subject, expected: name },
      );
    if (h.scheme === "https")
      need("Strict-Transport-Security", !!header(a, "strict-transport-security"));
    need(
      "X-Content-Type-Options: nosniff",
      /nosniff/i.test(header(a, "x-content-type-options") ?? ""),
    );
    need(
      "X-Frame-Options or CSP frame-ancestors",
      !!header(a, "x-frame-options") ||
        /frame-ancestors/i.test(header(a, "content-security-policy") ?? ""),
    );
    const powered = header(a, "x-powered-by") ?? "";
    if (/php\/?\s*\d/i.test(powered))
      out.push({
        code: "header-php-version",
        result: "fail",
        subject,
        found: powered.slice(0, 40),
      });
    const cookies = a.headers["set-cookie"] ?? [];
    for (const c of cookies) {
      const name = c.split("=")[0]?.trim() ?? "";
      const flags = c.toLowerCase();
      if (!flags.includes("httponly") || (h.scheme === "https" && !/;\s*secure/.test(flags)))
        // The cookie's name only: its value may be a session.
        out.push({ code: "cookie-insecure", result: "warn", subject, found: name.slice(0, 40) });
    }
  }
  return out;
}
