// State backups before every change: `pulumi stack export` of the environment, written to
// .dataiku-iac/backups/<env>-<timestamp>.json, newest KEEP_BACKUPS kept. Secrets stay encrypted as in
// state. Restore: `pulumi stack import --file <backup>` (docs/cli.md).
import * as fs from "fs";
import * as path from "path";
import type { Stack } from "@pulumi/pulumi/automation";
import { exportState } from "./state";

export const KEEP_BACKUPS = 10;

export async function backupState(stack: Stack, environment: string, dataDir: string, now: number): Promise<string> {
  const dir = path.join(dataDir, "backups");
  fs.mkdirSync(dir, { recursive: true });
  const exported = await exportState(stack);
  // Fixed-width UTC stamps sort by name in time order; the counter keeps two backups of one ms apart.
  const stamp = new Date(now).toISOString().replace(/[-:]/g, "").replace(".", "");
  let file = path.join(dir, `${environment}-${stamp}.json`);
  for (let n = 1; fs.existsSync(file); n++) file = path.join(dir, `${environment}-${stamp}-${n}.json`);
  fs.writeFileSync(file, `${JSON.stringify(exported, null, 2)}\n`, { mode: 0o600 });
  pruneBackups(dir, environment, KEEP_BACKUPS);
  return file;
}

/** Deletes all but the newest `keep` backups of `environment`. */
export function pruneBackups(dir: string, environment: string, keep: number): void {
  const pattern = new RegExp(`^${environment.replace(/[.]/g, "\\.")}-\\d{8}T\\d{9}Z(-\\d+)?\\.json$`);
  const backups = fs.readdirSync(dir).filter((name) => pattern.test(name)).sort(byStamp);
  for (const name of backups.slice(0, Math.max(0, backups.length - keep))) fs.rmSync(path.join(dir, name));
}

function byStamp(a: string, b: string): number {
  const key = (name: string) => {
    const m = /-(\d{8}T\d{9}Z)(?:-(\d+))?\.json$/.exec(name);
    return m ? `${m[1]}-${(m[2] ?? "0").padStart(6, "0")}` : name;
  };
  return key(a).localeCompare(key(b));
}
