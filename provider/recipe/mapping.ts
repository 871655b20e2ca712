// DSS's `{recipe, payload}` document <-> the Recipe model, in one place.
import type { RecipeAndPayload, RecipeRoleItem, RecipeRoles } from "../client";
import { errors } from "../common/errors";
import { mergeMap } from "../common/model";
import { tagsToWrite, userTags } from "../common/ownership";
import { deepEqual, normalizeTags } from "../common/values";
import type { RecipeArgs } from "./schema";
import { isCodeRecipe } from "./types";
import { Json, parsePayload, RecipeIo, visualKindOf } from "./visual";

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

/**
 * Managed folders in a recipe's roles: DSS refers to them by id, the model by name. Both directions
 * of the project's folder list; empty when the recipe names no folder.
 */
export interface FolderRefs {
  idOf: ReadonlyMap<string, string>;
  nameOf: ReadonlyMap<string, string>;
}

export const NO_FOLDERS: FolderRefs = { idOf: new Map(), nameOf: new Map() };

/** Every model field as DSS holds it. */
export function fromRecipe(doc: RecipeAndPayload, folders: FolderRefs = NO_FOLDERS): Record<string, unknown> {
  const recipe = doc.recipe;
  const type = String(recipe.type);
  const named = (refs: string[]) => refs.map((ref) => folders.nameOf.get(ref) ?? ref);
  const io = { inputs: named(refsOf(recipe.inputs)), outputs: named(refsOf(recipe.outputs)) };
  return {
    projectKey: recipe.projectKey,
    name: recipe.name,
    type,
    inputs: io.inputs,
    outputs: io.outputs,
    code: isCodeRecipe(type) ? (doc.payload ?? "") : undefined,
    ...visualFields(type, doc, io),
    params: (recipe.params as Record<string, unknown> | undefined) ?? {},
    description: typeof recipe.description === "string" ? recipe.description : "",
    tags: normalizeTags(userTags(recipe.tags)),
  };
}

/** The document with the managed fields of `args` written over what DSS holds (read-modify-write). */
export function applyRecipe(
  doc: RecipeAndPayload,
  args: RecipeArgs,
  folders: FolderRefs = NO_FOLDERS,
  stack?: string,
): RecipeAndPayload {
  const recipe = { ...doc.recipe };
  recipe.inputs = withMainRefs(recipe.inputs, refsFor(args.inputs ?? [], folders), false);
  recipe.outputs = withMainRefs(recipe.outputs, refsFor(args.outputs, folders), true);
  if (args.params !== undefined) recipe.params = { ...((recipe.params as object) ?? {}), ...args.params };
  if (args.description !== undefined) recipe.description = args.description;
  recipe.tags = tagsToWrite(recipe.tags, args.tags, stack);
  const payload = args.code !== undefined && isCodeRecipe(args.type) ? args.code : withVisual(doc, args);
  return { ...doc, recipe, payload };
}

/** The short form of the recipe's own kind and the whole JSON payload, for a visual recipe. */
function visualFields(type: string, doc: RecipeAndPayload, io: RecipeIo): Record<string, unknown> {
  if (isCodeRecipe(type)) return {};
  const json = parsePayload(doc.payload);
  if (json === undefined) return {};
  const kind = visualKindOf(type);
  return { payload: json, ...(kind ? { [kind.key]: kind.read(json, io) } : {}) };
}

/**
 * The payload string with the declared short form, then the raw `payload` keys, written over what
 * DSS holds. When nothing changes, DSS's own string is kept as it is (its formatting included).
 */
function withVisual(doc: RecipeAndPayload, args: RecipeArgs): string {
  const kind = visualKindOf(args.type);
  const spec = kind ? (args as Record<string, unknown>)[kind.key] : undefined;
  if (spec === undefined && args.payload === undefined) return doc.payload;
  const current = parsePayload(doc.payload);
  if (current === undefined) throw errors.payloadNotJson(`Recipe ${args.projectKey}.${args.name}`);
  // The roles were just written in the order of the args: index i of a role is name i.
  const io = { inputs: args.inputs ?? [], outputs: args.outputs };
  let next: Json = kind && spec !== undefined ? kind.write(current, spec as never, io) : current;
  // Raw keys merge into objects at any depth (lists and values replace), like the short forms.
  next = mergeMap(next, args.payload, Number.POSITIVE_INFINITY) as Json;
  return deepEqual(next, current) && doc.payload.trim() !== "" ? doc.payload : JSON.stringify(next);
}

/**
 * The body of `POST /projects/{key}/recipes/`, tagged with `stack`, the stack creating it. Outputs are
 * Dataset resources: never auto-created.
 */
export function creationBody(args: RecipeArgs, folders: FolderRefs = NO_FOLDERS, stack?: string) {
  const inputs = refsFor(args.inputs ?? [], folders);
  const outputs = refsFor(args.outputs, folders);
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
      outputs: withMainRefs(undefined, outputs, true),
      tags: tagsToWrite(undefined, args.tags, stack),
    },
    creationSettings,
  };
}

/** DSS's refs for model names: a folder's id, a dataset's name. */
function refsFor(names: readonly string[], folders: FolderRefs): string[] {
  return names.map((name) => folders.idOf.get(name) ?? name);
}
