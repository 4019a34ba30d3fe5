/**
 * `golive probe` in-process: hosts from the production deploy file (or --url), DNS from a
 * server on 127.0.0.1, HTTPS with a test CA; text, JSON, --record, `check --verify` counting
 * the recorded evidence, and bad input (exit 2, nothing changed, nothing leaked). No request
 * leaves 127.0.0.1.
 */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { golive, initRepo, read } from "../helpers/cli.js";
import { evidenceIn } from "../helpers/evidence.js";
import {
  basicAuth,
  ok,
  type ProbeServers,
  redirect,
  startServers,
  TestPki,
} from "../helpers/probe-servers.js";

const GO_LIVE = "2027-03-01";
const BEFORE = { GOLIVE_TODAY: "2027-02-27" };
const AFTER = { GOLIVE_TODAY: "2027-03-02" };

let pki: TestPki;
let s: ProbeServers;
let caFile: string;

beforeAll(async () => {
  pki = new TestPki();
  const good = pki.leaf("www", "www.shop.example");
  s = await startServers(
    { "www.shop.example": good, "bo.shop.example": pki.leaf("bo", "bo.shop.example") },
    {
      "www.shop.example": { A: [["127.0.0.1", 300]] },
      "bo.shop.example": { A: [["127.0.0.1", 300]] },
      "_dmarc.shop.example": { TXT: [["v=DMARC1; p=reject", 300]] },
      "shop.example": { TXT: [["v=spf1 include:_spf.example -all", 300]] },
    },
  );
  caFile = join(pki.dir, "ca.pem");
}, 30_000);

afterAll(() => {
  s?.close();
  pki?.remove();
});

function deploy(extra = ""): string {
  return `version: "0.1"
namespace: shop
environment: docker.prod
image:
  tag: spryker/php:8.3
regions:
  EU:
    services:
      database: {}
groups:
  EU:
    region: EU
    applications:
      yves:
        application: yves
        endpoints:
          www.shop.example:${s.https}:
            store: DE
${extra}      backoffice:
        application: backoffice
        endpoints:
          bo.shop.example:${s.https}:
            store: DE
`;
}

const SHOP_HEADERS = {
  "strict-transport-security": "max-age=31536000",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
};

/** A shop ready for go-live: open, indexable, with its sitemap and own icon. */
function liveShop() {
  s.routes
    .clear()
    .set("www.shop.example/", ok("home", SHOP_HEADERS))
    .set(
      "www.shop.example/robots.txt",
      ok(`User-agent: *\nAllow: /\nSitemap: https://www.shop.example:${s.https}/sitemap.xml\n`),
    )
    .set(
      "www.shop.example/sitemap.xml",
      ok(`<urlset><url><loc>https://www.shop.example:${s.https}/a</loc></url></urlset>`, {
        "content-type": "application/xml",
      }),
    )
    .set("www.shop.example/favicon.ico", ok(Buffer.from("our own icon")))
    .set("bo.shop.example/", (res) => {
      res.statusCode = 403;
      res.end();
    });
}

async function shopRepo(files: Record<string, string> = {}): Promise<string> {
  const dir = await initRepo(["--date", GO_LIVE]);
  writeFileSync(join(dir, "deploy.shop-prod.yml"), deploy());
  for (const [path, text] of Object.entries(files)) writeFileSync(join(dir, path), text);
  // The probe reads the deploy files git tracks, as verify does.
  execFileSync("git", ["add", "-A"], { cwd: dir });
  return dir;
}

const NET = () => ["--dns", `127.0.0.1:${s.dns.port}`, "--ca", caFile, "--timeout", "2"];

