/**
 * File system failures in words people act on, without Node's error text (which repeats the
 * path and leaks temporary file names).
 */
import { GoliveError } from "../errors.js";

/** Why a file operation failed, in a few words. */
export function fsErrorReason(error: unknown): string {
  switch ((error as NodeJS.ErrnoException).code) {
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EISDIR":
      return "it is a folder, not a file";
    case "ENOTDIR":
      return "a part of the path is a file, not a folder";
    case "ENOENT":
      return "no such file or folder";
    case "ENOSPC":
      return "the disk is full";
    case "EROFS":
      return "the file system is read-only";
    case "ELOOP":
      return "it is a symbolic link, or a loop of them";
    case "ENAMETOOLONG":
      return "the name is too long for the file system";
    case "EEXIST":
      return "a file of that name is in the way";
    default:
      return (error as Error).message;
  }
}

/** A write that failed: exit 2, the path as the location, and what to do. */
export function unwritable(path: string, error: unknown, hint: string): GoliveError {
  return new GoliveError("unwritable", `cannot write this file: ${fsErrorReason(error)}`, {
    location: { file: path },
    hint,
  });
}
