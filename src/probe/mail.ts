/** CLO-15: the mail domain publishes a DMARC policy that does something, and an SPF record. */
import { failed, unreachable } from "./answers.js";
import type { ProbeFinding, ProbeRun } from "./types.js";

/** A `k=v; k=v` record (DMARC) as a map. */
function tags(record: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const part of record.split(";")) {
    const i = part.indexOf("=");
    if (i > 0) m.set(part.slice(0, i).trim().toLowerCase(), part.slice(i + 1).trim());
  }
  return m;
}

export async function mailCheck({ net, targets }: ProbeRun): Promise<ProbeFinding[]> {
  const domain = targets.mailDomain;
  if (!domain) return [];
  const out: ProbeFinding[] = [];
  const dmarc = await net.txt(`_dmarc.${domain}`);
  if (failed(dmarc)) out.push(unreachable(`_dmarc.${domain}`, dmarc.error));
  else {
    const rec = dmarc.find((r) => /^v=DMARC1\s*(;|$)/i.test(r));
    const p = rec ? tags(rec).get("p")?.toLowerCase() : undefined;
    if (!rec || !p) out.push({ code: "dmarc-missing", result: "fail", subject: domain });
    else if (p === "none") out.push({ code: "dmarc-none", result: "warn", subject: domain });
    else out.push({ code: "dmarc-ok", result: "pass", subject: domain, found: p });
  }
  const spf = await net.txt(domain);
  if (failed(spf)) out.push(unreachable(domain, spf.error));
  else if (spf.some((r) => /^v=spf1(\s|$)/i.test(r)))
    out.push({ code: "spf-ok", result: "pass", subject: domain });
  else out.push({ code: "spf-missing", result: "fail", subject: domain });
  return out;
}