describe("golive probe", () => {
  test("judges the deploy file's hosts on today's date: text names the day, exit 0 without a fail", async () => {
    liveShop();
    const dir = await shopRepo();
    const r = await golive(dir, ["probe", ...NET()], AFTER);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("golive probe production (deploy.shop-prod.yml)");
    expect(r.stdout).toContain("judged on 2027-03-02, 1 day after go-live (2027-03-01)");
    expect(r.stdout).toMatch(/^pass {4}CLO-12 {2}Prepare a DNS strategy$/m);
    expect(r.stdout).toMatch(/^pass {4}CLO-17 {2}Remove basic auth$/m);
    expect(r.stdout).toMatch(/^pass {4}CLO-05 /m);
    expect(r.stdout).toMatch(/^unknown CLO-15 .*\n.*nothing to probe/m);
    expect(r.code).toBe(0);
  });

  test("the same basic auth passes two days before go-live and fails the day after (exit 1)", async () => {
    liveShop();
    s.routes.set("www.shop.example/", basicAuth);
    const dir = await shopRepo();
    const before = await golive(dir, ["probe", "--item", "CLO-17", ...NET()], BEFORE);
    expect(before.stdout).toMatch(/^pass {4}CLO-17/m);
    expect(before.stdout).toContain("2 days before go-live");
    expect(before.code).toBe(0);
    const after = await golive(dir, ["probe", "--item", "CLO-17", ...NET()], AFTER);
    expect(after.stdout).toMatch(/^fail {4}CLO-17/m);
    expect(after.stdout).toContain("still asks for basic auth after go-live");
    expect(after.stdout).toContain("hint: remove basic auth");
    expect(after.code).toBe(1);
  });

  test("--json: the documented report, each verdict with the day it judged", async () => {
    liveShop();
    const dir = await shopRepo();
    const r = await golive(dir, ["probe", "--json", "--item", "SEO-04", ...NET()], BEFORE);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({
      version: 1,
      command: "probe",
      today: "2027-02-27",
      goLive: GO_LIVE,
      daysToGoLive: 2,
      environment: "production",
      deployFiles: ["deploy.shop-prod.yml"],
      counts: { pass: 1, warn: 0, fail: 0, unknown: 0 },
      recorded: false,
    });
    expect(report.hosts).toEqual([
      { host: "www.shop.example", scheme: "https", port: s.https, kind: "storefront" },
      { host: "bo.shop.example", scheme: "https", port: s.https, kind: "admin" },
    ]);
    expect(report.items[0]).toMatchObject({
      id: "SEO-04",
      result: "pass",
      judgedOn: "2027-02-27",
      hint: null,
    });
    expect(report.items[0].findings.map((f: { code: string }) => f.code)).toEqual([
      "robots-served",
      "robots-sitemap",
    ]);
  });

  test("--url probes the URLs given instead of the deploy file; probe.smoke, mailDomain from golive.yaml", async () => {
    liveShop();
    s.routes.set("/health", ok("fine"));
    const dir = await shopRepo();
    writeFileSync(
      join(dir, "golive.yaml"),
      `${read(dir)}probe:\n  mailDomain: shop.example\n  smoke:\n    - http://127.0.0.1:${s.http}/health\n`,
    );
    const url = `https://www.shop.example:${s.https}`;
    const resolve = ["--resolve", `www.shop.example:${s.https}:127.0.0.1`];
    const r = await golive(dir, ["probe", "--url", url, ...resolve, "--json", ...NET()], AFTER);
    const report = JSON.parse(r.stdout);
    expect(report.environment).toBe("urls");
    expect(report.hosts).toHaveLength(1);
    const byId = new Map(report.items.map((i: { id: string }) => [i.id, i]));
    expect(byId.get("TES-12")).toMatchObject({ result: "pass" });
    expect(byId.get("CLO-15")).toMatchObject({ result: "pass" });
    expect(byId.has("CLO-05")).toBe(true);
  });

  test("--record keeps the deciding finding with source probe; check --verify counts it until go-live makes it stale", async () => {
    liveShop();
    s.routes.set("www.shop.example/", basicAuth);
    const dir = await shopRepo();
    expect((await golive(dir, ["done", "CLO-17"], AFTER)).code).toBe(0);
    const r = await golive(dir, ["probe", "--record", "--item", "CLO-17", ...NET()], AFTER);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("Recorded as evidence in golive.yaml; no status changed.");
    const yaml = read(dir);
    expect(evidenceIn(yaml, "CLO-17")).toMatchObject({
      result: "fail",
      code: "auth-basic-live",
      source: "probe",
    });
    expect(yaml).toMatch(/CLO-17:\n {4}status: done/);
    // The gate does not probe; it counts what was recorded, as it counts verify's checks.
    const gate = await golive(dir, ["check", "--verify"], AFTER);
    expect(gate.code).toBe(1);
    expect(gate.stdout).toContain("CLO-17");
    expect(gate.stdout).toContain("still asks for basic auth after go-live");
    const shown = await golive(dir, ["show", "CLO-17"], AFTER);
    expect(shown.stdout).toMatch(
      /Evidence fail on 2027-03-02 \(golive probe\): www\.shop\.example still asks for basic auth after go-live/,
    );
  });

  test("verify --record does not wipe the failure probe recorded, nor probe verify's: the worse one stays and says so", async () => {
    liveShop();
    s.routes.set("www.shop.example/", basicAuth);
    const dir = await shopRepo();
    expect((await golive(dir, ["done", "CLO-17"], AFTER)).code).toBe(0);
    await golive(dir, ["probe", "--record", "--item", "CLO-17", ...NET()], AFTER);
    const files = await golive(dir, ["verify", "--record", "--item", "CLO-17"], AFTER);
    expect(files.stdout).toMatch(/pass\s+CLO-17/);
    expect(files.stdout).toContain(
      "CLO-17 keeps the fail golive probe recorded on 2027-03-02: worse than this run's verdict",
    );
    expect(evidenceIn(read(dir), "CLO-17")).toMatchObject({
      result: "fail",
      code: "auth-basic-live",
      source: "probe",
    });
    expect((await golive(dir, ["check", "--verify"], AFTER)).code).toBe(1);
    const json = JSON.parse(
      (await golive(dir, ["verify", "--record", "--item", "CLO-17", "--json"], AFTER)).stdout,
    );
    expect(json.kept).toEqual([
      { id: "CLO-17", source: "probe", result: "fail", at: expect.stringMatching(/^2027-03-02/) },
    ]);
    // Probe again once the host is fixed: its own evidence is replaced.
    s.routes.set("www.shop.example/", ok("home", SHOP_HEADERS));
    const fixed = await golive(dir, ["probe", "--record", "--item", "CLO-17", ...NET()], AFTER);
    expect(fixed.stdout).not.toContain("keeps the");
    expect(evidenceIn(read(dir), "CLO-17")).toMatchObject({ result: "pass", source: "probe" });
  });

  test("probe evidence recorded before go-live day does not count from go-live day on", async () => {
    liveShop();
    s.routes.set("www.shop.example/", basicAuth);
    const dir = await shopRepo();
    expect((await golive(dir, ["done", "CLO-17"], BEFORE)).code).toBe(0);
    await golive(dir, ["probe", "--record", "--item", "CLO-17", ...NET()], BEFORE);
    expect(evidenceIn(read(dir), "CLO-17")).toMatchObject({
      result: "pass",
      code: "auth-basic-before-golive",
    });
    const gate = await golive(dir, ["check", "--verify", "--json"], AFTER);
    const report = JSON.parse(gate.stdout);
    expect(report.failsCheck ?? []).not.toContain("CLO-17");
    expect(report.regressed ?? []).not.toContain("CLO-17");
  });

  test("the deploy file's host that golive cannot ask for is listed as skipped, with its line", async () => {
    liveShop();
    const dir = await shopRepo();
    writeFileSync(
      join(dir, "deploy.shop-prod.yml"),
      deploy(
        // biome-ignore lint/suspicious/noTemplateCurlyInString: the deploy file's variable
        "      glue:\n        application: glue\n        endpoints:\n          ${GLUE_HOST}:\n            store: DE\n",
      ),
    );
    const r = await golive(dir, ["probe", "--item", "CLO-14", ...NET()], AFTER);
    expect(r.stdout).toMatch(/skipped deploy\.shop-prod\.yml:\d+ {2}not a public host name/);
    expect(r.code).toBe(0);
  });
});

