/** The owners golive.yaml names, and which one someone meant by what they typed. */
import type { ItemView } from "./board.js";

export function knownOwners(items: readonly ItemView[]): string[] {
  const seen = new Map<string, string>();
  for (const v of items) {
    const owner = v.state.owner;
    if (owner !== undefined && !seen.has(owner.toLowerCase())) seen.set(owner.toLowerCase(), owner);
  }
  return [...seen.values()];
}

/**
 * The owner someone meant by `typed`: the one written so (in any case), else the only one
 * whose first name it is (`sam` finds "Sam Taylor"). Several first-name matches are ambiguous.
 * A full name never takes an owner written as a first name alone ("Bob" may be Bob Smith,
 * not git's "Bob Jones"): `shortForms` names them, for the message.
 */
export function matchOwner(
  owners: readonly string[],
  typed: string,
): { ok: true; owner: string } | { ok: false; candidates: string[]; shortForms: string[] } {
  const wanted = typed.trim().toLowerCase();
  const exact = owners.find((o) => o.toLowerCase() === wanted);
  if (exact !== undefined) return { ok: true, owner: exact };
  const firstName = (o: string) => o.trim().split(/\s+/)[0]!.toLowerCase();
  const first = owners.filter((o) => firstName(o) === wanted);
  if (first.length === 1) return { ok: true, owner: first[0]! };
  const typedFirst = wanted.split(/\s+/)[0]!;
  const shortForms =
    typedFirst === wanted ? [] : owners.filter((o) => o.trim().toLowerCase() === typedFirst);
  return { ok: false, candidates: first, shortForms };
}
