/**
 * CLO-12: every HTTPS host shows a certificate that is trusted, names the host, is spoken over
 * a current protocol and lasts past go-live.
 */
import { addDays } from "../core/dates.js";
import type { ProbeCode } from "../core/verdict.js";
import { failed, unreachable } from "./answers.js";
import type { ProbeFinding, ProbeRun } from "./types.js";

/** Node's reason a chain is not trusted, as the finding that says what to do about it. */
function chainCode(error: string): ProbeCode {
  if (error === "DEPTH_ZERO_SELF_SIGNED_CERT" || error === "SELF_SIGNED_CERT_IN_CHAIN")
    return "tls-self-signed";
  if (error === "UNABLE_TO_VERIFY_LEAF_SIGNATURE" || error === "UNABLE_TO_GET_ISSUER_CERT")
    return "tls-chain-incomplete";
  return "tls-untrusted";
}

export async function tlsCheck({ net, targets: t, ctx }: ProbeRun): Promise<ProbeFinding[]> {
  const out: ProbeFinding[] = [];
  for (const h of t.hosts.filter((x) => x.scheme === "https")) {
    const a = await net.tls(h.host, h.port);
    if (failed(a)) {
      out.push(unreachable(h.host, a.error));
      continue;
    }
    const subject = h.host;
    if (a.hostError || /ALTNAME/.test(a.chainError ?? "")) {
      out.push({ code: "tls-wrong-host", result: "fail", subject });
      continue;
    }
    if (a.chainError && a.chainError !== "CERT_HAS_EXPIRED") {
      out.push({ code: chainCode(a.chainError), result: "fail", subject, found: a.chainError });
      continue;
    }
    if (a.protocol && /^(SSLv|TLSv1(\.1)?$)/.test(a.protocol)) {
      out.push({ code: "tls-old-protocol", result: "fail", subject, found: a.protocol });
      continue;
    }
    const until = a.validTo ? new Date(a.validTo).toISOString().slice(0, 10) : undefined;
    if (a.chainError === "CERT_HAS_EXPIRED" || (until && until < ctx.today)) {
      out.push({
        code: "tls-expired",
        result: "fail",
        subject,
        ...(until ? { found: until } : {}),
      });
    } else if (until && until < addDays(ctx.goLive, 30)) {
      out.push({ code: "tls-expiring", result: "warn", subject, found: until });
    } else {
      out.push({
        code: "tls-ok",
        result: "pass",
        subject,
        found: `${a.protocol ?? "?"}, until ${until ?? "?"}`,
      });
    }
  }
  return out;
}
