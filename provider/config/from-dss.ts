// The reverse of `to-args.ts`: what DSS holds → a config in the documented format, every entry with
// `adopt: true`, so that applying it takes the objects over with no change planned. It reuses the
// resources' own DSS mappings (`fromDefinition`, `fromRecipe`, `metadataFields`), so a generated field
// reads back exactly as the provider will compare it. Pure: the caller fetches the documents.

import type { DatasetDefinition, FolderDefinition, ProjectMetadata, ProjectVariables, RecipeAndPayload, ScenarioDefinition } from "../client";
import { fromDefinition } from "../dataset/mapping";
import { MANAGED } from "../dataset/types";
import { metadataFields } from "../project/mapping";
import { fromFolder } from "../folder/mapping";
import { DEFAULT_FOLDER_PATH } from "../folder/schema";
import { FolderRefs, fromRecipe } from "../recipe/mapping";
import { fromScenario, ScenarioRefs } from "../scenario/mapping";
import type { BUILD_MODES } from "../scenario/schema";
import { isCodeRecipe } from "../recipe/types";
import { visualKindOf } from "../recipe/visual";
import { CONFIG_VERSION, ConfigInput, DatasetConfig, FolderConfig, ProjectConfig, RecipeConfig, ScenarioConfig, TYPED_DATASET_PARAMS } from "./schema";

export interface DssProjectSnapshot {
  projectKey: string;
  metadata: ProjectMetadata;
  variables?: ProjectVariables;
  datasets: DatasetDefinition[];
  recipes: RecipeAndPayload[];
  folders?: FolderDefinition[];
  scenarios?: ScenarioDefinition[];
}

export interface GeneratedConfig {
  config: ConfigInput;
  /** What was left out on purpose, for the user to review. */
  notes: string[];
}

export function configFromDss(snapshot: DssProjectSnapshot): GeneratedConfig {
  const notes: string[] = [];
  const datasets = [...snapshot.datasets].sort(byName).map((d) => datasetConfig(d, notes));
  const folderList = [...(snapshot.folders ?? [])].sort(byName);
  const folderRefs: FolderRefs = {
    idOf: new Map(folderList.map((f) => [f.name, f.id])),
    nameOf: new Map(folderList.map((f) => [f.id, f.name])),
  };
  const recipes = [...snapshot.recipes].sort((a, b) => a.recipe.name.localeCompare(b.recipe.name)).map((r) => recipeConfig(r, folderRefs, notes));
  const scenarioRefs: ScenarioRefs = {
    idOf: new Map((snapshot.scenarios ?? []).map((s) => [s.name, s.id])),
    nameOf: new Map((snapshot.scenarios ?? []).map((s) => [s.id, s.name])),
  };
  const scenarios = [...(snapshot.scenarios ?? [])].sort(byName).flatMap((s) => scenarioConfig(s, scenarioRefs, notes));
  const config: ConfigInput = { version: CONFIG_VERSION, project: projectConfig(snapshot, notes) };
  if (datasets.length > 0) config.datasets = datasets;
  if (recipes.length > 0) config.recipes = recipes;
  if (folderList.length > 0) config.managed_folders = folderList.map(folderConfig);
  if (scenarios.length > 0) config.scenarios = scenarios;
  return { config, notes };
}

function projectConfig(snapshot: DssProjectSnapshot, notes: string[]): ProjectConfig {
  const fields = metadataFields(snapshot.metadata);
  const project: ProjectConfig = { key: snapshot.projectKey, name: fields.name || snapshot.projectKey };
  if (fields.description) project.description = fields.description;
  if (fields.shortDesc) project.shortDesc = fields.shortDesc;
  if (fields.tags && fields.tags.length > 0) project.tags = fields.tags;
  const standard = snapshot.variables?.standard as Record<string, unknown> | undefined;
  if (standard && Object.keys(standard).length > 0) project.variables = { standard };
  const local = snapshot.variables?.local as Record<string, unknown> | undefined;
  // Local variables often hold credentials: they are not written to a file that may be committed.
  if (local && Object.keys(local).length > 0) notes.push("project local variables are not written (they often hold secrets); they stay unmanaged");
  project.adopt = true;
  return project;
}

function datasetConfig(def: DatasetDefinition, notes: string[]): DatasetConfig {
  const model = fromDefinition(def, undefined);
  const dataset: DatasetConfig = { name: def.name, type: String(model.type) };
  if (typeof model.connection === "string") dataset.connection = model.connection;
  if (typeof model.formatType === "string") dataset.format_type = model.formatType;
  // A managed dataset's params (its path inside the connection...) are DSS's choice: not managed.
  if (model.type !== MANAGED) {
    const params: Record<string, unknown> = {};
    for (const key of TYPED_DATASET_PARAMS) if (model[key] !== undefined) params[key] = model[key];
    Object.assign(params, model.params as Record<string, unknown>);
    if (Object.keys(params).length > 0) dataset.params = params as DatasetConfig["params"];
    const columns = model.columns as Array<{ name: string; type: string; comment?: string }>;
    if (columns.length > 0 && columnsRoundTrip(def)) dataset.schema = { columns };
    else if (columns.length > 0) notes.push(`dataset ${def.name}: its schema has column settings the config cannot express; the schema stays unmanaged`);
  }
  if (model.description) dataset.description = model.description as string;
  const tags = model.tags as string[];
  if (tags.length > 0) dataset.tags = tags;
  dataset.adopt = true;
  return dataset;
}

/** Columns are managed as whole documents: only write them when name/type/comment is all they hold. */
function columnsRoundTrip(def: DatasetDefinition): boolean {
  return (def.schema?.columns ?? []).every((c) =>
    Object.keys(c).every((k) => k === "name" || k === "type" || (k === "comment" && typeof c.comment === "string")),
  );
}

