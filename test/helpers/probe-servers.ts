/**
 * Servers for golive probe's tests, on 127.0.0.1 only: a test PKI made by openssl at test time
 * (a root, an intermediate, certificates good, expired, for another host, self-signed, sent
 * without their intermediate), one HTTPS server that picks the certificate by SNI, one plain
 * HTTP server, both answering from a route table keyed by host and path, and the DNS server of
 * scripts/dns-server.mjs. Made once per test file.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSecureContext, type SecureContext } from "node:tls";
import { startDnsServer } from "../../scripts/dns-server.mjs";

export type Route = (res: ServerResponse, req: IncomingMessage) => void;

export interface Pem {
  key: string;
  cert: string;
}

/** A certificate authority made in a temporary folder, and certificates it signs. */
export class TestPki {
  readonly dir = mkdtempSync(join(tmpdir(), "golive-pki-"));
  readonly ca: string;
  private serial = 1;

  constructor() {
    this.ssl("req", "-x509", ...this.ec("ca"), "-out", "ca.pem", "-subj", "/CN=golive test CA");
    this.ssl("req", "-new", ...this.ec("int"), "-out", "int.csr", "-subj", "/CN=golive test int");
    this.sign("int", "ca", { ca: true, days: 30 });
    this.ca = this.read("ca.pem");
  }

  private ssl(...args: string[]) {
    execFileSync("openssl", args, { cwd: this.dir, stdio: "pipe" });
  }
  private read(name: string) {
    return readFileSync(join(this.dir, name), "utf8");
  }
  private ec(name: string) {
    return [
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:P-256",
      "-nodes",
      "-keyout",
      `${name}.key`,
      ...(name === "ca" ? ["-days", "30"] : []),
    ];
  }

  /** Signs `name.csr` with `issuer`, valid from `start` to `end` (YYYYMMDDHHMMSSZ) or for `days`. */
  private sign(
    name: string,
    issuer: string,
    o: { ca?: boolean; host?: string; start?: string; end?: string; days?: number },
  ) {
    writeFileSync(join(this.dir, "index.txt"), "");
    writeFileSync(join(this.dir, "serial"), `${(this.serial++).toString(16).padStart(2, "0")}\n`);
    const ext = o.ca
      ? "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n"
      : `subjectAltName=DNS:${o.host}\n`;
    writeFileSync(
      join(this.dir, "ca.cnf"),
      `[ca]\ndefault_ca=d\n[d]\ndatabase=index.txt\nnew_certs_dir=.\nserial=serial\ndefault_md=sha256\npolicy=p\nunique_subject=no\nx509_extensions=ext\n[p]\ncommonName=supplied\n[ext]\n${ext}`,
    );
    const dates =
      o.start && o.end
        ? ["-startdate", o.start, "-enddate", o.end]
        : ["-days", String(o.days ?? 400)];
    this.ssl(
      "ca",
      "-batch",
      "-notext",
      "-config",
      "ca.cnf",
      "-cert",
      `${issuer}.pem`,
      "-keyfile",
      `${issuer}.key`,
      "-in",
      `${name}.csr`,
      "-out",
      `${name}.pem`,
      ...dates,
    );
  }

  /** A certificate for `host` signed by the root, or by the intermediate (`viaIntermediate`). */
  leaf(
    name: string,
    host: string,
    o: { start?: string; end?: string; days?: number; viaIntermediate?: boolean } = {},
  ): Pem {
    this.ssl("req", "-new", ...this.ec(name), "-out", `${name}.csr`, "-subj", `/CN=${host}`);
    this.sign(name, o.viaIntermediate ? "int" : "ca", { ...o, host });
    return { key: this.read(`${name}.key`), cert: this.read(`${name}.pem`) };
  }

  selfSigned(name: string, host: string): Pem {
    this.ssl(
      "req",
      "-x509",
      ...this.ec(name),
      "-days",
      "30",
      "-out",
      `${name}.pem`,
      "-subj",
      `/CN=${host}`,
      "-addext",
      `subjectAltName=DNS:${host}`,
    );
    return { key: this.read(`${name}.key`), cert: this.read(`${name}.pem`) };
  }

  /** The intermediate's certificate, for a server that sends the full chain. */
  intermediate(): string {
    return this.read("int.pem");
  }

  remove() {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The route table both servers answer from: `host/path` first, then `path`. */
export class Routes {
  table = new Map<string, Route>();
  set(key: string, route: Route): this {
    this.table.set(key, route);
    return this;
  }
  clear(): this {
    this.table.clear();
    return this;
  }
  handle = (req: IncomingMessage, res: ServerResponse) => {
    const host = (req.headers.host ?? "").replace(/:\d+$/, "");
    const path = req.url ?? "/";
    const route = this.table.get(`${host}${path}`) ?? this.table.get(path);
    if (route) route(res, req);
    else {
      res.statusCode = 404;
      res.end("not here");
    }
  };
}

export interface ProbeServers {
  https: number;
  http: number;
  routes: Routes;
  dns: { port: number; close: () => void };
  close: () => void;
}

/** One HTTPS server picking its certificate by SNI (`certs` by host; the first is the default). */
export async function startServers(
  certs: Record<string, Pem>,
  zone: Record<string, unknown> = {},
  silent: Set<string> = new Set(),
): Promise<ProbeServers> {
  const routes = new Routes();
  const contexts = new Map<string, SecureContext>(
    Object.entries(certs).map(([host, pem]) => [host, createSecureContext(pem)]),
  );
  const first = Object.values(certs)[0]!;
  const servers: Server[] = [
    createHttpsServer(
      {
        ...first,
        SNICallback: (name, cb) => cb(null, contexts.get(name) ?? contexts.values().next().value),
      },
      routes.handle,
    ),
    createHttpServer(routes.handle),
  ];
  const ports: number[] = [];
  for (const s of servers) {
    await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
    ports.push((s.address() as AddressInfo).port);
  }
  const dns = await startDnsServer(zone, silent);
  return {
    https: ports[0]!,
    http: ports[1]!,
    routes,
    dns,
    close: () => {
      for (const s of servers) {
        s.closeAllConnections();
        s.close();
      }
      dns.close();
    },
  };
}

export const ok =
  (body: string | Buffer, headers: Record<string, string | string[]> = {}): Route =>
  (res) => {
    res.writeHead(200, { "content-type": "text/plain", ...headers });
    res.end(body);
  };

export const basicAuth: Route = (res) => {
  res.writeHead(401, { "www-authenticate": 'Basic realm="shop"' });
  res.end();
};

export const redirect =
  (where: string, status = 301): Route =>
  (res) => {
    res.writeHead(status, { location: where });
    res.end();
  };
