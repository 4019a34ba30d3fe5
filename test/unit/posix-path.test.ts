/**
 * Relative paths are written with `/` in one place (io/posix-path.ts): what git, GitHub and
 * golive.yaml read is the same on every system, and no module builds it by hand.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, sep } from "node:path";
import { describe, expect, it } from "vitest";
import { posixRelative, toPosix } from "../../src/io/posix-path.js";

const SRC = join(import.meta.dirname, "../../src");

describe("posix paths", () => {
  it("are relative to the folder given, with /", () => {
    expect(posixRelative("/repo", "/repo/config/Shared/config_default.php")).toBe(
      "config/Shared/config_default.php",
    );
    expect(posixRelative("/repo", "/repo")).toBe("");
    expect(toPosix(["deploy", "shop.yml"].join(sep))).toBe("deploy/shop.yml");
  });

  it("are made by io/posix-path.ts only", () => {
    const handMade = readdirSync(SRC, { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".ts") && f !== join("io", "posix-path.ts"))
      .filter((f) => /\.split\(sep\)/.test(readFileSync(join(SRC, f), "utf8")));
    expect(handMade).toEqual([]);
  });
});