describe("golive probe: bad input is exit 2, changes nothing, shows no secret", () => {
  test.each([
    [["--timeout", "soon"], "--timeout"],
    [["--timeout", "0"], "--timeout"],
    [["--resolve", "www.shop.example:443"], "It is not HOST:PORT:ADDRESS"],
    [["--dns", "resolver.example"], "--dns"],
    [["--item", "APP-01"], "APP-01 is not an item golive probe answers"],
    [["--url", "file:///etc/passwd"], "It is not an http(s) URL"],
    [["--url", "https://user:pw@www.shop.example/"], "argument 'https://…@www.shop.example/'"],
    [["--env", "dev"], "--env"],
    [["--mail-domain", "not a domain"], "--mail-domain"],
  ])("%j", async (args, message) => {
    const dir = await shopRepo();
    const before = read(dir);
    const r = await golive(dir, ["probe", ...args], AFTER);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stderr).not.toContain("pw@");
    expect(read(dir)).toBe(before);
  });

  test("--ca that is not a certificate", async () => {
    const dir = await shopRepo({ "notes.txt": "hello" });
    const r = await golive(dir, ["probe", "--ca", "notes.txt"], AFTER);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--ca notes.txt is not a PEM certificate");
  });

  test("a proxy variable that is not an http:// URL is named, its value (a password) is not", async () => {
    const dir = await shopRepo();
    const r = await golive(dir, ["probe"], { ...AFTER, HTTPS_PROXY: "ftp://me:hunter2@proxy" });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("HTTPS_PROXY is not an http:// proxy");
    expect(r.stderr).not.toContain("hunter2");
  });

  test("probe.redirects out of the repository is refused where golive.yaml names it", async () => {
    const dir = await shopRepo();
    writeFileSync(join(dir, "golive.yaml"), `${read(dir)}probe:\n  redirects: ../../etc/passwd\n`);
    const r = await golive(dir, ["probe", ...NET()], AFTER);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/golive\.yaml:\d+:\d+/);
    expect(r.stderr).toContain("leads out of the repository");
    expect(r.stderr).not.toContain("root:");
  });

  test("a redirect map row that is not two URLs: file:line:col and what kind, not the row", async () => {
    const dir = await shopRepo({
      "redirects.csv":
        "old,new\nhttps://old.example/a,https://www.shop.example/a\nhttps://old.example/b,hunter2-secret\n",
    });
    writeFileSync(join(dir, "golive.yaml"), `${read(dir)}probe:\n  redirects: redirects.csv\n`);
    const r = await golive(dir, ["probe", ...NET()], AFTER);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("redirects.csv:3:23: not an http(s) URL");
    expect(r.stderr).not.toContain("hunter2");
  });
});

