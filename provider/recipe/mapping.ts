// DSS's `{recipe, payload}` document <-> the Recipe model, in one place.
import type { RecipeAndPayload, RecipeRoleItem, RecipeRoles } from "../client";
import { normalizeTags } from "../common/values";
import { errors } from "../common/errors";
import { mergeMap } from "../common/model";
import { deepEqual } from "../common/values";
import type { RecipeArgs } from "./schema";
import { isCodeRecipe } from "./types";
import { Json, parsePayload, visualKindOf } from "./visual";

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
    ...visualFields(type, doc),
    params: (recipe.params as Record<string, unknown> | undefined) ?? {},
    description: typeof recipe.description === "string" ? recipe.description : "",
    tags: normalizeTags(Array.isArray(recipe.tags) ? (recipe.tags as string[]) : []),
  };
}

/** The document with the managed fields of `args` written over what DSS holds (read-modify-write). */
export function applyRecipe(doc: RecipeAndPayload, args: RecipeArgs): RecipeAndPayload {
  const recipe = { ...doc.recipe };
  recipe.inputs = withMainRefs(recipe.inputs, args.inputs ?? [], false);
  recipe.outputs = withMainRefs(recipe.outputs, args.outputs, true);
  if (args.params !== undefined) recipe.params = { ...((recipe.params as object) ?? {}), ...args.params };
  if (args.description !== undefined) recipe.description = args.description;
  if (args.tags !== undefined) recipe.tags = normalizeTags(args.tags);
  const payload = args.code !== undefined && isCodeRecipe(args.type) ? args.code : withVisual(doc, recipe, args);
  return { ...doc, recipe, payload };
}

/** The short form of the recipe's own kind and the whole JSON payload, for a visual recipe. */
function visualFields(type: string, doc: RecipeAndPayload): Record<string, unknown> {
  if (isCodeRecipe(type)) return {};
  const json = parsePayload(doc.payload);
  if (json === undefined) return {};
  const kind = visualKindOf(type);
  const io = { inputs: refsOf(doc.recipe.inputs), outputs: refsOf(doc.recipe.outputs) };
  return { payload: json, ...(kind ? { [kind.key]: kind.read(json, io) } : {}) };
}

/**
 * The payload string with the declared short form, then the raw `payload` keys, written over what
 * DSS holds. When nothing changes, DSS's own string is kept as it is (its formatting included).
 */
function withVisual(doc: RecipeAndPayload, recipe: RecipeAndPayload["recipe"], args: RecipeArgs): string {
  const kind = visualKindOf(args.type);
  const spec = kind ? (args as Record<string, unknown>)[kind.key] : undefined;
  if (spec === undefined && args.payload === undefined) return doc.payload;
  const current = parsePayload(doc.payload);
  if (current === undefined) throw errors.payloadNotJson(`Recipe ${args.projectKey}.${args.name}`);
  const io = { inputs: refsOf(recipe.inputs), outputs: refsOf(recipe.outputs) };
  let next: Json = kind && spec !== undefined ? kind.write(current, spec as never, io) : current;
  // Raw keys merge into objects at any depth (lists and values replace), like the short forms.
  next = mergeMap(next, args.payload, Number.POSITIVE_INFINITY) as Json;
  return deepEqual(next, current) && doc.payload.trim() !== "" ? doc.payload : JSON.stringify(next);
}

/** The body of `POST /projects/{key}/recipes/`. Outputs are Dataset resources: never auto-created. */
export function creationBody(args: RecipeArgs) {
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
    },
    creationSettings,
  };
}
