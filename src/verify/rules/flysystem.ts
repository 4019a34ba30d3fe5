import type { Finding } from "../../core/verdict.js";
import type { Facts } from "../facts.js";
import { kindOf, literalLine } from "../php-value.js";

const AWS_ADAPTER = /^(Iam)?Aws3v3FilesystemBuilderPlugin$/;
const LOCAL_ADAPTER = "LocalFilesystemBuilderPlugin";

export function flysystem(facts: Facts): Finding[] {
  const { lock, problem } = facts.composer();
  const { loads, notes } = facts.config();
  const findings: Finding[] = [];
  const seen = new Set<string>();
  let aws: { file: string; line: number } | undefined;
  let local: { file: string; line: number } | undefined;
  /** Adapters that are neither S3 nor the local disk (FTP, SFTP, Azure, ...), first of each. */
  const other = new Map<string, { file: string; line: number }>();
  for (const load of loads) {
    for (const fs of load.filesystems) {
      const key = `${fs.file}:${fs.line}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const at = { file: fs.file, line: fs.line };
      const m = AWS_ADAPTER.exec(fs.adapter);
      if (!m) {
        if (fs.adapter === LOCAL_ADAPTER) local ??= at;
        else if (!other.has(fs.adapter)) other.set(fs.adapter, at);
        continue;
      }
      aws ??= at;
      // With the IAM adapter the role gives access: key and secret may well be empty, but a
      // literal one is still a committed credential.
      const iam = m[1] === "Iam";
      for (const name of ["key", "secret", "bucket"]) {
        const entry = fs.entries.get(name);
        if (!entry) continue;
        const kind = kindOf(entry.value);
        const where = { file: fs.file, line: literalLine(entry.value), subject: name };
        const keyless = iam && name !== "bucket";
        if (kind === "empty") {
          if (!keyless)
            findings.push({ code: "flysystem-empty-credential", result: "warn", ...where });
        } else if (name !== "bucket" && (kind === "literal" || kind === "fallback"))
          findings.push({
            code: "flysystem-literal-credentials",
            result: "fail",
            ...where,
            found: kind,
            expected: "getenv('...')",
          });
        else if (name !== "bucket" && kind === "placeholder" && !keyless)
          findings.push({ code: "flysystem-empty-credential", result: "warn", ...where });
      }
    }
  }
  const pkgName = "spryker/flysystem-aws3v3-file-system";
  const pkg = lock?.packages.get(pkgName);
  if (!aws) {
    // Another adapter than the local disk is configured: say which, not "only local".
    const [adapter, at] = [...other][0] ?? [];
    if (adapter && at)
      return [
        ...notes,
        {
          code: "flysystem-not-s3",
          result: "warn",
          ...at,
          found: [...other.keys()].join(", "),
          expected: "Aws3v3FilesystemBuilderPlugin",
        },
      ];
    if (local)
      return [
        ...notes,
        {
          code: "flysystem-local-only",
          result: "warn",
          ...local,
          expected: "Aws3v3FilesystemBuilderPlugin",
        },
      ];
    return [
      ...notes,
      {
        code: "flysystem-not-configured",
        result: notes.some((n) => n.code === "php-unreadable") ? "unknown" : "fail",
        subject: loads.flatMap((l) => l.files).join(", ") || "config/Shared/config_default.php",
        expected: "Aws3v3FilesystemBuilderPlugin",
      },
    ];
  }
  if (!pkg)
    return [
      ...notes,
      problem ?? {
        code: "flysystem-package-missing",
        result: "fail",
        file: "composer.lock",
        subject: pkgName,
      },
    ];
  if (findings.length > 0) return [...notes, ...findings];
  return [...notes, { code: "flysystem-ok", result: "pass", ...aws, found: pkg.version }];
}
