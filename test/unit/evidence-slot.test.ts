/**
 * An item keeps one evidence, which verify --record and probe --record both write: the other
 * command's worse result stays, so that neither can wipe a failure the other saw and turn the
 * gate green on a record.
 */
import { describe, expect, it } from "vitest";
import { type ItemVerdict, keepsOther, type RecordedEvidence } from "../../src/core/verdict.js";

const GO_LIVE = "2027-03-01";
const verdict = (result: ItemVerdict["result"]): ItemVerdict => ({
  id: "CLO-17",
  title: "Remove basic auth",
  result,
  findings: [],
});
const probed = (result: RecordedEvidence["result"], at = "2027-03-02T08:00:00.000Z") => ({
  result,
  at,
  code: "auth-basic-live",
  source: "probe",
});
const verified = (result: RecordedEvidence["result"]) => ({
  result,
  at: "2027-03-02T08:00:00.000Z",
  code: "auth-missing",
});

describe("which evidence an item keeps", () => {
  it("keeps the other command's worse result", () => {
    expect(keepsOther(probed("fail"), verdict("pass"), undefined, GO_LIVE, "2027-03-03")).toBe(
      true,
    );
    expect(keepsOther(probed("warn"), verdict("pass"), undefined, GO_LIVE, "2027-03-03")).toBe(
      true,
    );
    expect(keepsOther(verified("fail"), verdict("pass"), "probe", GO_LIVE, "2027-03-03")).toBe(
      true,
    );
  });

  it("replaces the other command's result when the new one is as bad or worse", () => {
    expect(keepsOther(probed("fail"), verdict("fail"), undefined, GO_LIVE, "2027-03-03")).toBe(
      false,
    );
    expect(keepsOther(probed("pass"), verdict("warn"), undefined, GO_LIVE, "2027-03-03")).toBe(
      false,
    );
  });

  it("always replaces its own command's result, and evidence nobody knows", () => {
    expect(keepsOther(probed("fail"), verdict("pass"), "probe", GO_LIVE, "2027-03-03")).toBe(false);
    expect(keepsOther(verified("fail"), verdict("pass"), undefined, GO_LIVE, "2027-03-03")).toBe(
      false,
    );
    const handEdited = { ...verified("fail"), source: "jenkins" };
    expect(keepsOther(handEdited, verdict("pass"), undefined, GO_LIVE, "2027-03-03")).toBe(false);
    expect(keepsOther(undefined, verdict("pass"), undefined, GO_LIVE, "2027-03-03")).toBe(false);
  });

  it("does not keep probe evidence that no longer counts: recorded before go-live, judged after", () => {
    const before = probed("fail", "2027-02-20T08:00:00.000Z");
    expect(keepsOther(before, verdict("pass"), undefined, GO_LIVE, "2027-02-25")).toBe(true);
    expect(keepsOther(before, verdict("pass"), undefined, GO_LIVE, "2027-03-02")).toBe(false);
  });
});
