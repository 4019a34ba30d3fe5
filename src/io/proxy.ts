/**
 * The probe's way through an HTTP proxy, as curl reads one: HTTPS_PROXY, HTTP_PROXY and
 * NO_PROXY, credentials sent to the proxy only, HTTPS and TLS through CONNECT.
 */
import { request as httpRequest } from "node:http";
import { isIP, type Socket } from "node:net";
import type { Failed } from "../probe/net.js";
import { netErrorCode } from "./net-errors.js";

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

/** The header that gives the proxy its credentials, if its URL holds them. */
export function proxyAuth(p: URL): Record<string, string> {
  return p.username
    ? {
        "proxy-authorization": `Basic ${Buffer.from(`${percentDecoded(p.username)}:${percentDecoded(p.password)}`).toString("base64")}`,
      }
    : {};
}

/** A socket to `host:port` through the proxy's CONNECT, or why there is none. */
export function tunnel(
  proxy: URL,
  host: string,
  port: number,
  ms: number,
  userAgent: string,
): Promise<Socket | Failed> {
  return new Promise<Socket | Failed>((done) => {
    const target = `${isIP(host) === 6 ? `[${host}]` : host}:${port}`;
    const req = httpRequest({
      host: proxy.hostname.replace(/^\[(.*)\]$/, "$1"),
      port: Number(proxy.port) || 80,
      method: "CONNECT",
      path: target,
      headers: { host: target, "user-agent": userAgent, ...proxyAuth(proxy) },
      agent: false,
    });
    const timer = setTimeout(() => req.destroy(new Error("timeout")), ms);
    req.on("error", (e) => {
      clearTimeout(timer);
      done({ error: netErrorCode(e) });
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
}
