// The config format as one zod schema: the single source of truth for its TypeScript types, its
// validation and the JSON Schema editors use (schema/dataiku-config.schema.json). Cross-references
// (duplicates, unknown datasets, cycles, connections, code) are checked in `references.ts`.

import { z } from "zod";
import { objectNameSchema, projectKeySchema, tagsSchema } from "../common/names";
import { TYPED_PARAMS } from "../dataset/mapping";
import { ACCEPTED_DATASET_TYPES, DATASET_TYPE_ALIASES, normalizeDatasetType } from "../dataset/types";
import { ACCEPTED_RECIPE_TYPES, normalizeRecipeType } from "../recipe/types";
import { visualShape } from "../recipe/visual";
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
  inputs: z.array(objectNameSchema).optional().describe("Names of datasets of this config the recipe reads."),
  outputs: z.array(objectNameSchema).min(1, "a recipe needs at least one output dataset").describe("Names of datasets of this config the recipe writes."),
  params: freeForm.optional(),
  code: text.nullable().optional().describe("Script of code recipes (python, sql, r, shell)."),
  // Visual recipes: the short form of the payload, one key per type (docs/config.md, "Visual recipes").
  ...visualShape,
  payload: freeForm.optional().describe("Visual recipes: top-level keys of DSS's JSON payload, written as they are; only these keys are managed."),
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
};

/** One environment's overrides: a partial config deep-merged over the base; lists merge by `name`. */
export const environmentSchema = z.strictObject({
  metadata: freeForm.optional(),
  project: projectSchema.partial().optional(),
  datasets: z.array(datasetSchema.partial().required({ name: true })).optional(),
  recipes: z.array(recipeSchema.partial().required({ name: true })).optional(),
});

export const configSchema = z
  .strictObject({
    ...baseShape,
    environments: z
      .record(z.string(), environmentSchema.nullable())
      .optional()
      .describe("Overrides per Pulumi stack name. When present, the stack must be one of its keys."),
  })
  .describe("Dataiku DSS project, datasets and recipes (pulumi-dataiku).");

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
