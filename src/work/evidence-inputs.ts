/**
 * Whether recorded evidence still holds without running its checks again: `verify --record`
 * stores with each item's evidence what its checks read (files, sets of files, context values;
 * verify/inputs.ts) and one SHA-1 over their git blob IDs; `status` computes the same digest
 * from the repository in front of it (git's index, and the bytes of files git sees changed)
 * and runs again only the checks whose digest differs. Loaded by `status` when an item has
 * recorded evidence; it loads no rule.
 */
import { createHash } from "node:crypto";
import { realpathSync } from "node:fs";
import { isAbsolute, relative, sep } from "node:path";
import type { ItemView } from "../core/board.js";
import type { FindingCode, ItemVerdict } from "../core/verdict.js";
import { gitChangedFiles } from "../io/git.js";
import { indexFingerprint } from "../io/index-entries.js";
import { findRepo } from "../io/locate.js";
import { toPosix } from "../io/posix-path.js";
import { openRepo, type RealRepo } from "../io/repo-view.js";
import type { Workspace } from "../io/state-read.js";
import { knownFindingCode } from "../render/verify-words.js";
import type { CatalogueItem } from "../schema/catalogue.js";
import type { Evidence, EvidenceInputs } from "../schema/state.js";
import {
  CONTEXT_INPUTS,
  type ContextInput,
  type InputSet,
  knownSet,
} from "../verify/input-names.js";
import type { InputKeys } from "../verify/inputs.js";
import type { VerifyContext } from "../verify/types.js";
import { VERSION } from "../version.js";
import type { Context } from "./context.js";

const BLOB_ID = /^[0-9a-f]{40}$/;

/** `git diff-files` started early, in the repository at `root` (current-evidence.ts). */
export interface EarlyCheck {
  root: string;
  changed: Promise<Set<string> | undefined>;
}

/**
 * The members of a set of files (`setMembers` of verify/inputs.ts, passed in: its matchers are
 * loaded only when a set is listed).
 */
export type Members = (set: InputSet, files: readonly string[]) => readonly string[];

/** The files of a repository and the blob ID of each (`RealRepo` from io/repo-view.ts). */
export interface BlobSource {
  readonly files: readonly string[];
  blob(path: string): string | undefined;
}

function contextValue(ctx: VerifyContext, key: ContextInput): string {
  if (key === "allow") return JSON.stringify(ctx.allow);
  return ctx[key] ?? "";
}

/** The part of an item's digest that is not the files: golive, the checks, the context. */
function digestHead(item: CatalogueItem, keys: InputKeys, ctx: VerifyContext) {
  const hash = createHash("sha1");
  hash.update(`golive ${VERSION}\0${JSON.stringify(item.checks ?? [])}\n`);
  for (const key of keys.context) {
    // An answer that holds until a day does not depend on which day before it this is.
    const value =
      key === "today" && keys.until !== undefined ? `until ${keys.until}` : contextValue(ctx, key);
    hash.update(`c\0${key}\0${value}\n`);
  }
  return hash;
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
  members: Members,
  sets: Map<string, string> = new Map(),
): string {
  const hash = digestHead(item, keys, ctx);
  for (const set of keys.sets) {
    let digest = sets.get(set);
    if (digest === undefined) {
      // One update of one string: thousands of small updates cost more than the hashing.
      const lines: string[] = [];
      for (const file of members(set, source.files))
        lines.push(`${file}\0${source.blob(file) ?? "absent"}\n`);
      digest = createHash("sha1").update(lines.join("")).digest("hex");
      sets.set(set, digest);
    }
    hash.update(`s\0${set}\0${digest}\n`);
  }
  for (const file of keys.files) hash.update(`f\0${file}\0${source.blob(file) ?? "absent"}\n`);
  return hash.digest("hex");
}

/**
 * The same over the whole work tree instead of the files the checks read: golive's version,
 * the item's checks and context values, and the fingerprint of every tracked file
 * (`worktreeFingerprint`). While the fingerprint is the one recorded, no file any check read
 * can have changed, so `status` need not list a set's members or take a blob ID.
 */
export function treeDigest(
  item: CatalogueItem,
  keys: InputKeys,
  ctx: VerifyContext,
  fingerprint: string,
): string {
  return digestHead(item, keys, ctx).update(`t\0${fingerprint}\n`).digest("hex");
}

/**
 * One SHA-1 over every file git tracks in the repository at `root` but `omit` (golive's own):
 * git's index, with the blob ID of what the work tree holds for each file `git diff-files`
 * lists; undefined when a listed file cannot be read, or when the index alone cannot tell
 * (io/index-entries.ts: `indexFingerprint`). `view` gives the blob ID of a listed file as the
 * digests take it; `changedFiles`, git's answer (asked now, or earlier: `gitChangedFilesLater`).
 */
