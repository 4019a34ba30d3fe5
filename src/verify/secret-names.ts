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
/**
 * Where a secret is kept, not the secret: `DB_PASSWORD_SECRET_ARN`, `API_KEY_SSM_PARAMETER`.
 * APP-17 does not report a literal under such a name, but its value is still never shown: a
 * secret is sometimes kept under it by mistake.
 */
const POINTER = new Set(["ARN", "SSM", "PARAMETER", "VAULT"]);
/** `REDIS_AUTH`, `MAIL_SMTP_CREDS`, `SPRYKER_DB_DSN`, `SENTRY_DSN`: credentials by another name. */
const SECRET_TAIL = /(?:[_.-](?:AUTH|CREDS?)$)|DSN/i;
/** camelCase names: `dbPass`, `apiKey`, `smtpPassword`, `clientSecret`, `redisAuth`. */
const SECRET_CAMEL =
  /[a-z0-9](?:Pass|Passwd|Password|Pwd|Secret|Token|Key|Auth|Creds?|Credentials|Dsn)$/;
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

/** Words about a secret that hold none: `PASSWORDLESS_LOGIN`, `CARD_TOKENIZATION`. */
const ABOUT_SECRETS = /^(?:PASSWORDLESS|TOKENLESS|TOKENI[SZ](?:E|ED|ER|ATION))$/;

