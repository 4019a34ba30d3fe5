import { execFileSync } from "node:child_process";
import {
  chmodSync,
  chownSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cacheFolder, readPrivateFile, writePrivateFile } from "../../src/io/private-file.js";
import { tempDir } from "../helpers/cli.js";

const uid = process.getuid?.();

function folder(): string {
  const dir = join(tempDir(), "cache");
  mkdirSync(dir, { mode: 0o700 });
  return dir;
}

describe.runIf(uid !== undefined)("readPrivateFile", () => {
  it("reads a regular file of the user's in the user's private folder", () => {
    const dir = folder();
    writeFileSync(join(dir, "a"), "content");
    expect(readPrivateFile(join(dir, "a"), uid)?.toString()).toBe("content");
  });

  it("ignores a file, or a folder, that belongs to someone else", () => {
    const dir = folder();
    writeFileSync(join(dir, "a"), "content");
    expect(readPrivateFile(join(dir, "a"), uid! + 1)).toBeUndefined();
    if (uid === 0) {
      // The folder is the user's; only the file is not.
      chownSync(join(dir, "a"), 4242, 4242);
      expect(readPrivateFile(join(dir, "a"), uid)).toBeUndefined();
    }
  });

  it("ignores a folder that others can write to", () => {
    const dir = folder();
    writeFileSync(join(dir, "a"), "content");
    chmodSync(dir, 0o777);
    expect(readPrivateFile(join(dir, "a"), uid)).toBeUndefined();
  });

  it("does not follow a link, nor wait on a FIFO", () => {
    const dir = folder();
    writeFileSync(join(tempDir(), "elsewhere"), "planted");
    symlinkSync(join(tempDir(), "elsewhere"), join(dir, "link"));
    expect(readPrivateFile(join(dir, "link"), uid)).toBeUndefined();
    execFileSync("mkfifo", [join(dir, "fifo")]);
    expect(readPrivateFile(join(dir, "fifo"), uid)).toBeUndefined();
  });
});

describe.runIf(uid !== undefined)("writePrivateFile", () => {
  it("writes a file only the user can read, creating a private folder", () => {
    const dir = join(tempDir(), "new", "cache");
    writePrivateFile(join(dir, "a"), "content", uid);
    expect(readPrivateFile(join(dir, "a"), uid)?.toString()).toBe("content");
  });

  it("never writes through a link planted at its temporary file's name", () => {
    const dir = folder();
    const victim = join(tempDir(), "victim");
    writeFileSync(victim, "untouched");
    symlinkSync(victim, join(dir, `a.${process.pid}.tmp`));
    writePrivateFile(join(dir, "a"), "content", uid);
    expect(readFileSync(victim, "utf8")).toBe("untouched");
  });

  it("writes nothing into a folder that others can write to, and says so", () => {
    const dir = folder();
    chmodSync(dir, 0o777);
    expect(writePrivateFile(join(dir, "a"), "content", uid)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("removes its own files not written for 30 days, and nothing else", () => {
    const dir = folder();
    const longAgo = new Date(Date.now() - 31 * 24 * 60 * 60 * 1000);
    const names = {
      old: [
        "state-0123abcd.json",
        "code-main-0123456789abcdef-v20.0.0-x64-0badf00d.bin",
        "state-0123abcd.json.42-k3j5.tmp",
      ],
      kept: [
        "code-edit-0123456789abcdef-v20.0.0-x64-0badf00d.bin.commands",
        "code-review.bin",
        "state-notes.json",
        "notes.txt",
      ],
    };
    for (const name of [...names.old, ...names.kept]) writeFileSync(join(dir, name), "");
    for (const name of [...names.old, ...names.kept.slice(1)]) {
      utimesSync(join(dir, name), longAgo, longAgo);
    }
    writePrivateFile(join(dir, "state-ffffffff.json"), "content", uid);
    expect(readdirSync(dir).sort()).toEqual([...names.kept, "state-ffffffff.json"].sort());
  });
});

describe("cacheFolder", () => {
  it("is off with GOLIVE_NO_CACHE, moved with GOLIVE_CACHE_DIR, never relative", () => {
    expect(cacheFolder({ GOLIVE_NO_CACHE: "1", GOLIVE_CACHE_DIR: "/x" })).toBeUndefined();
    expect(cacheFolder({ GOLIVE_NO_CACHE: "0", GOLIVE_CACHE_DIR: "/x" })).toBe("/x");
    expect(cacheFolder({ GOLIVE_CACHE_DIR: "relative" })).toBeUndefined();
    expect(cacheFolder({ XDG_CACHE_HOME: "relative", HOME: "/home/u" })).not.toMatch(/^relative/);
  });
});
