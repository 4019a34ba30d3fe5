/** When PHP and search engine versions stop being maintained (CLO-10). */

/** Security support of PHP ends (php.net/supported-versions), by minor version. */
export const PHP_END: Record<string, string> = {
  "7.3": "2021-12-06",
  "7.4": "2022-11-28",
  "8.0": "2023-11-26",
  "8.1": "2025-12-31",
  "8.2": "2026-12-31",
  "8.3": "2027-12-31",
  "8.4": "2028-12-31",
  "8.5": "2029-12-31",
};
/**
 * End of maintenance of search engines, by minor version where each minor has its own and by
 * major version otherwise. Elasticsearch (elastic.co/support/eol): each 7.x minor 18 months
 * after its GA, 7.17 extended to 2026-01-15; 5.x and 6.x by their last minor. OpenSearch
 * (opensearch.org/releases, maintenance policy): a 1.x minor until the next minor's release,
 * 1.3 until 2025-05-06. A version not listed (8.x, OpenSearch 2.x) has no end golive knows.
 */
const SEARCH_END: Record<string, Record<string, string>> = {
  elastic: {
    "5": "2019-03-11",
    "6": "2022-02-10",
    "7.0": "2020-10-10",
    "7.1": "2020-11-20",
    "7.2": "2020-12-25",
    "7.3": "2021-01-31",
    "7.4": "2021-04-01",
    "7.5": "2021-06-02",
    "7.6": "2021-08-11",
    "7.7": "2021-11-13",
    "7.8": "2021-12-18",
    "7.9": "2022-02-18",
    "7.10": "2022-05-11",
    "7.11": "2022-08-10",
    "7.12": "2022-09-23",
    "7.13": "2022-11-25",
    "7.14": "2023-02-03",
    "7.15": "2023-03-22",
    "7.16": "2023-06-07",
    "7.17": "2026-01-15",
  },
  opensearch: {
    "1.0": "2021-10-05",
    "1.1": "2021-11-23",
    "1.2": "2022-03-17",
    "1.3": "2025-05-06",
  },
};

/** The end of maintenance of a search engine's version: its minor's, else its major's. */
export function searchEndOfLife(engine: string, version: string): string | undefined {
  const m = /^(\d+)(?:\.(\d+))?/.exec(version.trim());
  if (!m) return undefined;
  const table = Object.hasOwn(SEARCH_END, engine) ? SEARCH_END[engine]! : undefined;
  if (!table) return undefined;
  const minor = m[2] !== undefined ? `${m[1]}.${m[2]}` : undefined;
  if (minor !== undefined && Object.hasOwn(table, minor)) return table[minor];
  // A major listed by its minors needs the minor; "7" alone is read as its last minor.
  const minors = Object.keys(table).filter((k) => k.startsWith(`${m[1]}.`));
  if (minors.length > 0) return minor === undefined ? table[minors.at(-1)!] : undefined;
  return Object.hasOwn(table, m[1]!) ? table[m[1]!] : undefined;
}
