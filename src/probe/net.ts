/**
 * What the probe's checks ask the network, as data: the answers of the one network door
 * (io/probe-net.ts makes the real one; tests may pass their own). Here, so that probe/ stays
 * pure over an injected door, as verify/ is over an injected repository view.
 */

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
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
