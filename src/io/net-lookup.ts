/**
 * Where the probe's connections may go: `--resolve` pins, link-local addresses refused (cloud
 * metadata services live there) in every spelling, the lookup connections use.
 */
import type { Resolver } from "node:dns/promises";
import { isIP, type LookupFunction } from "node:net";

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

/**
 * How connections to `port` find their address: a `--resolve` pin, else the `--dns` server,
 * else the system's resolver; a link-local answer is refused (`ELINKLOCAL`).
 */
export const lookupVia =
  (pinned: ReadonlyMap<string, string>, resolver: Resolver, dnsServer: string | undefined) =>
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
    if (dnsServer) {
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
