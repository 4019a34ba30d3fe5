/**
 * A command's formats: each a function of the one value the command builds (its report, its
 * gate's result, its digest), so that two formats cannot count or select on their own
 * (STYLE.md 22). A command picks one by the name given to --format; there is no other switch.
 */
export type Formats<Name extends string, Value, Out = string> = Record<Name, (value: Value) => Out>;
