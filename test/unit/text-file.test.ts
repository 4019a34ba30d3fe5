/**
 * The size limit of the files golive reads: a file at the limit is read, one byte more is
 * refused before it is read, with the limit named.
 */
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readCatalogueFile } from "../../src/io/catalogue.js";
import { MAX_FILE_BYTES, readTextFile } from "../../src/io/text-file.js";
import { caught } from "../helpers/errors.js";

const dir = mkdtempSync(join(tmpdir(), "golive-size-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A file of `bytes` NUL bytes (valid UTF-8), made without writing them. */
function fileOf(name: string, bytes: number): string {
  const path = join(dir, name);
  writeFileSync(path, "");
  truncateSync(path, bytes);
  return path;
}

describe("MAX_FILE_BYTES", () => {
  const limit = `${MAX_FILE_BYTES / 1024 / 1024} MiB`;

  it("reads a file of exactly the limit", () => {
    expect(readTextFile(fileOf("at.yaml", MAX_FILE_BYTES), "state file")).toHaveLength(
      MAX_FILE_BYTES,
    );
  });

  it("refuses one byte more, naming the size and the limit", () => {
    const path = fileOf("over.yaml", MAX_FILE_BYTES + 1);
    const error = caught(() => readTextFile(path, "state file"));
    expect(error.code).toBe("too-large");
    expect(error.exitCode).toBe(2);
    expect(error.location?.file).toBe(path);
    expect(error.message).toBe(
      `state file is ${((MAX_FILE_BYTES + 1) / 1024 / 1024).toFixed(1)} MiB; golive reads at most ${limit}`,
    );
  });

  it("refuses a catalogue over the limit the same way", () => {
    const path = fileOf("catalogue.yaml", 3 * MAX_FILE_BYTES);
    const error = caught(() => readCatalogueFile(path));
    expect(error.code).toBe("too-large");
    expect(error.message).toMatch(
      new RegExp(`^catalogue is [0-9.]+ MiB; golive reads at most ${limit}$`),
    );
  });
});
