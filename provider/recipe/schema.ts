import { z } from "zod";
import { objectNameSchema, projectKeySchema, tagsSchema } from "../common/names";
import { isUnknown } from "../common/unknowns";
import { ACCEPTED_RECIPE_TYPES, isCodeRecipe, normalizeRecipeType } from "./types";
import { checkVisual, visualShape } from "./visual";

/** Inputs of a `Recipe`. The single source of truth for its args type, `check` and JSON Schema. */
export const recipeArgsSchema = z
  .strictObject({
    projectKey: projectKeySchema,
    /** Immutable: changing it replaces the recipe. */
    name: objectNameSchema,
    /** DSS recipe type or a documented alias (`sql` → `sql_query`, `group` → `grouping`). Immutable. */
    type: z.string().refine((t) => normalizeRecipeType(t) !== undefined, {
      message: `unknown recipe type; use one of: ${ACCEPTED_RECIPE_TYPES.join(", ")}`,
    }),
    /** Names of input datasets (or managed folders) of the same project. They must exist before the recipe. */
    inputs: z.array(objectNameSchema).default([]),
    /** Names of output datasets (or managed folders) of the same project. They must exist before the recipe. */
    outputs: z.array(objectNameSchema).min(1, "a recipe needs at least one output dataset"),
    /** Which names of `inputs`/`outputs` are managed folders: DSS refers to those by folder id. */
    folders: z.array(objectNameSchema).optional(),
    /** Code of code recipes (python, r, sql_query, sql_script, shell). */
    code: z.string().optional(),
    /** Keys merged into DSS's recipe `params`. Only these keys are managed. */
    params: z.record(z.string(), z.unknown()).optional(),
    /** Visual recipes: the short form of their payload, one key per type (`group` on a grouping...). */
    ...visualShape,
    /** Visual recipes: top-level keys of the JSON payload, written over what DSS holds; only these are managed. */
    payload: z.record(z.string(), z.unknown()).optional(),
    description: z.string().optional(),
    tags: tagsSchema.optional(),
    adopt: z.boolean().optional(),
  })
  .superRefine((args, ctx) => {
    // Inputs still unknown in preview cannot be judged yet; `up` checks them again.
    if (isUnknown(args.inputs) || isUnknown(args.outputs)) return;
    const type = normalizeRecipeType(args.type);
    for (const p of checkVisual(type, args, { inputs: args.inputs, outputs: args.outputs })) {
      ctx.addIssue({ code: "custom", path: p.path, message: p.message });
    }
    if (args.payload !== undefined && type !== undefined && isCodeRecipe(type)) {
      ctx.addIssue({ code: "custom", path: ["payload"], message: "is for visual recipes; the payload of a code recipe is its code" });
    }
  });

export type RecipeArgs = z.input<typeof recipeArgsSchema>;
