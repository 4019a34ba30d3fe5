/**
 * What `golive upgrade` reports: the versions, and the items added, renamed and removed.
 */
import type { UpgradePlan } from "../core/upgrade.js";
import { plural, type Style, safe } from "./text.js";

export function renderUpgrade(style: Style, plan: UpgradePlan, dryRun: boolean): string {
  const c = style.chalk;
  const changes = plan.added.length + plan.renamed.length;
  const moved = plan.versions.filter((v) => v.from !== v.to);
  const lines: string[] = [];
  for (const v of plan.versions) {
    lines.push(
      v.from === v.to
        ? `${safe(v.name)} ${safe(v.to)}: unchanged`
        : `${safe(v.name)} ${safe(v.from ?? "(no version recorded)")} → ${c.bold(safe(v.to))}`,
    );
  }
  if (plan.added.length > 0) {
    lines.push("", `Added (${plan.added.length}), todo:`);
    for (const item of plan.added) lines.push(`  ${item.id.padEnd(7)} ${safe(item.title)}`);
  }
  if (plan.renamed.length > 0) {
    lines.push("", `Renamed (${plan.renamed.length}), state carried over:`);
    for (const { from, item } of plan.renamed) {
      lines.push(`  ${safe(from)} → ${item.id}  ${safe(item.title)}`);
    }
  }
  if (plan.removed.length > 0) {
    lines.push(
      "",
      `Removed (${plan.removed.length}), entries kept in golive.yaml (delete them once reviewed):`,
    );
    for (const id of plan.removed) lines.push(`  ${safe(id)}`);
  }
  lines.push("");
  if (changes === 0 && moved.length === 0) {
    lines.push("golive.yaml is up to date; nothing changed.");
  } else if (dryRun) {
    lines.push(
      `Dry run: golive.yaml was not changed. Run \`golive upgrade\` to apply ${plural(changes, "item change")} and record the new version${moved.length === 1 ? "" : "s"}.`,
    );
  } else {
    lines.push(
      `golive.yaml now follows ${moved.length > 0 ? moved.map((v) => `${safe(v.name)} ${safe(v.to)}`).join(", ") : "the catalogue"}. Review the diff and commit it.`,
    );
  }
  return `${lines.join("\n")}\n`;
}
