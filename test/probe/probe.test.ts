/**
 * `golive probe` against servers on 127.0.0.1 only: an HTTPS shop with certificates made here by
 * openssl (a test CA, a certificate for shop.test, judged on later days for expiry), and an injected resolver for DNS.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer as createHttpServer, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProbeNet, limiter, type ProbeNet } from "../../src/io/probe-net.js";
import { type ProbeTargets, runProbe } from "../../src/probe/index.js";
import { gitBlobHash } from "../../src/verify/generic.js";

const dir = mkdtempSync(join(tmpdir(), "golive-probe-"));
const ssl = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });

function makeCert(name: string, host: string, days: string[]) {
  ssl(
    "req",
    "-new",
    "-newkey",
    "ec",
    "-pkeyopt",
    "ec_paramgen_curve:P-256",
    "-nodes",
    "-keyout",
    `${name}.key`,
    "-out",
    `${name}.csr`,
    "-subj",
    `/CN=${host}`,
  );
  writeFileSync(join(dir, `${name}.ext`), `subjectAltName=DNS:${host}\n`);
  ssl(
    "x509",
    "-req",
    "-in",
    `${name}.csr`,
    "-CA",
    "ca.pem",
    "-CAkey",
    "ca.key",
    "-CAcreateserial",
    "-extfile",
    `${name}.ext`,
    "-out",
    `${name}.pem`,
    ...days,
  );
  return {
    key: readFileSync(join(dir, `${name}.key`)),
    cert: readFileSync(join(dir, `${name}.pem`)),
  };
}

const DEFAULT_ICON = Buffer.from("spryker default icon");
type Route = (res: ServerResponse, path: string) => void;
let routes: Record<string, Route> = {};
const servers: Server[] = [];
let ca = "";
let port = 0;
let plainPort = 0;

function handler(req: { url?: string }, res: ServerResponse) {
  const path = req.url ?? "/";
  const route = routes[path];
  if (route) route(res, path);
  else {
    res.statusCode = 404;
    res.end("no");
  }
}

async function listen(s: Server): Promise<number> {
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  return (s.address() as AddressInfo).port;
}

beforeAll(async () => {
  ssl(
    "req",
    "-x509",
    "-newkey",
    "ec",
    "-pkeyopt",
    "ec_paramgen_curve:P-256",
    "-nodes",
    "-keyout",
    "ca.key",
    "-out",
    "ca.pem",
    "-subj",
    "/CN=golive test CA",
    "-days",
    "2",
  );
  ca = readFileSync(join(dir, "ca.pem"), "utf8");
  const good = makeCert("shop", "shop.test", ["-days", "400"]);
  port = await listen(createHttpsServer(good, handler));
  plainPort = await listen(createHttpServer(handler));
}, 20_000);

afterAll(() => {
  for (const s of servers) s.close();
  rmSync(dir, { recursive: true, force: true });
});

function net(extra: Partial<ProbeNet> = {}): ProbeNet {
  const real = createProbeNet({
    userAgent: "golive/test",
    timeoutMs: 800,
    maxBytes: 64 * 1024,
    ca,
    resolve: [`shop.test:${port}:127.0.0.1`, `wrong.test:${port}:127.0.0.1`],
  });
  return {
    ...real,
    dns: async (h) => ({
      cname: [],
      addresses: [{ address: "127.0.0.1", ttl: h.startsWith("slow") ? 86400 : 300 }],
    }),
    txt: async () => [],
    ...extra,
  };
}

const shop = (host = "shop.test", p = port): ProbeTargets => ({
  hosts: [{ host, scheme: "https", port: p, kind: "storefront" }],
  production: true,
  faviconDefaults: [gitBlobHash(DEFAULT_ICON)],
});
const BEFORE = { today: "2026-12-04", goLive: "2026-12-06" };
const AFTER = { today: "2026-12-07", goLive: "2026-12-06" };

async function one(id: string, t: ProbeTargets, ctx = BEFORE, n = net()) {
  const [v] = await runProbe(n, t, ctx, new Set([id]));
  return v!;
}

const basic: Route = (res) => {
  res.writeHead(401, { "www-authenticate": 'Basic realm="shop"' });
  res.end();
};
const ok =
  (body: string | Buffer, headers: Record<string, string | string[]> = {}): Route =>
  (res) => {
    res.writeHead(200, { "content-type": "text/plain", ...headers });
    res.end(body);
  };

describe("CLO-12 TLS", () => {
  it("passes a trusted certificate for the host, fails an expired or wrong-host one", async () => {
    routes = { "/": ok("hi") };
    expect((await one("CLO-12", shop())).findings[0]).toMatchObject({
      code: "tls-ok",
      result: "pass",
    });
    // The certificate is good for 400 days: judged two years on, it has expired.
    const later = { today: "2028-12-20", goLive: "2028-12-24" };
    expect((await one("CLO-12", shop(), later)).findings[0]?.code).toBe("tls-expired");
    expect((await one("CLO-12", shop("wrong.test"))).findings[0]?.code).toBe("tls-wrong-host");
  });
  it("fails a chain to no trusted root, warns when it expires within 30 days of go-live", async () => {
    const untrusted = {
      ...net(),
      tls: createProbeNet({
        userAgent: "t",
        timeoutMs: 800,
        maxBytes: 1,
        resolve: [`shop.test:${port}:127.0.0.1`],
      }).tls,
    };
    expect((await one("CLO-12", shop(), BEFORE, untrusted)).findings[0]?.code).toBe(
      "tls-untrusted",
    );
    const late = { today: "2027-12-01", goLive: "2027-12-20" };
    expect((await one("CLO-12", shop(), late)).findings[0]).toMatchObject({
      code: "tls-expiring",
      result: "warn",
    });
  });
  it("says unknown for a host that does not answer", async () => {
    const v = await one("CLO-12", shop("shop.test", 1));
    expect(v.result).toBe("unknown");
  });
});

describe("CLO-17 storefront basic auth depends on the day", () => {
  it("passes before go-live and fails from go-live day; an open shop warns before", async () => {
    routes = { "/": basic };
    expect((await one("CLO-17", shop(), BEFORE)).result).toBe("pass");
    expect((await one("CLO-17", shop(), AFTER)).findings[0]?.code).toBe("auth-basic-live");
    routes = { "/": ok("home") };
    expect((await one("CLO-17", shop(), BEFORE)).result).toBe("warn");
    expect((await one("CLO-17", shop(), AFTER)).result).toBe("pass");
  });
});

describe("SEO-04 robots.txt and SEO-03 sitemap", () => {
  it("fails Disallow: / for * on production from go-live, not before", async () => {
    routes = { "/robots.txt": ok("User-agent: *\nDisallow: /\n") };
    expect((await one("SEO-04", shop(), BEFORE)).result).toBe("pass");
    expect((await one("SEO-04", shop(), AFTER)).findings[0]?.code).toBe("robots-blocks-all");
  });
  it("notes the Sitemap line and checks the sitemap's URLs are https on the host", async () => {
    const sm = `https://shop.test:${port}/sm.xml`;
    routes = {
      "/robots.txt": ok(`User-agent: *\nAllow: /\nSitemap: ${sm}\n`),
      "/sm.xml": ok("<urlset><url><loc>https://shop.test/a</loc></url></urlset>"),
    };
    const robots = await one("SEO-04", shop(), AFTER);
    expect(robots.findings.map((f) => f.code)).toEqual(["robots-served", "robots-sitemap"]);
    expect((await one("SEO-03", shop())).findings[0]).toMatchObject({
      code: "sitemap-ok",
      found: "1",
    });
    routes["/sm.xml"] = ok("<urlset><url><loc>http://elsewhere.test/a</loc></url></urlset>");
    expect((await one("SEO-03", shop())).findings[0]?.code).toBe("sitemap-foreign-url");
    routes["/sm.xml"] = ok("<html></html>");
    expect((await one("SEO-03", shop())).findings[0]?.code).toBe("sitemap-invalid");
  });
  it("fails a missing robots.txt and sitemap", async () => {
    routes = {};
    expect((await one("SEO-04", shop())).result).toBe("fail");
    expect((await one("SEO-03", shop())).findings[0]?.code).toBe("sitemap-not-served");
  });
});

describe("SEO-06 favicon", () => {
  it("fails Spryker's default icon, passes the shop's own", async () => {
    routes = { "/favicon.ico": ok(DEFAULT_ICON) };
    expect((await one("SEO-06", shop())).findings[0]?.code).toBe("favicon-default");
    routes = { "/favicon.ico": ok(Buffer.from("our icon")) };
    expect((await one("SEO-06", shop())).result).toBe("pass");
  });
});

describe("APP-16 headers", () => {
  it("passes the security headers and flags PHP versions and insecure session cookies", async () => {
    routes = {
      "/": ok("home", {
        "strict-transport-security": "max-age=31536000",
        "x-content-type-options": "nosniff",
        "content-security-policy": "frame-ancestors 'self'",
      }),
    };
    expect((await one("APP-16", shop())).result).toBe("pass");
    routes = {
      "/": ok("home", { "x-powered-by": "PHP/8.1.2", "set-cookie": ["PHPSESSID=s3cr3t; path=/"] }),
    };
    const v = await one("APP-16", shop());
    expect(v.result).toBe("fail");
    expect(v.findings.map((f) => f.code)).toContain("header-php-version");
    const cookie = v.findings.find((f) => f.code === "cookie-insecure");
    expect(cookie?.found).toBe("PHPSESSID");
    expect(JSON.stringify(v)).not.toContain("s3cr3t");
  });
});

describe("CLO-14 DNS and CLO-15 mail through an injected resolver", () => {
  it("warns a TTL above an hour in the week before go-live; fails a name that does not resolve", async () => {
    expect((await one("CLO-14", shop())).result).toBe("pass");
    expect((await one("CLO-14", shop("slow.test"))).findings[0]?.code).toBe("dns-ttl-high");
    const none = net({ dns: async () => ({ error: "ENOTFOUND" }) });
    expect((await one("CLO-14", shop(), BEFORE, none)).result).toBe("fail");
    const down = net({ dns: async () => ({ error: "ETIMEOUT" }) });
    expect((await one("CLO-14", shop(), BEFORE, down)).result).toBe("unknown");
  });
  it("judges DMARC and SPF", async () => {
    const t = { ...shop(), mailDomain: "shop.test" };
    const txt = (dmarc: string[]) =>
      net({ txt: async (n) => (n.startsWith("_dmarc.") ? dmarc : ["v=spf1 -all"]) });
    expect((await one("CLO-15", t, BEFORE, txt(["v=DMARC1; p=reject"]))).result).toBe("pass");
    expect((await one("CLO-15", t, BEFORE, txt(["v=DMARC1; p=none"]))).result).toBe("warn");
    expect((await one("CLO-15", t, BEFORE, txt([]))).result).toBe("fail");
    const broken = net({ txt: async () => ({ error: "ESERVFAIL" }) });
    expect((await one("CLO-15", t, BEFORE, broken)).result).toBe("unknown");
  });
});

describe("SEO-01 redirects, GEN-10 old system, TES-12 smoke", () => {
  const base = () => `http://127.0.0.1:${plainPort}`;
  const to =
    (where: string, status = 301): Route =>
    (res) => {
      res.writeHead(status, { location: where });
      res.end();
    };
  it("passes a 301 chain ending 200 at the new URL; fails loops and wrong targets", async () => {
    routes = {
      "/old": to("/mid"),
      "/mid": to("/new", 308),
      "/new": ok("new"),
      "/a": to("/b"),
      "/b": to("/a"),
      "/c": to("/x", 302),
    };
    const t = (pairs: [string, string][]) => ({ ...shop(), redirects: pairs });
    expect((await one("SEO-01", t([[`${base()}/old`, `${base()}/new`]]))).result).toBe("pass");
    expect((await one("SEO-01", t([[`${base()}/a`, `${base()}/new`]]))).findings[0]?.code).toBe(
      "redirect-loop",
    );
    expect((await one("SEO-01", t([[`${base()}/c`, `${base()}/x`]]))).findings[0]?.code).toBe(
      "redirect-wrong",
    );
  });
  it("GEN-10 wants the old system up in the 72 hours after go-live", async () => {
    routes = { "/": ok("old shop") };
    const t = { ...shop(), oldSystem: `${base()}/` };
    expect((await one("GEN-10", t, AFTER)).result).toBe("pass");
    expect((await one("GEN-10", { ...t, oldSystem: "http://127.0.0.1:1/" }, AFTER)).result).toBe(
      "fail",
    );
    expect((await one("GEN-10", t, BEFORE)).findings[0]?.code).toBe("old-system-window");
  });
  it("TES-12 shows response times and fails a non-2xx smoke URL after go-live", async () => {
    routes = {
      "/": ok("home"),
      "/broken": (res) => {
        res.statusCode = 500;
        res.end();
      },
    };
    const v = await one("TES-12", { ...shop(), smoke: [`${base()}/broken`] }, AFTER);
    expect(v.findings[0]?.found).toMatch(/^200 in \d+ ms$/);
    expect(v.result).toBe("fail");
  });
});

describe("the network door's bounds", () => {
  it("cuts a body at the size bound and gives up on a server that never answers", async () => {
    routes = {
      "/huge": (res) => {
        res.writeHead(200);
        const chunk = Buffer.alloc(64 * 1024, 97);
        // Endless: only the reader's bound stops it.
        const pump = () => {
          while (res.write(chunk)) {}
          res.once("drain", pump);
        };
        res.on("close", () => res.removeAllListeners("drain"));
        pump();
      },
      "/hang": () => {},
    };
    const n = net();
    const huge = await n.http(`http://127.0.0.1:${plainPort}/huge`);
    expect(huge).toMatchObject({ status: 200, truncated: true });
    expect("body" in huge && huge.body.length).toBe(64 * 1024);
    const started = Date.now();
    expect(await n.http(`http://127.0.0.1:${plainPort}/hang`)).toEqual({ error: "timeout" });
    expect(Date.now() - started).toBeLessThan(3000);
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
});
