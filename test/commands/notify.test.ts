/**
 * golive notify against a local HTTP server on 127.0.0.1 that the test starts: success,
 * 429 with Retry-After, 500, and a server that never answers. Every case is bounded in time.
 */
import { writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { golive, initRepo } from "../helpers/cli.js";

const TODAY = "2027-02-10";

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;
const servers: ReturnType<typeof createServer>[] = [];

async function server(
  handler: Handler,
): Promise<{ url: string; bodies: string[]; times: number[] }> {
  const bodies: string[] = [];
  const times: number[] = [];
  const s = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      bodies.push(body);
      times.push(Date.now());
      handler(req, res, body);
    });
  });
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const { port } = s.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hooks/T000/SECRET-PART`, bodies, times };
}

afterAll(() => {
  for (const s of servers) {
    s.closeAllConnections();
    s.close();
  }
});

async function project(): Promise<string> {
  const env = { GOLIVE_TODAY: TODAY };
  const repo = await initRepo(["--date", "2027-03-01"], env);
  await golive(repo, ["assign", "CLO-01", "Alex"], env);
  await golive(
    repo,
    ["block", "CLO-12", "--reason", "<!channel> *now* <@U999> & <at>Boss</at>"],
    env,
  );
  const yaml = join(repo, "golive.yaml");
  const { readFileSync } = await import("node:fs");
  writeFileSync(
    yaml,
    readFileSync(yaml, "utf8").replace(
      "items:",
      "chat:\n  slack:\n    Alex: U024BE7LH\n  teams:\n    Alex: alex@acme.example\nitems:",
    ),
  );
  return repo;
}

describe("golive notify", () => {
  it("posts Block Kit to Slack, mentions mapped owners, escapes user text; the URL is never shown", async () => {
    const repo = await project();
    const hook = await server((_q, res) => res.end("ok"));
    const r = await golive(repo, ["notify", "--to", "slack"], {
      GOLIVE_TODAY: TODAY,
      GOLIVE_WEBHOOK_URL: hook.url,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("Posted the digest to slack");
    expect(`${r.stdout}${r.stderr}`).not.toContain("SECRET-PART");
    expect(hook.bodies).toHaveLength(1);
    const payload = JSON.parse(hook.bodies[0]!);
    const text = JSON.stringify(payload.blocks);
    expect(payload.blocks[0].type).toBe("header");
    expect(text).toContain("Overdue (36)");
    expect(text).toContain("<@U024BE7LH>");
    // The reason cannot ping a channel or forge a mention.
    expect(text).toContain("&lt;!channel&gt;");
    expect(text).not.toContain("<!channel>");
    expect(text).not.toContain("<@U999>");
    expect(text).toContain("&amp;");
  });

  it("Teams gets an Adaptive Card with <at> mentions from the map only", async () => {
    const repo = await project();
    const r = await golive(repo, ["notify", "--to", "teams", "--dry-run"], { GOLIVE_TODAY: TODAY });
    expect(r.code).toBe(0);
    const card = JSON.parse(r.stdout).attachments[0];
    expect(card.contentType).toBe("application/vnd.microsoft.card.adaptive");
    expect(card.content.type).toBe("AdaptiveCard");
    expect(card.content.msteams.entities).toEqual([
      {
        type: "mention",
        text: "<at>Alex</at>",
        mentioned: { id: "alex@acme.example", name: "Alex" },
      },
    ]);
    const body = JSON.stringify(card.content.body);
    expect(body).not.toContain("<at>Boss</at>");
    expect(body).toContain("‹at›Boss‹/at›");
  });

  it("--dry-run prints the JSON payload and sends nothing, even without a URL", async () => {
    const repo = await project();
    const r = await golive(repo, ["notify", "--to", "json", "--dry-run", "--since", "2027-02-01"], {
      GOLIVE_TODAY: TODAY,
    });
    expect(r.code).toBe(0);
    const p = JSON.parse(r.stdout);
    expect(p).toMatchObject({ version: 1, command: "notify", since: "2027-02-01" });
    expect(p.blocked.map((i: { id: string }) => i.id)).toEqual(["CLO-12"]);
    expect(p.changed.map((i: { id: string }) => i.id).sort()).toEqual(["CLO-01", "CLO-12"]);
  });

  it("an empty digest is not posted unless --post-empty asks", async () => {
    // Two months before the first due date, nothing changed yesterday: nothing to say.
    const env = { GOLIVE_TODAY: "2026-12-10" };
    const repo = await initRepo(["--date", "2027-03-01"], env);
    const hook = await server((_q, res) => res.end("ok"));
    const quiet = await golive(repo, ["notify", "--to", "slack"], {
      ...env,
      GOLIVE_WEBHOOK_URL: hook.url,
    });
    expect(quiet.code, quiet.stderr).toBe(0);
    expect(quiet.stdout).toContain("nothing posted (--post-empty posts it anyway)");
    expect(hook.bodies).toHaveLength(0);
    const dry = await golive(repo, ["notify", "--to", "slack", "--dry-run"], env);
    expect(dry.stderr).toContain("would not post this digest");
    const asked = await golive(repo, ["notify", "--to", "slack", "--post-empty"], {
      ...env,
      GOLIVE_WEBHOOK_URL: hook.url,
    });
    expect(asked.code, asked.stderr).toBe(0);
    expect(asked.stdout).toContain("Posted the digest to slack");
    expect(hook.bodies).toHaveLength(1);
  });

  it("429 with Retry-After: waits as asked, then delivers", async () => {
    const repo = await project();
    let calls = 0;
    const hook = await server((_q, res) => {
      calls++;
      if (calls === 1) {
        res.writeHead(429, { "retry-after": "1" });
        res.end("slow down");
      } else res.end("ok");
    });
    const file = join(repo, "hook.url");
    writeFileSync(file, `${hook.url}\n`);
    const r = await golive(repo, ["notify", "--to", "json", "--webhook-file", file], {
      GOLIVE_TODAY: TODAY,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(hook.bodies).toHaveLength(2);
    expect(hook.times[1]! - hook.times[0]!).toBeGreaterThanOrEqual(900);
    expect(r.stdout).toContain("2 attempts");
  }, 15_000);

  it("500 every time: retries, then exit 3 with a clear message and no URL", async () => {
    const repo = await project();
    const hook = await server((_q, res) => {
      res.writeHead(500);
      res.end(`error at ${hook.url}`);
    });
    const r = await golive(repo, ["notify", "--to", "slack", "--retries", "1"], {
      GOLIVE_TODAY: TODAY,
      GOLIVE_WEBHOOK_URL: hook.url,
    });
    expect(r.code).toBe(3);
    expect(hook.bodies).toHaveLength(2);
    expect(r.stderr).toContain("the digest was not delivered after 2 attempts: HTTP 500");
    expect(`${r.stdout}${r.stderr}`).not.toContain("SECRET-PART");
  }, 15_000);

  it("a 400 is not retried", async () => {
    const repo = await project();
    const hook = await server((_q, res) => {
      res.writeHead(400);
      res.end("invalid_payload");
    });
    const r = await golive(repo, ["notify", "--to", "slack"], {
      GOLIVE_TODAY: TODAY,
      GOLIVE_WEBHOOK_URL: hook.url,
    });
    expect(r.code).toBe(3);
    expect(hook.bodies).toHaveLength(1);
  });

  it("a 4xx shows what the service said, cut short and escaped, without the URL; golive/VERSION asks", async () => {
    const repo = await project();
    const agents: string[] = [];
    const hook = await server((q, res) => {
      agents.push(String(q.headers["user-agent"]));
      res.writeHead(404);
      res.end(`no_service at ${hook.url}\x1b[2J ${"x".repeat(5000)}`);
    });
    const r = await golive(repo, ["notify", "--to", "slack"], {
      GOLIVE_TODAY: TODAY,
      GOLIVE_WEBHOOK_URL: hook.url,
    });
    expect(r.code).toBe(3);
    expect(agents).toEqual([expect.stringMatching(/^golive\/\d+\.\d+\.\d+/)]);
    expect(r.stderr).toContain('HTTP 404; the service said: "no_service at <webhook>\\x1b[2J xxx');
    expect(r.stderr).not.toContain("\x1b");
    expect(r.stderr).not.toContain("SECRET-PART");
    expect(r.stderr.length).toBeLessThan(800);
  });

  it("an answer that never ends is read up to the size bound, then cut off", async () => {
    const repo = await project();
    const chunk = Buffer.alloc(1024 * 1024, "y");
    const hook = await server((_q, res) => {
      res.writeHead(500);
      const pump = () => {
        while (res.write(chunk)) if (res.destroyed) return;
        res.once("drain", pump);
      };
      res.on("error", () => undefined);
      pump();
    });
    const started = Date.now();
    const r = await golive(repo, ["notify", "--to", "json", "--timeout", "30", "--retries", "0"], {
      GOLIVE_TODAY: TODAY,
      GOLIVE_WEBHOOK_URL: hook.url,
    });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/HTTP 500; the service said: "y{200}\.\.\."/);
    expect(Date.now() - started).toBeLessThan(5000);
  }, 15_000);

  it("a server that never answers: the timeout ends it, exit 3", async () => {
    const repo = await project();
    const hook = await server(() => {
      /* never answers */
    });
    const started = Date.now();
    const r = await golive(repo, ["notify", "--to", "teams", "--timeout", "1", "--retries", "0"], {
      GOLIVE_TODAY: TODAY,
      GOLIVE_WEBHOOK_URL: hook.url,
    });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("no answer within the timeout");
    expect(Date.now() - started).toBeLessThan(5000);
    expect(r.stderr).not.toContain("SECRET-PART");
  }, 10_000);

  it("the URL: from the environment or a file, https only, never from golive.yaml", async () => {
    const repo = await project();
    const unset = await golive(repo, ["notify", "--to", "slack"], { GOLIVE_TODAY: TODAY });
    expect(unset.code).toBe(2);
    expect(unset.stderr).toContain("$GOLIVE_WEBHOOK_URL is not set");
    const clear = await golive(repo, ["notify", "--to", "slack", "--webhook-env", "HOOK"], {
      GOLIVE_TODAY: TODAY,
      HOOK: "http://hooks.example.com/T0/SECRET-PART",
    });
    expect(clear.code).toBe(2);
    expect(clear.stderr).toContain("$HOOK is not an https URL");
    expect(clear.stderr).not.toContain("SECRET-PART");
  });
});
