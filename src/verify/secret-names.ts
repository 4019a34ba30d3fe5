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
/** Public keys are published by design. */
const PUBLIC = /PUBLIC/i;

/** Whether a value under this name is a secret (`DB_PASSWORD`, `'secret'`, `ENCRYPTION_KEY`). */
export function isSecretName(name: string): boolean {
  const n = name.replace(/^['"]|['"]$/g, "");
  if (NOT_A_VALUE.test(n) || PUBLIC.test(n)) return false;
  return SECRET_WORD.test(n) || SECRET_SUFFIX.test(n);
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
