/**
 * Reading YAML files for people: every failure names the file, line and column and says
 * what to do. Shared by the catalogue and state readers.
 */
import {
  type Document,
  isCollection,
  isMap,
  isNode,
  isPair,
  isScalar,
  LineCounter,
  parseDocument,
} from "yaml";
import type * as z from "zod/mini";
import {
  issueWithKeysRestored,
  restoredKey,
  withoutPrototypes,
  withProtoKeysRenamed,
} from "../core/own.js";
import { parserMessage } from "../core/parse-error.js";
import {
  GO_LIVE_CONFLICT_HINT,
  GoliveError,
  ITEM_CONFLICT_HINT,
  type SourceLocation,
} from "../errors.js";
import { describeIssue, formatPath } from "../schema/issues.js";

export interface YamlFile {
  /** The path as the user should see it. */
  path: string;
  text: string;
  doc: Document.Parsed;
  lines: LineCounter;
  /** The file started with a UTF-8 byte order mark. */
  bom: boolean;
  /** The file's line ending, kept on rewrite. */
  eol: "\n" | "\r\n";
}

const CONFLICT_MARKER = /^(<{7}|={7}|>{7}|\|{7})(?: |\r?$)/;

/** Lines (1-based) holding git merge-conflict markers. */
export function conflictMarkerLines(text: string): number[] {
  const found: number[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    if (CONFLICT_MARKER.test(lines[i]!)) found.push(i + 1);
  }
  return found;
}

/** Whether `text` is the merge driver's output with its goLive line between conflict markers. */
export function hasGoLiveConflict(text: string): boolean {
  return /^<<<<<<< ours\r?\ngoLive\s*:[^\n]*\n=======\r?\ngoLive\s*:/m.test(text);
}

/** The items the merge driver left between conflict markers (both sides changed them). */
export function itemConflicts(text: string): string[] {
  return [...text.matchAll(/^<<<<<<< ours\r?\n {2}([A-Za-z0-9_-]+):/gm)].map((m) => m[1]!);
}

export function parseYaml(path: string, rawText: string, what: string): YamlFile {
  const bom = rawText.startsWith("\uFEFF");
  const text = bom ? rawText.slice(1) : rawText;
  const conflicts = conflictMarkerLines(text);
  if (conflicts.length > 0) {
    throw new GoliveError(
      "merge-conflict",
      `${what} has unresolved git merge-conflict markers on line${conflicts.length > 1 ? "s" : ""} ${conflicts.join(", ")}`,
      {
        location: { file: path, line: conflicts[0]!, col: 1 },
        hint:
          itemConflicts(text).length > 0
            ? ITEM_CONFLICT_HINT
            : hasGoLiveConflict(text)
              ? GO_LIVE_CONFLICT_HINT
              : "resolve the conflict (keep both sides' items), remove the markers, then run the command again",
      },
    );
  }
  const lines = new LineCounter();
  let doc: Document.Parsed;
  try {
    // yaml's own unique-key check compares each key with every earlier one: quadratic, and
    // most of the time spent on a 10,000-item file. firstDuplicateKey does it in one pass.
    // logLevel "error": the library would print its own warnings; golive reports problems itself.
    doc = parseDocument(text, {
      lineCounter: lines,
      prettyErrors: false,
      uniqueKeys: false,
      logLevel: "error",
    });
  } catch (error) {
    throw new GoliveError("invalid-yaml", `${what} cannot be read: ${firstLine(String(error))}`, {
      location: { file: path },
      hint: "check that this is the right file",
    });
  }
  const duplicate = doc.errors.length === 0 ? firstDuplicateKey(doc.contents) : undefined;
  if (duplicate !== undefined) {
    const pos = lines.linePos(duplicate);
    throw new GoliveError("invalid-yaml", `${what} is not valid YAML: Map keys must be unique`, {
      location: { file: path, line: pos.line, col: pos.col },
      hint: "fix the YAML syntax at that place",
    });
  }
  const error = doc.errors[0];
  if (error) {
    const pos = lines.linePos(error.pos[0]);
    throw new GoliveError(
      "invalid-yaml",
      `${what} is not valid YAML: ${firstLine(error.message)}`,
      {
        location: { file: path, line: pos.line, col: pos.col },
        hint: "fix the YAML syntax at that place",
      },
    );
  }
  // YAML 1.1 reads dates, yes/no and octal numbers differently: golive's files are 1.2.
  const directives = doc.directives;
  if (directives?.yaml.explicit && directives.yaml.version !== "1.2") {
    const line = text.split("\n").findIndex((l) => l.startsWith("%YAML")) + 1;
    throw new GoliveError(
      "invalid-yaml",
      `${what} asks for YAML ${directives.yaml.version}; golive reads YAML 1.2`,
      {
        location: { file: path, line: Math.max(line, 1), col: 1 },
        hint: "remove the %YAML line (golive's files are YAML 1.2)",
      },
    );
  }
  const eol = /\r\n/.test(text) ? "\r\n" : "\n";
  return { path, text, doc, lines, bom, eol };
}

