/**
 * What setting up and checking golive's place in a clone found, as data: `golive setup`,
 * `golive init` and `golive doctor` gather it (io/), render/ words it.
 */

/** The `.gitattributes` line: there already, added now, or added but outdone by another file. */
export type AttributesStatus = "present" | "added" | "overridden";

/** This clone's driver in git's config: as wanted already, set now, or replaced now. */
export type DriverStatus = "present" | "set" | "replaced";

/** What setting up merges found and did. */
export interface MergeSetup {
  /** The state file's path in the repository, as `.gitattributes` names it. */
  path: string;
  attributes: {
    status: AttributesStatus;
    line: string;
    /** Overridden: whether the line was added now (else it was there), and the file that wins. */
    added?: boolean;
    source?: string;
  };
  driver: { status: DriverStatus; command: string; previous?: string };
}

/** One finding of `golive doctor`: its code says what, its args the particulars. */
export type DoctorFinding =
  | { check: "node"; ok: boolean; version: string | undefined; needs: number }
  | { check: "state"; ok: true; path: string; items: number }
  | { check: "state"; ok: false; path: string | undefined; message: string; hint?: string }
  | { check: "catalogue"; ok: true; name: string; version: string }
  /** The format golive.yaml declares, and the one its evidence lines need. */
  | { check: "format"; ok: boolean; declared: number; needs: number }
  | { check: "catalogue"; ok: false; recorded: string; current: string }
  /** Outside git there is no merge to set up: not a problem. */
  | { check: "git"; ok: true; found: boolean }
  | { check: "unmerged"; ok: boolean; path: string }
  | {
      check: "attributes";
      ok: boolean;
      path: string;
      value: string | undefined;
      line: string;
      /** The attributes file that outdoes the root's `.gitattributes`, from the root. */
      source?: string;
    }
  | { check: "driver"; ok: boolean; command: string | undefined }
  | {
      check: "driver-runs";
      ok: boolean;
      command: string;
      problem?: "not-plain" | "no-merge-driver" | "not-found" | "failed" | "not-golive";
      program?: string;
      detail?: string;
    };
