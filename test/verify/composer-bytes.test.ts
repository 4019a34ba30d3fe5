/**
 * composer.lock read from its bytes (verify/composer.ts `parseComposerLockBytes`): the same
 * packages, versions and lines as decoding the file as UTF-8 first, whatever the file holds
 * outside the fields golive reads.
 */
import { expect, test } from "vitest";
import { parseComposerLock, parseComposerLockBytes } from "../../src/verify/composer.js";

const encode = (text: string) => new TextEncoder().encode(text);
const viaText = (bytes: Uint8Array) => parseComposerLock(new TextDecoder().decode(bytes));

const lock = (name: string, version = "1.2.3", extra = "") =>
  [
    "{",
    '    "content-hash": "0123456789abcdef",',
    '    "packages": [',
    "        {",
    `            "name": "${name}",`,
    `            "version": "${version}",`,
    `            "description": "Gestión de pedidos — ünïcödé ${extra}",`,
    '            "authors": [{ "name": "José Müller" }]',
    "        },",
    "        {",
    '            "name": "spryker/oms",',
    '            "version": "11.2.0"',
    "        }",
    "    ],",
    '    "packages-dev": [{ "name": "spryker/code-sniffer", "version": "0.17.0" }]',
    "}",
    "",
  ].join("\n");

test("non-ASCII descriptions and authors: the same packages, versions and lines", () => {
  const bytes = encode(lock("spryker/sales"));
  const parsed = parseComposerLockBytes(bytes);
  expect(parsed).toEqual(viaText(bytes));
  expect(parsed?.packages.get("spryker/oms")).toEqual({
    name: "spryker/oms",
    version: "11.2.0",
    line: 11,
    dev: false,
  });
  expect(parsed?.contentHash).toBe("0123456789abcdef");
});

test("a name or version that is not ASCII is the UTF-8 one", () => {
  for (const bytes of [
    encode(lock("vendor/café")),
    encode(lock("spryker/sales", "1.0.0-ß")),
    encode(lock("vendor/caf\\u00e9")),
  ]) {
    const parsed = parseComposerLockBytes(bytes);
    expect(parsed).toEqual(viaText(bytes));
  }
  expect(parseComposerLockBytes(encode(lock("vendor/café")))?.packages.has("vendor/café")).toBe(
    true,
  );
});

test("a byte order mark, bytes that are not UTF-8, and a file that is not JSON", () => {
  const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...encode(lock("spryker/sales"))]);
  expect(parseComposerLockBytes(bom)).toEqual(viaText(bom));
  expect(parseComposerLockBytes(bom)?.packages.size).toBe(3);
  const text = lock("spryker/sales", "1.2.3", "\u0001");
  const broken = encode(text.replace("\u0001", "x"));
  broken[broken.indexOf(0x78, text.indexOf("ünïcödé"))] = 0xa0;
  expect(parseComposerLockBytes(broken)).toEqual(viaText(broken));
  expect(parseComposerLockBytes(encode("{ not json"))).toBeUndefined();
});
