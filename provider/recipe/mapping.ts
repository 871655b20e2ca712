// DSS's `{recipe, payload}` document <-> the Recipe model, in one place.
import type { RecipeAndPayload, RecipeRoleItem, RecipeRoles } from "../client";
import { tagsToWrite, userTags } from "../common/ownership";
import { normalizeTags } from "../common/values";
import type { RecipeArgs } from "./schema";
import { isCodeRecipe } from "./types";

/** Names of the datasets in a recipe's `main` role: the role every recipe type uses for its I/O. */
export function refsOf(roles: unknown): string[] {
  const main = (roles as RecipeRoles | undefined)?.main;
  return (main?.items ?? []).map((item) => String(item.ref));
}

/** Roles with `main` holding `names`; items DSS already has keep their extra keys, other roles stay. */
export function withMainRefs(roles: unknown, names: readonly string[], isOutput: boolean): RecipeRoles {
  const current = (roles as RecipeRoles | undefined) ?? {};
  const existing = new Map((current.main?.items ?? []).map((item) => [String(item.ref), item]));
  const items = names.map<RecipeRoleItem>(
    (ref) => existing.get(ref) ?? (isOutput ? { ref, appendMode: false } : { ref, deps: [] }),
  );
  return { ...current, main: { ...(current.main ?? {}), items } };
}

/** Every model field as DSS holds it. */
export function fromRecipe(doc: RecipeAndPayload): Record<string, unknown> {
  const recipe = doc.recipe;
  const type = String(recipe.type);
  return {
    projectKey: recipe.projectKey,
    name: recipe.name,
    type,
    inputs: refsOf(recipe.inputs),
    outputs: refsOf(recipe.outputs),
    code: isCodeRecipe(type) ? (doc.payload ?? "") : undefined,
    params: (recipe.params as Record<string, unknown> | undefined) ?? {},
    description: typeof recipe.description === "string" ? recipe.description : "",
    tags: normalizeTags(userTags(recipe.tags)),
  };
}

/** The document with the managed fields of `args`, and `stack`'s tag, written over what DSS holds. */
export function applyRecipe(doc: RecipeAndPayload, args: RecipeArgs, stack?: string): RecipeAndPayload {
  const recipe = { ...doc.recipe };
  recipe.inputs = withMainRefs(recipe.inputs, args.inputs ?? [], false);
  recipe.outputs = withMainRefs(recipe.outputs, args.outputs, true);
  if (args.params !== undefined) recipe.params = { ...((recipe.params as object) ?? {}), ...args.params };
  if (args.description !== undefined) recipe.description = args.description;
  recipe.tags = tagsToWrite(recipe.tags, args.tags, stack);
  const payload = args.code !== undefined && isCodeRecipe(args.type) ? args.code : doc.payload;
  return { ...doc, recipe, payload };
}

/**
 * The body of `POST /projects/{key}/recipes/`, tagged with `stack`, the stack creating it. Outputs are
 * Dataset resources: never auto-created.
 */
export function creationBody(args: RecipeArgs, stack?: string) {
  const inputs = args.inputs ?? [];
  const creationSettings: Record<string, unknown> = {};
  if (args.code !== undefined && isCodeRecipe(args.type)) creationSettings.script = args.code;
  // DSS's join-like recipes take their inputs as "virtual inputs" (reference §6.1).
  if (args.type === "join" || args.type === "vstack") creationSettings.virtualInputs = [...inputs];
  return {
    recipePrototype: {
      type: args.type,
      name: args.name,
      projectKey: args.projectKey,
      inputs: withMainRefs(undefined, inputs, false),
      outputs: withMainRefs(undefined, args.outputs, true),
      tags: tagsToWrite(undefined, args.tags, stack),
    },
    creationSettings,
  };
}
