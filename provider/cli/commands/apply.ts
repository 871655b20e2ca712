// apply: plan, confirm, back up state, recover an interrupted run, update with live progress, and
// roll back this run's creations if it fails.
import { backupState } from "../backup";
import { runWithProgress, trackerFor } from "../engine";
import { ADOPT_IDS_KEY, clearPendingOperations, urnsInState } from "../pending";
import { withStaleLockRecovery } from "../locks";
import { confirm } from "../prompt";
import { rollback, RollbackResult } from "../rollback";
import { adoptIdOf, idOfUrn } from "../resources";
import { openStack, StackContext } from "../workspace";
import { finish, RunContext } from "./context";
import { planUpdate, reportConflicts } from "./planning";

export async function apply(ctx: RunContext): Promise<number> {
  const { reporter, terminal, options } = ctx;
  const stackCtx = await openStack(options, terminal);
  const { stack } = stackCtx;

  const { plan, pending, adoptIds, adopted } = await planUpdate(stackCtx, ctx);
  if (!plan.hasChanges && pending.length === 0) {
    return finish(ctx, { status: "no-changes", exitCode: 0, changes: plan.counts });
  }

  const conflicts = reportConflicts(plan, ctx);
  if (conflicts) return finish(ctx, { status: "failed", exitCode: 1, changes: plan.counts, error: conflicts });

  const refusal = await confirm(ctx, "apply");
  if (refusal) {
    reporter.message("error", refusal.message);
    return finish(ctx, { status: "refused", exitCode: 1, changes: plan.counts, error: refusal.message });
  }

  const backup = await backupState(stack, options.environment, stackCtx.dataDir, terminal.now());
  reporter.detail(`State backed up to ${backup}`);
  // The backup above still holds the pending entries, should anyone want to look at them.
  if (pending.length > 0) {
    await withStaleLockRecovery(stack, (m) => reporter.message("warning", m), () =>
      clearPendingOperations(stack, stackCtx.dataDir),
    );
  }
  if (adoptIds.size > 0) await stack.setConfig(ADOPT_IDS_KEY, { value: JSON.stringify([...adoptIds].sort()) });

  const tracker = trackerFor(reporter, "apply", terminal.now, adopted);
  const outcome = await runWithProgress(stack, reporter, tracker, (onEvent) =>
    stack.up({ onEvent, color: "never" }),
  );
  const recovered = await settleAdoptIds(stackCtx, adoptIds);

  let rolledBack: RollbackResult | undefined;
  if (!outcome.ok && options.rollback) {
    rolledBack = await rollback(stack, tracker.createdUrns, reporter, terminal.now);
  } else if (!outcome.ok) {
    reporter.message("info", "--no-rollback: what this apply created is kept; run apply again to resume.");
  }
  const steps = tracker.all;
  const error = outcome.ok ? null : outcome.errors.join("\n");
  if (error) reporter.message("error", error);
  return finish(ctx, {
    status: outcome.ok ? "succeeded" : "failed",
    exitCode: outcome.ok ? 0 : 1,
    changes: plan.counts,
    completed: steps.filter((s) => s.status === "succeeded").length,
    failed: steps.filter((s) => s.status === "failed").length,
    recovered,
    rollback: rolledBack ? { removed: rolledBack.removed, manualCleanup: rolledBack.manualCleanup } : null,
    backup,
    error,
  });
}

/**
 * After the update: recovered objects now in state need no adoption any more. Ids whose create never
 * ran (the update failed first) stay in `dataiku:adoptIds`, so the next apply still takes them over.
 * Returns the resource ids recovered.
 */
async function settleAdoptIds(stackCtx: StackContext, adoptIds: ReadonlySet<string>): Promise<string[]> {
  if (adoptIds.size === 0) return [];
  const inState = new Set([...(await urnsInState(stackCtx.stack))].map((urn) => adoptIdOf(idOfUrn(urn))));
  const left = [...adoptIds].filter((id) => !inState.has(id)).sort();
  if (left.length > 0) await stackCtx.stack.setConfig(ADOPT_IDS_KEY, { value: JSON.stringify(left) });
  else await stackCtx.stack.removeConfig(ADOPT_IDS_KEY);
  return [...adoptIds].filter((id) => inState.has(id)).map((id) => id.replace(":", ".")).sort();
}