describe("golive probe: a hostile shop", () => {
  test("terminal escapes in what the server sends are shown escaped; the exit code holds", async () => {
    liveShop();
    s.routes.set(
      "www.shop.example/sitemap.xml",
      ok("<urlset><url><loc>https://evil\x1b]0;pwned\x07\x1b[2J.example/</loc></url></urlset>"),
    );
    const dir = await shopRepo();
    const r = await golive(dir, ["probe", "--item", "SEO-03", ...NET()], AFTER);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("sitemap.xml lists https://evil\\x1b]0;pwned");
    expect(r.stdout).not.toContain("\x1b");
    expect(r.stdout).not.toContain("\x07");
    const json = await golive(dir, ["probe", "--item", "SEO-03", "--json", ...NET()], AFTER);
    expect(json.code).toBe(1);
    expect(json.stdout).not.toContain("\x1b");
    expect(JSON.parse(json.stdout).items[0].findings[0].found).toContain("\x1b]0;pwned");
  });
});

describe("golive probe: redirects from probe.redirects", () => {
  test("each old URL must answer 301/308 to its new URL, ending 200", async () => {
    liveShop();
    s.routes
      .set("/old-a", redirect("/new-a"))
      .set("/new-a", ok("a"))
      .set("/old-b", redirect("/new-b", 302));
    const base = `http://127.0.0.1:${s.http}`;
    const dir = await shopRepo({
      "redirects.csv": `${base}/old-a,${base}/new-a\n"${base}/old-b",${base}/new-b\n`,
    });
    writeFileSync(join(dir, "golive.yaml"), `${read(dir)}probe:\n  redirects: redirects.csv\n`);
    const r = await golive(dir, ["probe", "--item", "SEO-01", "--json", ...NET()], AFTER);
    const [item] = JSON.parse(r.stdout).items;
    expect(item.findings.map((f: { code: string }) => f.code)).toEqual([
      "redirect-ok",
      "redirect-wrong",
    ]);
    expect(r.code).toBe(1);
  });
});
