/**
 * Every check of `golive probe` passes, warns, fails and says unknown against servers on
 * 127.0.0.1 only: HTTPS with certificates openssl makes here (good, expired, for another
 * host, self-signed, sent without their intermediate, expiring soon), chosen by SNI; plain
 * HTTP; a DNS server (A, CNAME, TXT, TTLs, a name it never answers). One set of servers for
 * the file; each test sets the routes it needs.
 */
import { createServer as createHttpServer, request as httpRequest } from "node:http";
import { createRequire } from "node:module";
import { type AddressInfo, connect as connectTcp, createServer as createNetServer } from "node:net";
import { type ConnectionOptions, createServer as createTlsServer } from "node:tls";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { limiter } from "../../src/io/limiter.js";
import { createProbeNet, type ProbeNet } from "../../src/io/probe-net.js";
import { bypassesProxy, proxyFromEnv } from "../../src/io/proxy.js";
import { type ProbeHost, type ProbeTargets, runProbe } from "../../src/probe/index.js";
import { renderProbe } from "../../src/render/probe.js";
import { makeStyle } from "../../src/render/text.js";
import { gitBlobHash } from "../../src/verify/generic.js";
import {
  basicAuth,
  ok,
  type ProbeServers,
  redirect,
  startServers,
  TestPki,
} from "../helpers/probe-servers.js";

const DEFAULT_ICON = Buffer.from("spryker default icon");
const A = (ttl = 300) => ({ A: [["127.0.0.1", ttl]] });
let pki: TestPki;
let s: ProbeServers;

beforeAll(async () => {
  pki = new TestPki();
  const soon = new Date(Date.now() + 20 * 86400_000);
  s = await startServers(
    {
      "shop.test": pki.leaf("shop", "shop.test"),
      "expired.test": pki.leaf("expired", "expired.test", {
        start: "20200101000000Z",
        end: "20200201000000Z",
      }),
      "self.test": pki.selfSigned("self", "self.test"),
      "chain.test": pki.leaf("chain", "chain.test", { viaIntermediate: true }),
      "soon.test": pki.leaf("soon", "soon.test", {
        start: "20200101000000Z",
        end: `${soon.toISOString().slice(0, 10).replace(/-/g, "")}000000Z`,
      }),
    },
    {
      "shop.test": A(),
      "www.shop.test": { CNAME: ["edge.cdn.test", 300] },
      "edge.cdn.test": A(),
      "slow.test": A(86400),
      "expired.test": A(),
      "wrong.test": A(),
      "self.test": A(),
      "chain.test": A(),
      "soon.test": A(),
      "bo.test": A(),
      "_dmarc.good.test": { TXT: [["v=DMARC1; p=reject; rua=mailto:d@good.test", 300]] },
      "good.test": { TXT: [["v=spf1 include:_spf.good.test -all", 300]] },
      "_dmarc.lax.test": { TXT: [["v=DMARC1; p=none", 300]] },
      "lax.test": { TXT: [["v=spf1 -all", 300]] },
      "bare.test": { TXT: [["google-site-verification=abc", 300]] },
      "slowmail.test": { TXT: [["v=spf1 -all", 300]] },
    },
    new Set(["hang.test", "_dmarc.slowmail.test"]),
  );
}, 30_000);

afterAll(() => {
  s?.close();
  pki?.remove();
});

/**
 * How long a test that waits for a server that never answers waits: short, so the file stays
 * fast. Every other request gets several seconds, or a busy machine (a loaded CI runner, the
 * whole suite on two cores) turns a slow answer into a false "unknown".
 */
const HANG_MS = 600;

function net(o: { ca?: boolean; timeoutMs?: number; maxBytes?: number } = {}): ProbeNet {
  return createProbeNet({
    userAgent: "golive/test",
    timeoutMs: o.timeoutMs ?? 5_000,
    maxBytes: o.maxBytes ?? 64 * 1024,
    dnsServer: `127.0.0.1:${s.dns.port}`,
    ...(o.ca === false ? {} : { ca: pki.ca }),
  });
}

const host = (name: string, kind: ProbeHost["kind"] = "storefront", port?: number): ProbeHost => ({
  host: name,
  scheme: "https",
  port: port ?? s.https,
  kind,
});
const targets = (extra: Partial<ProbeTargets> = {}, name = "shop.test"): ProbeTargets => ({
  hosts: [host(name)],
  production: true,
  faviconDefaults: [gitBlobHash(DEFAULT_ICON)],
  ...extra,
});
const BEFORE = { today: "2026-12-04", goLive: "2026-12-06" };
const AFTER = { today: "2026-12-07", goLive: "2026-12-06" };
/** Nothing listens on port 1: refused at once. */
const CLOSED = 1;

async function one(id: string, t: ProbeTargets, ctx = AFTER, n = net()) {
  const [v] = await runProbe(n, t, ctx, new Set([id]));
  return v!;
}
async function first(id: string, t: ProbeTargets, ctx = AFTER, n = net()) {
  const v = await one(id, t, ctx, n);
  return { result: v.result, code: v.findings[0]?.code, found: v.findings[0]?.found };
}

