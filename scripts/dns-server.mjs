// A small DNS server on 127.0.0.1 for golive probe's tests and `npm run demo:probe`: answers A,
// AAAA, CNAME and TXT queries from a table, with TTLs, over UDP. Not a general server: one
// question per query, no compression in answers, unknown names answer NXDOMAIN, and a name
// listed in `silent` gets no answer at all (a resolver that never answers).
import { createSocket } from "node:dgram";

const TYPES = { A: 1, CNAME: 5, TXT: 16, AAAA: 28 };

function encodeName(name) {
  const parts = name.replace(/\.$/, "").split(".").filter(Boolean);
  const out = [];
  for (const p of parts) {
    const b = Buffer.from(p, "ascii");
    out.push(Buffer.from([b.length]), b);
  }
  out.push(Buffer.from([0]));
  return Buffer.concat(out);
}

function readName(msg, offset) {
  const labels = [];
  let i = offset;
  for (let guard = 0; guard < 128; guard++) {
    const len = msg[i];
    if (len === undefined) throw new Error("short");
    if (len === 0) return { name: labels.join("."), end: i + 1 };
    labels.push(msg.subarray(i + 1, i + 1 + len).toString("ascii"));
    i += 1 + len;
  }
  throw new Error("long");
}

function rr(name, type, ttl, data) {
  const head = Buffer.alloc(10);
  head.writeUInt16BE(type, 0);
  head.writeUInt16BE(1, 2);
  head.writeUInt32BE(ttl, 4);
  head.writeUInt16BE(data.length, 8);
  return Buffer.concat([encodeName(name), head, data]);
}

function rdata(type, value) {
  if (type === TYPES.A) return Buffer.from(value.split(".").map(Number));
  if (type === TYPES.AAAA) {
    const [head, tail = ""] = value.split("::");
    const h = head ? head.split(":") : [];
    const t = tail ? tail.split(":") : [];
    const groups = [...h, ...Array(8 - h.length - t.length).fill("0"), ...t];
    const b = Buffer.alloc(16);
    for (const [i, g] of groups.entries()) b.writeUInt16BE(Number.parseInt(g || "0", 16), i * 2);
    return b;
  }
  if (type === TYPES.CNAME) return encodeName(value);
  // TXT: character strings of at most 255 bytes.
  const bytes = Buffer.from(value, "utf8");
  const chunks = [];
  for (let i = 0; i < bytes.length || i === 0; i += 255) {
    const c = bytes.subarray(i, i + 255);
    chunks.push(Buffer.from([c.length]), c);
    if (bytes.length === 0) break;
  }
  return Buffer.concat(chunks);
}

/**
 * Starts the server. `zone` maps a lower-case name to `{ A, AAAA, TXT: [[value, ttl]...],
 * CNAME: [target, ttl] }`; `silent` is a set of names never answered.
 * Resolves to `{ port, close }`.
 */
export function startDnsServer(zone, silent = new Set()) {
  const socket = createSocket("udp4");
  socket.on("message", (msg, peer) => {
    let q;
    try {
      q = readName(msg, 12);
    } catch {
      return;
    }
    const name = q.name.toLowerCase();
    if (silent.has(name)) return;
    const qtype = msg.readUInt16BE(q.end);
    const question = msg.subarray(12, q.end + 4);
    const answers = [];
    let current = name;
    let rcode = zone[name] ? 0 : 3;
    for (let hop = 0; hop < 8 && zone[current]; hop++) {
      const entry = zone[current];
      if (entry.CNAME && qtype !== TYPES.CNAME) {
        answers.push(rr(current, TYPES.CNAME, entry.CNAME[1], rdata(TYPES.CNAME, entry.CNAME[0])));
        current = entry.CNAME[0].toLowerCase();
        if (!zone[current]) rcode = 0;
        continue;
      }
      const key = Object.keys(TYPES).find((k) => TYPES[k] === qtype);
      const list =
        key === "CNAME" ? (entry.CNAME ? [entry.CNAME] : []) : key ? (entry[key] ?? []) : [];
      for (const [value, ttl] of list) answers.push(rr(current, qtype, ttl, rdata(qtype, value)));
      break;
    }
    const header = Buffer.alloc(12);
    msg.copy(header, 0, 0, 2);
    header.writeUInt16BE(0x8180 | rcode, 2);
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(answers.length, 6);
    socket.send(Buffer.concat([header, question, ...answers]), peer.port, peer.address);
  });
  return new Promise((resolve) => {
    socket.bind(0, "127.0.0.1", () =>
      resolve({ port: socket.address().port, close: () => socket.close() }),
    );
  });
}
