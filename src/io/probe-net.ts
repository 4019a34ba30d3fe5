/**
 * The only door `golive probe` has to the network: GET/HEAD with a time and size bound, a TLS
 * handshake that reports instead of refusing, and DNS through one resolver. Never follows a
 * redirect, never sends credentials, never throws: every failure is `{ error }` with a reason.
 * Kept small so it can merge with the bounded body reader of src/io/.
 */
import { Resolver } from "node:dns/promises";
import { type ClientRequest, request as httpRequest, type RequestOptions } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP, type LookupFunction, type Socket } from "node:net";
import { checkServerIdentity, connect, rootCertificates, type TLSSocket } from "node:tls";
import type { DnsAnswer, Failed, HttpAnswer, ProbeNet, TlsAnswer } from "../probe/net.js";

export type { DnsAnswer, Failed, HttpAnswer, ProbeNet, TlsAnswer } from "../probe/net.js";

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
  /** The whole run's bound: a request started after it, or still running, ends as `run-timeout`. */
  runMs?: number;
  /** HTTPS_PROXY, HTTP_PROXY and NO_PROXY as the environment gives them. */
  proxy?: ProxySettings;
}

export interface ProxySettings {
  https?: string;
  http?: string;
  noProxy?: string;
}

/** The proxy settings of an environment, read as curl reads them (upper or lower case). */
export function proxyFromEnv(env: NodeJS.ProcessEnv): ProxySettings {
  const pick = (name: string) => env[name.toUpperCase()] || env[name] || undefined;
  const https = pick("https_proxy");
  const http = pick("http_proxy");
  const noProxy = pick("no_proxy");
  return {
    ...(https ? { https } : {}),
    ...(http ? { http } : {}),
    ...(noProxy ? { noProxy } : {}),
  };
}

/** The proxy URL, or a reason it cannot be used (never the URL itself: it may hold a password). */
export function parseProxy(text: string): URL | { error: string } {
  let u: URL;
  try {
    u = new URL(text.includes("://") ? text : `http://${text}`);
  } catch {
    return { error: "not a URL" };
  }
  if (u.protocol !== "http:") return { error: "not an http:// proxy" };
  return u;
}

/** Whether NO_PROXY exempts `host:port`: `*`, a host, `.domain` or `*.domain`, `host:port`. */
export function bypassesProxy(noProxy: string | undefined, host: string, port: number): boolean {
  if (!noProxy) return false;
  const h = host.toLowerCase().replace(/^\[(.*)\]$/, "$1");
  for (const raw of noProxy.split(/[\s,]+/)) {
    const entry = raw.trim().toLowerCase();
    if (entry === "") continue;
    if (entry === "*") return true;
    const m = /^(.*?)(?::(\d+))?$/.exec(entry.replace(/^\[(.*)\](:\d+)?$/, "$1$2"));
    const name = (m?.[1] ?? "").replace(/^\*?\./, ".");
    if (m?.[2] !== undefined && Number(m[2]) !== port) continue;
    if (name.startsWith(".") ? h.endsWith(name) || h === name.slice(1) : h === name) return true;
  }
  return false;
}

