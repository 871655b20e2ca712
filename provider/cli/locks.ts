// A run killed hard (kill -9, a crash, a closed laptop) leaves the file backend's lock behind. When
// every lock was taken on this machine by a process that no longer exists, it is stale: remove it
// with `pulumi cancel` and go on. A lock held elsewhere, or by a live process, is never touched.
import * as os from "os";
import type { LocalWorkspace, Stack } from "@pulumi/pulumi/automation";
import { cliErrors, messageOf } from "./errors";

export interface LockHolder {
  user: string;
  host: string;
  pid: number;
}

const LOCKED = /the stack is currently locked/;
// "...json: created by root@vm (pid 32045) at 2026-11-27T17:10:53Z"
const HOLDER = /created by ([^@\s]+)@(\S+) \(pid (\d+)\)/g;

export function lockHolders(message: string): LockHolder[] | undefined {
  if (!LOCKED.test(message)) return undefined;
  // The engine repeats its lock message (once per diagnostic, once in the final error): one holder each.
  const unique = new Map([...message.matchAll(HOLDER)].map((m) => [m[0], { user: m[1], host: m[2], pid: Number(m[3]) }]));
  return [...unique.values()];
}

export function isStale(holder: LockHolder, hostname = os.hostname()): boolean {
  if (holder.host !== hostname) return false;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/**
 * Runs `operation`; if the stack is locked only by dead processes of this machine, removes the locks,
 * says so through `notify`, and runs it once more. Any other lock becomes a clear error.
 */
export async function withStaleLockRecovery<T>(
  stack: Stack,
  notify: (message: string) => void,
  operation: () => Promise<T>,
): Promise<T> {
  try {
    return await operation();
  } catch (e) {
    const holders = lockHolders(messageOf(e));
    if (!holders) throw e;
    const describe = holders.map((h) => `pid ${h.pid} on ${h.host}`).join(", ") || "unknown process";
    if (holders.length === 0 || !holders.every((h) => isStale(h))) {
      const error = cliErrors.locked(describe, stack.name, (stack.workspace as LocalWorkspace).workDir);
      error.detail = messageOf(e);
      throw error;
    }
    notify(`Removed a stale state lock left by an interrupted run (${describe}, no longer running).`);
    await stack.cancel();
    return operation();
  }
}
