/**
 * probe never contacts a link-local address (cloud metadata services live there), in any
 * spelling a URL parser or a resolver hands it: IPv4 written inside IPv6 included.
 */
import { describe, expect, it } from "vitest";
import { isLinkLocal } from "../../src/io/net-lookup.js";

describe("isLinkLocal", () => {
  it.each([
    "169.254.169.254",
    "169.254.0.1",
    "::ffff:169.254.169.254",
    "::ffff:a9fe:a9fe",
    "[::ffff:a9fe:a9fe]",
    "0:0:0:0:0:ffff:a9fe:a9fe",
    "::a9fe:a9fe",
    "64:ff9b::a9fe:a9fe",
    "64:ff9b::169.254.169.254",
    "fe80::1",
    "[fe80::1]",
    "FEBF::1",
  ])("refuses %s", (address) => {
    expect(isLinkLocal(address)).toBe(true);
  });

  it.each([
    "127.0.0.1",
    "10.0.0.1",
    "::1",
    "::ffff:127.0.0.1",
    "::ffff:7f00:1",
    "2001:db8::a9fe:a9fe",
    "fec0::1",
    "www.shop.example",
    "169.254.example",
  ])("lets %s through", (address) => {
    expect(isLinkLocal(address)).toBe(false);
  });
});
