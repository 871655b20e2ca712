// destroy: delete everything the environment manages, after the plan and a confirmation.
import { backupState } from "../backup";
import { destroyPlan, runWithProgress, trackerFor } from "../engine";
import { cliErrors } from "../errors";
import { pendingCreates, pendingOperations } from "../pending";
import { confirm } from "../prompt";
import { openStack } from "../workspace";
import { finish, RunContext } from "./context";

export async function destroy(ctx: RunContext): Promise<number> {
  const { reporter, terminal, options } = ctx;
  const { stack, dataDir } = await openStack(options, terminal);
  // A pending create may exist in DSS without being in state: destroy would miss it. apply recovers it.
  const creates = pendingCreates(await pendingOperations(stack));
  if (creates.length > 0) throw cliErrors.pendingCreatesBlock("destroy", creates.map((op) => op.resource));

  const plan = await destroyPlan(stack);
  reporter.plan(plan, `Dataiku IaC Destroy Plan (environment ${options.environment})`);
  if (!plan.hasChanges) return finish(ctx, { status: "no-changes", exitCode: 0, changes: plan.counts });

  const refusal = await confirm(ctx, "destroy");
  if (refusal) {
    reporter.message("error", refusal.message);
    return finish(ctx, { status: "refused", exitCode: 1, changes: plan.counts, error: refusal.message });
  }
  const backup = await backupState(stack, options.environment, dataDir, terminal.now());
  const tracker = trackerFor(reporter, "destroy", terminal.now);
  const outcome = await runWithProgress(stack, reporter, tracker, (onEvent) => stack.destroy({ onEvent, color: "never" }));
  const error = outcome.ok ? null : outcome.errors.join("\n");
  if (error) reporter.message("error", error);
  return finish(ctx, {
    status: outcome.ok ? "succeeded" : "failed",
    exitCode: outcome.ok ? 0 : 1,
    changes: plan.counts,
    completed: tracker.all.filter((s) => s.status === "succeeded").length,
    failed: tracker.all.filter((s) => s.status === "failed").length,
    backup,
    error,
  });
}