const HEADERS = {
  "strict-transport-security": "max-age=31536000",
  "x-content-type-options": "nosniff",
  "content-security-policy": "frame-ancestors 'self'",
};

describe("CLO-14 DNS, through a DNS server on 127.0.0.1", () => {
  it("pass: resolves, showing the CNAME chain", async () => {
    expect(await first("CLO-14", targets({}, "www.shop.test"), BEFORE)).toEqual({
      result: "pass",
      code: "dns-ok",
      found: "edge.cdn.test → 127.0.0.1",
    });
  });
  it("warn: a TTL above an hour in the week before go-live, not a month before", async () => {
    expect(await first("CLO-14", targets({}, "slow.test"), BEFORE)).toMatchObject({
      result: "warn",
      code: "dns-ttl-high",
      found: "86400",
    });
    const early = { today: "2026-11-01", goLive: "2026-12-06" };
    expect((await first("CLO-14", targets({}, "slow.test"), early)).result).toBe("pass");
  });
  it("fail: the name does not resolve", async () => {
    expect(await first("CLO-14", targets({}, "gone.test"))).toMatchObject({
      result: "fail",
      code: "dns-missing",
    });
  });
  it("unknown: the DNS server never answers", async () => {
    expect(
      await first("CLO-14", targets({}, "hang.test"), AFTER, net({ timeoutMs: HANG_MS })),
    ).toMatchObject({
      result: "unknown",
      code: "unreachable",
      found: "ETIMEOUT",
    });
  });
});

describe("CLO-12 TLS", () => {
  it("pass: trusted, for the host, TLS 1.2 or newer, valid well past go-live", async () => {
    s.routes.clear();
    expect(await first("CLO-12", targets(), BEFORE)).toMatchObject({
      result: "pass",
      code: "tls-ok",
    });
  });
  it("warn: expires within 30 days after go-live", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const v = await first("CLO-12", targets({}, "soon.test"), { today, goLive: today });
    expect(v).toMatchObject({ result: "warn", code: "tls-expiring" });
  });
  it.each([
    ["expired.test", "tls-expired"],
    ["wrong.test", "tls-wrong-host"],
    ["self.test", "tls-self-signed"],
    ["chain.test", "tls-chain-incomplete"],
  ])("fail: %s is %s", async (name, code) => {
    expect(await first("CLO-12", targets({}, name), BEFORE)).toMatchObject({
      result: "fail",
      code,
    });
  });
  it("fail: a server that speaks nothing newer than TLS 1.1", async () => {
    const pem = pki.leaf("old", "old.test");
    const old = createTlsServer(
      {
        ...pem,
        minVersion: "TLSv1",
        maxVersion: "TLSv1.1",
        ciphers: "DEFAULT:@SECLEVEL=0",
      },
      (c) => c.end(),
    );
    await new Promise<void>((r) => old.listen(0, "127.0.0.1", r));
    const t = {
      ...targets(),
      hosts: [host("old.test", "storefront", (old.address() as AddressInfo).port)],
    };
    const n = createProbeNet({
      userAgent: "t",
      timeoutMs: 1000,
      maxBytes: 1,
      ca: pki.ca,
      resolve: new Map([[`old.test:${(old.address() as AddressInfo).port}`, "127.0.0.1"]]),
    });
    expect(await first("CLO-12", t, BEFORE, n)).toMatchObject({
      result: "fail",
      code: "tls-old-protocol",
      found: "TLSv1.1",
    });
    old.close();
  });
  it("fail: a certificate no trusted root signed (the test CA not given)", async () => {
    expect(await first("CLO-12", targets(), BEFORE, net({ ca: false }))).toMatchObject({
      result: "fail",
      code: "tls-chain-incomplete",
    });
  });
  it("unknown: nothing answers on the port", async () => {
    const t = { ...targets(), hosts: [host("shop.test", "storefront", CLOSED)] };
    expect(await first("CLO-12", t)).toMatchObject({
      result: "unknown",
      found: "ECONNREFUSED",
    });
  });
});

describe("an HTTPS host given by its address", () => {
  it("is asked without a TLS server name: an IP address is not one (RFC 6066, Node's DEP0123)", async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error & { code?: string }) => warnings.push(w.code ?? w.name);
    // Node warns once per process; what https hands tls.connect shows it every time (the
    // module object Node's https calls, not the ES namespace a test import gives).
    const connect = vi.spyOn(
      createRequire(import.meta.url)("node:tls") as typeof import("node:tls"),
      "connect",
    );
    const names: (string | undefined)[] = [];
    process.on("warning", onWarning);
    try {
      s.routes.set("/by-address", ok("here"));
      expect(await net().http(`https://127.0.0.1:${s.https}/by-address`)).toMatchObject({
        status: 200,
      });
      expect(await net().tls("127.0.0.1", s.https)).toMatchObject({ protocol: "TLSv1.3" });
      await new Promise((r) => setImmediate(r));
      for (const c of connect.mock.calls) names.push((c[0] as ConnectionOptions).servername);
    } finally {
      process.off("warning", onWarning);
      connect.mockRestore();
    }
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter((n) => n === "127.0.0.1")).toEqual([]);
    expect(warnings).not.toContain("DEP0123");
  });
});

