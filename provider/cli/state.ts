// Reading and writing the stack's state through `pulumi stack export/import`, with secrets left
// encrypted. (The Automation API's exportStack adds --show-secrets, and its importStack writes that
// plaintext to a world-readable temp file: neither may touch the DSS API key.)
import { execFile } from "child_process";
import * as fs from "fs";
import * as path from "path";
import type { LocalWorkspace, Stack } from "@pulumi/pulumi/automation";

export interface StateResource {
  urn: string;
  type: string;
  [k: string]: unknown;
}

export interface RawPending {
  type: string;
  resource: StateResource;
}

export interface ExportedState {
  version: number;
  deployment: { resources?: StateResource[]; pending_operations?: RawPending[]; [k: string]: unknown };
}

export async function exportState(stack: Stack): Promise<ExportedState> {
  return JSON.parse(await pulumi(stack, ["stack", "export", "--stack", stack.name])) as ExportedState;
}

/** Imports `state`; the file passing it to pulumi lives in `dir`, readable by the user only. */
export async function importState(stack: Stack, state: ExportedState, dir: string): Promise<void> {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `import-${process.pid}.json`);
  fs.writeFileSync(file, JSON.stringify(state), { mode: 0o600 });
  try {
    await pulumi(stack, ["stack", "import", "--file", file, "--stack", stack.name]);
  } finally {
    fs.rmSync(file, { force: true });
  }
}

/** Runs the workspace's pulumi with its working directory and environment; resolves to stdout. */
function pulumi(stack: Stack, args: string[]): Promise<string> {
  const ws = stack.workspace as LocalWorkspace;
  return new Promise((resolve, reject) => {
    execFile(
      ws.pulumiCommand.command,
      [...args, "--non-interactive"],
      { cwd: ws.workDir, env: { ...process.env, ...ws.envVars }, maxBuffer: 256 * 1024 * 1024 },
      (error, stdout, stderr) => (error ? reject(new Error(`pulumi ${args.slice(0, 2).join(" ")} failed: ${stderr.trim()}`)) : resolve(stdout)),
    );
  });
}
