// Turns the emulator's per-route counters into calls per resource, by resource kind.
import type { EmulatorStats } from "../provider/emulator";

export type Kind = "project" | "dataset" | "recipe";

export interface KindCounts {
  project: number;
  dataset: number;
  recipe: number;
}

/** The resource kind a DSS route belongs to, by the most specific collection in its path. */
export function kindOfRoute(routeKey: string): Kind {
  if (routeKey.includes("/recipes")) return "recipe";
  if (routeKey.includes("/datasets")) return "dataset";
  return "project";
}

export interface CallBreakdown {
  total: number;
  byKind: KindCounts;
  /** Calls per resource of that kind (undefined when there is none of the kind). */
  perResource: Partial<Record<Kind, number>>;
  /** All calls divided by all resources. */
  perResourceOverall: number;
  byRoute: Record<string, number>;
}

export function breakDown(stats: EmulatorStats, resources: KindCounts): CallBreakdown {
  const byKind: KindCounts = { project: 0, dataset: 0, recipe: 0 };
  for (const [route, count] of Object.entries(stats.byRoute)) byKind[kindOfRoute(route)] += count;
  const perResource: Partial<Record<Kind, number>> = {};
  for (const kind of ["project", "dataset", "recipe"] as const) {
    if (resources[kind] > 0) perResource[kind] = round(byKind[kind] / resources[kind]);
  }
  const count = resources.project + resources.dataset + resources.recipe;
  return {
    total: stats.total,
    byKind,
    perResource,
    perResourceOverall: count > 0 ? round(stats.total / count) : 0,
    byRoute: { ...stats.byRoute },
  };
}

/** Creates counted so far: every POST that creates a project, dataset or recipe (or folder, scenario). */
export function createPosts(stats: EmulatorStats): number {
  return Object.entries(stats.byRoute)
    .filter(([route]) => route.startsWith("POST /projects/"))
    .reduce((sum, [, n]) => sum + n, 0);
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