describe("CLO-17 storefront basic auth, by the day", () => {
  it("pass before go-live with basic auth; fail from go-live day", async () => {
    s.routes.clear().set("/", basicAuth);
    expect(await first("CLO-17", targets(), BEFORE)).toMatchObject({
      result: "pass",
      code: "auth-basic-before-golive",
    });
    expect(await first("CLO-17", targets(), { ...AFTER, today: AFTER.goLive })).toMatchObject({
      result: "fail",
      code: "auth-basic-live",
    });
  });
  it("warn: open before go-live; pass: open after", async () => {
    s.routes.clear().set("/", ok("home"));
    expect((await first("CLO-17", targets(), BEFORE)).result).toBe("warn");
    expect((await first("CLO-17", targets(), AFTER)).result).toBe("pass");
  });
  it("unknown: no answer", async () => {
    const t = { ...targets(), hosts: [host("shop.test", "storefront", CLOSED)] };
    expect((await first("CLO-17", t)).result).toBe("unknown");
  });
});

describe("CLO-05 Back Office from outside", () => {
  const admin = (port = s.https, name = "bo.test") => ({
    ...targets(),
    hosts: [host(name, "admin", port)],
  });
  it("pass: 401/403, or no connection at all", async () => {
    s.routes.clear().set("bo.test/", (res) => {
      res.statusCode = 403;
      res.end();
    });
    expect(await first("CLO-05", admin())).toMatchObject({ result: "pass", found: "403" });
    expect(await first("CLO-05", admin(CLOSED))).toMatchObject({
      result: "pass",
      found: "ECONNREFUSED",
    });
  });
  it("warn: a login page served openly", async () => {
    s.routes.clear().set("bo.test/", redirect("/security-gui/login", 302));
    expect(await first("CLO-05", admin())).toMatchObject({ result: "warn", code: "admin-open" });
  });
  it("fail: never, the Back Office item is judged by people; unknown: the name does not resolve", async () => {
    expect(await first("CLO-05", admin(s.https, "gone.test"))).toMatchObject({
      result: "unknown",
      code: "unreachable",
    });
  });
});

describe("SEO-04 robots.txt", () => {
  const robots = (text: string, type = "text/plain") =>
    s.routes.clear().set("/robots.txt", ok(text, { "content-type": type }));
  it("pass: served, indexable, a Sitemap line noted", async () => {
    robots("User-agent: *\nAllow: /\nSitemap: https://shop.test/sitemap.xml\n");
    const v = await one("SEO-04", targets());
    expect(v.result).toBe("pass");
    expect(v.findings.map((f) => f.code)).toEqual(["robots-served", "robots-sitemap"]);
  });
  it("warn: no Sitemap line", async () => {
    robots("User-agent: *\nAllow: /\n");
    expect((await one("SEO-04", targets())).result).toBe("warn");
  });
  it("fail: Disallow: / for * on production from go-live (pass before, and on staging)", async () => {
    robots("User-agent: *\nDisallow: /\nSitemap: https://shop.test/sitemap.xml\n");
    expect(await first("SEO-04", targets())).toMatchObject({
      result: "fail",
      code: "robots-blocks-all",
    });
    expect((await first("SEO-04", targets(), BEFORE)).result).toBe("pass");
    expect((await first("SEO-04", { ...targets(), production: false })).result).toBe("pass");
  });
  it("fail: the home page served as robots.txt, or none", async () => {
    robots("<html>shop</html>", "text/html");
    expect(await first("SEO-04", targets())).toMatchObject({
      code: "robots-not-served",
      found: "200, text/html",
    });
    s.routes.clear();
    expect(await first("SEO-04", targets())).toMatchObject({ result: "fail", found: "404" });
  });
  it("unknown: no answer", async () => {
    const t = { ...targets(), hosts: [host("shop.test", "storefront", CLOSED)] };
    expect((await first("SEO-04", t)).result).toBe("unknown");
  });
});