export function worktreeFingerprint(
  root: string,
  omit: readonly string[],
  view: () => BlobSource,
  changedFiles: () => Set<string> | undefined = () => gitChangedFiles(root),
): string | undefined {
  const repo = findRepo(root);
  let top = false;
  try {
    top = repo !== undefined && realpathSync(repo.root) === realpathSync(root);
  } catch {
    top = false;
  }
  if (!top || !repo) return undefined;
  const changed = changedFiles();
  if (changed === undefined) return undefined;
  // A file git lists counts with the blob ID of what the work tree holds (the same as the
  // index's when only touched): evidence recorded before a commit has the fingerprint the
  // commit's index gives, as long as nothing changed in between. A file that cannot be read
  // (deleted, a link out of the repository, a submodule's folder) leaves no fingerprint: the
  // view names it "unreadable", no blob ID, and the index's ID would count it as unchanged.
  const blobs = new Map<string, string>();
  for (const path of changed) {
    if (omit.includes(path)) continue;
    const blob = view().blob(path);
    if (blob === undefined || !BLOB_ID.test(blob)) return undefined;
    blobs.set(path, blob);
  }
  return indexFingerprint(repo.gitDir, omit, process.env, blobs)?.digest;
}

/** What `verify --record` stores with an item's evidence: one line (`encodeInputs`). */
export function evidenceInputs(
  item: CatalogueItem,
  keys: InputKeys,
  source: BlobSource,
  ctx: VerifyContext,
  members: Members,
  sets?: Map<string, string>,
  fingerprint?: string,
): string {
  return encodeInputs({
    digest: inputsDigest(item, keys, source, ctx, members, sets),
    ...(keys.files.length > 0 ? { files: keys.files } : {}),
    ...(keys.sets.length > 0 ? { sets: keys.sets } : {}),
    ...(keys.context.length > 0 ? { context: keys.context } : {}),
    ...(keys.until !== undefined ? { until: keys.until } : {}),
    ...(fingerprint !== undefined ? { tree: treeDigest(item, keys, ctx, fingerprint) } : {}),
  });
}

/**
 * Recorded inputs: golive 1.0's map, the day a date-reading answer holds until, and the
 * digest over the whole work tree (`treeDigest`) when it held what git's index said.
 */
export type RecordedInputs = EvidenceInputs & { until?: string; tree?: string };

// A token holds no space (they separate tokens) and no line break (one line a record); `%`
// is the escape character itself.
const escapeToken = (value: string) =>
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are escaped
  value.replace(/[%\s\x00-\x1f\x7f]/g, encodeURIComponent);

/**
 * Inputs as one line: the digest, then `f:PATH` per file, `s:SET` per set and `c:NAME` per
 * context value, `u:DAY` and `t:TREE-DIGEST`, each `%`-escaped (a glob set of several globs
 * holds line breaks).
 */
export function encodeInputs(inputs: RecordedInputs): string {
  const tokens = [inputs.digest];
  for (const f of inputs.files ?? []) tokens.push(`f:${escapeToken(f)}`);
  for (const s of inputs.sets ?? []) tokens.push(`s:${escapeToken(s)}`);
  for (const c of inputs.context ?? []) tokens.push(`c:${escapeToken(c)}`);
  if (inputs.until !== undefined) tokens.push(`u:${escapeToken(inputs.until)}`);
  if (inputs.tree !== undefined) tokens.push(`t:${escapeToken(inputs.tree)}`);
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
  let tree: string | undefined;
  for (const token of tokens) {
    let value: string;
    try {
      value = decodeURIComponent(token.slice(2));
    } catch {
      return undefined;
    }
    if (token[0] === "u") until = value;
    else if (token[0] === "t") tree = value;
    else (token[0] === "f" ? files : token[0] === "s" ? sets : context).push(value);
  }
  return {
    digest: digest ?? "",
    ...(files.length > 0 ? { files } : {}),
    ...(sets.length > 0 ? { sets } : {}),
    ...(context.length > 0 ? { context } : {}),
    ...(until !== undefined ? { until } : {}),
    ...(tree !== undefined ? { tree } : {}),
  };
}

/**
 * The keys recorded evidence names, when this version can compute them all; undefined for
 * evidence without inputs (recorded by an older golive, or outside git) or naming what this
 * version does not know: such evidence is checked by running its checks.
 */
