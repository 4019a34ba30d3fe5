/**
 * Which names hold secrets: environment variables, PHP config keys, array entries and deploy
 * file keys. Every rule asks here before it shows a value, generic or Spryker: a value under a
 * secret-looking name is never shown, stored or reported.
 *
 * A name is read as words (`SPRYKER_DB_PASSWORD`, `dbPassword`, `docker.newrelic.license`). It
 * holds a secret when it has a secret word, unless every word after the last one says what
 * the name is about instead of holding it: `TOKEN_URL`, `PRIVATE_KEY_PATH`,
 * `PAYONE_CREDENTIALS_ENCODING`, `URL_PATH_PASSWORD_RESET`.
 */

/** A secret word inside a word: `SECRET`, `DBPASSWORD`, `APIKEY`, `CREDENTIALS`. */
const SECRET_IN_WORD = /SECRET|PASSWORD|PASSWD|PASSPHRASE|TOKEN|CREDENTIAL|APIKEY|PRIVATEKEY/;
/** Secret words as the last word only: `*_KEY`, `*_PASS`, `*_PWD`, `*_SALT`, `key` alone. */
const SECRET_LAST = new Set(["KEY", "PASS", "PWD", "SALT"]);
/**
 * Words before `KEY` that make it a lookup key, not a cryptographic one: `STORAGE_KEY`,
 * `*_FOLDER_KEY`, `SORT_KEY`.
 */
const LOOKUP = new Set([
  "FOLDER",
  "SORT",
  "SORTING",
  "CACHE",
  "STORAGE",
  "QUEUE",
  "INDEX",
  "ROUTE",
  "GLOSSARY",
  "TRANSLATION",
  "MAPPING",
  "LOCK",
  "FIELD",
  "ATTRIBUTE",
  "PARAM",
  "PARAMETER",
  "SEARCH",
  "EVENT",
  "RESOURCE",
  "ITEM",
  "ARRAY",
  "DATA",
  "PRIMARY",
  "FOREIGN",
  "IDEMPOTENCY",
  "LOOKUP",
  "GROUP",
  "COLUMN",
  "ROW",
  "MESSAGE",
  "REDIRECT",
  "FILTER",
  "FACET",
  "LOCALE",
  "STORE",
  "CURRENCY",
  "PRICE",
  "PRODUCT",
  "CATEGORY",
  "CMS",
  "URL",
  "TYPE",
]);
/**
 * Words after a secret word that name where or how a secret is, not the secret: `TOKEN_URL`,
 * `PRIVATE_KEY_PATH`, `CREDENTIALS_ENCODING`, `PASSWORD_RESET`, `PASSWORD_MIN_LENGTH`.
 */
const QUALIFIER = new Set([
  "URL",
  "URI",
  "URLS",
  "PATH",
  "FILE",
  "DIR",
  "FOLDER",
  "HOST",
  "PORT",
  "NAME",
  "PREFIX",
  "SUFFIX",
  "ID",
  "LENGTH",
  "TTL",
  "LIFETIME",
  "HEADER",
  "TYPE",
  "ALGORITHM",
  "ENABLED",
  "ENDPOINT",
  "TIMEOUT",
  "EXPIRATION",
  "EXPIRES",
  "EXPIRE",
  "FIELD",
  "PARAM",
  "LOCATION",
  "REGION",
  "MODE",
  "COOKIE",
  "VERSION",
  "LIMIT",
  "SIZE",
  "COUNT",
  "ENCODING",
  "FORMAT",
  "RESET",
  "FORGOT",
  "FORGOTTEN",
  "RECOVERY",
  "RESTORE",
  "CHANGE",
  "POLICY",
  "MIN",
  "MAX",
  "STRENGTH",
  "RULE",
  "RULES",
  "PATTERN",
  "REGEX",
  "VALIDATION",
  "VALIDATOR",
  "FORM",
  "PAGE",
  "ROUTE",
  "LINK",
  "REQUEST",
  "ATTEMPTS",
  "STRATEGY",
  "CLASS",
  "PLUGIN",
  "PROVIDER",
  "GENERATOR",
  "LEVEL",
]);
/** Public keys are published by design. */
const PUBLIC = /PUBLIC/i;

/** `SPRYKER_DB_PASSWORD` → SPRYKER DB PASSWORD; `dbPassword` → DB PASSWORD; upper case. */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== "")
    .map((w) => w.toUpperCase());
}

function isSecretWord(ws: readonly string[], i: number): boolean {
  const w = ws[i]!;
  if (SECRET_IN_WORD.test(w)) return true;
  const last = i === ws.length - 1;
  if (w === "KEY") {
    const before = ws[i - 1];
    if (before === "API" || before === "PRIVATE" || before === "ENCRYPTION") return true;
    return last && !(before !== undefined && LOOKUP.has(before));
  }
  // SPRYKER_OAUTH_KEY_PRIVATE
  if (w === "PRIVATE" && ws[i - 1] === "KEY") return true;
  // New Relic's license key (`NEWRELIC_LICENSE`, `docker.newrelic.license`).
  if (w === "LICENSE" || w === "LICENCE")
    return ws.includes("NEWRELIC") || (ws.includes("NEW") && ws.includes("RELIC"));
  return last && SECRET_LAST.has(w);
}

/** Whether a value under this name is a secret (`DB_PASSWORD`, `'secret'`, `ENCRYPTION_KEY`). */
export function isSecretName(name: string): boolean {
  const n = name.replace(/^['"]|['"]$/g, "");
  if (PUBLIC.test(n)) return false;
  const ws = words(n);
  let last = -1;
  for (let i = 0; i < ws.length; i++) if (isSecretWord(ws, i)) last = i;
  if (last === -1) return false;
  // TOKEN_URL, CREDENTIALS_ENCODING, PASSWORD_RESET: the words after say what it is about.
  const after = ws.slice(last + 1);
  return !(after.length > 0 && after.every((w) => QUALIFIER.has(w)));
}

/**
 * Whether a path of keys reaches a secret: any secret-bearing segment (New Relic's `license`
 * under `newrelic`), or the user name of an `auth.users` entry (real deploy files use the
 * password as the user name).
 */
export function isSecretPath(path: readonly string[]): boolean {
  if (path.some(isSecretName)) return true;
  const last = path[path.length - 1];
  if (last !== undefined && /^licen[sc]e(?:[_-]?key)?$/i.test(last))
    if (path.some((p) => /^new[_-]?relic$/i.test(p))) return true;
  return (
    (last === "username" || last === "user") && path.some((p) => p === "users" || p === "auth")
  );
}
