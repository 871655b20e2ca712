// Maps a valid config to the resource args of `Project`, `Dataset` and `Recipe`, and each config path
// to the args path it becomes (so secret-derived values can be found in the args).

import { DatasetArgs } from "../dataset/schema";
import { FolderArgs } from "../folder/schema";
import { ScenarioArgs } from "../scenario/schema";
import { normalizeDatasetType } from "../dataset/types";
import { ProjectArgs } from "../project/schema";
import { RecipeArgs } from "../recipe/schema";
import { normalizeRecipeType } from "../recipe/types";
import { VISUAL_KEYS } from "../recipe/visual";
import { ConfigInput, DatasetConfig, FolderConfig, ProjectConfig, RecipeConfig, ScenarioConfig, TYPED_DATASET_PARAMS } from "./schema";
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

/** `folderNames`: the managed folders of the config (recipes name them like datasets). */
export function recipeArgs(projectKey: string, r: RecipeConfig, folderNames: ReadonlySet<string> = new Set()): RecipeArgs {
  const folders = [...(r.inputs ?? []), ...r.outputs].filter((n) => folderNames.has(n));
  return definedOnly({
    projectKey,
    name: r.name,
    type: normalizeRecipeType(r.type) as string,
    inputs: r.inputs ?? [],
    outputs: r.outputs,
    folders: folders.length > 0 ? folders : undefined,
    code: r.code ?? undefined,
    params: r.params,
    ...Object.fromEntries(VISUAL_KEYS.map((k) => [k, (r as Record<string, unknown>)[k]])),
    payload: r.payload,
    description: r.description,
    tags: r.tags,
    adopt: r.adopt,
  });
}

export function folderArgs(projectKey: string, f: FolderConfig): FolderArgs {
  return definedOnly({
    projectKey,
    name: f.name,
    connection: f.connection,
    path: f.path,
    description: f.description,
    tags: f.tags,
    adopt: f.adopt,
    dropFilesOnDelete: f.drop_files_on_delete,
  });
}

/** Scenario args; `runScenario` holds the other scenario's name until the component swaps in its id. */
export function scenarioArgs(projectKey: string, s: ScenarioConfig): ScenarioArgs {
  return definedOnly({
    projectKey,
    name: s.name,
    active: s.active,
    steps: s.steps?.map((st) => definedOnly({ build: st.build, buildMode: st.build_mode, runScenario: st.run_scenario, name: st.name })),
    triggers: s.triggers?.map((t) => definedOnly({ cron: t.cron, timezone: t.timezone, datasetChanged: t.dataset_changed, active: t.active, name: t.name })),
    description: s.description,
    tags: s.tags,
    adopt: s.adopt,
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
export function argsPath(kind: "project" | "datasets" | "recipes" | "managed_folders" | "scenarios", rest: PathSegment[]): PathSegment[] | undefined {
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
  if (kind === "managed_folders") return [field === "drop_files_on_delete" ? "dropFilesOnDelete" : field, ...tail];
  if (kind === "scenarios") return [field, ...tail.map((s) => (typeof s === "string" ? SCENARIO_RENAMES[s] ?? s : s))];
  return rest;
}

const SCENARIO_RENAMES: Record<string, string> = { build_mode: "buildMode", run_scenario: "runScenario", dataset_changed: "datasetChanged" };

export type { ConfigInput };

function definedOnly<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
