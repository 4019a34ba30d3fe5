/**
 * Which names hold secrets: environment variables, PHP config keys, array entries and deploy
 * file keys. Every rule asks here before it shows a value, generic or Spryker: a value under a
 * secret-looking name is never shown, stored or reported.
 */

/** A secret word anywhere in the name: `*SECRET*`, `*PASSWORD*`, `*TOKEN*`, `*API_KEY*`. */
const SECRET_WORD =
  /SECRET|PASSWORD|PASSWD|PASSPHRASE|TOKEN|API_?KEY|PRIVATE_?KEY|KEY_PRIVATE|CREDENTIAL/i;
/** `*_KEY` (`SPRYKER_OAUTH_ENCRYPTION_KEY`), `*_PASS`, `*_PWD`, and `key`, `pass` alone. */
const SECRET_SUFFIX = /(?:^|[_.-])(?:KEY|PASS|PWD|SALT)$/i;
/** Names that hold where or how a secret is, not the secret: `TOKEN_URL`, `PRIVATE_KEY_PATH`. */
const NOT_A_VALUE =
  /[_.-](?:URL|URI|URLS|PATH|FILE|DIR|HOST|PORT|NAME|PREFIX|SUFFIX|ID|LENGTH|TTL|LIFETIME|HEADER|TYPE|ALGORITHM|ENABLED|ENDPOINT|TIMEOUT|EXPIRATION|EXPIRES|EXPIRE|FIELD|PARAM|LOCATION|REGION|MODE|COOKIE|VERSION|LIMIT|SIZE|COUNT)$/i;
/** `REDIS_AUTH`, `MAIL_SMTP_CREDS`, `SPRYKER_DB_DSN`, `SENTRY_DSN`: credentials by another name. */
const SECRET_TAIL = /(?:[_.-](?:AUTH|CREDS?)$)|DSN/i;
/** camelCase names: `dbPass`, `apiKey`, `smtpPassword`, `clientSecret`, `redisAuth`. */
const SECRET_CAMEL =
  /[a-z0-9](?:Pass|Passwd|Password|Pwd|Secret|Token|Key|Auth|Creds?|Credentials|Dsn)$/;
/** Public keys are published by design. */
const PUBLIC = /PUBLIC/i;

/** Whether a value under this name is a secret (`DB_PASSWORD`, `'secret'`, `ENCRYPTION_KEY`). */
export function isSecretName(name: string): boolean {
  const n = name.replace(/^['"]|['"]$/g, "");
  if (NOT_A_VALUE.test(n) || PUBLIC.test(n)) return false;
  return SECRET_WORD.test(n) || SECRET_SUFFIX.test(n);
}

/**
 * Whether a value under this name may not be shown: a secret name (APP-17's rule above), or a
 * credential by another name (`REDIS_AUTH`, `SENTRY_DSN`) or in camelCase (`dbPass`). APP-17
 * does not report these as literals: they are only kept out of every output.
 */
export function isSecretKey(name: string): boolean {
  if (isSecretName(name)) return true;
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

/** Whether a value has a credential's shape, whatever key it is under. */
export function hasCredentialShape(value: string): boolean {
  return CREDENTIAL_SHAPES.some((shape) => shape.test(value));
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
 * Whether a path of keys reaches a secret: any secret-bearing segment, or the user name of an
 * `auth.users` entry (real deploy files use the password as the user name).
 */
export function isSecretPath(path: readonly string[]): boolean {
  if (path.some(isSecretName)) return true;
  const last = path[path.length - 1];
  return (
    (last === "username" || last === "user") && path.some((p) => p === "users" || p === "auth")
  );
}