function recordedKeys(
  recorded: string | EvidenceInputs | undefined,
): (InputKeys & { digest: string; tree?: string }) | undefined {
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
    ...(inputs.tree !== undefined && /^[0-9a-f]{40}$/.test(inputs.tree)
      ? { tree: inputs.tree }
      : {}),
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
 * The keys of an item's recorded evidence when they can tell whether it still holds: a finding
 * code this golive knows, inputs it can compute, and for a date-reading answer, a day from the
 * one it was recorded to the day before `until`.
 */
function usableKeys(view: ItemView, ctx: VerifyContext) {
  const e = view.state.evidence;
  if (!e) return undefined;
  // A finding code this golive does not know tells nothing: the checks say what holds now.
  if (e.code !== undefined && !knownFindingCode(e.code)) return undefined;
  const keys = recordedKeys(e.inputs);
  // From the day `until` names on, or on a day before the record (GOLIVE_TODAY, --today, a
  // clock set back), the checks say it again.
  if (keys?.until !== undefined && (ctx.today >= keys.until || ctx.today < e.at.slice(0, 10)))
    return undefined;
  return keys;
}

/**
 * Splits items with recorded evidence into those whose inputs are unchanged (their verdict is
 * the recorded one) and those whose checks must run again.
 */
export function unchangedEvidence(
  items: readonly ItemView[],
  source: BlobSource,
  ctx: VerifyContext,
  members: Members,
): { unchanged: Map<string, ItemVerdict>; changed: ItemView[] } {
  const unchanged = new Map<string, ItemVerdict>();
  const changed: ItemView[] = [];
  const sets = new Map<string, string>();
  for (const view of items) {
    const keys = usableKeys(view, ctx);
    const e = view.state.evidence;
    if (e && keys && inputsDigest(view.item, keys, source, ctx, members, sets) === keys.digest)
      unchanged.set(view.item.id, asRecorded(view, e));
    else changed.push(view);
  }
  return { unchanged, changed };
}

/**
 * The items whose recorded evidence still holds by the work tree's fingerprint alone
 * (`worktreeFingerprint`, asked only when some item recorded one), and the others.
 */
export function unchangedTree(
  items: readonly ItemView[],
  fingerprint: () => string | undefined,
  ctx: VerifyContext,
): { unchanged: Map<string, ItemVerdict>; changed: ItemView[] } {
  const unchanged = new Map<string, ItemVerdict>();
  const changed: ItemView[] = [];
  for (const view of items) {
    const keys = usableKeys(view, ctx);
    const e = view.state.evidence;
    const tree = keys?.tree !== undefined ? fingerprint() : undefined;
    if (e && keys && tree !== undefined && treeDigest(view.item, keys, ctx, tree) === keys.tree)
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
 * run. The work tree's fingerprint answers first, when the record has one: unchanged, it
 * spares listing the files and their blob IDs. The rules are loaded only when some check must
 * run. `ran`: the items whose checks ran; `byTree`: those the fingerprint answered for.
 * `early`: `git diff-files` started before golive.yaml was read (`startEvidenceCheck`).
 */
export async function currentEvidence(
  ctx: Context,
  workspace: Workspace,
  items: readonly ItemView[],
  early?: EarlyCheck,
): Promise<{ verdicts: Map<string, ItemVerdict>; ran: string[]; byTree: string[] }> {
  const root = workspace.root;
  // git's answer, asked once (early, or when first needed) and given to every digest.
  let asked: Set<string> | undefined | null = early?.root === root ? await early.changed : null;
  const changedFiles = () => {
    if (asked === null) asked = gitChangedFiles(root);
    return asked;
  };
  const omit = goliveFiles(workspace, root);
  let opened: RealRepo | undefined;
  const repo = () => {
    opened ??= openRepo(root, { fromIndex: true, omit, ...(asked ? { changed: asked } : {}) });
    return opened;
  };
  const vctx = verifyContext(ctx, workspace);
  let fingerprint: string | undefined | null = null;
  const tree = unchangedTree(
    items,
    () => {
      if (fingerprint === null) fingerprint = worktreeFingerprint(root, omit, repo, changedFiles);
      return fingerprint;
    },
    vctx,
  );
  const byTree = [...tree.unchanged.keys()];
  if (tree.changed.length === 0) return { verdicts: tree.unchanged, ran: [], byTree };
  const { setMembers } = await import("../verify/inputs.js");
  const { unchanged, changed } =
    repo().source === "git"
      ? unchangedEvidence(tree.changed, repo(), vctx, setMembers)
      : { unchanged: new Map<string, ItemVerdict>(), changed: [...tree.changed] };
  for (const [id, verdict] of tree.unchanged) unchanged.set(id, verdict);
  if (changed.length === 0) return { verdicts: unchanged, ran: [], byTree };
  const { verifyRepository } = await import("../verify/index.js");
  const verdicts = await verifyRepository(
    changed.map((v) => v.item),
    repo(),
    vctx,
  );
  for (const v of verdicts) unchanged.set(v.id, v);
  return { verdicts: unchanged, ran: changed.map((v) => v.item.id), byTree };
}
