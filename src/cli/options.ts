/** The option builders several commands share, so that the same flag reads the same everywhere. */
import { isIP } from "node:net";
import { type Command, InvalidArgumentError, Option } from "commander";
import { maxOf } from "../core/arrays.js";
import { GO_LIVE_YEARS, isSchedulable, parseCalendarDate } from "../core/dates.js";
import { echo } from "../core/escape.js";
import { MAX_NAME_LENGTH, oneLine } from "../core/identity.js";
import { isStatus, STATUSES, type Status } from "../schema/fields.js";
import { MAX_TEXT } from "../schema/state.js";
import type { DateOrAge } from "../work/dates.js";

/** `--format <format>` offering exactly the formats the command declares (help lists them). */
export function formatOption(
  formats: readonly string[],
  description = "the output format",
): Option {
  return new Option("--format <format>", description).choices(formats);
}

/** `--json`, a short form of `--format json`: given with another --format it is a usage error. */
export function jsonOption(): Option {
  return new Option("--json", "print the versioned JSON report (same as --format json)").conflicts(
    "format",
  );
}

/** The item filters, alike for every command that selects items. */
export function filterOptions(command: Command, which: { owner?: boolean } = {}): Command {
  command
    .option(
      "--phase <ids>",
      "only these phases; repeat or separate with commas (e.g. four-weeks,two-weeks)",
      listArg("phase", "--phase two-weeks"),
    )
    .option("--category <id>", "only items of this category (e.g. CLO)");
  if (which.owner === false) return command;
  return command
    .option(
      "--owner <name>",
      "only items owned by this person (any case; a unique first name will do)",
    )
    .addOption(
      new Option("--mine", "only items owned by you (git config user.name)").conflicts("owner"),
    );
}

/**
 * The end of a command's --help: real examples, each run as shown (test/help.test.ts runs
 * every `$ golive` line in a demo repository). A `#` line says what the next one does.
 */
