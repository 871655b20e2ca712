import { z } from "zod";
import { objectNameSchema, projectKeySchema, tagsSchema } from "../common/names";
import { ACCEPTED_DATASET_TYPES, normalizeDatasetType } from "./types";

export const columnSchema = z.object({
  name: z.string().min(1, "column name must not be empty"),
  type: z.string().min(1, "column type must not be empty, for example string, bigint or double"),
  comment: z.string().optional(),
});

/** Inputs of a `Dataset`. The single source of truth for its args type, `check` and JSON Schema. */
export const datasetArgsSchema = z.strictObject({
  projectKey: projectKeySchema,
  /** Immutable: changing it replaces the dataset. */
  name: objectNameSchema,
  /** `managed`, `sql` (type read from the connection), an alias such as `filesystem`, or a DSS type. Immutable. */
  type: z.string().refine((t) => normalizeDatasetType(t) !== undefined, {
    message: `unknown dataset type; use one of: ${ACCEPTED_DATASET_TYPES.join(", ")}`,
  }),
  /** DSS connection name. Managed datasets default to the instance's managed filesystem connection. */
  connection: z.string().min(1).optional(),
  /** Storage format of file-based datasets: parquet, csv, json, avro... */
  formatType: z.string().min(1).optional(),
  /** File-based datasets: path inside the connection. */
  path: z.string().optional(),
  bucket: z.string().optional(),
  container: z.string().optional(),
  /** SQL datasets: table, database schema and catalog. */
  table: z.string().optional(),
  schema: z.string().optional(),
  catalog: z.string().optional(),
  /** Further type-specific DSS params, merged over the fields above. Only these keys are managed. */
  params: z.record(z.string(), z.unknown()).optional(),
  /** Column schema. When omitted, the schema DSS holds is not managed. */
  columns: z.array(columnSchema).optional(),
  description: z.string().optional(),
  tags: tagsSchema.optional(),
  adopt: z.boolean().optional(),
  /** On delete, also drop the data. Default: keep it. */
  dropDataOnDelete: z.boolean().optional(),
});

export type DatasetArgs = z.infer<typeof datasetArgsSchema>;
export type Column = z.infer<typeof columnSchema>;