describe("SEO-03 sitemap", () => {
  const sitemap = (xml: string) =>
    s.routes
      .clear()
      .set("/robots.txt", ok(`User-agent: *\nSitemap: https://shop.test:${s.https}/sm.xml\n`))
      .set("/sm.xml", ok(xml, { "content-type": "application/xml" }));
  it("pass: the robots Sitemap URL is a urlset of https URLs on the host", async () => {
    sitemap(
      "<urlset><url><loc>https://shop.test/a</loc></url><url><loc>https://shop.test/b</loc></url></urlset>",
    );
    expect(await first("SEO-03", targets())).toEqual({
      result: "pass",
      code: "sitemap-ok",
      found: "2",
    });
  });
  it("warn: an empty urlset", async () => {
    sitemap("<urlset></urlset>");
    expect(await first("SEO-03", targets())).toMatchObject({
      result: "warn",
      code: "sitemap-empty",
    });
  });
  it("fail: another host or http, not a sitemap, or /sitemap.xml not served", async () => {
    sitemap(
      "<sitemapindex><sitemap><loc>http://elsewhere.test/s.xml</loc></sitemap></sitemapindex>",
    );
    expect((await first("SEO-03", targets())).code).toBe("sitemap-foreign-url");
    sitemap("<html><body>home</body></html>");
    expect((await first("SEO-03", targets())).code).toBe("sitemap-invalid");
    s.routes.clear();
    expect(await first("SEO-03", targets())).toMatchObject({
      result: "fail",
      code: "sitemap-not-served",
    });
  });
  it("unknown: no answer", async () => {
    const t = { ...targets(), hosts: [host("shop.test", "storefront", CLOSED)] };
    expect((await first("SEO-03", t)).result).toBe("unknown");
  });
});

describe("SEO-06 favicon", () => {
  const icon = (body: Buffer, type = "image/x-icon") =>
    s.routes.clear().set("/favicon.ico", ok(body, { "content-type": type }));
  it("pass: the shop's own icon", async () => {
    icon(Buffer.from("our icon"));
    expect((await first("SEO-06", targets())).code).toBe("favicon-custom");
  });
  it("warn: the home page served as the icon", async () => {
    icon(Buffer.from("<html>"), "text/html");
    expect((await first("SEO-06", targets())).result).toBe("warn");
  });
  it("fail: Spryker's default icon (verify's hashes), or none", async () => {
    icon(DEFAULT_ICON);
    expect((await first("SEO-06", targets())).code).toBe("favicon-default");
    s.routes.clear();
    expect((await first("SEO-06", targets())).code).toBe("favicon-missing");
  });
  it("unknown: no answer", async () => {
    const t = { ...targets(), hosts: [host("shop.test", "storefront", CLOSED)] };
    expect((await first("SEO-06", t)).result).toBe("unknown");
  });
});

describe("APP-16 security headers (and SEC-03)", () => {
  it("pass: HSTS, nosniff, frame-ancestors", async () => {
    s.routes.clear().set("/", ok("home", HEADERS));
    expect((await one("APP-16", targets())).result).toBe("pass");
    expect((await one("SEC-03", targets())).result).toBe("pass");
  });
  it("warn: a session cookie without Secure or HttpOnly, named but never its value", async () => {
    s.routes
      .clear()
      .set("/", ok("home", { ...HEADERS, "set-cookie": ["PHPSESSID=s3cr3t-value; path=/"] }));
    const v = await one("APP-16", targets());
    expect(v.result).toBe("warn");
    expect(v.findings.find((f) => f.code === "cookie-insecure")?.found).toBe("PHPSESSID");
    expect(JSON.stringify(v)).not.toContain("s3cr3t");
  });
  it("fail: a missing header, or X-Powered-By with the PHP version", async () => {
    s.routes.clear().set("/", ok("home", { ...HEADERS, "x-powered-by": "PHP/8.1.2" }));
    expect((await one("APP-16", targets())).findings.map((f) => f.code)).toContain(
      "header-php-version",
    );
    s.routes.clear().set("/", ok("home"));
    const v = await one("APP-16", targets());
    expect(v.result).toBe("fail");
    expect(v.findings.filter((f) => f.code === "header-missing")).toHaveLength(3);
  });
  it("unknown: no answer", async () => {
    const t = { ...targets(), hosts: [host("shop.test", "storefront", CLOSED)] };
    expect((await first("APP-16", t)).result).toBe("unknown");
  });
});

describe("CLO-15 DMARC and SPF, through the DNS server", () => {
  const mail = (mailDomain: string) => targets({ mailDomain });
  it("pass: DMARC p=reject and SPF", async () => {
    const v = await one("CLO-15", mail("good.test"));
    expect(v.findings.map((f) => [f.code, f.result])).toEqual([
      ["dmarc-ok", "pass"],
      ["spf-ok", "pass"],
    ]);
  });
  it("warn: DMARC p=none", async () => {
    expect(await first("CLO-15", mail("lax.test"))).toMatchObject({
      result: "warn",
      code: "dmarc-none",
    });
  });
  it("fail: no DMARC, no SPF (another TXT record is not one)", async () => {
    const v = await one("CLO-15", mail("bare.test"));
    expect(v.result).toBe("fail");
    expect(v.findings.map((f) => f.code)).toEqual(["dmarc-missing", "spf-missing"]);
  });
  it("unknown: the DNS server does not answer for _dmarc; and no mail domain at all", async () => {
    expect(
      await first("CLO-15", mail("slowmail.test"), AFTER, net({ timeoutMs: HANG_MS })),
    ).toMatchObject({
      result: "unknown",
      found: "ETIMEOUT",
    });
    expect(await first("CLO-15", targets())).toMatchObject({
      result: "unknown",
      code: "no-target",
    });
  });
});

