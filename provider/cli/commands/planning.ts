// The plan of an update, shared by `plan` and `apply`: what the interrupted run left, the engine's
// preview, and which creates will adopt an object DSS already holds.
import { adoptionCandidates, dssClient, existingInDss } from "../adoption";
import { previewPlan } from "../engine";
import { messageOf } from "../errors";
import { ADOPT_IDS_KEY, describePending, PendingOperation, pendingCreates, pendingOperations } from "../pending";
import type { Plan } from "../plan";
import type { StackContext } from "../workspace";
import type { RunContext } from "./context";

export interface UpdatePlan {
  plan: Plan;
  pending: PendingOperation[];
  /** `dataiku:adoptIds` for the update: recovered pending creates plus ids a failed recovery left. */
  adoptIds: Set<string>;
  /** URNs of planned creates that will adopt an existing object. */
  adopted: Set<string>;
}

export async function planUpdate(stackCtx: StackContext, ctx: RunContext): Promise<UpdatePlan> {
  const { reporter, options } = ctx;
  const pending = await pendingOperations(stackCtx.stack);
  if (pending.length > 0) reporter.message("warning", describePending(pending));
  const adoptIds = new Set([
    ...(await configuredAdoptIds(stackCtx)),
    ...pendingCreates(pending).map((op) => op.adoptId as string),
  ]);
  const plan = await previewPlan(stackCtx.stack, reporter);
  const adopted = await markAdoptions(stackCtx, plan, adoptIds, ctx);
  reporter.plan(plan, `Dataiku IaC Execution Plan (environment ${options.environment})`);
  return { plan, pending, adoptIds, adopted };
}

/**
 * Asks DSS which planned creates will adopt an existing object, marks them in the plan, and returns
 * their URNs. If DSS cannot be asked, the plan stays as the engine gave it, with a warning.
 */
async function markAdoptions(
  stackCtx: StackContext,
  plan: Plan,
  adoptIds: ReadonlySet<string>,
  ctx: RunContext,
): Promise<Set<string>> {
  const candidates = adoptionCandidates(plan.changes, adoptIds);
  if (candidates.length === 0) return new Set();
  try {
    const existing = await existingInDss(dssClient(stackCtx.settings, ctx.reporter), candidates);
    plan.markAdopted(existing);
    return existing;
  } catch (e) {
    ctx.reporter.message("warning", `Could not check which objects DSS already holds: ${messageOf(e)}`);
    return new Set();
  }
}

async function configuredAdoptIds(stackCtx: StackContext): Promise<string[]> {
  try {
    const ids: unknown = JSON.parse((await stackCtx.stack.getConfig(ADOPT_IDS_KEY)).value);
    return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === "string") : [];
  } catch {
    return []; // not set
  }
}
