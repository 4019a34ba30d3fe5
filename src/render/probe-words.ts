/**
 * The words of `golive probe`'s findings, keyed by code (core/verdict.ts: PROBE_CODES). They
 * join verify's in verify-words.ts, so recorded probe evidence reads the same in `show`,
 * `status`, `diff` and `check --verify`. Hosts and headers are the server's text: plain here,
 * made safe where they reach a terminal.
 */
import type { Finding, ProbeCode } from "../core/verdict.js";

type Words = (f: Finding) => string;
const s = (v: string | undefined) => v ?? "?";
const at = (f: Finding) => s(f.subject);

export const PROBE_MESSAGES: Record<ProbeCode, Words> = {
  unreachable: (f) => `${at(f)}: no answer (${s(f.found)})`,
  "no-target": () => "nothing to probe: no host, URL or setting for this item",
  "dns-ok": (f) => `${at(f)} resolves: ${s(f.found)}`,
  "dns-missing": (f) => `${at(f)} does not resolve`,
  "dns-ttl-high": (f) =>
    `${at(f)} resolves with a TTL of ${s(f.found)} s: a change in go-live week takes that long to undo`,
  "tls-ok": (f) => `${at(f)}: certificate valid (${s(f.found)})`,
  "tls-untrusted": (f) => `${at(f)}: certificate not trusted (${s(f.found)})`,
  "tls-self-signed": (f) => `${at(f)}: certificate is self-signed (${s(f.found)})`,
  "tls-chain-incomplete": (f) =>
    `${at(f)}: the server does not send the intermediate certificates (${s(f.found)})`,
  "tls-wrong-host": (f) => `${at(f)}: the certificate is for another host`,
  "tls-old-protocol": (f) => `${at(f)}: speaks ${s(f.found)}; TLS 1.2 or newer expected`,
  "tls-expired": (f) => `${at(f)}: certificate expired${f.found ? ` on ${f.found}` : ""}`,
  "tls-expiring": (f) =>
    `${at(f)}: certificate expires on ${s(f.found)}, within 30 days of go-live`,
  "auth-basic-before-golive": (f) => `${at(f)} asks for basic auth, as expected before go-live`,
  "auth-basic-live": (f) => `${at(f)} still asks for basic auth after go-live`,
  "auth-open-before-golive": (f) =>
    `${at(f)} answers ${s(f.found)} without basic auth before go-live: anyone can see it`,
  "auth-open": (f) => `${at(f)} answers ${s(f.found)} without basic auth`,
  "admin-closed": (f) => `${at(f)} is closed from outside (${s(f.found)})`,
  "admin-open": (f) => `${at(f)} answers ${s(f.found)} from outside: a login page served openly`,
  "robots-served": (f) => `${at(f)} is served and lets search engines in`,
  "robots-not-served": (f) => `${at(f)} is not served as text (${s(f.found)})`,
  "robots-blocks-all": (f) => `${at(f)} disallows everything (Disallow: / for *) after go-live`,
  "robots-blocks-all-before-golive": (f) =>
    `${at(f)} disallows everything, as expected before go-live`,
  "robots-sitemap": (f) => `${at(f)} names the sitemap ${s(f.found)}`,
  "sitemap-ok": (f) => `${at(f)}: a valid sitemap with ${s(f.found)} URLs on the host`,
  "sitemap-not-served": (f) => `${at(f)} is not served (${s(f.found)})`,
  "sitemap-invalid": (f) => `${at(f)} is not a urlset or sitemapindex`,
  "sitemap-foreign-url": (f) => `${at(f)} lists ${s(f.found)}, not https on the same host`,
  "favicon-custom": (f) => `${at(f)} is the shop's own icon`,
  "favicon-default": (f) => `${at(f)} is Spryker's default icon (blob ${s(f.found).slice(0, 12)})`,
  "favicon-missing": (f) => `${at(f)} is not served (${s(f.found)})`,
  "header-ok": (f) => `${at(f)} sends ${s(f.found)}`,
  "header-missing": (f) => `${at(f)} does not send ${s(f.expected)}`,
  "header-php-version": (f) => `${at(f)} names its PHP version: X-Powered-By ${s(f.found)}`,
  "cookie-insecure": (f) => `${at(f)} sets the cookie ${s(f.found)} without Secure or HttpOnly`,
  "dmarc-ok": (f) => `${at(f)} publishes DMARC with p=${s(f.found)}`,
  "dmarc-none": (f) => `${at(f)} publishes DMARC with p=none: nothing is enforced`,
  "dmarc-missing": (f) => `${at(f)} publishes no DMARC policy (_dmarc TXT)`,
  "spf-ok": (f) => `${at(f)} publishes SPF`,
  "spf-missing": (f) => `${at(f)} publishes no SPF record`,
  "redirect-ok": (f) => `${at(f)} redirects permanently to its new URL in ${s(f.found)} hops`,
  "redirect-wrong": (f) =>
    `${at(f)} ends at ${s(f.found)}, expected a 301/308 to ${s(f.expected)} answering 200`,
  "redirect-loop": (f) => `${at(f)} redirects in a loop`,
  "redirect-too-long": (f) => `${at(f)} takes more than 3 redirects to reach ${s(f.expected)}`,
  "redirect-unsafe": (f) =>
    `${at(f)} redirects to ${s(f.found)}, which golive does not follow (not http(s), or a link-local address)`,
  "old-system-up": (f) => `${at(f)} still answers (${s(f.found)}) in the 72 hours after go-live`,
  "old-system-down": (f) =>
    `${at(f)} does not answer (${s(f.found)}) in the 72 hours after go-live`,
  "old-system-window": (f) =>
    `${at(f)} is not judged outside the 72 hours after go-live (${s(f.found)})`,
  "smoke-ok": (f) => `${at(f)}: ${s(f.found)}`,
  "smoke-bad": (f) => `${at(f)}: ${s(f.found)}, expected 2xx`,
};

