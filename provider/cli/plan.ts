// A preview's engine events → the plan users read: one row per resource, as the Wave 4 plan shows it.
import type { EngineEvent } from "@pulumi/pulumi/automation";
import { createAttributes } from "./attributes";
import type { Action, ResourceKind } from "./events";
import { actionOfOp, idOfUrn, kindOfType } from "./resources";

export interface PlannedChange {
  resource: string;
  kind: ResourceKind;
  action: Action;
  urn: string;
  /** Updates and replaces: the fields that differ, with old and new values when the engine gives them. */
  changes: FieldChange[];
  /** The resource's new inputs (secret values arrive masked from the engine). */
  inputs: Record<string, unknown>;
  /** Creates and adoptions: what will be sent, by attribute name (secrets `[secret]`); else empty. */
  attributes: Record<string, unknown>;
  /** A create of an object DSS already holds, which nothing allows to adopt: the apply would fail. */
  conflict?: boolean;
}

export interface FieldChange {
  field: string;
  old?: unknown;
  new?: unknown;
}

export interface PlanCounts {
  create: number;
  adopt: number;
  update: number;
  replace: number;
  delete: number;
  /** Creates (counted in `create` too) of objects DSS already holds, without `adopt`. */
  conflict: number;
}

export class Plan {
  private readonly rows = new Map<string, PlannedChange>();

  /** Feeds one preview event; events of other resources and no-op steps are ignored. */
  add(event: EngineEvent): void {
    const meta = event.resourcePreEvent?.metadata;
    if (!meta) return;
    const kind = kindOfType(meta.type);
    const action = actionOfOp(meta.op);
    if (!kind || !action || action === "refresh") return;
    const known = this.rows.get(meta.urn);
    if (known && known.action === "replace") return; // later steps of the same replacement
    const inputs = (meta.new?.inputs ?? meta.old?.inputs ?? {}) as Record<string, unknown>;
    this.rows.set(meta.urn, {
      resource: idOfUrn(meta.urn),
      kind,
      action,
      urn: meta.urn,
      changes: action === "update" || action === "replace" ? fieldChanges(meta.old, meta.new, meta.keys) : [],
      inputs,
      attributes: action === "create" ? createAttributes(idOfUrn(meta.urn), inputs) : {},
    });
  }

  /** A destroy's row: every resource of ours in state goes. */
  addDelete(urn: string, type: string): void {
    const kind = kindOfType(type);
    if (kind) this.rows.set(urn, { resource: idOfUrn(urn), kind, action: "delete", urn, changes: [], inputs: {}, attributes: {} });
  }

  /** Marks planned creates that meet an object DSS holds: adoptions, or conflicts. */
  markExisting(adopted: ReadonlySet<string>, conflicts: ReadonlySet<string>): void {
    for (const row of this.rows.values()) {
      if (row.action !== "create") continue;
      if (adopted.has(row.urn)) row.action = "adopt";
      else if (conflicts.has(row.urn)) row.conflict = true;
    }
  }

  get conflicts(): PlannedChange[] {
    return this.changes.filter((c) => c.conflict === true);
  }

  /** Rows in the order a reader expects: projects, datasets, folders, recipes, scenarios, each by id. */
  get changes(): PlannedChange[] {
    const rank: Record<ResourceKind, number> = { project: 0, dataset: 1, folder: 2, recipe: 3, scenario: 4 };
    return [...this.rows.values()].sort((a, b) => rank[a.kind] - rank[b.kind] || a.resource.localeCompare(b.resource));
  }

  get counts(): PlanCounts {
    const counts: PlanCounts = { create: 0, adopt: 0, update: 0, replace: 0, delete: 0, conflict: 0 };
    for (const row of this.rows.values()) {
      if (row.action !== "refresh") counts[row.action]++;
      if (row.conflict) counts.conflict++;
    }
    return counts;
  }

  get hasChanges(): boolean {
    return this.rows.size > 0;
  }
}

/**
 * `Plan: 1 to create, 1 to update, 1 to destroy.`; adopt and replace appear when present, and
 * creates of objects DSS already holds as `2 to create (1 already exists in DSS)`.
 */
export function summaryLine(counts: PlanCounts): string {
  if (Object.values(counts).every((n) => n === 0)) return "No changes. Infrastructure is up-to-date.";
  const exists = counts.conflict === 1 ? "1 already exists in DSS" : `${counts.conflict} already exist in DSS`;
  const parts = [`${counts.create} to create${counts.conflict > 0 ? ` (${exists})` : ""}`];
  if (counts.adopt > 0) parts.push(`${counts.adopt} to adopt`);
  parts.push(`${counts.update} to update`);
  if (counts.replace > 0) parts.push(`${counts.replace} to replace`);
  parts.push(`${counts.delete} to destroy`);
  return `Plan: ${parts.join(", ")}.`;
}

type StateMeta = { inputs?: Record<string, unknown>; outputs?: Record<string, unknown> } | undefined;

// Our dynamic providers compare the stored outputs with the new inputs (provider/common/dynamicProvider.ts);
// the engine does not forward their detailed diff, so the plan recomputes the same comparison.
function fieldChanges(old: StateMeta, next: StateMeta, replaceKeys: string[] | undefined): FieldChange[] {
  const before = old?.outputs ?? old?.inputs ?? {};
  const after = next?.inputs ?? {};
  const fields = new Set([...Object.keys(after), ...Object.keys(old?.inputs ?? {})]);
  fields.delete("__provider");
  const changes: FieldChange[] = [];
  for (const field of [...fields].sort()) {
    if (!sameValue(before[field], after[field])) changes.push({ field, old: before[field], new: after[field] });
  }
  for (const key of replaceKeys ?? []) {
    if (!changes.some((c) => c.field === key)) changes.push({ field: key, old: before[key], new: after[key] });
  }
  return changes;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v !== null && typeof v === "object") {
    return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]));
  }
  return v;
}
