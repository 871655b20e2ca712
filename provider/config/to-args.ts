// Maps a valid config to the resource args of `Project`, `Dataset` and `Recipe`, and each config path
// to the args path it becomes (so secret-derived values can be found in the args).

import { DatasetArgs } from "../dataset/schema";
import { normalizeDatasetType } from "../dataset/types";
import { ProjectArgs } from "../project/schema";
import { RecipeArgs } from "../recipe/schema";
import { normalizeRecipeType } from "../recipe/types";
import { VISUAL_KEYS } from "../recipe/visual";
import { ConfigInput, DatasetConfig, ProjectConfig, RecipeConfig, TYPED_DATASET_PARAMS } from "./schema";
import { PathSegment } from "./tree";

export function projectArgs(p: ProjectConfig): ProjectArgs {
  return definedOnly({
    projectKey: p.key,
    name: p.name,
    description: p.description,
    shortDesc: p.shortDesc,
    tags: p.tags,
    owner: p.owner,
    variables: p.variables,
    adopt: p.adopt,
    dropManagedDataOnDelete: p.drop_data_on_delete,
  });
}

export function datasetArgs(projectKey: string, d: DatasetConfig): DatasetArgs {
  const typed: Record<string, string | undefined> = {};
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(d.params ?? {})) {
    if ((TYPED_DATASET_PARAMS as readonly string[]).includes(k)) typed[k] = v as string | undefined;
    else rest[k] = v;
  }
  return definedOnly({
    projectKey,
    name: d.name,
    type: normalizeDatasetType(d.type) as string,
    connection: d.connection ?? undefined,
    formatType: d.format_type ?? undefined,
    ...typed,
    params: Object.keys(rest).length > 0 ? rest : undefined,
    columns: d.schema?.columns?.map((c) => definedOnly({ name: c.name, type: c.type, comment: c.comment })),
    description: d.description,
    tags: d.tags,
    adopt: d.adopt,
    dropDataOnDelete: d.drop_data_on_delete,
  });
}

export function recipeArgs(projectKey: string, r: RecipeConfig): RecipeArgs {
  return definedOnly({
    projectKey,
    name: r.name,
    type: normalizeRecipeType(r.type) as string,
    inputs: r.inputs ?? [],
    outputs: r.outputs,
    code: r.code ?? undefined,
    params: r.params,
    ...Object.fromEntries(VISUAL_KEYS.map((k) => [k, (r as Record<string, unknown>)[k]])),
    payload: r.payload,
    description: r.description,
    tags: r.tags,
    adopt: r.adopt,
  });
}

/** Config fields that are not sent to DSS. */
const NOT_SENT = new Set(["settings", "protect"]);
/** Fields that name things: they end up in URNs and plans, so they may not hold secrets. */
export const NAME_FIELDS = new Set(["key", "name", "type", "inputs", "outputs"]);

/**
 * Where the value at config path `rest` (relative to a project, dataset or recipe entry) lands in
 * that resource's args; undefined when it is not sent to DSS.
 */
export function argsPath(kind: "project" | "datasets" | "recipes", rest: PathSegment[]): PathSegment[] | undefined {
  const [field, ...tail] = rest;
  if (typeof field !== "string" || NOT_SENT.has(field)) return undefined;
  if (kind === "project") {
    const renamed: Record<string, string> = { key: "projectKey", drop_data_on_delete: "dropManagedDataOnDelete" };
    return [renamed[field] ?? field, ...tail];
  }
  if (kind === "datasets") {
    if (field === "params" && typeof tail[0] === "string" && (TYPED_DATASET_PARAMS as readonly string[]).includes(tail[0])) return tail;
    if (field === "schema") return tail[0] === "columns" ? tail : undefined;
    const renamed: Record<string, string> = { format_type: "formatType", drop_data_on_delete: "dropDataOnDelete" };
    return [renamed[field] ?? field, ...tail];
  }
  return rest;
}

export type { ConfigInput };

function definedOnly<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
