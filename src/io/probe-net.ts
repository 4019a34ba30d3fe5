/**
 * The only door `golive probe` has to the network: GET/HEAD with a time and size bound, a TLS
 * handshake that reports instead of refusing, and DNS through one resolver. Never follows a
 * redirect, never sends credentials, never throws: every failure is `{ error }` with a reason.
 * Kept small so it can merge with the bounded body reader of src/io/.
 */
import { Resolver } from "node:dns/promises";
import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { checkServerIdentity, connect, rootCertificates } from "node:tls";

export interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The body was longer than the bound and was cut. */
  truncated: boolean;
  ms: number;
}

export interface TlsAnswer {
  protocol: string | null;
  /** Why the chain is not trusted (Node's code), if it is not. */
  chainError?: string;
  /** Why the certificate does not cover the host, if it does not. */
  hostError?: string;
  validTo?: string;
}

export interface DnsAnswer {
  cname: string[];
  addresses: { address: string; ttl: number }[];
}

export type Failed = { error: string };

export interface ProbeNet {
  http(url: string, method?: "GET" | "HEAD"): Promise<HttpAnswer | Failed>;
  tls(host: string, port: number): Promise<TlsAnswer | Failed>;
  dns(host: string): Promise<DnsAnswer | Failed>;
  txt(name: string): Promise<string[] | Failed>;
}

export interface NetOptions {
  userAgent: string;
  timeoutMs: number;
  maxBytes: number;
  /** curl's `--resolve HOST:PORT:ADDRESS`. */
  resolve?: readonly string[];
  /** `--dns SERVER[:PORT]`. */
  dnsServer?: string;
  /** Extra trusted CA, PEM. */
  ca?: string;
  /** At most this many requests at a time. */
  concurrency?: number;
}