/** A proxy URL's user or password as typed: a stray `%` stays itself instead of throwing. */
function percentDecoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** An IPv6 address as its eight 16-bit groups, or undefined when it is not one. */
function ipv6Groups(address: string): number[] | undefined {
  let text = address;
  // A dotted IPv4 tail (`::ffff:169.254.169.254`) as its two groups.
  const dotted = /^(.*:)(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(2).map(Number) as [number, number, number, number];
    text = `${dotted[1]}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const part = (h: string) => (h === "" ? [] : h.split(":"));
  const head = part(halves[0]!);
  const tail = halves.length === 2 ? part(halves[1]!) : [];
  const fill = halves.length === 2 ? 8 - head.length - tail.length : 0;
  if (fill < 0) return undefined;
  const groups = [...head, ...Array<string>(fill).fill("0"), ...tail];
  if (groups.length !== 8 || !groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return undefined;
  return groups.map((g) => Number.parseInt(g, 16));
}

/**
 * Link-local addresses (cloud metadata services live there): never a shop, never contacted.
 * IPv4 written inside IPv6 counts as IPv4 in every spelling URL parsers produce: mapped
 * (`::ffff:a9fe:a9fe`), compatible (`::a9fe:a9fe`) and NAT64 (`64:ff9b::a9fe:a9fe`).
 */
export function isLinkLocal(address: string): boolean {
  const a = address.toLowerCase().replace(/^\[(.*)\]$/, "$1");
  if (/^169\.254\.\d{1,3}\.\d{1,3}$/.test(a)) return true;
  const g = ipv6Groups(a);
  if (!g) return false;
  if ((g[0]! & 0xffc0) === 0xfe80) return true;
  const zeros = (n: number) => g.slice(0, n).every((x) => x === 0);
  const embedsIpv4 =
    (zeros(5) && (g[5] === 0xffff || g[5] === 0)) ||
    (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0));
  return embedsIpv4 && g[6] === 0xa9fe;
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

/** An error as a short code: Node's code, never its message (which may quote the server). */
function reason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (typeof err?.code === "string" && /^[A-Z][A-Z0-9_]{0,40}$/.test(err.code)) return err.code;
  if (err?.message === "timeout" || err?.message === "run-timeout") return err.message;
  if (typeof err?.message === "string" && /^[a-z][a-z0-9-]{0,40}$/.test(err.message))
    return err.message;
  return "failed";
}

export function createProbeNet(options: NetOptions): ProbeNet {
  const pinned = parseResolve(options.resolve ?? []);
  const gate = limiter(options.concurrency ?? 8);
  const ca = options.ca ? [...rootCertificates, options.ca] : undefined;
  const started = performance.now();
  const runMs = options.runMs ?? Number.POSITIVE_INFINITY;
  const left = () => runMs - (performance.now() - started);
  /** The bound of one request: its own, cut to what is left of the run's. */
  const bound = (): { ms: number; error: string } =>
    left() < options.timeoutMs
      ? { ms: Math.max(0, left()), error: "run-timeout" }
      : { ms: options.timeoutMs, error: "timeout" };
  const proxies = {
    https: options.proxy?.https ? parseProxy(options.proxy.https) : undefined,
    http: options.proxy?.http ? parseProxy(options.proxy.http) : undefined,
  };
  const proxyFor = (scheme: "https" | "http", host: string, port: number): URL | undefined => {
    const p = proxies[scheme];
    if (p === undefined || "error" in p) return undefined;
    return bypassesProxy(options.proxy?.noProxy, host, port) ? undefined : p;
  };
  const proxyAuth = (p: URL): Record<string, string> =>
    p.username
      ? {
          "proxy-authorization": `Basic ${Buffer.from(`${percentDecoded(p.username)}:${percentDecoded(p.password)}`).toString("base64")}`,
        }
      : {};

  const resolver = new Resolver({ timeout: options.timeoutMs, tries: 1 });
  if (options.dnsServer) resolver.setServers([options.dnsServer]);
  const lookupFor =
    (port: number): LookupFunction =>
    (hostname, opts, cb) => {
      const address = pinned.get(`${hostname.toLowerCase()}:${port}`);
      const all = (opts as { all?: boolean }).all;
      const answer = (addr: string) => {
        if (isLinkLocal(addr)) {
          const e = new Error("link-local") as NodeJS.ErrnoException;
          e.code = "ELINKLOCAL";
          cb(e, "", 4);
          return;
        }
        const family = isIP(addr);
        if (all) cb(null, [{ address: addr, family }]);
        else cb(null, addr, family);
      };
      if (address !== undefined) {
        answer(address);
        return;
      }
      // `--dns`: connections ask that server too, as the DNS check does.
      if (options.dnsServer) {
        resolver
          .resolve4(hostname)
          .catch(() => resolver.resolve6(hostname))
          .then(
            (list) => {
              if (list[0] === undefined) throw Object.assign(new Error("x"), { code: "ENOTFOUND" });
              answer(list[0]);
            },
            (err) => cb(err as NodeJS.ErrnoException, "", 4),
          )
          .catch((err) => cb(err as NodeJS.ErrnoException, "", 4));
        return;
      }
      // Not pinned: the system's resolver, as any client would; one address, checked.
      import("node:dns").then((dns) =>
        dns.lookup(hostname, { family: (opts as { family?: number }).family ?? 0 }, (err, a) => {
          if (err) cb(err, "", 4);
          else answer(a);
        }),
      );
    };

  /** A socket to `host:port` through the proxy's CONNECT, or why there is none. */
  const tunnel = (proxy: URL, host: string, port: number, ms: number) =>
    new Promise<Socket | Failed>((done) => {
      const target = `${isIP(host) === 6 ? `[${host}]` : host}:${port}`;
      const req = httpRequest({
        host: proxy.hostname.replace(/^\[(.*)\]$/, "$1"),
        port: Number(proxy.port) || 80,
        method: "CONNECT",
        path: target,
        headers: { host: target, "user-agent": options.userAgent, ...proxyAuth(proxy) },
        agent: false,
      });
      const timer = setTimeout(() => req.destroy(new Error("timeout")), ms);
      req.on("error", (e) => {
        clearTimeout(timer);
        done({ error: reason(e) });
      });
      req.on("connect", (res, socket) => {
        clearTimeout(timer);
        if (res.statusCode !== 200) {
          socket.destroy();
          done({ error: `proxy-${res.statusCode ?? 0}` });
        } else done(socket);
      });
      req.end();
    });

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
          // GET and HEAD on the web only: a redirect to file: or data: is not followed here.
          if ((u.protocol !== "https:" && u.protocol !== "http:") || u.username || u.password) {
            done({ error: "bad-url" });
            return;
          }
          const host = u.hostname.replace(/^\[(.*)\]$/, "$1");
          if (isLinkLocal(host)) {
            done({ error: "ELINKLOCAL" });
            return;
          }
          const limit = bound();
          if (limit.ms <= 0) {
            done({ error: limit.error });
            return;
          }
          const https = u.protocol === "https:";
          const port = Number(u.port) || (https ? 443 : 80);
          const proxy = proxyFor(https ? "https" : "http", host, port);
          const begun = performance.now();
          const base: RequestOptions = {
            method,
            headers: { "user-agent": options.userAgent, accept: "*/*" },
            agent: false,
            maxHeaderSize: 16 * 1024,
          };
          let req: ClientRequest;
          if (proxy && !https) {
            // A plain-HTTP request through a proxy names the whole URL.
            req = httpRequest({
              ...base,
              host: proxy.hostname.replace(/^\[(.*)\]$/, "$1"),
              port: Number(proxy.port) || 80,
              path: u.toString(),
              headers: { ...base.headers, host: u.host, ...proxyAuth(proxy) },
            });
          } else {
            const tls = https ? { ca, rejectUnauthorized: false, servername: u.hostname } : {};
            req = (https ? httpsRequest : httpRequest)(u, {
              ...base,
              lookup: lookupFor(port),
              ...tls,
              ...(proxy
                ? {
                    // No agent: with `agent: false` Node makes one, and it ignores this.
                    agent: undefined,
                    createConnection: (
                      _opts: unknown,
                      cb: (err: Error | null, socket?: TLSSocket) => void,
                    ) => {
                      tunnel(proxy, host, port, limit.ms).then((s) => {
                        if ("error" in s) {
                          const e = new Error(s.error) as NodeJS.ErrnoException;
                          e.code = s.error.toUpperCase().replace(/-/g, "_");
                          cb(e);
                        } else
                          cb(
                            null,
                            connect({
                              socket: s,
                              servername: isIP(host) ? undefined : host,
                              ...(ca ? { ca } : {}),
                              rejectUnauthorized: false,
                            }),
                          );
                      });
                      return undefined;
                    },
                  }
                : {}),
            } as RequestOptions);
          }
          const timer = setTimeout(() => {
            req.destroy(new Error(limit.error));
          }, limit.ms);
          req.on("error", (e) => {
            clearTimeout(timer);
            done({ error: reason(e) });
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
                ms: Math.round(performance.now() - begun),
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
    gate(async (): Promise<TlsAnswer | Failed> => {
      if (isLinkLocal(host)) return { error: "ELINKLOCAL" };
      const limit = bound();
      if (limit.ms <= 0) return { error: limit.error };
      const proxy = proxyFor("https", host, port);
      const through = proxy ? await tunnel(proxy, host, port, limit.ms) : undefined;
      if (through && "error" in through) return through;
      return new Promise<TlsAnswer | Failed>((done) => {
        const socket = connect({
          ...(through ? { socket: through } : { host, port, lookup: lookupFor(port) }),
          servername: isIP(host) ? undefined : host,
          ...(ca ? { ca } : {}),
          rejectUnauthorized: false,
          // Offer the old protocols too, only here: a server that speaks nothing newer is then
          // a failing verdict that says so, not a handshake error.
          minVersion: "TLSv1",
          ciphers: "DEFAULT:@SECLEVEL=0",
        });
        const timer = setTimeout(() => socket.destroy(new Error(limit.error)), limit.ms);
        socket.on("error", (e) => {
          clearTimeout(timer);
          done({ error: reason(e) });
        });
        socket.on("secureConnect", () => {
          clearTimeout(timer);
          const cert = socket.getPeerCertificate();
          const hostError = cert?.subject ? checkServerIdentity(host, cert) : undefined;
          const chainError = socket.authorizationError;
          done({
            protocol: socket.getProtocol(),
            // Node's code as a string (`CERT_HAS_EXPIRED`); anything else, as a plain code.
            ...(chainError
              ? {
                  chainError: /^[A-Z][A-Z0-9_]{0,40}$/.test(String(chainError))
                    ? String(chainError)
                    : reason(chainError),
                }
              : {}),
            ...(hostError ? { hostError: "ERR_TLS_CERT_ALTNAME_INVALID" } : {}),
            ...(cert?.valid_to ? { validTo: cert.valid_to } : {}),
          });
          socket.end();
        });
      });
    });

  const dns = async (host: string): Promise<DnsAnswer | Failed> => {
    if (isIP(host)) return { cname: [], addresses: [{ address: host, ttl: 0 }] };
    if (left() <= 0) return { error: "run-timeout" };
    const cname: string[] = [];
    let name = host;
    try {
      for (let i = 0; i < 8; i++) {
        const next = await resolver.resolveCname(name).catch((e) => e as Error);
        // No CNAME is the usual answer; a server that does not answer ends the lookup here.
        if (next instanceof Error) {
          const r = reason(next);
          if (r === "ENODATA" || r === "ENOTFOUND") break;
          return { error: r };
        }
        if (next.length === 0 || next[0] === undefined) break;
        name = next[0];
        cname.push(name);
      }
      const v4 = await resolver.resolve4(name, { ttl: true }).catch((e) => e as Error);
      const v6 = await resolver.resolve6(name, { ttl: true }).catch(() => []);
      const addresses = [...(Array.isArray(v4) ? v4 : []), ...v6];
      if (addresses.length === 0) {
        const r = v4 instanceof Error ? reason(v4) : "ENOTFOUND";
        return { error: r === "ENODATA" ? "ENOTFOUND" : r };
      }
      return { cname, addresses };
    } catch (e) {
      return { error: reason(e) };
    }
  };

  const txt = async (name: string): Promise<string[] | Failed> => {
    if (left() <= 0) return { error: "run-timeout" };
    try {
      return (await resolver.resolveTxt(name)).map((parts) => parts.join(""));
    } catch (e) {
      const r = reason(e);
      return r === "ENODATA" || r === "ENOTFOUND" ? [] : { error: r };
    }
  };

  return { http, tls, dns, txt };
}
