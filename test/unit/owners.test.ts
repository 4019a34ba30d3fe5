import { describe, expect, it } from "vitest";
import { matchOwner } from "../../src/core/owners.js";

describe("matchOwner", () => {
  const owners = ["Sam Taylor", "Sam Okafor", "Ana Lee", "Bob"];

  it("takes the owner written so, in any case", () => {
    expect(matchOwner(owners, "ana lee")).toEqual({ ok: true, owner: "Ana Lee" });
    expect(matchOwner(owners, " BOB ")).toEqual({ ok: true, owner: "Bob" });
  });

  it("takes a first name only one owner has, and names the owners when several do", () => {
    expect(matchOwner(owners, "ana")).toEqual({ ok: true, owner: "Ana Lee" });
    expect(matchOwner(owners, "sam")).toEqual({
      ok: false,
      candidates: ["Sam Taylor", "Sam Okafor"],
      shortForms: [],
    });
  });

  it("never takes an owner written as a first name for a full name, but names it", () => {
    expect(matchOwner(owners, "Bob Jones")).toEqual({
      ok: false,
      candidates: [],
      shortForms: ["Bob"],
    });
    expect(matchOwner(owners, "Zed Nobody")).toEqual({ ok: false, candidates: [], shortForms: [] });
  });
});
