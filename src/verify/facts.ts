/**
 * What rules read, read and parsed once per run: file texts, composer.lock, the deploy files,
 * what production runs (its deploy files, install recipes and configuration) and the provider
 * tokens secretlint finds. Rules get the repository only through this object, so a second rule
 * looking at the same file costs a map lookup, not another read and parse.
 */

import type { Finding } from "../core/verdict.js";
import { type ComposerLock, readComposerLock } from "./composer.js";
import {
  classifyDeployFile,
  type DeployEntry,
  type DeployFile,
  isDeployName,
  looksLikeDeployFile,
  type ProductionScope,
  parseDeployFile,
  productionScope,
} from "./deploy.js";
import { filesMatching } from "./glob.js";
import { type ContextInput, globSet, type InputSet, InputTracker } from "./inputs.js";
import { type RecipeCommand, type RecipeRef, recipeCommands, recipesOf } from "./install.js";
import { type PhpParse, parsePhp } from "./php-ast.js";
import { type ConfigLoad, loadConfig, type PhpSource } from "./php-config.js";
import { PrescanAnswers } from "./prescan.js";
import type { TokenScan } from "./tokens.js";
import type { PrescanRequest, RepoView, VerifyContext } from "./types.js";
import { child, scalarText } from "./yaml-tree.js";

/**
 * Characters of file text kept for reuse: far more than the files rules read by name need
 * (composer.lock, deploy files, configs, the recipe), a bound for a repository of huge ones.
 */
const TEXT_CACHE_CHARS = 16 * 1024 * 1024;
const decoder = new TextDecoder("utf-8");

/** An install recipe production runs, with every production deploy file that names it. */
export interface ProductionRecipe extends RecipeRef {
  file: string;
  deployFiles: string[];
  /** Undefined when the file is missing or cannot be read. */
  commands?: RecipeCommand[];
  exists: boolean;
}

export interface RecipeSet {
  recipes: ProductionRecipe[];
  /** Hooks whose recipe cannot be read off (`-r $RECIPE`, no `-r`, a script of its own). */
  unresolved: RecipeRef[];
  /** Every deploy file's choice, in order: which rule chose which recipe. */
  chosen: RecipeRef[];
  /** The scope's notes: which deploy files named the recipes. */
  notes: Finding[];
}

export interface ProductionConfig {
  loads: ConfigLoad[];
  /** Which configuration was read for which environment, or why no environment is known. */
  notes: Finding[];
}

/** A PHP file golive could not read as PHP: where and what kind of problem, never its text. */
export function phpUnreadable(p: {
  file: string;
  reason: string;
  line?: number;
  column?: number;
}): Finding {
  return {
    code: "php-unreadable",
    result: "unknown",
    file: p.file,
    ...(p.line !== undefined ? { line: p.line } : {}),
    found: p.reason,
    ...(p.column !== undefined ? { expected: `${p.column}` } : {}),
  };
}

export class Facts {
  private readonly texts = new Map<string, string | undefined>();
  /** Bytes a rule read by name instead of text (composer.lock), for the scans to reuse. */
  private readonly keptBytes = new Map<string, Uint8Array>();
  private textBudget = TEXT_CACHE_CHARS;
  private lock: { lock?: ComposerLock; problem?: Finding } | undefined;
  private entries: DeployEntry[] | undefined;
  private readonly deployFiles = new Map<string, DeployFile | Finding>();
  private scope: ProductionScope | undefined;
  private recipeSet: RecipeSet | undefined;
  private configSet: ProductionConfig | undefined;
  private readonly parses = new Map<string, PhpParse | undefined>();
  private scan: TokenScan | undefined;
  /** What the scan before the rules found (verify/prescan.ts), kept by `verifyRepository`. */
  readonly prescan = new PrescanAnswers();
  /** What each item's checks read (verify/inputs.ts). */
  readonly inputs = new InputTracker();
  /** The keys each fact made once touched, added again to each item that reuses the fact. */
  private readonly factKeys = new Map<string, Set<string>>();
  /** The run's context; reading a value records it as an input of the item being checked. */
  readonly ctx: VerifyContext;

  constructor(
    private readonly repo: RepoView,
    ctx: VerifyContext,
  ) {
    const inputs = this.inputs;
    const read = <K extends ContextInput>(key: K): VerifyContext[K] => {
      this.inputs.touch(`c:${key}`);
      return ctx[key];
    };
    this.ctx = {
      get today() {
        inputs.readToday();
        return ctx.today;
      },
      get goLive() {
        return read("goLive");
      },
      get allow() {
        return read("allow");
      },
      get latestRelease() {
        return read("latestRelease");
      },
    };
  }

  /**
   * How long the answer a rule made from today's date holds: until `date`, the first day it
   * may differ (undefined: no date changes it). Said after the rule's last read of today.
   */
  until(date: string | undefined): void {
    this.inputs.until(date);
  }

  /** Provider tokens, found before the rules run (`verifyRepository` awaits the scan). */
  get tokens(): TokenScan | undefined {
    // The scan went through every file's bytes (tokenSources).
    this.inputs.touch("s:all");
    return this.scan;
  }

