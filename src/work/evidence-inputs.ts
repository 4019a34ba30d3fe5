/**
 * Whether recorded evidence still holds without running its checks again: `verify --record`
 * stores with each item's evidence what its checks read (files, sets of files, context values;
 * verify/inputs.ts) and one SHA-1 over their git blob IDs; `status` computes the same digest
 * from the repository in front of it (git's index, and the bytes of files git sees changed)
 * and runs again only the checks whose digest differs. Loaded by `status` when an item has
 * recorded evidence; it loads no rule.
 */
import { createHash } from "node:crypto";
import { isAbsolute, relative, sep } from "node:path";
import type { ItemView } from "../core/board.js";
import type { FindingCode, ItemVerdict } from "../core/verdict.js";
import { toPosix } from "../io/posix-path.js";
import { openRepo } from "../io/repo-view.js";
import type { Workspace } from "../io/state-read.js";
import { knownFindingCode } from "../render/verify-words.js";
import type { CatalogueItem } from "../schema/catalogue.js";
import type { Evidence, EvidenceInputs } from "../schema/state.js";
import {
  CONTEXT_INPUTS,
  type ContextInput,
  type InputKeys,
  type InputSet,
  knownSet,
  setMembers,
} from "../verify/inputs.js";
import type { VerifyContext } from "../verify/types.js";
import { VERSION } from "../version.js";
import type { Context } from "./context.js";

/** The files of a repository and the blob ID of each (`RealRepo` from io/repo-view.ts). */
export interface BlobSource {
  readonly files: readonly string[];
  blob(path: string): string | undefined;
}

function contextValue(ctx: VerifyContext, key: ContextInput): string {
  if (key === "allow") return JSON.stringify(ctx.allow);
  return ctx[key] ?? "";
}

/**
 * One SHA-1 over what an item's checks read: golive's version and the item's checks (another
 * rule may judge otherwise), each context value, each set's members with their blob IDs, each
 * named file's blob ID (or that it is absent).
 */
export function inputsDigest(
  item: CatalogueItem,
  keys: InputKeys,
  source: BlobSource,
  ctx: VerifyContext,
  sets: Map<string, string> = new Map(),
): string {
  const hash = createHash("sha1");
  hash.update(`golive ${VERSION}\0${JSON.stringify(item.checks ?? [])}\n`);
  for (const key of keys.context) {
    // An answer that holds until a day does not depend on which day before it this is.
    const value =
      key === "today" && keys.until !== undefined ? `until ${keys.until}` : contextValue(ctx, key);
    hash.update(`c\0${key}\0${value}\n`);
  }
  for (const set of keys.sets) {
    let digest = sets.get(set);
    if (digest === undefined) {
      // One update of one string: thousands of small updates cost more than the hashing.
      const lines: string[] = [];
      for (const file of setMembers(set, source.files))
        lines.push(`${file}\0${source.blob(file) ?? "absent"}\n`);
      digest = createHash("sha1").update(lines.join("")).digest("hex");
      sets.set(set, digest);
    }
    hash.update(`s\0${set}\0${digest}\n`);
  }
  for (const file of keys.files) hash.update(`f\0${file}\0${source.blob(file) ?? "absent"}\n`);
  return hash.digest("hex");
}

/** What `verify --record` stores with an item's evidence: one line (`encodeInputs`). */
export function evidenceInputs(
  item: CatalogueItem,
  keys: InputKeys,
  source: BlobSource,
  ctx: VerifyContext,
  sets?: Map<string, string>,
): string {
  return encodeInputs({
    digest: inputsDigest(item, keys, source, ctx, sets),
    ...(keys.files.length > 0 ? { files: keys.files } : {}),
    ...(keys.sets.length > 0 ? { sets: keys.sets } : {}),
    ...(keys.context.length > 0 ? { context: keys.context } : {}),
    ...(keys.until !== undefined ? { until: keys.until } : {}),
  });
}

/** Recorded inputs: golive 1.0's map, and the day a date-reading answer holds until. */
export type RecordedInputs = EvidenceInputs & { until?: string };

// A token holds no space (they separate tokens) and no line break (one line a record); `%`
// is the escape character itself.
const escapeToken = (value: string) =>
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are escaped
  value.replace(/[%\s\x00-\x1f\x7f]/g, encodeURIComponent);

/**
 * Inputs as one line: the digest, then `f:PATH` per file, `s:SET` per set and `c:NAME` per
 * context value, each `%`-escaped (a glob set of several globs holds line breaks).
 */
export function encodeInputs(inputs: RecordedInputs): string {
  const tokens = [inputs.digest];
  for (const f of inputs.files ?? []) tokens.push(`f:${escapeToken(f)}`);
  for (const s of inputs.sets ?? []) tokens.push(`s:${escapeToken(s)}`);
  for (const c of inputs.context ?? []) tokens.push(`c:${escapeToken(c)}`);
  if (inputs.until !== undefined) tokens.push(`u:${escapeToken(inputs.until)}`);
  return tokens.join(" ");
}

/**
 * Recorded inputs as a map, from either shape golive wrote; undefined when the line cannot be
 * read back (then the evidence is checked by running its checks).
 */
