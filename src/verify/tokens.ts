/**
 * Provider token formats (cloud keys, private keys, tokens of well-known services) found with
 * secretlint and its recommended preset, rather than golive keeping those patterns itself: the
 * preset is maintained as providers change their formats.
 *
 * secretlint is imported here, on first use, so only a run that checks APP-17 loads it; inside
 * the single bundle its modules stay wrapped until then. Only the rule's message id and where it
 * matched leave this file: never secretlint's message, which quotes the match.
 */

/** A token found: the file, the line and which kind (the rule's message id, e.g. `AWSSecretAccessKey`). */
export interface TokenHit {
  file: string;
  line: number;
  kind: string;
}

export interface TokenScan {
  hits: TokenHit[];
  /** Set when secretlint could not run: the scan says `unknown` rather than nothing found. */
  failed?: boolean;
}

/** Secretlint's own comment directive: golive's `verify.allow` is where reviewed findings go. */
const FILTER_COMMENTS = "@secretlint/secretlint-rule-filter-comments";

/**
 * Scans `sources` in one call: secretlint's cost is mostly per call, so the texts go in joined by
 * blank lines, and each match is given back to the file it starts in (a match that runs into the
 * next file is dropped).
 */
export async function findProviderTokens(
  sources: readonly { file: string; text: string }[],
): Promise<TokenScan> {
  if (sources.length === 0) return { hits: [] };
  const starts: number[] = [];
  let content = "";
  for (const s of sources) {
    starts.push(content.length);
    content += `${s.text}\n\n`;
  }
  let messages: { range: readonly [number, number]; messageId: string }[];
  try {
    const [{ lintSource }, { creator }] = await Promise.all([
      import("@secretlint/core"),
      import("@secretlint/secretlint-rule-preset-recommend"),
    ]);
    const result = await lintSource({
      source: { filePath: "golive-verify.txt", content, contentType: "text" },
      options: {
        maskSecrets: true,
        noPhysicFilePath: true,
        config: {
          rules: [
            {
              id: creator.meta.id,
              rule: creator,
              rules: [{ id: FILTER_COMMENTS, disabled: true }],
            },
          ],
        },
      },
    });
    messages = result.messages;
  } catch {
    return { hits: [], failed: true };
  }
  const hits: TokenHit[] = [];
  for (const m of messages) {
    const at = m.range[0];
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    const source = sources[lo]!;
    const offset = at - starts[lo]!;
    if (offset + (m.range[1] - m.range[0]) > source.text.length) continue;
    let line = 1;
    for (
      let i = source.text.indexOf("\n");
      i !== -1 && i < offset;
      i = source.text.indexOf("\n", i + 1)
    )
      line++;
    hits.push({ file: source.file, line, kind: m.messageId });
  }
  return { hits };
}
