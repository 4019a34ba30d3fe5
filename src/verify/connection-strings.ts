/**
 * Connection strings (a broker's, a database's, a search cluster's DSN or URL) and the
 * passwords written in them, for APP-17: where a URL's user information or a parameter holds
 * one, whether it is written in the file or stands for one (a reference, a template's slot, a
 * word), and the finding for a line that holds one. The passwords are judged, never shown.
 */

import type { Finding } from "../core/verdict.js";
import { isPlaceholder } from "./php-value.js";
import { withoutSecrets } from "./secret-names.js";

/**
 * Where a URL's authority (`user:password@host:port`) ends: a path, query, fragment, quote, and
 * what a user or password holds only encoded (`[`, `]`, `^`): a pattern's `[^@]` is no password.
 */
const AUTHORITY_END = /[/?#\s'"`<>\\[\]^]/;
/** The same inside a string already read (a PHP literal): a quote is then part of a password. */
const AUTHORITY_END_IN_STRING = /[/?#\s<>\\[\]^]/;

/** A connection string's parameter that holds a password: `?auth=`, `;password=`, `&pwd=`. */
const SECRET_PARAMETER =
  /(?:^|[?;&\s])(password|passwd|pwd|pass|auth|secret|token|api_?key)=([^&;#\s'"`]{1,1024})/gi;

/**
 * The passwords written in the connection strings a text holds (a broker's, a database's, a
 * search cluster's DSN), for APP-17 to judge: never shown. A URL's is after the user's `:` in
 * the user information, which runs to the authority's last `@` (a user may be an e-mail
 * address); a parameter's is the value of `password=`, `auth=` and the like after `?`, `;` or
 * `&`, or starting a word (ADO's `Server=...;Password=...`, libpq's `host=db password=...`).
 * JSON's escapes (`\/`, `\u0040`) are read as what they stand for. `inString`: `text` is a
 * string's value (a PHP literal), whose quotes are part of it. Linear: an authority ends at
 * the next `/` at the latest, which the next `://` holds. `hasCredentialShape` withholds such a
 * value.
 */
export function connectionPasswords(text: string, options: { inString?: boolean } = {}): string[] {
  if (!text.includes("://") && !text.includes(":\\/\\/") && !text.includes("=")) return [];
  const ends = options.inString ? AUTHORITY_END_IN_STRING : AUTHORITY_END;
  const t = text.includes("\\") ? text.replace(/\\\//g, "/").replace(/\\u0040/gi, "@") : text;
  const out: string[] = [];
  for (let at = t.indexOf("://"); at !== -1; at = t.indexOf("://", at + 3)) {
    if (at === 0 || !/[a-z0-9+.-]/i.test(t[at - 1]!)) continue;
    let end = at + 3;
    while (end < t.length && !ends.test(t[end]!)) end++;
    const authority = t.slice(at + 3, end);
    const userinfo = authority.slice(0, Math.max(0, authority.lastIndexOf("@")));
    const colon = userinfo.indexOf(":");
    if (colon !== -1 && colon < userinfo.length - 1) out.push(userinfo.slice(colon + 1));
  }
  if (t.includes("="))
    // `?auth=1`, `auth=basic` in a widget's or a feed's address are flags and modes: an
    // `auth` parameter counts when its value reads as a secret (phpredis' `?auth=...`).
    for (const m of t.matchAll(SECRET_PARAMETER))
      if (/^pass|^pwd/i.test(m[1]!) || /^(?=.*\d)(?=.*[A-Za-z]).{8,}$/.test(m[2]!)) out.push(m[2]!);
  return out;
}

/** A reference or a template's slot in a password's place: `${VAR}`, `%env(VAR)%`, `%s`. */
// Each part stops at the next opener: a line of 100,000 `${` must not be read once for each.
const NOT_WRITTEN =
  /\$\{[^}${]*\}|%env\([^)%]*\)%|\{\{[^}{]*\}\}|\{\w+\}|%(?:\d+\$)?[sd]|%[A-Z_]+%/g;

/**
 * Whether a connection string's password is written in the file: not a reference to the
 * environment (`${BROKER_PASSWORD}`, `%env(...)%`, `$BROKER_PASSWORD`) nor a template's slot
 * (`%s`, `%1$s`, `{password}`, `{{password}}`); a literal beside a reference is written, and so
 * is a reference's default (`${BROKER_PASSWORD:-...}`).
 */
export function isWrittenPassword(password: string): boolean {
  // `${VAR:-default}` (and `-`, `:=`, `=`): the default is written, used when VAR is unset.
  const rest = password
    .replace(/\$\{[A-Za-z_]\w*:?[-=]([^{}$]*)\}/g, "$1")
    .replace(NOT_WRITTEN, "");
  return rest !== "" && !/^\$[A-Za-z_]\w*$/.test(rest);
}

/**
 * A word in a password's place that stands for one, as documentation and format strings write
 * it: `password`, `pass`, `db_password`, `secret`, a name in capitals that says so
 * (`SECRET_KEY`, `PASSWORD`). A placeholder (a warning), not a secret.
 */
export function isPasswordWord(password: string): boolean {
  return (
    /^(?:[a-z]+[_-])?(?:password|passwd|pass|pwd|secret)$/i.test(password) ||
    /^(?:[A-Z]+_)*(?:PASSWORD|PASSWD|PASS|PWD|SECRET|KEY|TOKEN)(?:_[A-Z]+)*$/.test(password)
  );
}

/**
 * A hit for a connection string with a password written in `text` (`amqp://shop:...@broker`,
 * `?auth=...`); whether there was one. A reference in the password's place
 * (`${BROKER_PASSWORD}`) or a template's slot (`%s`) is not written.
 */
export function urlLiteral(
  file: string,
  subject: string,
  text: string,
  line: number,
  throwaway: boolean,
  hits: (Finding & { file: string; line: number })[],
): boolean {
  const passwords = connectionPasswords(text).filter(isWrittenPassword);
  if (passwords.length === 0) return false;
  const placeholder = passwords.every((p) => isPlaceholder(p) || isPasswordWord(p));
  hits.push({
    code: placeholder ? "secret-placeholder" : "secret-url-password",
    result: placeholder || throwaway ? "warn" : "fail",
    file,
    line,
    subject: withoutSecrets(subject, passwords),
    expected: "a secret from the environment",
  });
  return true;
}

/** A shell's variable named for a password, set in a command: `MYSQL_PWD=... mysql`. */
const COMMAND_VARIABLE =
  /(?:^|[\s;&|"'(])([A-Z][A-Z0-9_]*(?:PASSWORD|PASSWD|PWD))=("[^"]*"|'[^']*'|[^\s;&|"')]+)/g;
/** A password given to a command as an option: `--password=...`, `--password ...`. */
const COMMAND_OPTION = /(?:^|\s)(--password)[=\s]("[^"]*"|'[^']*'|[^\s;&|"')]+)/g;
/** MySQL's and MariaDB's `-p...` (the password written right after the flag). */
const MYSQL_CLIENT = /\b(?:mysql|mysqldump|mysqladmin|mariadb|mariadb-dump)\b/;
const MYSQL_FLAG = /(?:^|\s)(-p)([^\s;&|"')-][^\s;&|"')]*)/g;

/**
 * The passwords a command line writes (a deploy file's hook, a recipe's command): a variable
 * named for one (`MYSQL_PWD=...`, `PGPASSWORD=...`), `--password=...`, and a MySQL client's
 * `-p...`; by the name or option that holds each. A reference (`$DB_PASSWORD`, `${VAR}`) is
 * none. Never shown.
 */
export function commandPasswords(text: string): { name: string; password: string }[] {
  const out: { name: string; password: string }[] = [];
  const add = (name: string, value: string) => {
    const password = /^(["']).*\1$/s.test(value) ? value.slice(1, -1) : value;
    if (password !== "" && isWrittenPassword(password) && !password.startsWith("$"))
      out.push({ name, password });
  };
  for (const m of text.matchAll(COMMAND_VARIABLE)) add(m[1]!, m[2]!);
  for (const m of text.matchAll(COMMAND_OPTION)) add(m[1]!, m[2]!);
  if (MYSQL_CLIENT.test(text)) for (const m of text.matchAll(MYSQL_FLAG)) add(m[1]!, m[2]!);
  return out;
}