export function decodeInputs(inputs: string | EvidenceInputs): RecordedInputs | undefined {
  if (typeof inputs !== "string") return inputs;
  const [digest, ...tokens] = inputs.split(" ");
  const files: string[] = [];
  const sets: string[] = [];
  const context: string[] = [];
  let until: string | undefined;
  for (const token of tokens) {
    let value: string;
    try {
      value = decodeURIComponent(token.slice(2));
    } catch {
      return undefined;
    }
    if (token[0] === "u") until = value;
    else (token[0] === "f" ? files : token[0] === "s" ? sets : context).push(value);
  }
  return {
    digest: digest ?? "",
    ...(files.length > 0 ? { files } : {}),
    ...(sets.length > 0 ? { sets } : {}),
    ...(context.length > 0 ? { context } : {}),
    ...(until !== undefined ? { until } : {}),
  };
}

/**
 * The keys recorded evidence names, when this version can compute them all; undefined for
 * evidence without inputs (recorded by an older golive, or outside git) or naming what this
 * version does not know: such evidence is checked by running its checks.
 */
function recordedKeys(
  recorded: string | EvidenceInputs | undefined,
): (InputKeys & { digest: string }) | undefined {
  const inputs = recorded === undefined ? undefined : decodeInputs(recorded);
  if (!inputs) return undefined;
  const sets = inputs.sets ?? [];
  const context = inputs.context ?? [];
  if (!sets.every(knownSet)) return undefined;
  if (!context.every((c) => (CONTEXT_INPUTS as readonly string[]).includes(c))) return undefined;
  if (inputs.until !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(inputs.until)) return undefined;
  return {
    digest: inputs.digest,
    files: inputs.files ?? [],
    sets: sets as InputSet[],
    context: context as ContextInput[],
    ...(inputs.until !== undefined ? { until: inputs.until } : {}),
  };
}

/** The verdict recorded evidence stands for, when its inputs are unchanged. */
function asRecorded(view: ItemView, e: Evidence): ItemVerdict {
  return {
    id: view.item.id,
    title: view.item.title,
    result: e.result,
    findings: e.code ? [{ code: e.code as FindingCode, result: e.result, ...(e.args ?? {}) }] : [],
  };
}

/**
 * Splits items with recorded evidence into those whose inputs are unchanged (their verdict is
 * the recorded one) and those whose checks must run again.
 */
export function unchangedEvidence(
  items: readonly ItemView[],
  source: BlobSource,
  ctx: VerifyContext,
): { unchanged: Map<string, ItemVerdict>; changed: ItemView[] } {
  const unchanged = new Map<string, ItemVerdict>();
  const changed: ItemView[] = [];
  const sets = new Map<string, string>();
  for (const view of items) {
    const e = view.state.evidence;
    // A finding code this golive does not know tells nothing: the checks say what holds now.
    const known = e?.code === undefined || knownFindingCode(e.code);
    const keys = known ? recordedKeys(e?.inputs) : undefined;
    // A date-reading answer holds from the day it was recorded to the day before `until`:
    // from that day on, or on a day before the record (GOLIVE_TODAY, --today, a clock set
    // back), the checks say it again.
    const due =
      keys?.until !== undefined &&
      e !== undefined &&
      (ctx.today >= keys.until || ctx.today < e.at.slice(0, 10));
    if (e && keys && !due && inputsDigest(view.item, keys, source, ctx, sets) === keys.digest)
      unchanged.set(view.item.id, asRecorded(view, e));
    else changed.push(view);
  }
  return { unchanged, changed };
}

/**
 * golive's own files in the repository at `root`: its state file, which `verify --record`
 * writes. The checks judge the shop, not golive's record of it; were it read, recording would
 * change what every check that reads every file read, and its evidence would be stale at once.
 */
export function goliveFiles(workspace: Workspace, root: string): string[] {
  const path = relative(root, workspace.statePath);
  if (path === "" || path === ".." || path.startsWith(`..${sep}`) || isAbsolute(path)) return [];
  return [toPosix(path)];
}

/** What the checks of `golive verify` are told about the run. */
export function verifyContext(
  ctx: Context,
  workspace: Workspace,
  latestRelease?: string,
): VerifyContext {
  return {
    today: ctx.today,
    goLive: workspace.state.goLive,
    allow: workspace.state.verify?.allow ?? [],
    ...(latestRelease ? { latestRelease } : {}),
  };
}

/**
 * `status`: what the repository says now about items with recorded evidence, by item ID. An
 * item whose recorded inputs are unchanged keeps its recorded verdict; only the others' checks
 * run. The rules are loaded only when some check must run.
 */
export async function currentEvidence(
  ctx: Context,
  workspace: Workspace,
  items: readonly ItemView[],
): Promise<{ verdicts: Map<string, ItemVerdict>; ran: string[] }> {
  const root = workspace.root;
  const repo = openRepo(root, { fromIndex: true, omit: goliveFiles(workspace, root) });
  const vctx = verifyContext(ctx, workspace);
  const { unchanged, changed } =
    repo.source === "git"
      ? unchangedEvidence(items, repo, vctx)
      : { unchanged: new Map<string, ItemVerdict>(), changed: [...items] };
  if (changed.length === 0) return { verdicts: unchanged, ran: [] };
  const { verifyRepository } = await import("../verify/index.js");
  const verdicts = await verifyRepository(
    changed.map((v) => v.item),
    repo,
    vctx,
  );
  for (const v of verdicts) unchanged.set(v.id, v);
  return { verdicts: unchanged, ran: changed.map((v) => v.item.id) };
}
