// plan: the preview as the Wave 4 plan shows it. Exit 0: no changes; 2: changes; 1: error, or a
// create of an object DSS already holds without adopt (the apply would fail on it).
import { openStack } from "../workspace";
import { finish, RunContext } from "./context";
import { planUpdate, reportConflicts } from "./planning";

export async function plan(ctx: RunContext): Promise<number> {
  const stackCtx = await openStack(ctx.options, ctx.terminal);
  const { plan, pending } = await planUpdate(stackCtx, ctx);
  const conflicts = reportConflicts(plan, ctx);
  if (conflicts) return finish(ctx, { status: "failed", exitCode: 1, changes: plan.counts, error: conflicts });
  // Pending operations are work for apply even when the engine plans nothing else.
  const changes = plan.hasChanges || pending.length > 0;
  return finish(ctx, { status: changes ? "changes" : "no-changes", exitCode: changes ? 2 : 0, changes: plan.counts });
}
