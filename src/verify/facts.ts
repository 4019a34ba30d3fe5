/**
 * What rules read, read and parsed once per run: file texts, composer.lock, the deploy files
 * and the production install recipe. Rules get the repository only through this object, so a
 * second rule looking at the same file costs a map lookup, not another read and parse.
 */

import type { Finding } from "../core/verdict.js";
import { type ComposerLock, parseComposerLock } from "./composer.js";
import {
  type DeployFile,
  type DeploySet,
  loadDeploySet,
  parseDeployFile,
  rootDeployFiles,
} from "./deploy.js";
import type { RepoView, VerifyContext } from "./types.js";
import { childIn, scalarText } from "./yaml-tree.js";

/**
 * Characters of file text kept for reuse: far more than the files rules read by name need
 * (composer.lock, deploy files, configs, the recipe), a bound for a repository of huge ones.
 */
const TEXT_CACHE_CHARS = 16 * 1024 * 1024;

/** The production install recipe: the file, where it was named, and its non-comment lines. */
export interface Recipe {
  file: string;
  /** The `SPRYKER_HOOK_INSTALL` that names it; absent for the default recipe. */
  from?: { file: string; line: number };
  /** Undefined when the file cannot be read. */
  lines?: { line: number; text: string }[];
}

export class Facts {
  private readonly texts = new Map<string, string | undefined>();
  private textBudget = TEXT_CACHE_CHARS;
  private lock: { lock?: ComposerLock; problem?: Finding } | undefined;
  private rootDeploy: string[] | undefined;
  private readonly deployFiles = new Map<string, DeployFile | Finding>();
  private deploySet: DeploySet | undefined;
  private productionRecipe: Recipe | undefined;

  constructor(
    private readonly repo: RepoView,
    readonly ctx: VerifyContext,
  ) {}

  /** Every tracked path, sorted. */
  get files(): readonly string[] {
    return this.repo.files;
  }

  has(path: string): boolean {
    return this.repo.has(path);
  }

  /**
   * Raw bytes, for the file-* checks only (each reads its own path once); not cached here,
   * as text is, because nothing else reads bytes.
   */
  bytes(path: string): Uint8Array | undefined {
    return this.repo.bytes(path);
  }

  /** A file's text (see `RepoView.read`), read once per run: for files rules read by name. */
  text(path: string): string | undefined {
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
   * when a rule has read it by name, else a read that is not kept. Keeping every text of a
   * 30,000-file shop would cost ~20 MiB to save decoding that takes less time than the scan.
   */
  scanText(path: string): string | undefined {
    return this.texts.has(path) ? this.texts.get(path) : this.repo.read(path);
  }

  /** The parsed composer.lock, or the finding that says why there is none. */
  composer(): { lock?: ComposerLock; problem?: Finding } {
    if (!this.lock) {
      const file = "composer.lock";
      const text = this.text(file);
      if (text === undefined) {
        this.lock = {
          problem: {
            code: this.repo.has(file) ? "file-unreadable" : "composer-lock-missing",
            result: "unknown",
            file,
          },
        };
      } else {
        const lock = parseComposerLock(text);
        this.lock = lock
          ? { lock }
          : { problem: { code: "file-unreadable", result: "unknown", file } };
      }
    }
    return this.lock;
  }

  /** Every `deploy*.yml` at the root, CI and local ones included. */
  rootDeployFiles(): readonly string[] {
    this.rootDeploy ??= rootDeployFiles(this.repo.files);
    return this.rootDeploy;
  }

  /** One deploy file's tree (or why there is none), parsed once whichever rule asks first. */
  deployFile(file: string): DeployFile | Finding {
    let parsed = this.deployFiles.get(file);
    if (!parsed) {
      parsed = parseDeployFile(file, this.text(file));
      this.deployFiles.set(file, parsed);
    }
    return parsed;
  }

  /** The deploy files checks read: the environment files, or the fallback. */
  deploy(): DeploySet {
    this.deploySet ??= loadDeploySet(this.rootDeployFiles(), (file) => this.deployFile(file));
    return this.deploySet;
  }

  /** The production install recipe: `SPRYKER_HOOK_INSTALL -r <recipe>`, else the default. */
  recipe(): Recipe {
    if (!this.productionRecipe) {
      const named = this.namedRecipe();
      const text = this.text(named.file);
      this.productionRecipe =
        text === undefined
          ? named
          : {
              ...named,
              lines: text
                .split("\n")
                .map((t, i) => ({ line: i + 1, text: t }))
                .filter((l) => !/^\s*#/.test(l.text)),
            };
    }
    return this.productionRecipe;
  }

  private namedRecipe(): Recipe {
    const set = this.deploy();
    const files = set.production.length > 0 ? set.production : set.files;
    for (const f of files) {
      const hook = childIn(f.tree, ["image", "environment", "SPRYKER_HOOK_INSTALL"]);
      const text = scalarText(hook);
      const m = text ? /(?:-r|--recipe)[ =]([^\s"']+)/.exec(text) : null;
      if (m && hook) {
        const name = m[1]!.replace(/\.yml$/, "");
        return { file: `config/install/${name}.yml`, from: { file: f.file, line: hook.line } };
      }
    }
    return { file: "config/install/EU/production.yml" };
  }
}
