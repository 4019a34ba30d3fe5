/**
 * Shell completion: what the word being typed can become, from the words before it. Pure: the
 * commands and options come in as data (cli/completion.ts reads them off the commander program), the item
 * IDs, phases, categories and owners through `values` (commands/completion.ts reads them from
 * golive.yaml). The shells' scripts (render/completion.ts) only pass the words and show the
 * answer, so the three shells complete alike.
 */

/** What an option's value or an argument is, for completing it. */
export type ValueKind =
  | "id"
  | "phase"
  | "category"
  | "owner"
  | "status"
  | "catalogue"
  | "file"
  /** Free text (a note, a reason): nothing to offer, not even file names. */
  | "text";

/** A kind, or the fixed list of values an option or argument takes (`--format`'s choices). */
export type Values = ValueKind | readonly string[];

export interface OptionSpec {
  /** `--phase`; absent for an option with only a short flag. */
  long?: string;
  /** `-f` */
  short?: string;
  description: string;
  /** The option takes a value (`--phase <ids>`), rather than being a switch (`--all`). */
  takesValue: boolean;
  values: Values;
}

export interface CommandSpec {
  name: string;
  description: string;
  options: readonly OptionSpec[];
  /** The positional arguments, in order. */
  args: readonly Values[];
  /** The last argument takes any number of words (`<ids...>`). */
  variadic: boolean;
}

/** golive's commands and options, as the program declares them. */
export interface CompletionSpec {
  /** The options every command takes (`--file`, `--today`). */
  options: readonly OptionSpec[];
  commands: readonly CommandSpec[];
}

export interface Candidate {
  value: string;
  /** Shown beside the value by zsh and fish. */
  description: string;
}

export interface Completion {
  candidates: Candidate[];
  /** The shell should offer file names too. */
  files: boolean;
  /** `--file PATH` or `-f PATH`, when typed: the state file to take IDs from. */
  file?: string;
}

/** Values that a list may hold several of, separated by commas (`--phase a,b`). */
const LISTS: ReadonlySet<ValueKind> = new Set(["phase", "status"]);

function startsWith(value: string, typed: string): boolean {
  return value.toLowerCase().startsWith(typed.toLowerCase());
}

function findOption(options: readonly OptionSpec[], flag: string): OptionSpec | undefined {
  return options.find((o) => o.long === flag || o.short === flag);
}

/**
 * Completes the last of `words`, the words after `golive` up to the cursor (the last one is
 * the word being typed, maybe empty). bash splits `--phase=fo` at the `=` into three words and
 * replaces only what follows it; zsh and fish keep one word, and get the whole `--phase=...`.
 */
export function complete(
  spec: CompletionSpec,
  words: readonly string[],
  values: (kind: ValueKind) => Candidate[],
): Completion {
  const typed = words.slice(0, -1);
  let current = words.at(-1) ?? "";
  let command: CommandSpec | undefined;
  let positional = 0;
  let pending: OptionSpec | undefined;
  let operandsOnly = false;
  let file: string | undefined;
  const used = new Set<OptionSpec>();
  const options = () => [...(command?.options ?? []), ...spec.options];

  for (const word of typed) {
    if (pending) {
      if (word === "=") continue;
      if (pending.values === "file" && (pending.long === "--file" || pending.short === "-f"))
        file = word;
      pending = undefined;
      continue;
    }
    if (!operandsOnly && word === "--") {
      operandsOnly = true;
      continue;
    }
    if (!operandsOnly && word.startsWith("-") && word.length > 1) {
      const eq = word.startsWith("--") ? word.indexOf("=") : -1;
      const flag = eq > 0 ? word.slice(0, eq) : word;
      const option = findOption(options(), flag);
      if (option) {
        used.add(option);
        if (option.takesValue && eq < 0) pending = option;
        else if (eq > 0 && option.long === "--file") file = word.slice(eq + 1);
      }
      continue;
    }
    if (command === undefined) {
      command = spec.commands.find((c) => c.name === word);
      // An unknown command: nothing sensible to offer after it.
      if (command === undefined) return { candidates: [], files: false };
      continue;
    }
    positional++;
  }
  const done = (candidates: Candidate[], files = false): Completion => ({
    candidates,
    files,
    ...(file !== undefined ? { file } : {}),
  });

  // bash: `--phase=` made the current word "=", and replaces only what follows it.
  if (pending && current === "=") current = "";
  if (pending) {
    const [candidates, files] = valuesOf(pending.values, current, "", values);
    return done(candidates, files);
  }
  if (!operandsOnly && current.startsWith("--") && current.includes("=")) {
    const eq = current.indexOf("=");
    const option = findOption(options(), current.slice(0, eq));
    if (!option?.takesValue) return done([]);
    const [candidates, files] = valuesOf(
      option.values,
      current.slice(eq + 1),
      current.slice(0, eq + 1),
      values,
    );
    return done(candidates, files);
  }
  if (!operandsOnly && current.startsWith("-")) {
    const short = current.length === 2 && current !== "--";
    const offered: Candidate[] = [];
    for (const option of options()) {
      // A switch given once is not offered again; an option with a value may repeat.
      if (used.has(option) && !option.takesValue) continue;
      const flag = short ? (option.short ?? option.long) : (option.long ?? option.short);
      if (flag?.startsWith(current)) {
        offered.push({ value: flag, description: option.description });
      }
    }
    return done(offered);
  }
  if (command === undefined) {
    return done(
      spec.commands
        .filter((c) => c.name.startsWith(current))
        .map((c) => ({ value: c.name, description: c.description })),
    );
  }
  const kind =
    command.args[positional] ?? (command.variadic ? command.args.at(-1) : undefined) ?? "text";
  const [candidates, files] = valuesOf(kind, current, "", values);
  // An item named once is not offered again for the same command.
  const named = new Set(typed.map((w) => w.toLowerCase()));
  return done(
    kind === "id" ? candidates.filter((c) => !named.has(c.value.toLowerCase())) : candidates,
    files,
  );
}

/** The values of `kind` that start with `typed`, each after `prefix`; and whether files fit. */
function valuesOf(
  kind: Values,
  typed: string,
  prefix: string,
  values: (kind: ValueKind) => Candidate[],
): [Candidate[], boolean] {
  if (typeof kind !== "string") {
    return [
      kind.filter((v) => startsWith(v, typed)).map((v) => ({ value: prefix + v, description: "" })),
      false,
    ];
  }
  if (kind === "text") return [[], false];
  if (kind === "file") return [[], true];
  // In a list (`--phase four-weeks,tw`), complete the part after the last comma.
  const comma = LISTS.has(kind) ? typed.lastIndexOf(",") : -1;
  const before = prefix + typed.slice(0, comma + 1);
  const part = typed.slice(comma + 1);
  const found = values(kind)
    .filter((c) => startsWith(c.value, part))
    .map((c) => ({ value: before + c.value, description: c.description }));
  return [found, kind === "catalogue"];
}