  set tokens(scan: TokenScan | undefined) {
    this.scan = scan;
  }

  /**
   * A fact computed once per run: the first call computes it in an input frame of its own,
   * every call adds that frame's keys to the item being checked.
   */
  private once<T>(name: string, known: () => T | undefined, compute: () => T): T {
    const keys = this.factKeys.get(name);
    const have = keys ? known() : undefined;
    if (keys && have !== undefined) {
      for (const k of keys) this.inputs.touch(k);
      return have;
    }
    const made = this.inputs.collect(compute);
    this.factKeys.set(name, made.keys);
    return made.value;
  }

  /** What the scan before the rules found in `path`: its text, or whether it may hold a needle. */
  prescanText(path: string, size: number): { text: string | undefined } | undefined {
    this.inputs.touch(`f:${path}`);
    return this.prescan.text(path, size);
  }
  mayHold(path: string, request: Omit<PrescanRequest, "files">): boolean | undefined {
    this.inputs.touch(`f:${path}`);
    return this.prescan.mayHold(path, request);
  }

  /** Every tracked path, sorted: a rule that goes through them all depends on every file. */
  get files(): readonly string[] {
    this.inputs.touch("s:all");
    return this.repo.files;
  }

  /** The tracked paths a glob (or any of several) matches: the rule depends on that set. */
  matching(glob: string | readonly string[]): string[] {
    this.inputs.touch(`s:${globSet(glob)}`);
    return filesMatching(this.repo.files, glob);
  }

  /** Records a set of files as an input of the item being checked. */
  dependsOn(set: InputSet): void {
    this.inputs.touch(`s:${set}`);
  }

  has(path: string): boolean {
    this.inputs.touch(`f:${path}`);
    return this.repo.has(path);
  }

  /** The commit a submodule at `path` is pinned to, when `path` is one. */
  submodule(path: string): string | undefined {
    this.inputs.touch(`f:${path}`);
    return this.repo.submodule?.(path);
  }

  /**
   * Raw bytes, for the file-* checks (each reads its own path once) and composer.lock (kept for
   * the scans: `scanBytes`); not cached here otherwise, as text is.
   */
  bytes(path: string): Uint8Array | undefined {
    this.inputs.touch(`f:${path}`);
    return this.repo.bytes(path);
  }

  /** A file's text (see `RepoView.read`), read once per run: for files rules read by name. */
  text(path: string): string | undefined {
    this.inputs.touch(`f:${path}`);
    if (this.texts.has(path)) return this.texts.get(path);
    const text = this.repo.read(path);
    const cost = text?.length ?? 0;
    if (cost <= this.textBudget) {
      this.texts.set(path, text);
      this.textBudget -= cost;
    }
    return text;
  }

  /**
   * A file's text for a scan over many files (secrets, text-present/absent): the kept text
   * when a rule has read it by name, else a read that is not kept (decoded from `bytes` when the
   * scan has them already). Keeping every text of a 30,000-file shop would cost ~20 MiB to save
   * decoding that takes less time than the scan.
   */
  scanText(path: string, bytes?: Uint8Array): string | undefined {
    this.inputs.touch(`f:${path}`);
    if (this.texts.has(path)) return this.texts.get(path);
    if (bytes === undefined) return this.repo.read(path);
    // As RepoView.read: a NUL byte early on is binary, not text.
    return bytes.subarray(0, 8000).includes(0) ? undefined : decoder.decode(bytes);
  }

  /** The text a rule read by name, when it is kept; undefined otherwise. */
  keptText(path: string): string | undefined {
    this.inputs.touch(`f:${path}`);
    return this.texts.get(path);
  }

  /** A file's bytes for a scan over many files: not kept here (the repository view may). */
  scanBytes(path: string): Uint8Array | undefined {
    this.inputs.touch(`f:${path}`);
    return this.keptBytes.get(path) ?? this.repo.bytes(path);
  }

  /**
   * A PHP file's syntax tree (or why there is none), parsed once whichever rule asks first;
   * undefined when the file is not there or is not text.
   */
  php(path: string): PhpParse | undefined {
    this.inputs.touch(`f:${path}`);
    if (this.parses.has(path)) return this.parses.get(path);
    const text = this.text(path);
    const parsed = text === undefined ? undefined : parsePhp(text);
    this.parses.set(path, parsed);
    return parsed;
  }

  /** What the configuration loader reads through: texts and trees from this run's caches. */
  phpSource(): PhpSource {
    return { read: (path) => this.text(path), parse: (path) => this.php(path) };
  }

  /** The parsed composer.lock, or the finding that says why there is none. */
  composer(): { lock?: ComposerLock; problem?: Finding } {
    return this.once(
      "composer",
      () => this.lock,
      () => this.composerMade(),
    );
  }

  private composerMade(): { lock?: ComposerLock; problem?: Finding } {
    if (!this.lock) {
      const bytes = this.bytes("composer.lock");
      if (bytes !== undefined) this.keptBytes.set("composer.lock", bytes);
      this.lock = readComposerLock(bytes, this.repo.has("composer.lock"));
    }
    return this.lock;
  }

