// refresh: read every managed object back from DSS into state (drift shows in the next plan; objects
// deleted in DSS leave state). DSS itself is not changed, so no confirmation is asked.
import { backupState } from "../backup";
import { runWithProgress, trackerFor } from "../engine";
import { cliErrors } from "../errors";
import { pendingCreates, pendingOperations } from "../pending";
import { openStack } from "../workspace";
import { finish, RunContext } from "./context";

export async function refresh(ctx: RunContext): Promise<number> {
  const { reporter, terminal, options } = ctx;
  const { stack, dataDir } = await openStack(options, terminal);
  const creates = pendingCreates(await pendingOperations(stack));
  if (creates.length > 0) throw cliErrors.pendingCreatesBlock("refresh", creates.map((op) => op.resource));

  const backup = await backupState(stack, options.environment, dataDir, terminal.now());
  const tracker = trackerFor(reporter, "refresh", terminal.now);
  let changed = 0;
  const outcome = await runWithProgress(stack, reporter, tracker, async (onEvent) => {
    const result = await stack.refresh({ onEvent, color: "never" });
    const counts = result.summary.resourceChanges ?? {};
    changed = (counts.update ?? 0) + (counts.delete ?? 0);
  });
  if (outcome.ok) reporter.message("info", changed > 0 ? `${changed} resource(s) differed from DSS; state now matches DSS.` : "State matches DSS.");
  const error = outcome.ok ? null : outcome.errors.join("\n");
  if (error) reporter.message("error", error);
  return finish(ctx, {
    status: outcome.ok ? "succeeded" : "failed",
    exitCode: outcome.ok ? 0 : 1,
    completed: tracker.all.filter((s) => s.status === "succeeded").length,
    failed: tracker.all.filter((s) => s.status === "failed").length,
    backup,
    error,
  });
}
