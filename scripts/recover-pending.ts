// Recovery after `pulumi up` was killed mid-apply (SIGKILL, OOM, a lost CI runner), for stacks of
// pulumi-dataiku resources. Run it in the program directory, with the same environment as `pulumi up`:
//
//   bash scripts/recover-pending.sh [--stack NAME] [--cwd DIR] [--cancel-lock]
//
// What it does, and why:
// 1. Reads `pulumi stack export`. Creates the killed run had started are listed there as pending
//    "creating" operations: DSS may or may not hold those objects, state does not.
// 2. Sets `dataiku:adoptIds` to exactly those objects, so the next create of each takes over the
//    object if it exists instead of failing "already exists" (and never creates a second one).
// 3. `pulumi refresh --clear-pending-creates`: drops the pending creates from state and re-reads
//    everything else (which also settles pending updates and deletes).
//    A lock left by the killed run makes this fail; with --cancel-lock the script then runs
//    `pulumi cancel` and tries again. Only pass it when no other pulumi command runs on this stack.
// 4. `pulumi up`: creates what is missing, adopts what the killed run had already created.
// 5. Removes `dataiku:adoptIds` again (also when a step failed), so later runs never adopt silently.
import { spawnSync } from "child_process";

const RESOURCE_KINDS: Record<string, "project" | "dataset" | "recipe"> = {
  "pulumi-nodejs:dynamic/dataiku:Project": "project",
  "pulumi-nodejs:dynamic/dataiku:Dataset": "dataset",
  "pulumi-nodejs:dynamic/dataiku:Recipe": "recipe",
};

export interface PendingOperation {
  type: string;
  resource: { urn: string; type: string; inputs?: Record<string, unknown> };
}

/** `dataiku:adoptIds` entries for the pending creates of a `pulumi stack export` document. */
export function adoptIdsFromExport(exported: { deployment?: { pending_operations?: PendingOperation[] } }): string[] {
  const ids = new Set<string>();
  for (const op of exported.deployment?.pending_operations ?? []) {
    if (op.type !== "creating") continue;
    const kind = RESOURCE_KINDS[op.resource.type];
    const inputs = op.resource.inputs ?? {};
    if (!kind || typeof inputs.projectKey !== "string") continue;
    if (kind === "project") ids.add(`project:${inputs.projectKey}`);
    else if (typeof inputs.name === "string") ids.add(`${kind}:${inputs.projectKey}.${inputs.name}`);
  }
  return [...ids].sort();
}

interface Options {
  stack?: string;
  cwd: string;
  cancelLock: boolean;
}

const USAGE = "usage: scripts/recover-pending.sh [--stack NAME] [--cwd PROGRAM_DIR] [--cancel-lock]";

function parseArgs(argv: string[]): Options {
  const options: Options = { cwd: process.cwd(), cancelLock: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === "--cancel-lock") options.cancelLock = true;
    else if ((flag === "--stack" || flag === "--cwd") && argv[i + 1] !== undefined) {
      if (flag === "--stack") options.stack = argv[++i];
      else options.cwd = argv[++i];
    } else throw new Error(`Unknown or incomplete option "${flag}".\n${USAGE}`);
  }
  return options;
}

function pulumi(options: Options, args: string[]): { code: number; output: string; stdout: string } {
  const stack = options.stack ? ["--stack", options.stack] : [];
  const result = spawnSync("pulumi", [...args, ...stack, "--non-interactive", "--color", "never"], {
    cwd: options.cwd,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  const stdout = result.stdout ?? "";
  return { code: result.status ?? 1, output: `${stdout}${result.stderr ?? ""}`, stdout };
}

function step(options: Options, what: string, args: string[]): string {
  console.log(`recover-pending: ${what}`);
  const result = pulumi(options, args);
  if (result.code !== 0) throw new StepFailed(what, result.output);
  return result.stdout;
}

class StepFailed extends Error {
  constructor(readonly what: string, readonly output: string) {
    super(`recover-pending: "${what}" failed:\n${output.trim()}`);
  }
}

const LOCKED = /currently locked/i;

function refreshClearingPendingCreates(options: Options): void {
  const args = ["refresh", "--clear-pending-creates", "--yes", "--skip-preview"];
  try {
    step(options, "pulumi refresh --clear-pending-creates", args);
  } catch (e) {
    if (!(e instanceof StepFailed) || !LOCKED.test(e.output)) throw e;
    if (!options.cancelLock) {
      throw new Error(
        "recover-pending: the stack is still locked by the killed run. Make sure no other pulumi command " +
          "runs on this stack, then run again with --cancel-lock (it runs `pulumi cancel`).",
        { cause: e },
      );
    }
    step(options, "pulumi cancel (lock left by the killed run)", ["cancel", "--yes"]);
    step(options, "pulumi refresh --clear-pending-creates", args);
  }
}

export function recover(options: Options): void {
  const exported = JSON.parse(step(options, "pulumi stack export", ["stack", "export"]));
  const ids = adoptIdsFromExport(exported);
  console.log(`recover-pending: ${ids.length} pending create(s)${ids.length ? `: ${ids.join(", ")}` : ""}`);
  if (ids.length > 0) step(options, "set dataiku:adoptIds", ["config", "set", "dataiku:adoptIds", JSON.stringify(ids)]);
  try {
    refreshClearingPendingCreates(options);
    step(options, "pulumi up", ["up", "--yes", "--skip-preview"]);
  } finally {
    if (ids.length > 0) step(options, "remove dataiku:adoptIds", ["config", "rm", "dataiku:adoptIds"]);
  }
  console.log("recover-pending: done; `pulumi preview --expect-no-changes` should now pass.");
}

if (require.main === module) {
  try {
    recover(parseArgs(process.argv.slice(2)));
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  }
}