export function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((line) => `  ${line.startsWith("#") ? line : `$ ${line}`}`).join("\n")}`;
}

/** A number of days with its default, which --help shows as a number ("default: 3"). */
export function daysOption(flags: string, description: string, days: number): Option {
  return new Option(flags, description).argParser(daysArg).default(days);
}

/** `--by <name>`: who made a change, for every command that records one. */
export function byOption(): Option {
  return new Option("--by <name>", "who made the change (default: git config user.name)").argParser(
    textArg("the name of who made the change", '--by "Priya Shah"'),
  );
}

/*
 * The parsers of option values: each option's syntax is checked where it is declared, so every
 * bad value is the same usage error (commander's "error: option '--x <v>' argument 'y' is
 * invalid. <why, what to do>", exit 2, no file touched) and commands receive numbers, dates and
 * lists. What needs the catalogue or golive.yaml (an unknown phase, a date before today) stays
 * with the command.
 */

/** A real calendar day as YYYY-MM-DD, in the years golive schedules: --date, --until. */
export function dayArg(text: string): string {
  const date = parseCalendarDate(text.trim());
  if (!date) {
    throw new InvalidArgumentError(
      "It is not a date: write a real calendar day as YYYY-MM-DD, for example 2027-03-01.",
    );
  }
  if (!isSchedulable(date)) {
    throw new InvalidArgumentError(
      `It is outside the years golive schedules (${GO_LIVE_YEARS.first} to ${GO_LIVE_YEARS.last}): give the real date, for example 2027-03-01.`,
    );
  }
  return date;
}

/** `--today`: any real calendar day as YYYY-MM-DD. */
export function todayArg(text: string): string {
  const date = parseCalendarDate(text.trim());
  if (!date) {
    throw new InvalidArgumentError(
      "It is not a date: write a real calendar day as YYYY-MM-DD, for example 2027-03-01.",
    );
  }
  return date;
}

/** `--since`: a date, or an age like `1d` or `2w`; the command counts an age back from today. */
export function sinceArg(text: string): DateOrAge {
  const age = /^(\d{1,4})([dw])$/.exec(text.trim());
  if (age) return { daysAgo: Number(age[1]) * (age[2] === "w" ? 7 : 1) };
  const date = parseCalendarDate(text.trim());
  if (!date) {
    throw new InvalidArgumentError(
      "It is neither a date nor an age: use YYYY-MM-DD, or an age such as 1d (yesterday) or 2w.",
    );
  }
  return { date };
}

/** A whole number of days, 0 to 9999: --warn-within, --grace. */
export function daysArg(text: string): number {
  if (!/^\d{1,4}$/.test(text.trim())) {
    throw new InvalidArgumentError(
      "It is not a number of days: write a whole number of days, for example 3.",
    );
  }
  return Number(text.trim());
}

/** A parser of a whole number from `min` to `max`, `what` naming its unit: --timeout, --retries. */
export function wholeNumberArg(min: number, max: number, what: string): (text: string) => number {
  return (text) => {
    const n = Number(text.trim());
    if (!/^\d{1,6}$/.test(text.trim()) || n < min || n > max) {
      throw new InvalidArgumentError(
        `It is not a whole number of ${what} from ${min} to ${max}: for example ${Math.min(max, Math.max(min, 5))}.`,
      );
    }
    return n;
  };
}

/**
 * A parser of a repeatable list: `--phase a,b --phase c` is `["a", "b", "c"]`, blanks dropped. A
 * value with nothing in it is refused: `--phase "$PHASES"` with the variable unset must not
 * quietly mean every phase.
 */
export function listArg(
  what: string,
  example: string,
): (text: string, previous?: readonly string[]) => string[] {
  return (text, previous = []) => {
    const values = text
      .split(",")
      .map((v) => v.trim())
      .filter((v) => v !== "");
    if (values.length === 0) {
      throw new InvalidArgumentError(
        `It names no ${what}: give one, for example ${example} (several: a,b or repeat the option).`,
      );
    }
    return [...previous, ...values];
  };
}

/**
 * `--status a,b --status c`: statuses, `open` standing for todo, in progress and blocked, and
 * `n/a` for not-applicable (what list and status print can be typed back).
 */
export function statusListArg(text: string, previous: readonly Status[] = []): Status[] {
  const wanted = [...previous];
  const given = text.split(",").map((v) => v.trim().toLowerCase());
  for (const value of given.every((v) => v === "") ? [""] : given.filter((v) => v !== "")) {
    const status = value === "n/a" ? "not-applicable" : value;
    const add = status === "open" ? OPEN : isStatus(status) ? [status] : undefined;
    if (!add) {
      throw new InvalidArgumentError(
        `${value === "" ? "It names no status" : `Unknown status "${echo(value, 40)}"`}: use ${[...STATUSES, "open"].join(", ")} (n/a is not-applicable; several: a,b or repeat --status).`,
      );
    }
    for (const s of add) if (!wanted.includes(s)) wanted.push(s);
  }
  return wanted;
}

const OPEN: readonly Status[] = ["todo", "in-progress", "blocked"];

/** One `KEY=VALUE` of a repeatable option, as typed around the first `=`. */
export interface Pair {
  key: string;
  value: string;
}

/**
 * A parser of a repeatable `KEY=VALUE` option: the key before the first `=` is never blank,
 * and neither is the value when `valueRequired` (--leave's reason; --answer's answer is
 * judged against the catalogue's). `example` is a whole good value.
 */
export function pairArg(
  shape: string,
  example: string,
  valueRequired: boolean,
): (text: string, previous?: readonly Pair[]) => Pair[] {
  return (text, previous = []) => {
    const at = text.indexOf("=");
    const key = at < 0 ? "" : text.slice(0, at).trim();
    const value = at < 0 ? "" : text.slice(at + 1);
    if (key === "" || (valueRequired && value.trim() === "")) {
      throw new InvalidArgumentError(`It is not ${shape}: for example ${example}.`);
    }
    return [...previous, { key, value: valueRequired ? value.trim() : value }];
  };
}

/** `--take ours`, `--take theirs`, `--take CLO-01=theirs`: a side for all, or for one. */
export interface Take {
  key?: string;
  side: "ours" | "theirs";
}

/** The parser of resolve's repeatable `--take`. */
export function takeArg(text: string, previous: readonly Take[] = []): Take[] {
  const at = text.lastIndexOf("=");
  const [key, side] = at < 0 ? [undefined, text] : [text.slice(0, at), text.slice(at + 1)];
  if (side !== "ours" && side !== "theirs") {
    throw new InvalidArgumentError(
      "The side is ours or theirs: use --take ours, --take theirs, or per item --take CLO-01=theirs.",
    );
  }
  return [...previous, key === undefined ? { side } : { key, side }];
}

/** A "Formats:" block for a command's --help: each format and what it makes. */
export function formatsHelp(words: Readonly<Record<string, string>>): string {
  const width = maxOf(Object.keys(words).map((name) => name.length));
  const lines = Object.entries(words).map(([name, what]) => `  ${name.padEnd(width)}  ${what}`);
  return `\nFormats:\n${lines.join("\n")}`;
}

/**
 * A project's name as typed (init --name, rename NAME): one line, not empty, and at most
 * MAX_NAME_LENGTH characters; a longer one is refused, never cut in silence.
 */
export function nameArg(text: string): string {
  const name = oneLine(text);
  if (name === "") {
    throw new InvalidArgumentError(
      'It is empty: a project needs a name, for example "Acme shop" (it is shown in every title).',
    );
  }
  if (name.length > MAX_NAME_LENGTH) {
    throw new InvalidArgumentError(
      `It is ${name.length} characters long: a name has at most ${MAX_NAME_LENGTH} (it heads every title); use a shorter one, for example "Acme shop".`,
    );
  }
  return name;
}

/**
 * A parser of text users write (--note, --reason, --by, --to, --owner, --approver): trimmed,
 * never blank (a blank reason explains nothing, and `--by "$USER"` with the variable unset must
 * not record nobody), and within what golive.yaml holds (MAX_TEXT), never cut in silence.
 * `example` is a whole good value.
 */
export function textArg(what: string, example: string): (text: string) => string {
  return (text) => {
    const value = text.trim();
    if (value === "") {
      throw new InvalidArgumentError(`It is empty: give ${what}, for example ${example}.`);
    }
    if (value.length > MAX_TEXT) {
      throw new InvalidArgumentError(
        `It is ${value.length} characters long: golive.yaml keeps at most ${MAX_TEXT}; write it shorter, for example ${example}.`,
      );
    }
    return value;
  };
}

/** `--dns SERVER[:PORT]`, the server an IP address (a name would need a resolver first). */
export function dnsArg(text: string): string {
  const value = text.trim();
  const m = /^(\[([0-9a-fA-F:.]+)\]|([0-9.]+))(?::(\d{1,5}))?$/.exec(value);
  const address = m?.[2] ?? m?.[3];
  if (!m || address === undefined || isIP(address) === 0 || Number(m[4] ?? 53) > 65535) {
    throw new InvalidArgumentError(
      "It is not SERVER[:PORT] with an IP address: for example --dns 1.1.1.1 or --dns 127.0.0.1:5353.",
    );
  }
  return value;
}

/**
 * A parser of the repeatable `--resolve HOST:PORT:ADDRESS` (curl's), into the pins the probe's
 * connections use: `host:port` (host in lower case) to the address, brackets taken off.
 */
export function resolveArg(
  text: string,
  previous: ReadonlyMap<string, string> = new Map(),
): Map<string, string> {
  const m = /^([^:]+):(\d{1,5}):(.+)$/.exec(text.trim());
  const address = m?.[3]?.replace(/^\[(.*)\]$/, "$1");
  if (!m || !address || isIP(address) === 0 || Number(m[2]) > 65535) {
    throw new InvalidArgumentError(
      "It is not HOST:PORT:ADDRESS with an IP address: write it as curl does, for example --resolve shop.example.com:443:203.0.113.7.",
    );
  }
  return new Map([...previous, [`${m[1]!.toLowerCase()}:${Number(m[2])}`, address]]);
}

/** A parser of `--url`: an http(s) URL without user info (a probe never sends credentials). */
export function webUrlArg(text: string, previous: readonly string[] = []): string[] {
  const url = URL.canParse(text.trim()) ? new URL(text.trim()) : undefined;
  if (
    !url ||
    (url.protocol !== "https:" && url.protocol !== "http:") ||
    url.username ||
    url.password
  ) {
    throw new InvalidArgumentError(
      "It is not an http(s) URL without user info: give the storefront's address, for example --url https://www.shop.example.",
    );
  }
  return [...previous, text.trim()];
}

/** `--mail-domain`: a domain name, as golive.yaml's probe.mailDomain. */
export function domainArg(text: string): string {
  const value = text.trim();
  if (value.length > 253 || !/^(?:[a-zA-Z0-9-]{1,63}\.)+[a-zA-Z]{2,63}$/.test(value)) {
    throw new InvalidArgumentError(
      "It is not a domain name: for example --mail-domain shop.example.",
    );
  }
  return value;
}

/** `--latest-release`: a Spryker release as its version, YYYYMM.N. */
const RELEASE_PATTERN = /^\d{6}\.\d+$/;

export function releaseArg(text: string): string {
  const value = text.trim();
  if (!RELEASE_PATTERN.test(value)) {
    throw new InvalidArgumentError(
      "It is not a Spryker release: write it as YYYYMM.N, for example 202507.0.",
    );
  }
  return value;
}
