import { existsSync, mkdirSync, statSync } from "node:fs";
import { foldersUp } from "./locate.js";

/**
 * Creates `folder` and the missing folders above it one level at a time, with `mode` when
 * given. (Node's recursive mkdir spins forever under some pseudo file systems, such as a path
 * below /proc.)
 */
export function ensureFolder(folder: string, mode?: number): void {
  const missing = foldersUp(folder, existsSync)
    .filter((dir) => !existsSync(dir))
    .reverse();
  for (const each of missing) {
    try {
      mkdirSync(each, mode);
    } catch (error) {
      // Another process (a parallel CI job) made it first: fine, if it is a folder.
      if ((error as NodeJS.ErrnoException).code !== "EEXIST" || !statSync(each).isDirectory()) {
        throw error;
      }
    }
  }
}
