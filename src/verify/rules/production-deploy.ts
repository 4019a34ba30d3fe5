/** CLO-10: what a production deploy file must not run. */

import type { Finding, Result } from "../../core/verdict.js";
import { endpoints } from "../deploy.js";
import { judged } from "../deploy-judged.js";
import { PHP_END, searchEndOfLife } from "../end-of-life.js";
import type { Facts } from "../facts.js";
import { child, childIn, eachEntry, scalarText, type Tree } from "../yaml-tree.js";

function endOfLife(
  end: string | undefined,
  facts: Facts,
): { result: Result; found: string } | undefined {
  if (end === undefined) return undefined;
  const past = end <= facts.ctx.today;
  // From the end of support on, it fails.
  facts.until(past ? undefined : end);
  if (past) return { result: "fail", found: end };
  if (end <= facts.ctx.goLive) return { result: "warn", found: end };
  return undefined;
}

export function productionDeploy(facts: Facts): Finding[] {
  const { files, notes, none } = judged(facts);
  if (none) return none;
  const findings: Finding[] = [...notes];
  const push = (f: Finding) => findings.push(f);
  for (const f of files) {
    for (const e of endpoints([f])) {
      const cors = child(e.node, "cors-allow-origin");
      if (scalarText(cors)?.trim() === "*")
        push({
          code: "deploy-cors-any",
          result: "fail",
          file: f.file,
          line: cors!.line,
          subject: `${e.host} (${e.type})`,
          expected: "the storefront origins, not *",
        });
    }
    const blackfire = childIn(f.tree, ["services", "blackfire"]);
    if (blackfire)
      push({ code: "deploy-blackfire", result: "fail", file: f.file, line: blackfire.line });
    const extensions = childIn(f.tree, ["image", "php", "enabled-extensions"]);
    if (extensions?.kind === "seq")
      for (const x of extensions.items)
        if (scalarText(x) === "blackfire")
          push({ code: "deploy-blackfire", result: "fail", file: f.file, line: x.line });
    const mail = childIn(f.tree, ["services", "mail_catcher"]);
    if (mail) {
      push({
        code: "deploy-mail-catcher",
        result: "fail",
        file: f.file,
        line: mail.line,
        found: scalarText(child(mail, "engine")) ?? "mail_catcher",
      });
    }
    eachImage(f.tree, (tag, node) => {
      const php = /(?:^|\/)php:(\d+\.\d+)/.exec(tag)?.[1];
      const eol = endOfLife(php ? PHP_END[php] : undefined, facts);
      if (php && eol)
        push({
          code: "deploy-eol-php",
          result: eol.result,
          file: f.file,
          line: node.line,
          subject: `PHP ${php}`,
          found: eol.found,
        });
    });
    const search = childIn(f.tree, ["services", "search"]);
    const engine = scalarText(child(search, "engine"));
    const version = scalarText(child(search, "version"));
    if (engine && version) {
      const eol = endOfLife(searchEndOfLife(engine, version), facts);
      if (eol)
        push({
          code: "deploy-eol-search",
          result: eol.result,
          file: f.file,
          line: (child(search, "version") ?? search)!.line,
          subject: `${engine} ${version}`,
          found: eol.found,
        });
    }
  }
  if (!findings.some((f) => f.result !== "pass"))
    findings.push({ code: "deploy-production-clean", result: "pass", found: `${files.length}` });
  return findings;
}

/** Every `image:` / `tag:` of the file that names a Docker image (the PHP image is `image.tag`). */
function eachImage(tree: Tree | undefined, visit: (tag: string, node: Tree) => void): void {
  eachEntry(tree, (key, value) => {
    if (key !== "tag" && key !== "image") return;
    const tag = scalarText(value);
    if (tag?.includes(":")) visit(tag, value);
  });
}
