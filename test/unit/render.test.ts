import { describe, expect, it } from "vitest";
import { renderJson } from "../../src/render/json.js";
import { renderTable } from "../../src/render/table.js";
import { colorLevel, makeStyle, relativeDue, relativeGoLive, safe } from "../../src/render/text.js";

describe("safe", () => {
  it("shows terminal escape sequences instead of obeying them", () => {
    expect(safe("\u001b]0;pwned\u0007title")).toBe("\\x1b]0;pwned\\x07title");
    expect(safe("wipe\u001b[2J")).toBe("wipe\\x1b[2J");
    expect(safe("csi\u009b31m")).toBe("csi\\x9b31m");
    expect(safe("two\nlines\tand tab")).toBe("two\\nlines\\tand tab");
    expect(safe("evil\u202Etxt.exe")).toBe("evil\\u202etxt.exe");
  });

  it("leaves ordinary text, accents and emoji alone", () => {
    expect(safe("Zoë ✓ 日本 🚀")).toBe("Zoë ✓ 日本 🚀");
  });
});

describe("relative dates", () => {
  it.each([
    [3, "due in 3 days"],
    [1, "due tomorrow"],
    [0, "due today"],
    [-1, "overdue by 1 day"],
    [-2, "overdue by 2 days"],
  ])("%i days → %s", (days, text) => {
    expect(relativeDue(days)).toBe(text);
  });

  it("counts down to go-live and past it", () => {
    expect(relativeGoLive(95)).toBe("95 days to go");
    expect(relativeGoLive(0)).toBe("go-live is today");
    expect(relativeGoLive(-3)).toBe("3 days after go-live");
  });
});

describe("colorLevel", () => {
  it.each([
    [{}, true, 1],
    [{}, false, 0],
    [{ NO_COLOR: "1" }, true, 0],
    [{ NO_COLOR: "" }, true, 1],
    [{ FORCE_COLOR: "1" }, false, 1],
    [{ FORCE_COLOR: "3" }, false, 3],
    [{ FORCE_COLOR: "0" }, true, 0],
    [{ TERM: "dumb" }, true, 0],
  ])("%o on a terminal=%s → %i", (env, tty, level) => {
    expect(colorLevel(env as NodeJS.ProcessEnv, tty)).toBe(level);
  });
});

describe("renderTable", () => {
  const rows = [
    [
      "CLO-05",
      "Evaluate DOS and DDOS prevention (backend / Merchant Portal)",
      "Kim",
      "due in 3 days",
    ],
    ["APP-01", "Activate IP tracking", "—", "due today"],
  ];
  const columns = [
    { header: "ID" },
    { header: "Title", flex: true },
    { header: "Owner" },
    { header: "When" },
  ];

  it.each([60, 80, 120])("fits %i columns", (width) => {
    const lines = renderTable(makeStyle(0, width), columns, rows).split("\n");
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(width);
    expect(lines[1]).toMatch(/^ {2}CLO-05 {2}Evaluate/);
  });

  it("cuts long titles with an ellipsis and keeps short ones whole", () => {
    const text = renderTable(makeStyle(0, 60), columns, rows);
    expect(text).toContain("…");
    expect(text).toContain("Activate IP tracking");
  });
});

describe("renderJson", () => {
  it("writes every character a terminal acts on as an escape, and the JSON means the same", () => {
    const family = "\u{1f468}\u200d\u{1f469}\u200d\u{1f467}";
    const value = { a: `x\u202ey\u2028z\u0085\u007f\u200d\ufeff\u061cü ${family}`, b: ["\u2029"] };
    const text = renderJson(value);
    expect(text).not.toMatch(/[\u007f-\u009f\u061c\u202e\u2028\u2029\ufeff]|\u007f\u200d/u);
    expect(text).toContain("\\u202e");
    expect(text).toContain("\\u0085\\u007f\\u200d\\ufeff\\u061c");
    // Characters that only show (ü, an emoji built with joiners) stay as they are.
    expect(text).toContain(`ü ${family}`);
    // A joiner after a skin tone builds one emoji too (a person of that tone at work).
    for (const emoji of [
      "\u{1f469}\u{1f3fd}\u200d\u{1f4bb}",
      "\u{1faf1}\u{1f3fb}\u200d\u{1faf2}\u{1f3ff}",
    ]) {
      expect(renderJson({ emoji })).toContain(emoji);
      expect(safe(emoji)).toBe(emoji);
    }
    expect(JSON.parse(text)).toEqual(value);
  });
});
