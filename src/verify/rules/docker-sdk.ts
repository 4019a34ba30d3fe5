/** APP-08: the Docker SDK is pinned. */

import type { Finding } from "../../core/verdict.js";
import type { Facts } from "../facts.js";
import { lineAt } from "../generic.js";

/**
 * APP-08: the Docker SDK is pinned: `.git.docker` with a release tag, or a `docker` git
 * submodule (a pinned commit); when both are there they must agree.
 */
export function dockerSdk(facts: Facts): Finding[] {
  const file = ".git.docker";
  const text = facts.text(file);
  const pin = facts.submodule("docker");
  const modules = facts.text(".gitmodules");
  const declared = modules ? /^\s*path\s*=\s*docker\s*$/m.exec(modules) : null;
  const submodule: Finding | undefined = pin
    ? {
        code: "docker-sdk-submodule",
        result: "warn",
        file: "docker",
        found: pin,
        expected: "a release tag like 1.65.0",
      }
    : undefined;
  if (text === undefined) {
    if (submodule) return [submodule];
    if (declared)
      return [
        {
          code: "docker-sdk-submodule-unpinned",
          result: "fail",
          file: ".gitmodules",
          line: lineAt(modules!, declared.index),
        },
      ];
    return [{ code: "docker-sdk-missing", result: "fail", file }];
  }
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "");
  if (lines.length === 0) return [{ code: "docker-sdk-empty", result: "fail", file }];
  if (lines.length > 1)
    return [{ code: "docker-sdk-lines", result: "fail", file, found: `${lines.length}` }];
  const ref = lines[0]!;
  const at = { file, line: 1, found: ref };
  const findings: Finding[] = [];
  if (/^v?\d+\.\d+\.\d+$/.test(ref))
    findings.push({ code: "docker-sdk-tag", result: "pass", ...at });
  else if (/^[0-9a-f]{40}$/i.test(ref))
    findings.push({
      code: "docker-sdk-commit",
      result: "warn",
      ...at,
      expected: "a release tag like 1.65.0",
    });
  else if (ref === "master" || ref === "main" || /^\d+(\.\d+)?\.x$/.test(ref))
    findings.push({
      code: "docker-sdk-floating",
      result: "fail",
      ...at,
      expected: "a release tag like 1.65.0",
    });
  else
    findings.push({
      code: "docker-sdk-branch",
      result: "warn",
      ...at,
      expected: "a release tag like 1.65.0",
    });
  if (pin && pin.toLowerCase() !== ref.toLowerCase())
    findings.push({
      code: "docker-sdk-disagree",
      result: "warn",
      file: "docker",
      found: pin,
      expected: ref,
    });
  return findings;
}
