// The config format as one zod schema: the single source of truth for its TypeScript types, its
// validation and the JSON Schema editors use (schema/dataiku-config.schema.json). Cross-references
// (duplicates, unknown datasets, cycles, connections, code) are checked in `references.ts`.

import { z } from "zod";
import { objectNameSchema, projectKeySchema, tagsSchema } from "../common/names";
import { TYPED_PARAMS } from "../dataset/mapping";
import { ACCEPTED_DATASET_TYPES, DATASET_TYPE_ALIASES, normalizeDatasetType } from "../dataset/types";
import { ACCEPTED_RECIPE_TYPES, normalizeRecipeType } from "../recipe/types";
import { visualShape } from "../recipe/visual";
import { BUILD_MODES, cronSchema } from "../scenario/schema";
import { CRON_FORMS } from "../scenario/cron";
import { didYouMean } from "./suggest";
import { safeString } from "./validate";

export const CONFIG_VERSION = "1.0";

const show = (v: unknown) => (typeof v === "string" ? `"${v}"` : JSON.stringify(v));

// `version: 1.0` unquoted is the number 1 in YAML, so 1 is accepted too (the prototype refused it).
export const versionSchema = z
  .union([z.literal(CONFIG_VERSION), z.literal(1)], {
    error: (iss) => `unsupported version ${show(iss.input)}; this loader reads version "${CONFIG_VERSION}" (or leave version out)`,
  })
  .describe(`Config format version. Only "${CONFIG_VERSION}" exists; defaults to it.`);

function unknownWord(what: string, input: unknown, accepted: readonly string[]): string {
  const hint = didYouMean(safeString(input), accepted);
  return `unknown ${what} ${show(input)}${hint || "."}`;
}

const freeForm = z.record(z.string(), z.unknown());
const text = z.string();
const safety = {
  protect: z.boolean().optional().describe("Refuse to delete this resource (Pulumi `protect`)."),
  adopt: z.boolean().optional().describe("Take over an object that already exists in DSS instead of failing."),
};

const datasetType = z
  .string()
  .refine((t) => normalizeDatasetType(t) !== undefined, {
    error: (iss) =>
      unknownWord("dataset type", iss.input, ACCEPTED_DATASET_TYPES) +
      ` Use one of: ${Object.keys(DATASET_TYPE_ALIASES).join(", ")}, or a DSS type such as PostgreSQL`,
  })
  .meta({ description: "Dataset type: a documented name or DSS's own type name.", examples: [...ACCEPTED_DATASET_TYPES] });

const recipeType = z
  .string()
  .refine((t) => normalizeRecipeType(t) !== undefined, {
    error: (iss) =>
      unknownWord("recipe type", iss.input, ACCEPTED_RECIPE_TYPES) + ` Use one of: ${ACCEPTED_RECIPE_TYPES.join(", ")}`,
  })
  .meta({ description: "Recipe type: python, sql (= sql_query), join, group (= grouping)...", examples: [...ACCEPTED_RECIPE_TYPES] });

export const projectSchema = z.strictObject({
  key: projectKeySchema.describe("DSS project key. Changing it replaces the project."),
  name: text.min(1, "must not be empty").describe("Display name."),
  description: text.optional(),
  shortDesc: text.optional(),
  tags: tagsSchema.optional(),
  owner: text.min(1, "must not be empty").optional().describe("Owner login; when omitted the owner is not managed."),
  variables: z
    .strictObject({
      standard: freeForm.optional(),
      local: freeForm.optional().describe("Instance-local variables; kept secret in Pulumi state."),
    })
    .optional(),
  settings: freeForm.optional().describe("Accepted for compatibility with the prototype; not sent to DSS."),
  ...safety,
  drop_data_on_delete: z.boolean().optional().describe("When the project is deleted, also drop the data of its managed datasets."),
});

export const columnConfigSchema = z.strictObject({
  name: text.min(1, "column name must not be empty"),
  type: text.min(1, "column type must not be empty, for example string, bigint or double"),
  comment: text.optional(),
});

/** `path`, `bucket`, `container`, `table`, `schema` and `catalog` become typed dataset fields. */
export const TYPED_DATASET_PARAMS = TYPED_PARAMS;

const datasetParams = z
  .looseObject(Object.fromEntries(TYPED_DATASET_PARAMS.map((k) => [k, text.optional()])) as Record<(typeof TYPED_DATASET_PARAMS)[number], z.ZodOptional<z.ZodString>>)
  .describe("Type-specific DSS params. path, bucket, container, table, schema (database schema) and catalog are typed.");

export const datasetSchema = z.strictObject({
  name: objectNameSchema.describe("Dataset name. Changing it replaces the dataset."),
  type: datasetType,
  connection: text.min(1, "must not be empty").nullable().optional().describe("DSS connection name."),
  params: datasetParams.optional(),
  schema: z.strictObject({ columns: z.array(columnConfigSchema).optional() }).nullable().optional().describe("Column schema."),
  format_type: text.min(1, "must not be empty").nullable().optional().describe("Storage format of file datasets: parquet, csv, json, avro..."),
  description: text.optional(),
  tags: tagsSchema.optional(),
  ...safety,
  drop_data_on_delete: z.boolean().optional().describe("When the dataset is deleted, also drop its data."),
});

export const recipeSchema = z.strictObject({
  name: objectNameSchema.describe("Recipe name. Changing it replaces the recipe."),
  type: recipeType,
  inputs: z.array(objectNameSchema).optional().describe("Names of datasets (or managed folders) of this config the recipe reads."),
  outputs: z.array(objectNameSchema).min(1, "a recipe needs at least one output dataset").describe("Names of datasets (or managed folders) of this config the recipe writes."),
  params: freeForm.optional(),
  code: text.nullable().optional().describe("Script of code recipes (python, sql, r, shell)."),
  // Visual recipes: the short form of the payload, one key per type (docs/config.md, "Visual recipes").
  ...visualShape,
  payload: freeForm.optional().describe("Visual recipes: top-level keys of DSS's JSON payload, written as they are; only these keys are managed."),
  description: text.optional(),
  tags: tagsSchema.optional(),
  ...safety,
});

