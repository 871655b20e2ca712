// Where a run keeps its files, under the working directory (no Pulumi import: the CLI's top level
// needs these without loading the SDK).
import * as path from "path";
import type { Terminal } from "./terminal";

/** Under the working directory: workspace (Pulumi.yaml, stack config), state, backups. */
export const DATA_DIR = ".dataiku-iac";

export function dataDirOf(terminal: Terminal): string {
  return path.join(terminal.cwd, DATA_DIR);
}

/** Pulumi.yaml and the stack config files. */
export function workDirOf(terminal: Terminal): string {
  return path.join(dataDirOf(terminal), "workspace");
}
