// Which planned creates meet an object DSS already holds. The engine cannot tell (a create only
// learns it from DSS's "already exists"), so the plan asks DSS first, with one list call per kind:
// such a create either adopts the object (`adopt: true`, a recovered pending create, or an object this
// stack created in a killed run), shown as
// "= dataset.X (adopt)" and kept out of rollback, or is a conflict the plan reports before any write.
import { DssClient, isNotFound } from "../client";
import type { CreateJournal } from "../common/journal";
import { isOwnedBy } from "../common/ownership";
import { clientOptions, ProviderSettings } from "../common/settings";
import type { ResourceKind } from "./events";
import type { PlannedChange } from "./plan";
import type { Reporter } from "./reporter";
import { adoptIdOf, naturalKeyOf } from "./resources";

/**
 * The CLI's own client (existence checks, generate), built from the same settings as the provider's,
 * so TLS, timeouts and limits are the same; its calls show under --verbose.
 */
export function dssClient(settings: ProviderSettings, reporter: Reporter): DssClient {
  return new DssClient({
    ...clientOptions(settings),
    log: (e) => reporter.detail(`DSS ${e.method} ${e.path} → ${e.status ?? e.error ?? "no answer"} (${Math.round(e.durationMs)}ms)`),
  });
}

/** An object as DSS's list call gives it (a project summary, a dataset definition, a recipe item). */
export type ListedObject = Record<string, unknown>;

/** What, besides the config's `adopt: true`, lets a create take over an existing object. */
export interface AdoptionContext {
  /** `dataiku:adoptIds`: creates an interrupted run left pending (checkpoints on). */
  adoptIds: ReadonlySet<string>;
  /** The managing stack (`<project>/<stack>`), whose ownership tag marks objects it created. */
  stack?: string;
  /** That stack's create journal: a create cut off before its object got the tag. */
  journal?: Pick<CreateJournal, "wasInFlight">;
}

/**
 * Whether `existing`, the DSS object a planned create would make, blocks that create: unless the
 * config adopts it, the run does (`adoptIds`), or this stack made it in a run that was killed (its
 * ownership tag, or its journal). The same rule as the provider's create (common/steps.ts), asked
 * before the run. This is the one place the CLI decides it.
 */
export function isConflict(existing: ListedObject, change: PlannedChange, ctx: AdoptionContext): boolean {
  const id = adoptIdOf(change.resource);
  if (change.inputs.adopt === true || ctx.adoptIds.has(id)) return false;
  if (isOwnedBy(existing.tags, ctx.stack)) return false;
  return !(ctx.journal?.wasInFlight(id) ?? false);
}

export interface ExistingObjects {
  /** URNs of creates that will adopt an object DSS holds. */
  adopted: Set<string>;
  /** Creates of objects DSS holds that nothing allows to adopt: the apply would fail on them. */
  conflicts: PlannedChange[];
}

/**
 * Lists what DSS holds for the planned creates, at most one list call per kind and project (none for
 * the datasets and recipes of a project DSS does not have), and sorts the creates that meet an object.
 */
export async function existingInDss(client: DssClient, changes: PlannedChange[], ctx: AdoptionContext): Promise<ExistingObjects> {
  const creates = changes.filter((c) => c.action === "create");
  const result: ExistingObjects = { adopted: new Set(), conflicts: [] };
  if (creates.length === 0) return result;
  const projects = byKey(await client.projects.list(), "projectKey");
  const listed = new Map<string, Map<string, ListedObject>>();
  const listOf = async (kind: ResourceKind, projectKey: string): Promise<Map<string, ListedObject>> => {
    const cacheKey = `${kind}:${projectKey}`;
    let found = listed.get(cacheKey);
    if (!found) {
      found = projects.has(projectKey) ? await listChildren(client, kind, projectKey) : new Map();
      listed.set(cacheKey, found);
    }
    return found;
  };
  for (const change of creates) {
    const { projectKey, name } = naturalKeyOf(change.resource);
    const existing = change.kind === "project" ? projects.get(projectKey) : (await listOf(change.kind, projectKey)).get(name ?? "");
    if (!existing) continue;
    if (isConflict(existing, change, ctx)) result.conflicts.push(change);
    else result.adopted.add(change.urn);
  }
  return result;
}

async function listChildren(client: DssClient, kind: ResourceKind, projectKey: string): Promise<Map<string, ListedObject>> {
  try {
    // Folders and scenarios have ids DSS picks: like datasets and recipes, they are found by name.
    const lists: Record<ResourceKind, () => Promise<readonly object[]>> = {
      project: async () => [],
      dataset: () => client.datasets.list(projectKey),
      recipe: () => client.recipes.list(projectKey),
      folder: () => client.folders.list(projectKey),
      scenario: () => client.scenarios.list(projectKey),
    };
    return byKey(await lists[kind](), "name");
  } catch (e) {
    if (isNotFound(e)) return new Map(); // the project went away since it was listed
    throw e;
  }
}

function byKey(items: readonly object[], key: string): Map<string, ListedObject> {
  return new Map(items.map((item) => [String((item as ListedObject)[key]), item as ListedObject]));
}
