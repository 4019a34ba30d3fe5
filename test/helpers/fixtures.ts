/**
 * Small in-memory catalogues and boards for unit tests of the gate and the renderers,
 * and the hostile texts every renderer must survive.
 */
import { type Board, buildBoard } from "../../src/core/board.js";
import { type Catalogue, indexCatalogue } from "../../src/core/catalogue.js";
import {
  type BoardReport,
  type BoardReportInput,
  buildBoardReport,
} from "../../src/core/report.js";
import type { CatalogueFile } from "../../src/schema/catalogue.js";
import type { ItemState, StateData } from "../../src/schema/state.js";

export const GO_LIVE = "2027-03-01";

export function smallCatalogue(): Catalogue {
  const file: CatalogueFile = {
    format: 1,
    name: "demo",
    title: "Demo checklist",
    version: "1",
    categories: [
      { id: "GEN", title: "General" },
      { id: "CLO", title: "Cloud" },
    ],
    phases: [
      { id: "eight-weeks", title: "Eight weeks before", opens: -56, due: -28 },
      { id: "two-weeks", title: "Two weeks before", opens: -14, due: -7 },
      { id: "go-live", title: "Go-live day", opens: 0, due: 0 },
    ],
    items: [
      { id: "GEN-1", category: "GEN", phase: "eight-weeks", title: "Share plan", summary: "s" },
      {
        id: "GEN-2",
        category: "GEN",
        phase: "eight-weeks",
        title: "Optional thing",
        summary: "s",
        optional: true,
      },
      { id: "CLO-1", category: "CLO", phase: "two-weeks", title: "DNS", summary: "s" },
      { id: "CLO-2", category: "CLO", phase: "two-weeks", title: "Load test", summary: "s" },
      { id: "CLO-3", category: "CLO", phase: "go-live", title: "Switch DNS", summary: "s" },
    ],
  };
  return indexCatalogue(file);
}

export function board(
  items: Record<string, ItemState>,
  today: string,
  catalogue: Catalogue = smallCatalogue(),
): Board {
  const state: StateData = {
    golive: 1,
    catalogue: { name: "demo" },
    goLive: GO_LIVE,
    settings: { weekendShift: false },
    items,
  };
  return buildBoard(catalogue, state, today);
}

/** The report status and export render, over every item of `b` unless told otherwise. */
export function report(
  b: Board,
  extra: Partial<BoardReportInput> = {},
  catalogue: Catalogue = smallCatalogue(),
): BoardReport {
  return buildBoardReport({
    catalogue,
    board: b,
    items: b.items,
    state: { goLive: b.goLive },
    ...extra,
  });
}

const LONG = "x".repeat(5000);

/** Texts that try to break out of every format golive writes. */
export const HOSTILE = {
  newline: "first line\nsecond line\r\nthird",
  workflow: "::error::pwned\n::warning title=x::also pwned",
  percent: "%0A::error::encoded %25 %0D",
  script: '</script><script>alert("x")</script><img src=x onerror=alert(1)>',
  cdata: "]]><![CDATA[ & <tag> ' \"",
  formula: '=HYPERLINK("http://evil","click")',
  unicode: "Zoë 🚀 日本",
  control: "bell\u0007 esc\u001b[31m nul\u0000 bidi\u202e",
  pipe: "a | b | c",
  mention: "@octocat @acme/security https://evil.example/x WWW.evil.example mail@evil.example",
  long: LONG,
};

export const HOSTILE_TEXT = Object.values(HOSTILE).join(" ");
