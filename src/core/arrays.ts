/**
 * Array helpers that hold for any length. Spreading an array into a call's arguments (an
 * array spread into push or Math.max) puts every element on the stack and throws
 * "Maximum call stack size exceeded" past ~100k elements; lint/no-spread-arguments.grit refuses
 * it in src/, and these loop instead.
 */

/** Appends every item of `items` to `target`, one at a time. */
export function pushAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}

/** The largest of `values`, or `floor` when there are none or all are smaller. */
export function maxOf(values: Iterable<number>, floor = Number.NEGATIVE_INFINITY): number {
  let max = floor;
  for (const v of values) if (v > max) max = v;
  return max;
}

/** The smallest of `values`, or `ceiling` when there are none or all are larger. */
export function minOf(values: Iterable<number>, ceiling = Number.POSITIVE_INFINITY): number {
  let min = ceiling;
  for (const v of values) if (v < min) min = v;
  return min;
}