export const PROBE_HINTS: Partial<Record<ProbeCode, string>> = {
  unreachable: "check the host from where golive ran (VPN, firewall, --resolve), then probe again",
  "no-target": "give hosts with --url, or the settings under probe: in golive.yaml",
  "dns-missing": "create the DNS record (CLO-14), or check the name in the deploy file",
  "dns-ttl-high": "lower the TTL to 300 s a week before go-live; raise it again once live",
  "tls-untrusted":
    "serve a certificate from a public CA (Spryker provisions one for delegated DNS)",
  "tls-self-signed": "serve a certificate from a public CA",
  "tls-chain-incomplete": "configure the full chain (the certificate and its intermediates)",
  "tls-wrong-host": "add the host to the certificate, or request one for it in the Support Portal",
  "tls-old-protocol": "switch off TLS 1.0 and 1.1",
  "tls-expired": "renew the certificate",
  "tls-expiring": "renew the certificate before go-live",
  "auth-basic-live": "remove basic auth from the storefront endpoint (CLO-17)",
  "auth-open-before-golive": "protect the storefront with basic auth until go-live",
  "admin-open": "restrict the Back Office by IP allow-list or basic auth (CLO-05)",
  "robots-not-served": "serve robots.txt at the storefront's root as text/plain",
  "robots-blocks-all": "replace the staging robots.txt with the production one",
  "sitemap-not-served": "generate the sitemap and name it in robots.txt (SEO-03)",
  "sitemap-invalid": "serve a sitemap in the sitemaps.org format",
  "sitemap-foreign-url": "list only https URLs of the storefront's own host",
  "favicon-default": "serve the shop's own favicon",
  "favicon-missing": "serve /favicon.ico",
  "header-missing": "send the header from the storefront (Spryker's security guidelines)",
  "header-php-version": "switch off expose_php",
  "cookie-insecure": "set Secure and HttpOnly on session cookies",
  "dmarc-missing": "publish a DMARC record at _dmarc.DOMAIN",
  "dmarc-none": "move DMARC to p=quarantine or p=reject once reports look clean",
  "spf-missing": "publish an SPF record for the mail domain",
  "redirect-wrong": "fix the redirect map on the server (SEO-01)",
  "redirect-loop": "fix the redirect map on the server (SEO-01)",
  "redirect-too-long": "redirect straight to the new URL",
  "redirect-unsafe": "redirect to the new shop's https URL",
  "old-system-down": "keep the old system up for 72 hours after go-live (GEN-10)",
  "smoke-bad": "look at the page before customers do",
};
