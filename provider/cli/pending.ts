// Operations a killed run left in flight. Pulumi records each step as pending before it calls the
// provider; if the run dies, the step stays pending. Updates and deletes are safe to repeat (the
// resource is still in state and our providers converge). A pending *create* is the hard case: DSS
// may hold the object while state does not. The safe recovery, done by `apply`: drop the pending
// entries, then run the update with `dataiku:adoptIds` naming exactly those objects, so the creates
// take them over instead of failing with "already exists" or leaving them orphaned.
import type { Stack } from "@pulumi/pulumi/automation";
import type { ResourceKind } from "./events";
import { adoptIdOf, idOfUrn, kindOfType } from "./resources";
import { exportState, importState } from "./state";

export const ADOPT_IDS_KEY = "dataiku:adoptIds";

export interface PendingOperation {
  /** creating, updating, deleting, reading... */
  type: string;
  urn: string;
  resource: string;
  kind?: ResourceKind;
  /** `dataiku:adoptIds` form, for creates of our resources. */
  adoptId?: string;
}

export async function pendingOperations(stack: Stack): Promise<PendingOperation[]> {
  const exported = await exportState(stack);
  return (exported.deployment?.pending_operations ?? []).map((op) => {
    const kind = kindOfType(op.resource.type);
    return {
      type: op.type,
      urn: op.resource.urn,
      resource: idOfUrn(op.resource.urn),
      kind,
      adoptId: kind && op.type === "creating" ? adoptIdOf(idOfUrn(op.resource.urn)) : undefined,
    };
  });
}

export function pendingCreates(ops: PendingOperation[]): PendingOperation[] {
  return ops.filter((op) => op.type === "creating" && op.adoptId !== undefined);
}

/** Removes every pending operation from the stack's state, through Pulumi's own export and import. */
export async function clearPendingOperations(stack: Stack, tmpDir: string): Promise<void> {
  const exported = await exportState(stack);
  if (!exported.deployment.pending_operations?.length) return;
  const { pending_operations: _dropped, ...deployment } = exported.deployment;
  await importState(stack, { ...exported, deployment }, tmpDir);
}

/** URNs of the resources the stack's state holds now. */
export async function urnsInState(stack: Stack): Promise<Set<string>> {
  const exported = await exportState(stack);
  return new Set((exported.deployment?.resources ?? []).map((r) => r.urn));
}

/** Says what the interrupted run left, in one sentence per kind of operation. */
export function describePending(ops: PendingOperation[]): string {
  const creates = ops.filter((op) => op.type === "creating").map((op) => op.resource);
  const others = ops.filter((op) => op.type !== "creating").map((op) => `${op.resource} (${op.type})`);
  const parts: string[] = [];
  if (creates.length > 0) {
    parts.push(
      `A previous run was interrupted while creating ${creates.join(", ")}. ` +
        "apply recovers them: it takes over what DSS already holds and creates the rest.",
    );
  }
  if (others.length > 0) {
    parts.push(`A previous run was interrupted during ${others.join(", ")}; apply repeats these operations.`);
  }
  return parts.join(" ");
}