/** The offset of the first mapping key that repeats an earlier key of its mapping, if any. */
function firstDuplicateKey(root: unknown): number | undefined {
  const pending: unknown[] = [root];
  let earliest: number | undefined;
  while (pending.length > 0) {
    const node = pending.pop();
    if (!isCollection(node)) continue;
    const seen = new Set<unknown>();
    for (const item of node.items) {
      if (!isPair(item)) {
        pending.push(item);
        continue;
      }
      if (isMap(node) && isNode(item.key)) {
        // Scalars compare by value, as yaml does: 1 and "1" differ, null and ~ do not.
        const key = isScalar(item.key) ? item.key.value : item.key;
        if (seen.has(key)) {
          const at = item.key.range?.[0] ?? 0;
          if (earliest === undefined || at < earliest) earliest = at;
        }
        seen.add(key);
      }
      pending.push(item.value);
    }
  }
  return earliest;
}

/** The parser's first line, without any text it quoted from the file (core/parse-error.ts). */
function firstLine(message: string): string {
  return parserMessage({ code: "", message });
}

/** Converts the document to plain data, refusing alias bombs. */
export function toData(file: YamlFile, what: string): unknown {
  try {
    return file.doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    const message = firstLine((error as Error).message);
    throw new GoliveError("invalid-yaml", `${what} cannot be read: ${message}`, {
      location: { file: file.path },
      hint: message.includes("nested")
        ? "check that this is the right file"
        : "remove the excessive aliases (*name) from the file",
    });
  }
}

/** Where the value at `path` starts, or its nearest existing parent. */
export function locate(file: YamlFile, path: readonly PropertyKey[]): SourceLocation {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = file.doc.getIn(path.slice(0, depth) as unknown[], true);
    if (isNode(node) && node.range) {
      const pos = file.lines.linePos(node.range[0]);
      return { file: file.path, line: pos.line, col: pos.col };
    }
  }
  return { file: file.path, line: 1, col: 1 };
}

/** Validates data against a zod schema; the first problem becomes one located error. */
export function validate<T>(
  file: YamlFile,
  data: unknown,
  schema: z.ZodMiniType<T>,
  what: string,
  code: "invalid-state" | "invalid-catalogue" | "invalid-portfolio",
): T {
  // zod/mini loads no locale: describeIssue words every issue. zod asks it only for issues
  // whose schema gave no message of its own, so "expected an ID like CLO-14" stays as written.
  // zod drops a key `__proto__` from every mapping it builds: the data goes in with such keys
  // renamed (core/own.ts), so that they are checked, kept and merged like any other key.
  const result = schema.safeParse(withProtoKeysRenamed(data), {
    error: (issue) => describeIssue(issueWithKeysRestored(issue)),
  });
  // zod builds plain objects: keys from the file must not meet Object.prototype's (core/own.ts).
  if (result.success) return withoutPrototypes(result.data);
  // A misspelt field also makes the real one "missing": name the misspelling first.
  const issues = [...result.error.issues].sort(
    (a, b) => Number(b.code === "unrecognized_keys") - Number(a.code === "unrecognized_keys"),
  );
  const first = issues[0]!;
  const more = issues.length - 1;
  const path = first.path.map(restoredKey);
  throw new GoliveError(code, `${what}: ${formatPath(path)}: ${first.message}`, {
    location: locate(
      file,
      first.code === "unrecognized_keys" ? [...path, restoredKey(first.keys[0]!)] : path,
    ),
    hint: `fix that field${more > 0 ? ` (${more} more problem${more > 1 ? "s" : ""} after it)` : ""}, then run the command again`,
  });
}