describe("SEO-01 / SEO-07 redirects", () => {
  const base = () => `http://127.0.0.1:${s.http}`;
  const pairs = (...p: [string, string][]) =>
    targets({ redirects: p.map(([a, b]) => [`${base()}${a}`, `${base()}${b}`]) });
  it("pass: 301 then 308, ending 200 at the new URL; a server refusing HEAD gets a GET", async () => {
    s.routes
      .clear()
      .set("/old", redirect("/mid"))
      .set("/mid", redirect("/new", 308))
      .set("/new", ok("new"))
      .set("/nohead", (res, req) => {
        if (req.method === "HEAD") {
          res.statusCode = 405;
          res.end();
        } else redirect("/new")(res, req);
      });
    const v = await one("SEO-07", pairs(["/old", "/new"], ["/nohead", "/new"]));
    expect(v.findings.map((f) => [f.code, f.found])).toEqual([
      ["redirect-ok", "2"],
      ["redirect-ok", "1"],
    ]);
  });
  it("warn: a temporary redirect on the way", async () => {
    s.routes.clear().set("/old", redirect("/new", 302)).set("/new", ok("new"));
    expect(await first("SEO-01", pairs(["/old", "/new"]))).toMatchObject({
      result: "warn",
      code: "redirect-temporary",
      found: "302",
    });
  });
  it("fail: a loop, more than 3 hops, the wrong target, a redirect to file: or link-local", async () => {
    s.routes
      .clear()
      .set("/a", redirect("/b"))
      .set("/b", redirect("/a"))
      .set("/h1", redirect("/h2"))
      .set("/h2", redirect("/h3"))
      .set("/h3", redirect("/h4"))
      .set("/h4", redirect("/new"))
      .set("/new", ok("new"))
      .set("/file", redirect("file:///etc/passwd"))
      .set("/meta", redirect("http://169.254.169.254/latest/meta-data/"));
    const v = await one(
      "SEO-01",
      pairs(
        ["/a", "/new"],
        ["/h1", "/new"],
        ["/new", "/elsewhere"],
        ["/file", "/new"],
        ["/meta", "/new"],
      ),
    );
    expect(v.findings.map((f) => f.code)).toEqual([
      "redirect-loop",
      "redirect-too-long",
      "redirect-wrong",
      "redirect-unsafe",
      "redirect-unsafe",
    ]);
  });
  it("unknown: the old URL does not answer", async () => {
    const t = targets({ redirects: [["http://127.0.0.1:1/old", `${base()}/new`]] });
    expect((await first("SEO-01", t)).result).toBe("unknown");
  });
});

describe("GEN-10 the old system in the 72 hours after go-live", () => {
  const old = (url: string) => targets({ oldSystem: url });
  it("pass: answers in the window; outside it, not judged (unknown, never a pass)", async () => {
    s.routes.clear().set("/", ok("old shop"));
    expect((await first("GEN-10", old(`http://127.0.0.1:${s.http}/`))).code).toBe("old-system-up");
    expect(await first("GEN-10", old(`http://127.0.0.1:${s.http}/`), BEFORE)).toMatchObject({
      result: "unknown",
      code: "old-system-window",
    });
  });
  it("warn: up but answering 404", async () => {
    s.routes.clear();
    expect((await first("GEN-10", old(`http://127.0.0.1:${s.http}/`))).result).toBe("warn");
  });
  it("fail: down in the window", async () => {
    expect(await first("GEN-10", old("http://127.0.0.1:1/"))).toMatchObject({
      result: "fail",
      code: "old-system-down",
    });
  });
  it("unknown: no old system named", async () => {
    expect((await first("GEN-10", targets())).code).toBe("no-target");
  });
});

