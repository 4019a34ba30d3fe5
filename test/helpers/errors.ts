import { GoliveError } from "../../src/errors.js";

/** The GoliveError `work` throws; any other error is rethrown, and none fails the test. */
export function caught(work: () => unknown): GoliveError {
  try {
    work();
  } catch (error) {
    if (error instanceof GoliveError) return error;
    throw error;
  }
  throw new Error("expected a GoliveError");
}
