import { describe, expect, it } from "vitest";
import { buildBoard } from "../../src/core/board.js";
import { boardWarnings } from "../../src/core/warnings.js";
import { sprykerCatalogue } from "../helpers/catalogue.js";

const catalogue = sprykerCatalogue();

describe("boardWarnings", () => {
  it("names each problem of the state file by code", () => {
    const board = buildBoard(
      catalogue,
      {
        golive: 1,
        catalogue: { name: "spryker-cloud", version: "2023-01-23" },
        goLive: "2027-03-01",
        items: {
          "OLD-1": { status: "done" },
          "GEN-8": { status: "done" },
          "GEN-08": { status: "done" },
          "CLO-02": { status: "blocked" },
        },
      },
      "2027-02-01",
    );
    expect(boardWarnings(board)).toEqual([
      { code: "orphan-entry", id: "OLD-1" },
      { code: "duplicate-entry", id: "GEN-8" },
      { code: "missing-reason", id: "CLO-02", status: "blocked" },
      { code: "catalogue-changed", recorded: "2023-01-23", current: "2025-06-27" },
    ]);
  });
});
