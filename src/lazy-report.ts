/**
 * The report formats, `export` and `verify`.
 *
 * Modules that load on demand are reached through two modules only, this one and lazy-edit.ts: each
 * becomes one file of the bundle (scripts/build.mjs). A command that only reads loads neither.
 */
export { exportReport } from "./commands/export.js";
export { verify, verifyChecks } from "./commands/verify.js";
export { appendStepSummary, writeReport } from "./io/report-file.js";
export { renderGithub } from "./render/github.js";
export {
  jsonCheckReport,
  jsonItem,
  jsonReport,
  REPORT_VERSION,
  renderJson,
} from "./render/json.js";
export { renderJunit } from "./render/junit.js";
export { renderGateMarkdown, renderMarkdownSummary } from "./render/markdown.js";
export { renderReadyToTick } from "./render/verify.js";