function recipeConfig(doc: RecipeAndPayload, folders: FolderRefs, notes: string[]): RecipeConfig {
  const model = fromRecipe(doc, folders);
  const type = String(model.type);
  const recipe: RecipeConfig = { name: doc.recipe.name, type, outputs: model.outputs as string[] };
  const inputs = model.inputs as string[];
  if (inputs.length > 0) recipe.inputs = inputs;
  if (isCodeRecipe(type)) recipe.code = String(model.code ?? "");
  const params = model.params as Record<string, unknown>;
  if (Object.keys(params).length > 0) recipe.params = params;
  // The short form as the provider reads it back, without the parts that only restate DSS's defaults.
  const found = visualKindOf(type);
  const json = model.payload as Record<string, unknown> | undefined;
  const kind = found && json && found.expressible?.(json, { inputs, outputs: model.outputs as string[] }) === false ? undefined : found;
  if (found && !kind) notes.push(`recipe ${doc.recipe.name}: its ${found.key} settings go beyond what the ${found.key} short form says; its payload stays unmanaged`);
  const spec = kind ? withoutEmpty(model[kind.key] as Record<string, unknown> | undefined) : undefined;
  if (kind && spec) (recipe as Record<string, unknown>)[kind.key] = spec;
  const raw = kind ? rawExtras(model.payload as Record<string, unknown> | undefined) : undefined;
  if (raw) recipe.payload = raw;
  if (model.description) recipe.description = model.description as string;
  const tags = model.tags as string[];
  if (tags.length > 0) recipe.tags = tags;
  recipe.adopt = true;
  // Key order as users write it: name, type, inputs, outputs, ...
  const { name, type: t, inputs: i, outputs, ...rest } = recipe;
  return { name, type: t, ...(i ? { inputs: i } : {}), outputs, ...rest };
}

/** Settings every visual type may hold and no short form covers: written as raw payload keys when in use. */
const RAW_EXTRAS = ["preFilter", "postFilter", "computedColumns"] as const;

function rawExtras(payload: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!payload) return undefined;
  const inUse = (v: unknown) => (Array.isArray(v) ? v.length > 0 : (v as { enabled?: unknown } | null)?.enabled === true);
  const kept = Object.fromEntries(RAW_EXTRAS.filter((k) => inUse(payload[k])).map((k) => [k, payload[k]]));
  return Object.keys(kept).length > 0 ? kept : undefined;
}

/** Top-level fields that are off, zero or empty are DSS's defaults: leaving them out leaves them unmanaged. */
function withoutEmpty(spec: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!spec) return undefined;
  const isEmpty = (v: unknown) =>
    v === undefined || v === false || v === 0 || (Array.isArray(v) && v.length === 0) || (typeof v === "object" && v !== null && Object.keys(v).length === 0);
  const kept = Object.fromEntries(Object.entries(spec).filter(([, v]) => !isEmpty(v)));
  return Object.keys(kept).length > 0 ? kept : undefined;
}

function folderConfig(def: FolderDefinition): FolderConfig {
  const model = fromFolder(def);
  const folder: FolderConfig = { name: def.name };
  if (typeof model.connection === "string") folder.connection = model.connection;
  if (typeof model.path === "string" && model.path !== DEFAULT_FOLDER_PATH) folder.path = model.path;
  if (model.description) folder.description = model.description as string;
  const tags = model.tags as string[];
  if (tags.length > 0) folder.tags = tags;
  folder.adopt = true;
  return folder;
}

type BuildMode = (typeof BUILD_MODES)[number];

/** A step-based scenario; steps or triggers the config cannot express stay unmanaged, with a note. */
function scenarioConfig(def: ScenarioDefinition, refs: ScenarioRefs, notes: string[]): ScenarioConfig[] {
  if (def.type !== "step_based") {
    notes.push(`scenario ${def.name}: a ${def.type} scenario is not modelled; it stays unmanaged`);
    return [];
  }
  const model = fromScenario(def, refs);
  const scenario: ScenarioConfig = { name: def.name, active: model.active as boolean };
  type Step = { build?: string[]; buildMode?: string; runScenario?: string; unsupported?: string; name?: string };
  const steps = model.steps as Step[];
  if (steps.some((s) => s.unsupported !== undefined || (s.runScenario !== undefined && !refs.idOf.has(s.runScenario)))) {
    notes.push(`scenario ${def.name}: it has steps the config cannot express; its steps stay unmanaged`);
  } else if (steps.length > 0) {
    scenario.steps = steps.map((s) => definedOnly({
      name: s.name,
      build: s.build,
      build_mode: s.buildMode as BuildMode | undefined,
      run_scenario: s.runScenario,
    }));
  }
  type Trigger = { cron?: string; timezone?: string; datasetChanged?: string[]; unsupported?: string; active: boolean; name?: string };
  const triggers = model.triggers as Trigger[];
  if (triggers.some((t) => t.unsupported !== undefined)) {
    notes.push(`scenario ${def.name}: it has triggers the config cannot express; its triggers stay unmanaged`);
  } else if (triggers.length > 0) {
    scenario.triggers = triggers.map((t) => definedOnly({ name: t.name, cron: t.cron, timezone: t.timezone, dataset_changed: t.datasetChanged, active: t.active }));
  }
  if (model.description) scenario.description = model.description as string;
  const tags = model.tags as string[];
  if (tags.length > 0) scenario.tags = tags;
  scenario.adopt = true;
  return [scenario];
}

function definedOnly<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function byName(a: { name: string }, b: { name: string }): number {
  return a.name.localeCompare(b.name);
}