describe("TES-12 smoke", () => {
  it("pass with response times; warn before go-live and fail after on a non-2xx page", async () => {
    s.routes
      .clear()
      .set("/", ok("home"))
      .set("/broken", (res) => {
        res.statusCode = 500;
        res.end();
      });
    const fine = await one("TES-12", targets());
    expect(fine.result).toBe("pass");
    expect(fine.findings[0]?.found).toMatch(/^200 in \d+ ms$/);
    const t = targets({ smoke: [`http://127.0.0.1:${s.http}/broken`] });
    expect((await one("TES-12", t, BEFORE)).result).toBe("warn");
    expect((await one("TES-12", t, AFTER)).result).toBe("fail");
  });
  it("pass before go-live: the home page asks for basic auth (fail after)", async () => {
    s.routes.clear().set("/", basicAuth);
    expect(await first("TES-12", targets(), BEFORE)).toMatchObject({
      result: "pass",
      code: "smoke-behind-auth",
    });
    expect((await first("TES-12", targets(), AFTER)).result).toBe("fail");
  });
  it("unknown: a page that never answers, given up after the timeout", async () => {
    s.routes.clear().set("/hang", () => {});
    const started = Date.now();
    const v = await one(
      "TES-12",
      { ...targets({ smoke: [`http://127.0.0.1:${s.http}/hang`] }), hosts: [] },
      AFTER,
      net({ timeoutMs: HANG_MS }),
    );
    expect(v.findings[0]).toMatchObject({ result: "unknown", found: "timeout" });
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

describe("the network door's bounds", () => {
  it("reads a 6 GB body up to the bound only, streamed, and closes it", async () => {
    let sent = 0;
    s.routes.clear().set("/huge", (res) => {
      res.writeHead(200, { "content-length": String(6 * 1024 ** 3) });
      const chunk = Buffer.alloc(64 * 1024, 97);
      const pump = () => {
        while (!res.destroyed && res.write(chunk)) sent += chunk.length;
        if (!res.destroyed) res.once("drain", pump);
      };
      pump();
    });
    const a = await net().http(`http://127.0.0.1:${s.http}/huge`);
    expect(a).toMatchObject({ status: 200, truncated: true });
    expect("body" in a && a.body.length).toBe(64 * 1024);
    // The server stops soon after: what it pushed before it saw the close, nowhere near 6 GB.
    await new Promise((r) => setTimeout(r, 50));
    expect(sent).toBeLessThan(64 * 1024 * 1024);
  });
  it("ends every request when the run's time is up", async () => {
    s.routes.clear().set("/hang", () => {});
    const n = createProbeNet({ userAgent: "t", timeoutMs: 5000, runMs: 300, maxBytes: 1 });
    const started = Date.now();
    expect(await n.http(`http://127.0.0.1:${s.http}/hang`)).toEqual({ error: "run-timeout" });
    expect(await n.http(`http://127.0.0.1:${s.http}/hang`)).toEqual({ error: "run-timeout" });
    expect(Date.now() - started).toBeLessThan(2000);
  });
  it("runs at most n tasks at once", async () => {
    const gate = limiter(2);
    let active = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 6 }, () =>
        gate(async () => {
          peak = Math.max(peak, ++active);
          await new Promise((r) => setTimeout(r, 5));
          active--;
        }),
      ),
    );
    expect(peak).toBe(2);
  });

  it("the limit holds for a task that arrives while a freed slot is handed to a waiter", async () => {
    // A task started a few microtasks after another ends lands between the release and the
    // waiter's resume: the slot must already be the waiter's.
    for (let depth = 0; depth < 6; depth++) {
      const gate = limiter(1);
      let active = 0;
      let peak = 0;
      const later: Promise<unknown>[] = [];
      const task = (spawn: boolean) => async () => {
        peak = Math.max(peak, ++active);
        await new Promise((r) => setTimeout(r, 1));
        active--;
        if (spawn) {
          let p: Promise<unknown> = Promise.resolve();
          for (let i = 0; i < depth; i++) p = p.then(() => undefined);
          later.push(p.then(() => gate(task(false))));
        }
      };
      await Promise.all([gate(task(true)), gate(task(false))]);
      await Promise.all(later);
      expect({ depth, peak }).toEqual({ depth, peak: 1 });
    }
  });
});

describe("SEO-01 before go-live", () => {
  it("pass: the redirect arrives at the new URL, which asks for basic auth until go-live (a fail after)", async () => {
    s.routes.clear().set("/old", redirect("/new")).set("/new", basicAuth);
    const base = `http://127.0.0.1:${s.http}`;
    const t = targets({ redirects: [[`${base}/old`, `${base}/new`]] });
    expect(await first("SEO-01", t, BEFORE)).toMatchObject({
      result: "pass",
      code: "redirect-ok-before-golive",
    });
    expect(await first("SEO-01", t, AFTER)).toMatchObject({
      result: "fail",
      code: "redirect-wrong",
    });
    s.routes.set("/old", redirect("/new", 307));
    expect(await first("SEO-01", t, BEFORE)).toMatchObject({
      result: "warn",
      code: "redirect-temporary",
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Hostile answers: nothing hangs, nothing leaks, nothing reaches the terminal raw.

/** A TCP server that answers every connection with `raw` bytes, or says nothing. */
async function rawServer(
  raw: () => string | undefined,
): Promise<{ port: number; close: () => void }> {
  const server = createNetServer((socket) => {
    socket.on("error", () => {});
    socket.once("data", () => {
      const bytes = raw();
      if (bytes !== undefined) socket.end(bytes);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => server.close(),
  };
}

const STYLE = makeStyle(0, 100);
const ESC = "\x1b";

describe("hostile answers", () => {
  let answer: string | undefined;
  let raw: { port: number; close: () => void };
  beforeAll(async () => {
    raw = await rawServer(() => answer);
  });
  afterAll(() => raw.close());
  const rawHost = () => ({
    ...targets(),
    hosts: [{ ...host("127.0.0.1"), scheme: "http" as const, port: raw.port }],
  });
  const report = (verdicts: Awaited<ReturnType<typeof runProbe>>) =>
    renderProbe(STYLE, {
      today: AFTER.today,
      goLive: AFTER.goLive,
      environment: "urls",
      from: [],
      hosts: [],
      skipped: [],
      verdicts: verdicts.map((v) => ({ ...v, title: v.id })),
    });

  it("terminal escapes in a header, a status line's target and a sitemap URL are shown escaped", async () => {
    answer =
      "HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\nx-powered-by: PHP/8.1 \x1b]0;owned\x07\x1b[2J\r\nset-cookie: SESS\x1b[31m=v\r\ncontent-length: 0\r\n\r\n";
    const verdicts = await runProbe(net(), rawHost(), AFTER, new Set(["APP-16"]));
    s.routes
      .clear()
      .set("/robots.txt", ok(`User-agent: *\nSitemap: https://shop.test:${s.https}/sm.xml\n`))
      .set(
        "/sm.xml",
        ok(`<urlset><url><loc>https://evil${ESC}[2J${ESC}]0;x${"\x07"}.test/</loc></url></urlset>`),
      );
    const sitemap = await runProbe(net(), targets(), AFTER, new Set(["SEO-03", "SEO-04"]));
    const text = report([...verdicts, ...sitemap]);
    expect(sitemap.find((v) => v.id === "SEO-03")?.findings[0]?.code).toBe("sitemap-foreign-url");
    expect(text).not.toContain(ESC);
    expect(text).not.toContain("\x07");
    expect(text).toContain("\\x1b");
  });

  it("a header block past 16 KiB is unknown, not read", async () => {
    answer = `HTTP/1.1 200 OK\r\nx-big: ${"a".repeat(64 * 1024)}\r\ncontent-length: 0\r\n\r\n`;
    const [v] = await runProbe(net(), rawHost(), AFTER, new Set(["TES-12"]));
    expect(v?.findings[0]).toMatchObject({ result: "unknown", found: "HPE_HEADER_OVERFLOW" });
  });

  it("a server that accepts and never speaks, or trickles its body, is given up on in time", async () => {
    answer = undefined;
    const started = Date.now();
    const [tls, smoke] = await runProbe(
      net({ timeoutMs: 400 }),
      { ...targets(), hosts: [host("127.0.0.1", "storefront", raw.port)] },
      AFTER,
      new Set(["CLO-12", "TES-12"]),
    );
    expect(tls?.findings[0]).toMatchObject({ result: "unknown", found: "timeout" });
    expect(smoke?.findings[0]).toMatchObject({ result: "unknown", found: "timeout" });
    s.routes.clear().set("/trickle", (res) => {
      res.writeHead(200);
      const t = setInterval(() => (res.destroyed ? clearInterval(t) : res.write("x")), 50);
    });
    expect(await net({ timeoutMs: 400 }).http(`http://127.0.0.1:${s.http}/trickle`)).toEqual({
      error: "timeout",
    });
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it("a name that resolves to a link-local (cloud metadata) address is never connected to", async () => {
    let reached = false;
    const meta = createNetServer((c) => {
      reached = true;
      c.destroy();
    });
    await new Promise<void>((r) => meta.listen(0, "127.0.0.1", r));
    const n = createProbeNet({
      userAgent: "t",
      timeoutMs: 600,
      maxBytes: 1024,
      resolve: new Map([[`meta.test:${(meta.address() as AddressInfo).port}`, "169.254.169.254"]]),
    });
    expect(await n.http(`http://meta.test:${(meta.address() as AddressInfo).port}/`)).toEqual({
      error: "ELINKLOCAL",
    });
    expect(await n.http("http://169.254.169.254/latest/meta-data/")).toEqual({
      error: "ELINKLOCAL",
    });
    expect(await n.http("file:///etc/passwd")).toEqual({ error: "bad-url" });
    expect(reached).toBe(false);
    meta.close();
  });

  it("sends no credentials and no cookies; says who it is", async () => {
    const seen: Record<string, string | string[] | undefined>[] = [];
    s.routes.clear().set("/", (res, req) => {
      seen.push(req.headers);
      res.writeHead(200, { "set-cookie": "SESS=1; Secure; HttpOnly" });
      res.end();
    });
    await runProbe(net(), targets(), AFTER, new Set(["CLO-17", "TES-12", "APP-16"]));
    await net().http(`https://shop.test:${s.https}/`);
    expect(seen.length).toBeGreaterThan(0);
    for (const h of seen) {
      expect(h.authorization).toBeUndefined();
      expect(h.cookie).toBeUndefined();
      expect(h["user-agent"]).toBe("golive/test");
    }
  });
});

describe("HTTPS_PROXY, HTTP_PROXY, NO_PROXY", () => {
  let proxy: { port: number; close: () => void; log: string[] };
  beforeAll(async () => {
    const log: string[] = [];
    const server = createHttpServer((req, res) => {
      // Plain HTTP through the proxy: the whole URL as the target.
      log.push(`${req.method} ${req.url} ${req.headers["proxy-authorization"] ?? ""}`);
      const u = new URL(req.url ?? "/");
      // As proxies do, the proxy's own header stays with the proxy.
      const { "proxy-authorization": _, ...headers } = req.headers;
      const out = httpRequest(
        { host: "127.0.0.1", port: u.port, path: u.pathname, headers },
        (r) => {
          res.writeHead(r.statusCode ?? 502, r.headers);
          r.pipe(res);
        },
      );
      out.on("error", () => res.destroy());
      out.end();
    });
    server.on("connect", (req, socket) => {
      log.push(`CONNECT ${req.url} ${req.headers["proxy-authorization"] ?? ""}`);
      if (req.headers["proxy-authorization"] === undefined) {
        socket.end("HTTP/1.1 407 Proxy Authentication Required\r\n\r\n");
        return;
      }
      const port = Number((req.url ?? "").split(":").pop());
      const upstream = connectTcp(port, "127.0.0.1", () => {
        socket.write("HTTP/1.1 200 Connection Established\r\n\r\n");
        upstream.pipe(socket);
        socket.pipe(upstream);
      });
      upstream.on("error", () => socket.destroy());
      socket.on("error", () => upstream.destroy());
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    proxy = {
      port: (server.address() as AddressInfo).port,
      close: () => {
        server.closeAllConnections();
        server.close();
      },
      log,
    };
  });
  afterAll(() => proxy.close());

  it("tunnels HTTPS and TLS through CONNECT with the proxy's credentials, which the shop never sees", async () => {
    const seen: (string | undefined)[] = [];
    s.routes.clear().set("/", (res, req) => {
      seen.push(req.headers["proxy-authorization"]);
      res.end("home");
    });
    const url = `http://user:p%40ss@127.0.0.1:${proxy.port}`;
    const n = createProbeNet({
      userAgent: "t",
      timeoutMs: 1000,
      maxBytes: 1024,
      ca: pki.ca,
      resolve: new Map([[`shop.test:${s.https}`, "127.0.0.1"]]),
      proxy: { https: url, http: url },
    });
    proxy.log.length = 0;
    expect(await n.http(`https://shop.test:${s.https}/`)).toMatchObject({ status: 200 });
    expect(await n.tls("shop.test", s.https)).toMatchObject({ protocol: "TLSv1.3" });
    expect(await n.http(`http://127.0.0.1:${s.http}/`)).toMatchObject({ status: 200 });
    const basic = `Basic ${Buffer.from("user:p@ss").toString("base64")}`;
    expect(proxy.log).toEqual([
      `CONNECT shop.test:${s.https} ${basic}`,
      `CONNECT shop.test:${s.https} ${basic}`,
      `GET http://127.0.0.1:${s.http}/ ${basic}`,
    ]);
    expect(seen.every((h) => h === undefined)).toBe(true);
  });

  it("a proxy password with a stray % is sent as typed, not an internal error", async () => {
    s.routes.clear().set("/", (res) => res.end("home"));
    const url = `http://u:p%zz@127.0.0.1:${proxy.port}`;
    const n = createProbeNet({
      userAgent: "t",
      timeoutMs: 1000,
      maxBytes: 1024,
      proxy: { http: url },
    });
    proxy.log.length = 0;
    expect(await n.http(`http://127.0.0.1:${s.http}/`)).toMatchObject({ status: 200 });
    expect(proxy.log).toEqual([
      `GET http://127.0.0.1:${s.http}/ Basic ${Buffer.from("u:p%zz").toString("base64")}`,
    ]);
  });

  it("NO_PROXY goes direct; a proxy that refuses is a verdict, not a crash", async () => {
    s.routes.clear().set("/", ok("home"));
    const url = `http://127.0.0.1:${proxy.port}`;
    proxy.log.length = 0;
    const direct = createProbeNet({
      userAgent: "t",
      timeoutMs: 1000,
      maxBytes: 1024,
      ca: pki.ca,
      resolve: new Map([[`shop.test:${s.https}`, "127.0.0.1"]]),
      proxy: { https: url, noProxy: "localhost, .test" },
    });
    expect(await direct.http(`https://shop.test:${s.https}/`)).toMatchObject({ status: 200 });
    expect(proxy.log).toEqual([]);
    const refused = createProbeNet({
      userAgent: "t",
      timeoutMs: 1000,
      maxBytes: 1024,
      proxy: { https: url },
    });
    expect(await refused.http(`https://shop.test:${s.https}/`)).toEqual({ error: "PROXY_407" });
    expect(await refused.tls("shop.test", s.https)).toEqual({ error: "proxy-407" });
  });

  it("reads the variables as curl does, and matches NO_PROXY entries", () => {
    expect(proxyFromEnv({ https_proxy: "http://a:1", NO_PROXY: "x" })).toEqual({
      https: "http://a:1",
      noProxy: "x",
    });
    expect(bypassesProxy("*", "any.test", 443)).toBe(true);
    expect(bypassesProxy(".shop.test", "www.shop.test", 443)).toBe(true);
    expect(bypassesProxy("*.shop.test", "shop.test", 443)).toBe(true);
    expect(bypassesProxy("shop.test:8443", "shop.test", 443)).toBe(false);
    expect(bypassesProxy("shop.test:8443", "shop.test", 8443)).toBe(true);
    expect(bypassesProxy("other.test", "shop.test", 443)).toBe(false);
  });
});
