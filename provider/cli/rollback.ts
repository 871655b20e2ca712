// Rollback after a failed apply: destroy exactly the resources this apply created, through Pulumi (a
// destroy targeted at their URNs, which the engine runs in reverse dependency order). Updates and
// deletes are not undone, adopted objects are left alone: only what did not exist before goes.
import type { Stack } from "@pulumi/pulumi/automation";
import { messageOf } from "./errors";
import { urnsInState } from "./pending";
import { ProgressTracker } from "./progress";
import type { Reporter } from "./reporter";
import { idOfUrn } from "./resources";

export interface RollbackResult {
  removed: string[];
  manualCleanup: string[];
  /** Steps of the rollback itself. */
  completed: number;
  failed: number;
}

export async function rollback(
  stack: Stack,
  createdUrns: string[],
  reporter: Reporter,
  now: () => number,
): Promise<RollbackResult> {
  // A create that failed cleanly left nothing (our providers guarantee it); one recorded in state
  // (a partial create) exists in DSS and must go too.
  const inState = await urnsInState(stack);
  const targets = createdUrns.filter((urn) => inState.has(urn));
  if (targets.length === 0) {
    reporter.message("info", "Rollback: this apply created nothing that remains; nothing to remove.");
    return { removed: [], manualCleanup: [], completed: 0, failed: 0 };
  }
  reporter.message("info", `Rolling back: removing what this apply created (${targets.map(idOfUrn).join(", ")}).`);
  const tracker = new ProgressTracker(
    {
      stepStarted: (s) => reporter.stepStarted(s, "rollback"),
      stepEnded: (s) => reporter.stepEnded(s, "rollback"),
      diagnostic: (severity, message, resource) => reporter.message(severity, message, resource),
    },
    now,
  );
  try {
    await stack.destroy({ target: targets, continueOnError: true, onEvent: tracker.handle, color: "never" });
  } catch (e) {
    reporter.detail(`rollback destroy: ${messageOf(e)}`);
  }
  tracker.finish("the rollback stopped before this resource was removed");
  const left = await urnsInState(stack);
  return {
    removed: targets.filter((urn) => !left.has(urn)).map(idOfUrn),
    manualCleanup: targets.filter((urn) => left.has(urn)).map(idOfUrn),
    completed: tracker.all.filter((s) => s.status === "succeeded").length,
    failed: tracker.all.filter((s) => s.status === "failed").length,
  };
}
