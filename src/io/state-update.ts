/**
 * Changing the state file: read it under its lock, let the edit change the document, and write
 * it back atomically when something changed. A thrown error leaves the file as it was.
 */
import { withLock, writeFileAtomic } from "./fs-atomic.js";
import { StateEditor } from "./state-edit.js";
import { loadWorkspace, type Workspace } from "./state-read.js";

export function updateWorkspace<T>(
  statePath: string,
  shownFrom: string,
  edit: (workspace: Workspace, editor: StateEditor) => T,
): T {
  return withLock(statePath, () => {
    const workspace = loadWorkspace(statePath, shownFrom);
    const editor = new StateEditor(workspace.file, workspace.catalogue);
    const result = edit(workspace, editor);
    if (editor.changed) writeFileAtomic(statePath, editor.toString());
    return result;
  });
}
