// What every route family needs: the store, the managed data directories, who is calling, the
// clock, and lookups that turn a missing object into DSS's not-found error.
import { datasetNotFound, invalidName, projectNotFound, recipeNotFound } from "../errors";
import { Futures } from "../futures";
import { ManagedData } from "../managedData";
import { KEY_PATTERN, MAX_NAME_CHARS, NAME_PATTERN } from "../rules";
import { DatasetRecord, ProjectEntry, RecipeRecord, Store } from "../store";

export interface RouteEnv {
  store: Store;
  managedData: ManagedData;
  futures: Futures;
  /** Login of the key's user: every accepted key acts as this admin user. */
  user: string;
  now: () => number;
}

export function requireProject(env: RouteEnv, projectKey: string): ProjectEntry {
  const entry = env.store.project(projectKey);
  if (!entry) throw projectNotFound(projectKey);
  return entry;
}

export function requireDataset(env: RouteEnv, projectKey: string, name: string): DatasetRecord {
  const record = requireProject(env, projectKey).datasets.get(name);
  if (!record) throw datasetNotFound(projectKey, name);
  return record;
}

export function requireRecipe(env: RouteEnv, projectKey: string, name: string): RecipeRecord {
  const record = requireProject(env, projectKey).recipes.get(name);
  if (!record) throw recipeNotFound(projectKey, name);
  return record;
}

/**
 * DSS's documented rules: keys and names use letters, digits and underscores; dots are reserved
 * for PROJECT.object references (dss-rest-api.md §9). The length cap is ours (DSS documents none).
 */
export function checkName(kind: "project key" | "dataset name" | "recipe name", name: string): void {
  const pattern = kind === "project key" ? KEY_PATTERN : NAME_PATTERN;
  if (name.length > MAX_NAME_CHARS) {
    throw invalidName(kind, name, `must be at most ${MAX_NAME_CHARS} characters`);
  }
  if (!pattern.test(name)) {
    throw invalidName(kind, name, "use only letters, digits and underscores, for example my_name_1");
  }
}