  /** Every deploy file, at the root or in folders, with what it describes. */
  deployEntries(): readonly DeployEntry[] {
    return this.once(
      "deployEntries",
      () => this.entries,
      () => this.deployEntriesMade(),
    );
  }

  private deployEntriesMade(): readonly DeployEntry[] {
    if (!this.entries) {
      this.entries = [];
      this.dependsOn("deploy");
      for (const file of this.repo.files) {
        if (!isDeployName(file)) continue;
        const text = this.text(file);
        // A file that cannot be read is still a deploy file by its name: judged, then unknown.
        if (text !== undefined && !looksLikeDeployFile(text)) continue;
        this.entries.push(classifyDeployFile(file, text));
      }
    }
    return this.entries;
  }

  /** One deploy file's tree (or why there is none), parsed once whichever rule asks first. */
  deployFile(file: string): DeployFile | Finding {
    return this.once(
      `deployFile:${file}`,
      () => this.deployFiles.get(file),
      () => this.deployFileMade(file),
    );
  }

  private deployFileMade(file: string): DeployFile | Finding {
    let parsed = this.deployFiles.get(file);
    if (!parsed) {
      const entry =
        this.deployEntries().find((e) => e.file === file) ?? classifyDeployFile(file, undefined);
      parsed = parseDeployFile(entry, this.text(file));
      this.deployFiles.set(file, parsed);
    }
    return parsed;
  }

  /** The deploy files a rule about production judges (see `ProductionScope`). */
  production(): ProductionScope {
    return this.once(
      "production",
      () => this.scope,
      () => this.productionMade(),
    );
  }

  private productionMade(): ProductionScope {
    this.scope ??= productionScope(this.deployEntries(), (file) => this.deployFile(file));
    return this.scope;
  }

  /** The install recipes the judged deploy files run, as Spryker Cloud runs them. */
  recipes(): RecipeSet {
    return this.once(
      "recipes",
      () => this.recipeSet,
      () => this.recipesMade(),
    );
  }

  private recipesMade(): RecipeSet {
    if (!this.recipeSet) {
      const scope = this.production();
      const byFile = new Map<string, ProductionRecipe>();
      const unresolved: RecipeRef[] = [];
      const chosen: RecipeRef[] = [];
      for (const deploy of scope.files) {
        for (const ref of recipesOf(deploy)) {
          chosen.push(ref);
          if (ref.file === undefined) {
            unresolved.push(ref);
            continue;
          }
          const known = byFile.get(ref.file);
          if (known) {
            if (!known.deployFiles.includes(deploy.file)) known.deployFiles.push(deploy.file);
            continue;
          }
          const text = this.text(ref.file);
          byFile.set(ref.file, {
            ...ref,
            file: ref.file,
            deployFiles: [deploy.file],
            exists: this.has(ref.file),
            ...(text !== undefined ? { commands: recipeCommands(text) } : {}),
          });
        }
      }
      this.recipeSet = { recipes: [...byFile.values()], unresolved, chosen, notes: scope.notes };
    }
    return this.recipeSet;
  }

  /** The PHP configuration production loads, per environment the production files name. */
  config(): ProductionConfig {
    return this.once(
      "config",
      () => this.configSet,
      () => this.configMade(),
    );
  }

  private configMade(): ProductionConfig {
    if (!this.configSet) {
      const scope = this.production();
      const environments = new Map<string, { file: string; line: number }>();
      if (scope.basis === "production") {
        for (const f of scope.files) {
          const node = child(f.tree, "environment");
          const env = scalarText(node);
          if (env !== undefined && node && !environments.has(env))
            environments.set(env, { file: f.file, line: node.line });
        }
      }
      const read = this.phpSource();
      const notes: Finding[] = [];
      const loads: ConfigLoad[] = [];
      if (environments.size === 0) {
        // A production file that could not be read may be the one naming the environment:
        // it is named (result unknown), not taken as absent.
        if (scope.basis === "production") {
          for (const n of scope.notes) if (n.result === "unknown") notes.push(n);
        }
        const load = loadConfig(read, undefined);
        loads.push(load);
        notes.push({
          code: "config-environment-unknown",
          result: "pass",
          // Why no environment's own file is read: no production deploy file, or none names one.
          subject: scope.basis === "production" ? "unnamed" : "no-production-file",
          found: load.files.join(", "),
        });
      }
      for (const [env, at] of environments) {
        const load = loadConfig(read, env);
        loads.push(load);
        notes.push({
          code: "config-judged",
          result: "pass",
          ...at,
          subject: env,
          found: load.files.join(", "),
        });
        for (const file of load.missing)
          notes.push({ code: "config-missing", result: "warn", file, subject: env });
        for (const at of load.unresolved)
          notes.push({ code: "config-dynamic-include", result: "pass", ...at, subject: env });
      }
      const unread = new Set<string>();
      for (const load of loads)
        for (const p of load.unreadable) {
          if (unread.has(p.file)) continue;
          unread.add(p.file);
          notes.push(phpUnreadable(p));
        }
      this.configSet = { loads, notes };
    }
    return this.configSet;
  }
}
