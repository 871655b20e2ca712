// plan: the preview as the Wave 4 plan shows it. Exit 0: no changes; 2: changes; 1: error.
import { openStack } from "../workspace";
import { finish, RunContext } from "./context";
import { planUpdate } from "./planning";

export async function plan(ctx: RunContext): Promise<number> {
  const stackCtx = await openStack(ctx.options, ctx.terminal);
  const { plan, pending } = await planUpdate(stackCtx, ctx);
  // Pending operations are work for apply even when the engine plans nothing else.
  const changes = plan.hasChanges || pending.length > 0;
  return finish(ctx, { status: changes ? "changes" : "no-changes", exitCode: changes ? 2 : 0, changes: plan.counts });
}
