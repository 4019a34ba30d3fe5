/**
 * Where the tests' temporary folders go: GOLIVE_TEST_TMPDIR if set, else a RAM-backed folder
 * when the machine has one with room to spare (Linux's /dev/shm), else the system's. The tests
 * make tens of thousands of small files and git objects; on a slow disk that alone took longer
 * than everything else in the run. Shared by test/global-setup.ts and test/helpers/cli.ts.
 */
import { accessSync, constants, statfsSync } from "node:fs";
import { tmpdir } from "node:os";

export function tempRoot(): string {
  const chosen = process.env.GOLIVE_TEST_TMPDIR;
  if (chosen) return chosen;
  try {
    const { bavail, bsize } = statfsSync("/dev/shm");
    accessSync("/dev/shm", constants.W_OK);
    if (bavail * bsize > 2 * 1024 ** 3) return "/dev/shm";
  } catch {
    // No such folder: the system's temporary folder it is.
  }
  return tmpdir();
}

declare module "vitest" {
  export interface ProvidedContext {
    /**
     * A folder that lives as long as the test run (test/global-setup.ts makes it and removes
     * it at the end): what every test file may copy, built once per worker.
     */
    runDir: string;
  }
}
