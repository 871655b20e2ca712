import { z } from "zod";
import { projectKeySchema, tagsSchema } from "../common/names";

/** Inputs of a `Project`. The single source of truth for its args type, `check` and JSON Schema. */
export const projectArgsSchema = z.strictObject({
  /** DSS project key. Immutable: changing it replaces the project. */
  projectKey: projectKeySchema,
  /** Display name (DSS metadata `label`). */
  name: z.string().min(1, "must not be empty"),
  description: z.string().optional(),
  shortDesc: z.string().optional(),
  tags: tagsSchema.optional(),
  /** Owner login. When omitted, DSS makes the API key's user the owner and the owner is not managed. */
  owner: z.string().min(1).optional(),
  /** Project variables. Only the keys given here are managed; `local` is kept secret in state. */
  variables: z
    .strictObject({
      standard: z.record(z.string(), z.unknown()).optional(),
      local: z.record(z.string(), z.unknown()).optional(),
    })
    .optional(),
  /** Take over a project that already exists instead of failing. */
  adopt: z.boolean().optional(),
  /** On delete, also drop the data of the project's managed datasets. Default: keep it. */
  dropManagedDataOnDelete: z.boolean().optional(),
});

export type ProjectArgs = z.infer<typeof projectArgsSchema>;
