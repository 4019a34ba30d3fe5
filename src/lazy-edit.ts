/**
 * What changes golive.yaml, and reads it in full: the YAML document editor, the schemas and
 * the commands that write.
 *
 * Modules that load on demand are reached through two modules only, this one and lazy-report.ts: each
 * becomes one file of the bundle (scripts/build.mjs). A command that only reads loads neither.
 */
export { assign, block, done, note, reopen, skip, start } from "./commands/change.js";
export { editItems } from "./commands/edit-items.js";
export { init } from "./commands/init.js";
export { mergeDriver } from "./commands/merge-driver.js";
export { reschedule } from "./commands/reschedule.js";
export { waive } from "./commands/waive.js";
export { itemLines, loadWorkspace } from "./io/state.js";
