// The plan of an update, shared by `plan` and `apply`: what the interrupted run left, the engine's
// preview, and which creates meet an object DSS already holds (adoptions, or conflicts).
import { CreateJournal, journalFile } from "../../common/journal";
import { dssClient, existingInDss } from "../adoption";
import { previewPlan } from "../engine";
import { cliErrors, messageOf } from "../errors";
import { ADOPT_IDS_KEY, describePending, PendingOperation, pendingCreates, pendingOperations } from "../pending";
import type { Plan } from "../plan";
import { PROJECT_NAME, StackContext } from "../workspace";
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
  const adopted = await markExisting(stackCtx, plan, adoptIds, ctx);
  reporter.plan(plan, `Dataiku IaC Execution Plan (environment ${options.environment})`);
  return { plan, pending, adoptIds, adopted };
}

/**
 * Asks DSS which planned creates meet an object it already holds, marks them in the plan (adoptions,
 * or conflicts), and returns the URNs that will adopt. If DSS cannot be asked, the plan stays as the
 * engine gave it, with a warning.
 */
async function markExisting(
  stackCtx: StackContext,
  plan: Plan,
  adoptIds: ReadonlySet<string>,
  ctx: RunContext,
): Promise<Set<string>> {
  try {
    const stack = `${PROJECT_NAME}/${stackCtx.environment}`;
    const journal = new CreateJournal(journalFile(stackCtx.settings.journalDir, stack, stackCtx.settings.url ?? ""));
    const client = dssClient(stackCtx.settings, ctx.reporter);
    const { adopted, conflicts } = await existingInDss(client, plan.changes, { adoptIds, stack, journal });
    plan.markExisting(adopted, new Set(conflicts.map((c) => c.urn)));
    return adopted;
  } catch (e) {
    ctx.reporter.message("warning", `Could not check which objects DSS already holds: ${messageOf(e)}`);
    return new Set();
  }
}

/** Each conflict as an error of its resource, and the run's error: the plan cannot be applied as is. */
export function reportConflicts(plan: Plan, ctx: RunContext): string | undefined {
  const conflicts = plan.conflicts;
  if (conflicts.length === 0) return undefined;
  for (const c of conflicts) ctx.reporter.message("error", cliErrors.existsInDss(c.kind).message, c.resource);
  const message = cliErrors.conflicts(conflicts.map((c) => c.resource)).message;
  ctx.reporter.message("error", message);
  return message;
}

async function configuredAdoptIds(stackCtx: StackContext): Promise<string[]> {
  try {
    const ids: unknown = JSON.parse((await stackCtx.stack.getConfig(ADOPT_IDS_KEY)).value);
    return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === "string") : [];
  } catch {
    return []; // not set
  }
}