/** A counting gate: at most `n` tasks run at once. */
export function limiter(n: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (active >= n) await new Promise<void>((r) => waiting.push(r));
    active++;
    try {
      return await task();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

/** Parses `HOST:PORT:ADDRESS` entries; throws a plain Error with the bad entry's position. */
export function parseResolve(entries: readonly string[]): Map<string, string> {
  const map = new Map<string, string>();
  entries.forEach((e, i) => {
    const m = /^([^:]+):(\d{1,5}):(.+)$/.exec(e);
    const address = m?.[3]?.replace(/^\[(.*)\]$/, "$1");
    if (!m || !address || isIP(address) === 0)
      throw new Error(`--resolve #${i + 1} is not HOST:PORT:ADDRESS`);
    map.set(`${m[1]!.toLowerCase()}:${m[2]}`, address);
  });
  return map;
}

function reason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  return err?.code ?? err?.message ?? "failed";
}

export function createProbeNet(options: NetOptions): ProbeNet {
  const pinned = parseResolve(options.resolve ?? []);
  const gate = limiter(options.concurrency ?? 8);
  const ca = options.ca ? [...rootCertificates, options.ca] : undefined;
  const lookupFor =
    (port: number): LookupFunction =>
    (hostname, opts, cb) => {
      const address = pinned.get(`${hostname.toLowerCase()}:${port}`);
      if (address === undefined) {
        // Not pinned: the system's resolver, as any client would.
        import("node:dns").then((dns) => dns.lookup(hostname, opts, cb));
        return;
      }
      const family = isIP(address);
      if ((opts as { all?: boolean }).all) cb(null, [{ address, family }]);
      else cb(null, address, family);
    };
  const resolver = new Resolver({ timeout: options.timeoutMs, tries: 1 });
  if (options.dnsServer) resolver.setServers([options.dnsServer]);

  const http = (url: string, method: "GET" | "HEAD" = "GET") =>
    gate(
      () =>
        new Promise<HttpAnswer | Failed>((done) => {
          let u: URL;
          try {
            u = new URL(url);
          } catch {
            done({ error: "bad-url" });
            return;
          }
          const https = u.protocol === "https:";
          const port = Number(u.port) || (https ? 443 : 80);
          const started = performance.now();
          const req = (https ? httpsRequest : httpRequest)(u, {
            method,
            headers: { "user-agent": options.userAgent, accept: "*/*" },
            lookup: lookupFor(port),
            agent: false,
            ...(https ? { ca, rejectUnauthorized: false, servername: u.hostname } : {}),
          });
          const timer = setTimeout(() => {
            req.destroy(new Error("timeout"));
          }, options.timeoutMs);
          req.on("error", (e) => {
            clearTimeout(timer);
            done({ error: reason(e) === "timeout" ? "timeout" : reason(e) });
          });
          req.on("response", (res) => {
            const chunks: Buffer[] = [];
            let size = 0;
            let truncated = false;
            const finish = () => {
              clearTimeout(timer);
              done({
                status: res.statusCode ?? 0,
                headers: res.headers,
                body: Buffer.concat(chunks),
                truncated,
                ms: Math.round(performance.now() - started),
              });
            };
            res.on("data", (c: Buffer) => {
              if (truncated) return;
              const room = options.maxBytes - size;
              if (c.length >= room) {
                chunks.push(c.subarray(0, room));
                size = options.maxBytes;
                truncated = true;
                finish();
                res.destroy();
                req.destroy();
                return;
              }
              chunks.push(c);
              size += c.length;
            });
            res.on("end", () => {
              if (!truncated) finish();
            });
            res.on("error", (e) => {
              if (truncated) return;
              clearTimeout(timer);
              done({ error: reason(e) });
            });
          });
          req.end();
        }),
    );

  const tls = (host: string, port: number) =>
    gate(
      () =>
        new Promise<TlsAnswer | Failed>((done) => {
          const socket = connect({
            host,
            port,
            servername: isIP(host) ? undefined : host,
            ...(ca ? { ca } : {}),
            rejectUnauthorized: false,
            lookup: lookupFor(port),
          });
          const timer = setTimeout(() => socket.destroy(new Error("timeout")), options.timeoutMs);
          socket.on("error", (e) => {
            clearTimeout(timer);
            done({ error: reason(e) === "timeout" ? "timeout" : reason(e) });
          });
          socket.on("secureConnect", () => {
            clearTimeout(timer);
            const cert = socket.getPeerCertificate();
            const hostError = cert?.subject ? checkServerIdentity(host, cert) : undefined;
            const chainError = socket.authorizationError;
            done({
              protocol: socket.getProtocol(),
              ...(chainError ? { chainError: String(chainError) } : {}),
              ...(hostError ? { hostError: "ERR_TLS_CERT_ALTNAME_INVALID" } : {}),
              ...(cert?.valid_to ? { validTo: cert.valid_to } : {}),
            });
            socket.end();
          });
        }),
    );

  const dns = async (host: string): Promise<DnsAnswer | Failed> => {
    if (isIP(host)) return { cname: [], addresses: [{ address: host, ttl: 0 }] };
    const cname: string[] = [];
    let name = host;
    try {
      for (let i = 0; i < 8; i++) {
        const next = await resolver.resolveCname(name).catch(() => [] as string[]);
        if (next.length === 0 || next[0] === undefined) break;
        name = next[0];
        cname.push(name);
      }
      const v4 = await resolver.resolve4(name, { ttl: true }).catch(() => []);
      const v6 = await resolver.resolve6(name, { ttl: true }).catch(() => []);
      const addresses = [...v4, ...v6];
      if (addresses.length === 0) return { error: "ENOTFOUND" };
      return { cname, addresses };
    } catch (e) {
      return { error: reason(e) };
    }
  };

  const txt = async (name: string): Promise<string[] | Failed> => {
    try {
      return (await resolver.resolveTxt(name)).map((parts) => parts.join(""));
    } catch (e) {
      const r = reason(e);
      return r === "ENODATA" || r === "ENOTFOUND" ? [] : { error: r };
    }
  };

  return { http, tls, dns, txt };
}
