// What `npm run demo` does to a fresh golive.yaml: the Spryker checklist a few weeks into the
// work. Shared by scripts/demo.mjs and the docs' samples (test/docs.test.ts), so the README
// shows exactly what the demo prints.

/** The demo's pinned today and go-live. */
export const DEMO_TODAY = "2027-02-10";
export const DEMO_GO_LIVE = "2027-03-01";
/** The demo project's name (golive init --name). */
export const DEMO_NAME = "Acme shop";

/** The golive commands after `init`, given the IDs of the eight-weeks phase in order. */
export function demoSteps(eightWeeks) {
  return [
    ["done", ...eightWeeks.slice(0, 36), "--by", "Alex"],
    ["skip", "APP-04", "--reason", "already on MariaDB", "--by", "Alex"],
    ["assign", "TES-02", "Priya", "--by", "Alex"],
    ["start", "TES-02", "--by", "Priya"],
    ["assign", "CLO-12", "Sam", "--by", "Alex"],
    [
      "block",
      "CLO-12",
      "--reason",
      "waiting for the registrar to delegate the domain",
      "--by",
      "Sam",
    ],
    ["assign", "APP-09", "Jo", "--by", "Alex"],
    ["done", "GEN-02", "CLO-08", "APP-26", "--by", "Jo"],
  ];
}
