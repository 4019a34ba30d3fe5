/**
 * Who may come in: CLO-17, the storefronts behind basic auth until go-live and open after it;
 * CLO-05, the Back Office closed to the outside.
 */
import { failed, header, origin, unreachable } from "./answers.js";
import type { ProbeFinding, ProbeRun } from "./types.js";

/** Errors of a host that is there but does not let this client in. */
const CLOSED_ERRORS = new Set([
  "timeout",
  "ECONNREFUSED",
  "ECONNRESET",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ETIMEDOUT",
]);

/** CLO-17: basic auth before go-live, none after. */
export async function basicAuthCheck({ stores, home, live }: ProbeRun): Promise<ProbeFinding[]> {
  const out: ProbeFinding[] = [];
  for (const h of stores) {
    const a = await home(h);
    if (failed(a)) out.push(unreachable(h.host, a.error));
    else if (a.status === 401 && /^\s*basic/i.test(header(a, "www-authenticate") ?? ""))
      out.push(
        live
          ? { code: "auth-basic-live", result: "fail", subject: h.host }
          : { code: "auth-basic-before-golive", result: "pass", subject: h.host },
      );
    else
      out.push(
        live
          ? { code: "auth-open", result: "pass", subject: h.host, found: `${a.status}` }
          : {
              code: "auth-open-before-golive",
              result: "warn",
              subject: h.host,
              found: `${a.status}`,
            },
      );
  }
  return out;
}

/** CLO-05: the Back Office does not answer the outside, or asks who is there. */
export async function backOfficeCheck({ net, admins }: ProbeRun): Promise<ProbeFinding[]> {
  const out: ProbeFinding[] = [];
  for (const h of admins) {
    const a = await net.http(`${origin(h)}/`);
    // Not answering from outside is what a closed Back Office does; a name that does not
    // resolve, or a run out of time, says nothing.
    if (failed(a))
      out.push(
        CLOSED_ERRORS.has(a.error)
          ? { code: "admin-closed", result: "pass", subject: h.host, found: a.error }
          : unreachable(h.host, a.error),
      );
    else if (a.status === 401 || a.status === 403)
      out.push({ code: "admin-closed", result: "pass", subject: h.host, found: `${a.status}` });
    else out.push({ code: "admin-open", result: "warn", subject: h.host, found: `${a.status}` });
  }
  return out;
}
