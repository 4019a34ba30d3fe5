/**
 * What several rules read, parsed once per run: composer.lock and the deploy files.
 */
import { type ComposerLock, parseComposerLock } from "./composer.js";
import { type DeploySet, loadDeploySet } from "./deploy.js";
import type { Finding, RepoView, VerifyContext } from "./types.js";

export class Facts {
  private lock: { lock?: ComposerLock; problem?: Finding } | undefined;
  private deploySet: DeploySet | undefined;

  constructor(
    readonly repo: RepoView,
    readonly ctx: VerifyContext,
  ) {}

  /** The parsed composer.lock, or the finding that says why there is none. */
  composer(): { lock?: ComposerLock; problem?: Finding } {
    if (!this.lock) {
      const file = "composer.lock";
      const text = this.repo.read(file);
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

  deploy(): DeploySet {
    this.deploySet ??= loadDeploySet(this.repo);
    return this.deploySet;
  }
}
