/**
 * Reading and changing recorded evidence in a state file's text, as golive writes it: one
 * line of JSON in a single-quoted YAML string (io/evidence-line.ts).
 */
import { evidenceLine } from "../../src/io/evidence-line.js";

type Evidence = Record<string, unknown>;

const lineOf = (id: string) =>
  new RegExp(
    `^(  ${id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:\\n(?: {4}.*\\n)*? {4}evidence: )'(.*)'$`,
    "m",
  );

/** Item `id`'s recorded evidence in `text`, decoded; undefined when it has none. */
export function evidenceIn(text: string, id: string): Evidence | undefined {
  const m = lineOf(id).exec(text);
  return m ? (JSON.parse(m[2]!.replaceAll("''", "'")) as Evidence) : undefined;
}

/** `text` with item `id`'s evidence line replaced by what `edit` makes of it. */
export function withEvidence(text: string, id: string, edit: (e: Evidence) => Evidence): string {
  const before = evidenceIn(text, id);
  if (before === undefined) throw new Error(`no evidence line for ${id}`);
  const line = `'${evidenceLine(edit(before)).replaceAll("'", "''")}'`;
  return text.replace(lineOf(id), (_, head: string) => head + line);
}