function isSecretWord(ws: readonly string[], i: number, strict = false): boolean {
  const w = ws[i]!;
  if (!strict && ABOUT_SECRETS.test(w)) return false;
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

/**
 * Whether a value under this name is a secret (`DB_PASSWORD`, `'secret'`, `ENCRYPTION_KEY`).
 * `strict`: also a name that only says where a secret is kept (`..._SECRET_ARN`) or holds a
 * word about secrets (`PAYMENT_TOKENIZER`): such a value is never shown, though not reported.
 */
export function isSecretName(name: string, strict = false): boolean {
  // Deploy files repeat the same keys thousands of times (`environment`, `endpoints`, hosts);
  // a long name (a hostile file's) is answered, not kept.
  if (name.length > 256) return secretName(name, strict);
  const answers = strict ? STRICT_ANSWERS : ANSWERS;
  let known = answers.get(name);
  if (known === undefined) {
    if (answers.size >= 50_000) answers.clear();
    known = secretName(name, strict);
    answers.set(name, known);
  }
  return known;
}

/** `isSecretName`'s answers by name, one map for each rule. */
const ANSWERS = new Map<string, boolean>();
const STRICT_ANSWERS = new Map<string, boolean>();

/** What no key's name holds, but a pattern or a sentence does: `'/([?&;]password=)[^&;]+/i'`. */
const NOT_A_NAME = /[()[\]^|*+?{}]/;

/** A password policy's parts, after a password word: `CUSTOMER_PASSWORD_DENY_LIST`. */
const POLICY_PART =
  /^(?:DENY_LIST|ALLOW_LIST|BLACKLIST|WHITELIST|CHARACTER_SET|CHARACTERS|EXPIRATION_PERIOD|POLICY_HINT|HINT)$/;

function secretName(name: string, strict: boolean): boolean {
  const n = name.replace(/^['"]|['"]$/g, "");
  if (PUBLIC.test(n) || NOT_A_NAME.test(n)) return false;
  const ws = words(n);
  let last = -1;
  for (let i = 0; i < ws.length; i++) if (isSecretWord(ws, i, strict)) last = i;
  if (last === -1) return false;
  // TOKEN_URL, CREDENTIALS_ENCODING, PASSWORD_RESET: the words after say what it is about.
  const after = ws.slice(last + 1);
  if (/^PASS(?:WORD|WD)?$|^PWD$/.test(ws[last]!) && POLICY_PART.test(after.join("_"))) return false;
  const qualifies = (w: string) => QUALIFIER.has(w) || (!strict && POINTER.has(w));
  return !(after.length > 0 && after.every(qualifies));
}

/**
 * Whether a value under this name may not be shown: a secret name (APP-17's rule above), or a
 * credential by another name (`REDIS_AUTH`, `SENTRY_DSN`) or in camelCase (`dbPass`). APP-17
 * does not report these as literals: they are only kept out of every output.
 */
export function isSecretKey(name: string): boolean {
  if (isSecretName(name, true)) return true;
  const n = name.replace(/^['"]|['"]$/g, "");
  if (PUBLIC.test(n)) return false;
  return SECRET_TAIL.test(n) || SECRET_CAMEL.test(n);
}

/**
 * Values that are credentials whatever their name: a URL with user info
 * (`mysql://root:S3CR3T@db/shop`, a Sentry DSN `https://key@o1.ingest.sentry.io/1`), a DSN or
 * query with `password=`, an HTTP `Basic`/`Bearer` header, a JWT, a private key, and the shapes
 * of the common providers' tokens. Each shape runs in linear time: values can be megabytes long.
 */
const CREDENTIAL_SHAPES: readonly RegExp[] = [
  /:\/\/[^/\s@]{1,1024}@/,
  /(?:^|[;&?\s,])(?:password|passwd|pwd|pass|secret|token|api_?key|auth)\s*=/i,
  /^\s*(?:Basic|Bearer|Token|Digest)\s+\S/i,
  /\beyJ[\w-]{5,512}\.eyJ/,
  /-----BEGIN [A-Z ]*PRIVATE KEY/,
  /\b(?:gh[pousr]_[A-Za-z0-9]{20}|github_pat_\w{20}|glpat-[\w-]{16}|xox[abposr]-[\w-]{10}|sk_live_\w{10}|AKIA[0-9A-Z]{16}|AIza[\w-]{30})/,
];

/** Shown in place of a finding's value or subject that looks like a credential. */
export const WITHHELD = "(looks like a credential: not shown)";

/**
 * A finding's subject, or WITHHELD when it holds one of the secrets the finding is about: a key
 * can be the password itself (`BROKERS: { '<password>': amqp://shop:<password>@broker }`).
 */
export function withoutSecrets(subject: string, secrets: readonly string[]): string {
  return secrets.some((secret) => namesSecret(subject, secret)) ? WITHHELD : subject;
}

/**
 * Whether a subject names one of `secrets`, as written or percent-decoded (a key `p!w` beside
 * a URL's `p%21w`).
 */
function namesSecret(subject: string, secret: string): boolean {
  // A secret of a few characters is in many names by chance: it would hide every subject.
  if (secret.length < 4) return false;
  if (subject.includes(secret)) return true;
  if (!secret.includes("%") && !subject.includes("%")) return false;
  return decoded(subject).includes(decoded(secret));
}

/** Percent-decoded, or as it is when it does not decode. */
function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** `"secret": "..."` in JSON held by a value (`SPRYKER_OAUTH_CLIENT_CONFIGURATION`). */
const JSON_ENTRY = /"([\w.-]{1,128})"\s*:\s*"((?:[^"\\]|\\.)*)"/g;

/**
 * Whether a value has a credential's shape, whatever key it is under; JSON it holds with a
 * non-empty entry under a secret name counts too (APP-17 reads such entries as secrets).
 */
export function hasCredentialShape(value: string): boolean {
  if (CREDENTIAL_SHAPES.some((shape) => shape.test(value))) return true;
  if (!value.includes('"')) return false;
  for (const m of value.matchAll(JSON_ENTRY)) if (m[2] !== "" && isSecretName(m[1]!)) return true;
  return false;
}

/**
 * The one allow rule for a value from a shop's files or the environment: it may be shown,
 * logged, recorded as evidence or written to golive.yaml only when no key on its path (nor the
 * key of the anchor it was copied from) is secret-like and the value has no credential shape.
 */
export function mayShowValue(
  path: readonly string[],
  value: string | undefined,
  anchorKey?: string,
): boolean {
  if (isSecretPath(path) || path.some(isSecretKey)) return false;
  if (anchorKey !== undefined && isSecretKey(anchorKey)) return false;
  return value === undefined || !hasCredentialShape(value);
}

/**
 * Whether a path of keys reaches a secret: any secret-bearing segment (New Relic's `license`
 * under `newrelic`), or the user name of an `auth.users` entry (real deploy files use the
 * password as the user name).
 */
export function isSecretPath(path: readonly string[]): boolean {
  if (path.some((p) => isSecretName(p))) return true;
  const last = path[path.length - 1];
  if (last !== undefined && /^licen[sc]e(?:[_-]?key)?$/i.test(last))
    if (path.some((p) => /^new[_-]?relic$/i.test(p))) return true;
  return (
    (last === "username" || last === "user") && path.some((p) => p === "users" || p === "auth")
  );
}

const SECRETISH = /pass|secret|token|key|auth|cred|pwd|salt|cert|private/i;
const YAML_SHAPE = /[{}[\]|>?]/;
const EXPLICIT_OR_ESCAPED_KEY = /^\s*(?:-\s+)*(?:\?|"[^"\\]*\\)/;
/**
 * Whether the line reading may misread a line: a secret-looking word beside a flow collection,
 * a block scalar or an explicit key's `?`; an explicit key; a quoted key with an escape. Each
 * test is linear in the line. Characters inside quotes count too: a line does not tell whether
 * it starts inside a string (a quoted value over several lines, `''` in a single-quoted one),
 * and reading quotes line by line let six flow mappings of secrets pass (an attack on d5a5782).
 */
/** Whether a line opens more brackets than it closes. */
function opens(line: string): boolean {
  let depth = 0;
  for (const c of line)
    if (c === "{" || c === "[") depth++;
    else if (c === "}" || c === "]") depth--;
  return depth > 0;
}

export function yamlOnly(text: string): boolean {
  for (const raw of text.split("\n")) {
    const line = raw.replace(/\$\{[^}$]*\}/g, "");
    if (YAML_SHAPE.test(line) && SECRETISH.test(line)) return true;
    if (EXPLICIT_OR_ESCAPED_KEY.test(line)) return true;
    // A flow collection that goes on below: its later lines have no bracket to show it.
    if (opens(line)) return true;
  }
  return false;
}
