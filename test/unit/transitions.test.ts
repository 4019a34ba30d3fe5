import { describe, expect, it } from "vitest";
import { applyChange, snapshot } from "../../src/core/transitions.js";
import { HISTORY_FIELDS } from "../../src/schema/fields.js";
import { HistoryEntrySchema } from "../../src/schema/state.js";

describe("applyChange", () => {
  it("records who and when, without history for a first change", () => {
    expect(applyChange({}, { status: "done", note: "ok" }, "Ann", "2027-01-10")).toEqual({
      status: "done",
      note: "ok",
      by: "Ann",
      at: "2027-01-10",
    });
  });

  it("keeps the previous state in the history", () => {
    const first = applyChange({}, { status: "in-progress" }, "Ann", "2027-01-10")!;
    const second = applyChange(first, { status: "done" }, "Bob", "2027-01-12")!;
    expect(second).toEqual({
      status: "done",
      by: "Bob",
      at: "2027-01-12",
      history: [{ status: "in-progress", by: "Ann", at: "2027-01-10" }],
    });
  });

  it("changes nothing when nothing changes", () => {
    const done = applyChange({}, { status: "done" }, "Ann", "2027-01-10")!;
    expect(applyChange(done, { status: "done" }, "Bob", "2027-01-11")).toBeUndefined();
  });

  it("drops the reason when the status no longer needs one, and writes todo as absent", () => {
    const blocked = applyChange(
      { owner: "Ann" },
      { status: "blocked", reason: "DBA away" },
      "Ann",
      "2027-01-10",
    )!;
    expect(blocked.reason).toBe("DBA away");
    const reopened = applyChange(blocked, { status: "todo" }, "Ann", "2027-01-11")!;
    expect(reopened.status).toBeUndefined();
    expect(reopened.reason).toBeUndefined();
    expect(reopened.owner).toBe("Ann");
    expect(reopened.history?.at(-1)).toMatchObject({ status: "blocked", reason: "DBA away" });
  });

  it("sets the owner without touching the status", () => {
    expect(applyChange({ status: "done" }, { owner: "Cem" }, "Ann", "2027-01-10")).toMatchObject({
      status: "done",
      owner: "Cem",
    });
  });
});

describe("snapshot", () => {
  it("keeps the schema's history fields, and nothing a history entry cannot hold", () => {
    // The other fields of a history entry record a waiver replaced or withdrawn.
    expect([...HISTORY_FIELDS, "waiver", "unwaived"]).toEqual(
      Object.keys(HistoryEntrySchema.shape),
    );
    const entry = snapshot({
      status: "done",
      owner: "Ann",
      by: "Ann",
      at: "2027-01-10",
      waiver: { reason: "r", until: "2027-02-01" },
      evidence: { result: "pass", at: "2027-01-09", summary: "ok" },
      history: [{ status: "in-progress" }],
    });
    expect(entry).toEqual({ status: "done", owner: "Ann", by: "Ann", at: "2027-01-10" });
    expect(HistoryEntrySchema.safeParse(entry).success).toBe(true);
    expect(snapshot({ waiver: { reason: "r", until: "2027-02-01" } })).toBeUndefined();
  });
});