export const folderSchema = z.strictObject({
  name: objectNameSchema.describe("Managed folder name; recipes list it in inputs/outputs by this name. Changing it replaces the folder."),
  connection: text.min(1, "must not be empty").optional().describe("File-based connection holding the files. Default filesystem_folders. Changing it replaces the folder (DSS does not move files)."),
  path: text.min(1, "must not be empty").optional().describe("Location inside the connection. Default DSS's /${projectKey}/${odbId}."),
  description: text.optional(),
  tags: tagsSchema.optional(),
  ...safety,
  drop_files_on_delete: z.boolean().optional().describe("When the folder is deleted, also delete its files. Default: keep them."),
});

const stepConfigSchema = z
  .strictObject({
    build: z.array(objectNameSchema).min(1, "list at least one dataset to build").optional().describe("Datasets of this config to build."),
    build_mode: z.enum(BUILD_MODES).optional().describe("How to build: RECURSIVE_BUILD (DSS's default), RECURSIVE_FORCED_BUILD..."),
    run_scenario: objectNameSchema.optional().describe("Name of another scenario of this config to run."),
    name: text.min(1, "must not be empty").optional().describe("Step label in DSS."),
  })
  .superRefine((step, ctx) => {
    if ([step.build, step.run_scenario].filter((v) => v !== undefined).length !== 1) {
      ctx.addIssue({ code: "custom", message: "a step is either build: [datasets] or run_scenario: <scenario name>, exactly one of them" });
    }
    if (step.build_mode !== undefined && step.build === undefined) ctx.addIssue({ code: "custom", path: ["build_mode"], message: "only a build step has a build_mode" });
  });

const triggerConfigSchema = z
  .strictObject({
    cron: cronSchema.optional().meta({ description: `Time-based trigger. DSS runs scenarios minutely, hourly, daily or weekly: ${CRON_FORMS}.`, examples: ["0 2 * * *"] }),
    timezone: text.min(1, "must not be empty").optional().describe("Time zone of a cron trigger: SERVER (DSS's default) or a name such as Europe/Paris."),
    dataset_changed: z.array(objectNameSchema).min(1, "list at least one dataset to watch").optional().describe("Run when one of these datasets of this config changes."),
    active: z.boolean().optional().describe("Default true."),
    name: text.min(1, "must not be empty").optional(),
  })
  .superRefine((t, ctx) => {
    if ([t.cron, t.dataset_changed].filter((v) => v !== undefined).length !== 1) {
      ctx.addIssue({ code: "custom", message: 'a trigger is either cron: "<expression>" or dataset_changed: [datasets], exactly one of them' });
    }
    if (t.timezone !== undefined && t.cron === undefined) ctx.addIssue({ code: "custom", path: ["timezone"], message: "only a cron trigger has a timezone" });
  });

export const scenarioSchema = z.strictObject({
  name: objectNameSchema.describe("Scenario name; DSS derives its id from it. Changing it replaces the scenario."),
  active: z.boolean().optional().describe("Whether the triggers run automatically. When omitted, not managed."),
  steps: z.array(stepConfigSchema).optional().describe("Steps, in order. When omitted, not managed."),
  triggers: z.array(triggerConfigSchema).optional().describe("Triggers. When omitted, not managed."),
  description: text.optional(),
  tags: tagsSchema.optional(),
  ...safety,
});

const baseShape = {
  version: versionSchema.optional(),
  metadata: freeForm.optional().describe("Free-form; not used."),
  project: projectSchema,
  datasets: z.array(datasetSchema).optional(),
  recipes: z.array(recipeSchema).optional(),
  managed_folders: z.array(folderSchema).optional(),
  scenarios: z.array(scenarioSchema).optional(),
};

/** One environment's overrides: a partial config deep-merged over the base; lists merge by `name`. */
export const environmentSchema = z.strictObject({
  metadata: freeForm.optional(),
  project: projectSchema.partial().optional(),
  datasets: z.array(datasetSchema.partial().required({ name: true })).optional(),
  recipes: z.array(recipeSchema.partial().required({ name: true })).optional(),
  managed_folders: z.array(folderSchema.partial().required({ name: true })).optional(),
  scenarios: z.array(scenarioSchema.partial().required({ name: true })).optional(),
});

export const configSchema = z
  .strictObject({
    ...baseShape,
    environments: z
      .record(z.string(), environmentSchema.nullable())
      .optional()
      .describe("Overrides per Pulumi stack name. When present, the stack must be one of its keys."),
  })
  .describe("Dataiku DSS project, datasets, recipes, managed folders and scenarios (pulumi-dataiku).");

/** A file under `datasets/` or `recipes/` of a directory config. */
export const configPartSchema = z
  .strictObject({
    version: baseShape.version,
    metadata: baseShape.metadata,
    datasets: baseShape.datasets,
    recipes: baseShape.recipes,
  })
  .describe("A datasets/*.yml or recipes/*.yml file of a directory config.");

export type ConfigInput = z.infer<typeof configSchema>;
export type ProjectConfig = z.infer<typeof projectSchema>;
export type DatasetConfig = z.infer<typeof datasetSchema>;
export type RecipeConfig = z.infer<typeof recipeSchema>;
export type FolderConfig = z.infer<typeof folderSchema>;
export type ScenarioConfig = z.infer<typeof scenarioSchema>;
