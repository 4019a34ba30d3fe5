import { afterEach, describe, expect, it } from "vitest";
import {
  addDays,
  daysBetween,
  fridayBefore,
  isWeekendDay,
  localDateOf,
  parseCalendarDate,
} from "../../src/core/dates.js";

const ORIGINAL_TZ = process.env.TZ;
afterEach(() => {
  // Assigning undefined would set TZ to the string "undefined" for the files that follow in
  // this worker (vitest.config.ts: isolate is off).
  if (ORIGINAL_TZ === undefined) delete process.env.TZ;
  else process.env.TZ = ORIGINAL_TZ;
});

describe("parseCalendarDate", () => {
  it.each([
    ["2027-03-01", "2027-03-01"],
    ["2028-02-29", "2028-02-29"],
    ["2027-02-30", undefined],
    ["2027-02-29", undefined],
    ["2027-13-01", undefined],
    ["2027-3-1", undefined],
    ["tomorrow-ish", undefined],
    ["2027-03-01T00:00", undefined],
    ["", undefined],
  ])("%s → %s", (text, expected) => {
    expect(parseCalendarDate(text)).toBe(expected);
  });
});

// Zones chosen for their traps: far east and west of UTC, and Sao Paulo, which until 2019
// began daylight saving at midnight, so some local midnights did not exist.
const ZONES = [
  "UTC",
  "Pacific/Kiritimati",
  "Pacific/Pago_Pago",
  "America/Sao_Paulo",
  "Europe/Berlin",
];

describe.each(ZONES)("calendar arithmetic in %s", (zone) => {
  it("adds days across month, year, leap day and daylight-saving changes", () => {
    process.env.TZ = zone;
    expect(addDays("2027-03-01", -1)).toBe("2027-02-28");
    expect(addDays("2028-03-01", -1)).toBe("2028-02-29");
    expect(addDays("2027-01-05", -56)).toBe("2026-11-10");
    expect(addDays("2018-11-03", 1)).toBe("2018-11-04");
    expect(addDays("2018-11-04", 1)).toBe("2018-11-05");
    expect(addDays("2027-03-28", 1)).toBe("2027-03-29");
    expect(addDays("2027-10-31", -1)).toBe("2027-10-30");
    expect(daysBetween("2027-01-01", "2027-03-01")).toBe(59);
    expect(daysBetween("2018-11-01", "2018-11-10")).toBe(9);
  });

  it("knows weekends and the Friday before them", () => {
    process.env.TZ = zone;
    expect(isWeekendDay("2027-02-27")).toBe(true);
    expect(isWeekendDay("2027-02-28")).toBe(true);
    expect(isWeekendDay("2027-03-01")).toBe(false);
    expect(fridayBefore("2027-02-28")).toBe("2027-02-26");
    expect(fridayBefore("2028-01-01")).toBe("2027-12-31");
  });
});

describe("localDateOf", () => {
  it("takes the local calendar date of an instant", () => {
    process.env.TZ = "Pacific/Kiritimati"; // UTC+14
    expect(localDateOf(new Date("2027-02-28T12:00:00Z"))).toBe("2027-03-01");
    process.env.TZ = "Pacific/Pago_Pago"; // UTC-11
    expect(localDateOf(new Date("2027-03-01T05:00:00Z"))).toBe("2027-02-28");
  });
});
