/**
 * Everything that loads on demand, behind one module: the commands that write or report, the
 * YAML editor and schemas, the report formats and `verify`. The bundler then makes three files
 * (scripts/build.mjs): the entry with the read path (status, list, show, check), this module's
 * chunk, and one chunk of what both use. A read command loads the first and the last; a
 * dynamic import per module would split the same code into dozens of files, and every file
 * costs start-up time of its own.
 */

export { assign, block, done, note, reopen, skip, start } from "./commands/change.js";
export { exportReport } from "./commands/export.js";
export { init } from "./commands/init.js";
export { mergeDriver } from "./commands/merge-driver.js";
export { reschedule } from "./commands/reschedule.js";
export { verify, verifyChecks } from "./commands/verify.js";
export { waive } from "./commands/waive.js";
export { appendStepSummary, writeReport } from "./io/report-file.js";
export { itemLines, loadWorkspace } from "./io/state.js";
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
