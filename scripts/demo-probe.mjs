// `npm run demo:probe`: a shop two days before go-live, imitated on 127.0.0.1 (an HTTPS
// storefront and Back Office with a CA made here by openssl, a DNS server, the old shop's
// redirects), and what `golive probe` says about it. Nothing leaves this machine; the demo's
// files go to a temporary folder and are removed at the end.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer as createHttpServer } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startDnsServer } from "./dns-server.mjs";

const bin = new URL("../dist/golive.cjs", import.meta.url).pathname;
const GO_LIVE = "2027-03-01";
const TODAY = "2027-02-27";
const dir = mkdtempSync(join(tmpdir(), "golive-demo-probe-"));
const ssl = (...args) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"];

// A CA, and one certificate for the storefront and the Back Office.
ssl(
  "req",
  "-x509",
  ...ec,
  "-keyout",
  "ca.key",
  "-out",
  "ca.pem",
  "-subj",
  "/CN=Demo CA",
  "-days",
  "30",
);
ssl(
  "req",
  "-new",
  ...ec,
  "-keyout",
  "shop.key",
  "-out",
  "shop.csr",
  "-subj",
  "/CN=www.shop.example",
);
writeFileSync(join(dir, "shop.ext"), "subjectAltName=DNS:www.shop.example,DNS:bo.shop.example\n");
ssl(
  "x509",
  "-req",
  "-in",
  "shop.csr",
  "-CA",
  "ca.pem",
  "-CAkey",
  "ca.key",
  "-CAcreateserial",
  "-extfile",
  "shop.ext",
  "-days",
  "365",
  "-out",
  "shop.pem",
);

const servers = [];
const listen = (server) =>
  new Promise((resolve) => {
    servers.push(server);
    server.listen(0, "127.0.0.1", () => resolve(server.address().port));
  });

// The new shop: still behind basic auth, robots.txt closed, no sitemap generated yet.
const SHOP_HEADERS = { "x-content-type-options": "nosniff", "x-powered-by": "PHP/8.2.1" };
const shop = await listen(
  createHttpsServer(
    { key: readFileSync(join(dir, "shop.key")), cert: readFileSync(join(dir, "shop.pem")) },
    (req, res) => {
      const host = (req.headers.host ?? "").replace(/:\d+$/, "");
      if (host === "bo.shop.example") {
        res.writeHead(403, SHOP_HEADERS);
        return res.end();
      }
      if (req.url === "/robots.txt") {
        res.writeHead(200, { "content-type": "text/plain", ...SHOP_HEADERS });
        return res.end("User-agent: *\nDisallow: /\n");
      }
      if (req.url === "/favicon.ico") {
        res.writeHead(200, { "content-type": "image/x-icon" });
        return res.end(Buffer.from([0, 0, 1, 0, 1, 0, 16, 16]));
      }
      if (req.url === "/" || req.url?.startsWith("/en/")) {
        res.writeHead(401, { "www-authenticate": 'Basic realm="Shop"', ...SHOP_HEADERS });
        return res.end();
      }
      res.writeHead(404, SHOP_HEADERS);
      res.end();
    },
  ),
);
// The old shop: its redirects to the new one (one of them still temporary).
const old = await listen(
  createHttpServer((req, res) => {
    const to = (path, status = 301) => {
      res.writeHead(status, { location: `https://www.shop.example:${shop}${path}` });
      res.end();
    };
    if (req.url === "/category/shoes.html") return to("/en/shoes");
    if (req.url === "/product/123.html") return to("/en/red-sneaker", 302);
    res.writeHead(200, { "content-type": "text/html" });
    res.end("<html>the old shop</html>");
  }),
);
const dns = await startDnsServer({
  "www.shop.example": { CNAME: ["shop.edge.example", 86400] },
  "shop.edge.example": { A: [["127.0.0.1", 86400]] },
  "bo.shop.example": { A: [["127.0.0.1", 300]] },
  "_dmarc.shop.example": { TXT: [["v=DMARC1; p=none; rua=mailto:dmarc@shop.example", 3600]] },
  "shop.example": { TXT: [["v=spf1 include:_spf.mail.example -all", 3600]] },
});

// The shop's repository: golive.yaml, the production deploy file, the redirect map.
const repo = join(dir, "shop");
execFileSync("git", ["init", "-q", repo]);
const golive = (args, show = false) =>
  execFileSync(process.execPath, [bin, ...args], {
    cwd: repo,
    env: { ...process.env, GOLIVE_TODAY: TODAY, NO_COLOR: process.env.NO_COLOR ?? "" },
    stdio: show ? "inherit" : "pipe",
  });
golive(["init", "--date", GO_LIVE]);
writeFileSync(
  join(repo, "deploy.shop-prod.yml"),
  `version: "0.1"
namespace: shop-prod
environment: docker.prod
image:
  tag: spryker/php:8.3
groups:
  EU:
    region: EU
    applications:
      yves:
        application: yves
        endpoints:
          www.shop.example:${shop}:
            store: DE
      backoffice:
        application: backoffice
        endpoints:
          bo.shop.example:${shop}:
            store: DE
`,
);
writeFileSync(
  join(repo, "redirects.csv"),
  `old URL,new URL
http://127.0.0.1:${old}/category/shoes.html,https://www.shop.example:${shop}/en/shoes
http://127.0.0.1:${old}/product/123.html,https://www.shop.example:${shop}/en/red-sneaker
`,
);
writeFileSync(
  join(repo, "golive.yaml"),
  `${readFileSync(join(repo, "golive.yaml"), "utf8")}probe:
  mailDomain: shop.example
  redirects: redirects.csv
  oldSystem: http://127.0.0.1:${old}/
`,
);
execFileSync("git", ["add", "-A"], { cwd: repo });

const args = ["probe", "--dns", `127.0.0.1:${dns.port}`, "--ca", join(dir, "ca.pem")];
console.log(
  `$ golive probe --dns 127.0.0.1:${dns.port} --ca ca.pem   # (pretending today is ${TODAY})`,
);
// Not execFileSync: the servers answer from this process, so it must not block.
const code = await new Promise((resolve) => {
  const child = spawn(process.execPath, [bin, ...args], {
    cwd: repo,
    env: { ...process.env, GOLIVE_TODAY: TODAY },
    stdio: "inherit",
  });
  child.on("close", resolve);
});
// Exit 1: the probe found failing checks, which is what the demo shows.
if (code !== 0 && code !== 1) process.exitCode = code ?? 1;
for (const s of servers) s.close();
dns.close();
rmSync(dir, { recursive: true, force: true });
