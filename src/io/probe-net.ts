/**
 * The only door `golive probe` has to the network: GET/HEAD with a time and size bound, a TLS
 * handshake that reports instead of refusing, and DNS through one resolver. Never follows a
 * redirect, never sends credentials, never throws: every failure is `{ error }` with a reason.
 * Where connections may go is io/net-lookup.ts, the way through a proxy io/proxy.ts.
 */
import { Resolver } from "node:dns/promises";
import { type ClientRequest, request as httpRequest, type RequestOptions } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP } from "node:net";
import {
  checkServerIdentity,
  connect,
  createSecureContext,
  rootCertificates,
  type SecureContext,
  type TLSSocket,
} from "node:tls";
import type { DnsAnswer, Failed, HttpAnswer, ProbeNet, TlsAnswer } from "../probe/net.js";
import { limiter } from "./limiter.js";
import { netErrorCode } from "./net-errors.js";
import { isLinkLocal, lookupVia } from "./net-lookup.js";
import { bypassesProxy, type ProxySettings, parseProxy, proxyAuth, tunnel } from "./proxy.js";

export type { DnsAnswer, Failed, HttpAnswer, ProbeNet, TlsAnswer } from "../probe/net.js";

export interface NetOptions {
  userAgent: string;
  timeoutMs: number;
  maxBytes: number;
  /** curl's `--resolve HOST:PORT:ADDRESS` as cli/options.ts parses it: `host:port` to address. */
  resolve?: ReadonlyMap<string, string>;
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

export function createProbeNet(options: NetOptions): ProbeNet {
  const pinned = options.resolve ?? new Map<string, string>();
  const gate = limiter(options.concurrency ?? 8);
  // An extra CA means a trust store of Node's roots and it, built once for the run: built per
  // connection, as `ca` on each request does, it took tens of milliseconds a request.
  const ca = options.ca ? [...rootCertificates, options.ca] : undefined;
  let requestContext: SecureContext | undefined;
  const trusted = (): { secureContext: SecureContext } | Record<string, never> => {
    if (ca === undefined) return {};
    requestContext ??= createSecureContext({ ca });
    return { secureContext: requestContext };
  };
  // What TLS questions offer: the old protocols too, only here, so that a server that speaks
  // nothing newer is a failing verdict that says so, not a handshake error.
  let inspectContext: SecureContext | undefined;
  const inspecting = (): SecureContext => {
    inspectContext ??= createSecureContext({
      ...(ca ? { ca } : {}),
      minVersion: "TLSv1",
      ciphers: "DEFAULT:@SECLEVEL=0",
    });
    return inspectContext;
  };
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

  const resolver = new Resolver({ timeout: options.timeoutMs, tries: 1 });
  if (options.dnsServer) resolver.setServers([options.dnsServer]);
  const lookupFor = lookupVia(pinned, resolver, options.dnsServer);

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
            // A server name is a host name: an address sent as one breaks RFC 6066 (Node's DEP0123).
            const tls = https
              ? {
                  ...trusted(),
                  rejectUnauthorized: false,
                  ...(isIP(host) === 0 ? { servername: host } : {}),
                }
              : {};
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
                      tunnel(proxy, host, port, limit.ms, options.userAgent).then((s) => {
                        if ("error" in s) {
                          const e = new Error(s.error) as NodeJS.ErrnoException;
                          e.code = s.error.toUpperCase().replace(/-/g, "_");
                          cb(e);
                        } else
                          cb(
                            null,
                            connect({
                              socket: s,
                              ...(isIP(host) === 0 ? { servername: host } : {}),
                              ...trusted(),
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
            done({ error: netErrorCode(e) });
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
              done({ error: netErrorCode(e) });
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
      const through = proxy
        ? await tunnel(proxy, host, port, limit.ms, options.userAgent)
        : undefined;
      if (through && "error" in through) return through;
      return new Promise<TlsAnswer | Failed>((done) => {
        const socket = connect({
          ...(through ? { socket: through } : { host, port, lookup: lookupFor(port) }),
          ...(isIP(host) === 0 ? { servername: host } : {}),
          secureContext: inspecting(),
          rejectUnauthorized: false,
        });
        const timer = setTimeout(() => socket.destroy(new Error(limit.error)), limit.ms);
        socket.on("error", (e) => {
          clearTimeout(timer);
          done({ error: netErrorCode(e) });
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
                    : netErrorCode(chainError),
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
          const r = netErrorCode(next);
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
        const r = v4 instanceof Error ? netErrorCode(v4) : "ENOTFOUND";
        return { error: r === "ENODATA" ? "ENOTFOUND" : r };
      }
      return { cname, addresses };
    } catch (e) {
      return { error: netErrorCode(e) };
    }
  };

  const txt = async (name: string): Promise<string[] | Failed> => {
    if (left() <= 0) return { error: "run-timeout" };
    try {
      return (await resolver.resolveTxt(name)).map((parts) => parts.join(""));
    } catch (e) {
      const r = netErrorCode(e);
      return r === "ENODATA" || r === "ENOTFOUND" ? [] : { error: r };
    }
  };

  return { http, tls, dns, txt };
}
