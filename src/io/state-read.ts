/**
 * Reading the state file: parsed with located errors, validated, and paired with the catalogue
 * it names. Every command reads golive.yaml through here, every time: nothing answers in its place.
 */
import { dirname, relative } from "node:path";
import { isMap, isScalar } from "yaml";
import { indexState } from "../core/board.js";
import type { Catalogue } from "../core/catalogue.js";
import { GO_LIVE_YEARS, isSchedulable, parseCalendarDate } from "../core/dates.js";
import { GoliveError } from "../errors.js";
import { STATE_VERSION, type StateData, StateSchema } from "../schema/state.js";
import { loadCatalogue } from "./catalogue.js";
import { type Confinement, confinementOf } from "./confined.js";
import { decodeEvidenceLines } from "./evidence-line.js";
import { readTextFile } from "./text-file.js";
import { locate, parseYaml, toData, validate, type YamlFile } from "./yaml-file.js";

/** The state file, checked, with its YAML document and the catalogue it names. */
export interface Workspace {
  statePath: string;
  /**
   * The folder the shop is read from (verify, recorded evidence, check's file paths): the git
   * repository around the state file, else the file's folder. Found once, when it is read.
   */
  root: string;
  /** The state file's content as read. */
  text: string;
  file: YamlFile;
  state: StateData;
  catalogue: Catalogue;
  /** The catalogue's file; undefined for a shipped catalogue of a built golive. */
  cataloguePath: string | undefined;
}

/**
 * Reads and validates the state file and the catalogue it names. `shownFrom` is the folder
 * paths in errors are shown relative to (the command's working folder). The catalogue's path
 * stays inside `inside`: the repository around the state file unless given (the portfolio's
 * copy of a ref).
 */
export function loadWorkspace(
  statePath: string,
  shownFrom: string,
  given?: string,
  inside: Confinement = confinementOf(statePath),
): Workspace {
  // `given`: the file's text, read already (the portfolio reads a ref's with git).
  const text = given ?? readTextFile(statePath, "state file");
  const { file, state } = parseState(text, relative(shownFrom, statePath) || statePath);
  const field = "name" in state.catalogue ? "name" : "path";
  const { catalogue, path } = loadCatalogue(
    state.catalogue,
    dirname(statePath),
    locate(file, ["catalogue", field]),
    [],
    inside,
  );
  checkAnswers(file, state, catalogue);
  return { statePath, root: inside.root, text, file, state, catalogue, cataloguePath: path };
}

/**
 * A state file's text parsed and validated, without the catalogue it names: `shownAs` is the
 * name errors give it (`golive diff` reads an earlier version as `main:golive.yaml`).
 */
export function parseState(text: string, shownAs: string): { file: YamlFile; state: StateData } {
  const what = "state file";
  const file = parseYaml(shownAs, text, what);
  const data = toData(file, what);
  const version = (data as { golive?: unknown } | null)?.golive;
  if (typeof version === "number" && version > STATE_VERSION) {
    throw new GoliveError(
      "newer-schema",
      `${what} is format ${version}, written by a newer golive; this golive reads format ${STATE_VERSION}`,
      {
        location: locate(file, ["golive"]),
        hint: "upgrade golive to the version your team uses (see docs/commands.md: Installing)",
      },
    );
  }
  const state = validateState(file, data, what);
  if (!parseCalendarDate(state.goLive) || !isSchedulable(state.goLive)) {
    throw new GoliveError(
      "invalid-state",
      parseCalendarDate(state.goLive)
        ? `${what}: goLive: ${state.goLive} is outside the years golive schedules (${GO_LIVE_YEARS.first} to ${GO_LIVE_YEARS.last})`
        : `${what}: goLive: ${state.goLive} is not a real date`,
      {
        location: locate(file, ["goLive"]),
        hint: "fix the date, or run `golive reschedule --date YYYY-MM-DD`",
      },
    );
  }
  const closedOn = state.closed?.on;
  if (closedOn !== undefined && (!parseCalendarDate(closedOn) || !isSchedulable(closedOn))) {
    throw new GoliveError("invalid-state", `${what}: closed.on: ${closedOn} is not a real date`, {
      location: locate(file, ["closed", "on"]),
      hint: "write the day the project was closed as YYYY-MM-DD, or run `golive close --undo`",
    });
  }
  // A go-live move from or to no real day (2027-02-30) made status crash when it worded the slip.
  for (const [i, slip] of (state.slips ?? []).entries()) {
    for (const end of ["from", "to"] as const) {
      if (parseCalendarDate(slip[end])) continue;
      throw new GoliveError(
        "invalid-state",
        `${what}: slips[${i}].${end}: ${slip[end]} is not a real date`,
        {
          location: locate(file, ["slips", i, end]),
          hint: "write the go-live date the move was from and to as YYYY-MM-DD",
        },
      );
    }
  }
  // A waiver until no real day (2027-02-30) holds as long as the text sorts after today:
  // refused as a go-live or a close on no real day is, with its place.
  for (const [id, item] of Object.entries(state.items ?? {})) {
    const until = item?.waiver?.until;
    if (until === undefined || parseCalendarDate(until)) continue;
    throw new GoliveError(
      "invalid-state",
      `${what}: items.${id}.waiver.until: ${until} is not a real date`,
      {
        location: locate(file, ["items", id, "waiver", "until"]),
        hint: "write the last day the waiver holds as YYYY-MM-DD",
      },
    );
  }
  return { file, state };
}

/**
 * A state file's data checked against its schema, each evidence line decoded first
 * (io/evidence-line.ts). Every reader of a state file's text validates through here.
 */
export function validateState(file: YamlFile, data: unknown, what: string): StateData {
  decodeEvidenceLines(file, data, what);
  return validate(file, data, StateSchema, what, "invalid-state");
}

/**
 * An answer the question does not offer would quietly rule items out: refused, with its place.
 * An answer to a question the catalogue no longer asks is kept and has no effect.
 */
function checkAnswers(file: YamlFile, state: StateData, catalogue: Catalogue): void {
  for (const [id, answer] of Object.entries(state.answers ?? {})) {
    const question = catalogue.questions.find((q) => q.id === id);
    if (question && !question.answers.includes(answer)) {
      throw new GoliveError(
        "invalid-state",
        `state file: answers.${id}: "${answer}" is not an answer to ${id}`,
        {
          location: locate(file, ["answers", id]),
          hint: `answer one of: ${question.answers.join(", ")} (golive answer ${id} ANSWER)`,
        },
      );
    }
  }
}

/**
 * The line (1-based) of each item's key in the state file, by catalogue item ID: where an
 * annotation about the item points, the line a reviewer edits. One pass over the entries.
 */
export function itemLines(workspace: Workspace): Map<string, number> {
  const { keyOf } = indexState(workspace.catalogue, workspace.state);
  const idOf = new Map([...keyOf].map(([id, key]) => [key, id]));
  const lines = new Map<string, number>();
  const items = workspace.file.doc.get("items", true);
  if (!isMap(items)) return lines;
  for (const pair of items.items) {
    if (!isScalar(pair.key) || !pair.key.range) continue;
    const id = idOf.get(String(pair.key.value));
    if (id !== undefined) lines.set(id, workspace.file.lines.linePos(pair.key.range[0]).line);
  }
  return lines;
}
