// Recipes: list, create (with on-the-fly output creation), {recipe, payload} get/save, metadata, delete.
import {
  applyMetadataToDefinition,
  firstVersionTag,
  metadataFromDefinition,
  nextVersionTag,
  withSortedTags,
} from "../documents";
import {
  alreadyExists,
  foreignRecipeOutput,
  invalidField,
  nameMismatch,
  outputAlreadyProduced,
  outputCreationSuppressed,
  recipeInputMissing,
  recipeOutputMissing,
} from "../errors";
import { RequestContext, Router } from "../router";
import { ProjectEntry, RecipeRecord } from "../store";
import {
  JsonObject,
  cloneJson,
  isObject,
  optionalArray,
  optionalObject,
  optionalString,
  optionalStringArray,
  requireObject,
  requireString,
} from "../validate";
import { creationPayload, InputColumns, savedPayload } from "../visualRecipes";
import { createManagedDataset } from "./datasets";
import { RouteEnv, checkName, requireProject, requireRecipe } from "./env";

const R = "/projects/{projectKey}/recipes";
const ONE = `${R}/{recipeName}`;

/** Recipe types whose payload is source code and whose params select a code env (PY-recipe). */
const CODE_TYPES = ["python", "r", "sql_script", "sql_query", "pyspark", "sparkr", "spark_scala", "shell", "spark_sql_query"];

export function registerRecipeRoutes(router: Router, env: RouteEnv): void {
  router.add("GET", `${R}/`, (ctx) => ({ json: listRecipes(env, ctx) }));
  router.add("POST", `${R}/`, (ctx) => createRecipe(env, ctx));
  router.add("GET", ONE, (ctx) => ({ json: getRecipe(env, ctx) }));
  router.add("PUT", ONE, (ctx) => saveRecipe(env, ctx));
  router.add("DELETE", ONE, (ctx) => deleteRecipe(env, ctx));
  router.add("GET", `${ONE}/metadata`, (ctx) => ({ json: metadataOf(recipe(env, ctx)) }));
  router.add("PUT", `${ONE}/metadata`, (ctx) => saveMetadata(env, ctx));
}

function recipe(env: RouteEnv, ctx: RequestContext): RecipeRecord {
  return requireRecipe(env, ctx.params.projectKey, ctx.params.recipeName);
}

function listRecipes(env: RouteEnv, ctx: RequestContext): JsonObject[] {
  const entry = requireProject(env, ctx.params.projectKey);
  return [...entry.recipes.keys()].sort().map((name) => entry.recipes.get(name)!.recipe);
}

/** The payload is always returned: official clients never send includePayload and rely on it. */
function getRecipe(env: RouteEnv, ctx: RequestContext) {
  const record = recipe(env, ctx);
  ctx.query.bool("includePayload", true);
  return { recipe: record.recipe, payload: record.payload };
}

// ---- roles ----------------------------------------------------------------------------------

type Direction = "input" | "output";

/** `{role: {items: [{ref, ...}]}}`; fills DSS's item defaults (deps for inputs, appendMode for outputs). */
function checkRoles(value: unknown, field: string, direction: Direction): JsonObject {
  if (value === undefined || value === null) return {};
  const roles = cloneJson(requireObject(value, field));
  for (const [role, roleValue] of Object.entries(roles)) {
    const roleObj = requireObject(roleValue, `${field}.${role}`);
    const items = optionalArray(roleObj, "items", `${field}.${role}.items`) ?? [];
    roleObj.items = items.map((item, i) => {
      const where = `${field}.${role}.items[${i}]`;
      if (!isObject(item)) throw invalidField(where, "a JSON object {ref, ...}");
      requireString(item, "ref", `${where}.ref`);
      return direction === "input" ? { deps: [], ...item } : { appendMode: false, ...item };
    });
  }
  return roles;
}

function refsOf(roles: unknown): string[] {
  if (!isObject(roles)) return [];
  return Object.values(roles).flatMap((role) =>
    isObject(role) && Array.isArray(role.items)
      ? role.items.filter(isObject).map((item) => item.ref as string)
      : [],
  );
}

/** `OTHER.name` points into another project (PY-recipe _build_ref); a bare name is local. */
function splitRef(projectKey: string, ref: string): [string, string] {
  const dot = ref.indexOf(".");
  return dot < 0 ? [projectKey, ref] : [ref.slice(0, dot), ref.slice(dot + 1)];
}

/** A flow item a recipe can read or write: a dataset by name, or a managed folder by id (PY-recipe). */
function datasetExists(env: RouteEnv, projectKey: string, ref: string): boolean {
  const [p, name] = splitRef(projectKey, ref);
  const entry = env.store.project(p);
  return (entry?.datasets.has(name) || entry?.folders.has(name)) ?? false;
}

function checkInputs(env: RouteEnv, projectKey: string, recipeName: string, inputs: JsonObject): void {
  for (const ref of refsOf(inputs)) {
    if (!datasetExists(env, projectKey, ref)) throw recipeInputMissing(recipeName, ref);
  }
}

/** A dataset has at most one producing recipe in DSS's flow. */
function checkSingleProducer(entry: ProjectEntry, recipeName: string, outputs: string[]): void {
  // One pass over the project's recipes, not one per output.
  const wanted = new Set(outputs);
  const producers = new Map<string, string>();
  for (const [otherName, other] of entry.recipes) {
    if (otherName === recipeName) continue;
    for (const ref of refsOf(other.recipe.outputs)) {
      if (wanted.has(ref) && !producers.has(ref)) producers.set(ref, otherName);
    }
  }
  for (const ref of outputs) {
    const producer = producers.get(ref);
    if (producer !== undefined) throw outputAlreadyProduced(ref, producer);
  }
}

// ---- create ---------------------------------------------------------------------------------

function recipeDefaults(type: string): JsonObject {
  return {
    params: CODE_TYPES.includes(type) ? { envSelection: { envMode: "INHERIT" } } : {},
    inputs: {},
    outputs: {},
    neverBuilt: true,
    optionalDependencies: false,
    redispatchPartitioning: false,
    maxRunningActivities: 0,
    neverRecomputeExistingPartitions: false,
    tags: [],
    description: "",
    shortDesc: "",
    customMeta: { kv: {} },
    checklists: { checklists: [] },
    customFields: {},
  };
}

/**
 * The prototype's name is a base name (PY-project new_recipe). A given name is used as is and a
 * taken one is refused, so infrastructure code gets the name it asked for; only a missing name is
 * generated, DSS-style: compute_<first output>, with a numeric suffix when taken.
 */
function recipeNameFor(entry: ProjectEntry, proto: JsonObject, type: string, outputs: string[]): string {
  const given = optionalString(proto, "name", "recipePrototype.name");
  if (given !== undefined && given !== "") {
    checkName("recipe name", given);
    if (entry.recipes.has(given)) throw alreadyExists("Recipe", `${entry.project.projectKey}.${given}`);
    return given;
  }
  const base = outputs.length > 0 ? `compute_${outputs[0]}` : `${type}_recipe`;
  let candidate = base.replace(/[^A-Za-z0-9_]/g, "_");
  for (let i = 1; entry.recipes.has(candidate); i++) candidate = `${base}_${i}`;
  return candidate;
}

async function createRecipe(env: RouteEnv, ctx: RequestContext) {
  const projectKey = ctx.params.projectKey;
  const entry = requireProject(env, projectKey);
  const body = requireObject(ctx.body, "body");
  const proto = requireObject(body.recipePrototype, "recipePrototype");
  const settings = optionalObject(body, "creationSettings") ?? {};
  const type = requireString(proto, "type", "recipePrototype.type");
  const inputs = checkRoles(proto.inputs, "recipePrototype.inputs", "input");
  const outputs = checkRoles(proto.outputs, "recipePrototype.outputs", "output");
  addVirtualInputs(inputs, optionalStringArray(settings, "virtualInputs", "creationSettings.virtualInputs"));
  const outputRefs = refsOf(outputs);
  const name = recipeNameFor(entry, proto, type, outputRefs);
  const protoKey = optionalString(proto, "projectKey", "recipePrototype.projectKey");
  if (protoKey !== undefined && protoKey !== projectKey) {
    throw nameMismatch("projectKey", protoKey, projectKey, "send the recipe to its own project's URL");
  }

  // Raw mode: prototype used as is, no I/O checks, no output creation (PY-recipe set_raw_mode).
  const raw = settings.rawCreation === true;
  if (!raw) {
    checkInputs(env, projectKey, name, inputs);
    for (const ref of outputRefs) if (ref.includes(".")) throw foreignRecipeOutput(name, ref);
    const missing = [...new Set(outputRefs.filter((ref) => !datasetExists(env, projectKey, ref)))];
    const outputSettings = optionalObject(settings, "outputDatasetSettings", "creationSettings.outputDatasetSettings");
    if (missing.length > 0 && (settings.createOutputDataset !== true || !outputSettings)) {
      throw outputCreationSuppressed();
    }
    checkSingleProducer(entry, name, outputRefs);
    for (const ref of missing) checkName("dataset name", ref);
    for (const ref of missing) {
      await createManagedDataset(env, projectKey, ref, outputSettings!, "creationSettings.outputDatasetSettings");
    }
  }

  const payload = payloadFrom(settings, raw) || (raw ? "" : visualDefaults(env, projectKey, type, inputs, settings));
  const tag = firstVersionTag(env.user, env.now());
  const definition = withSortedTags({
    ...recipeDefaults(type),
    ...cloneJson(proto),
    projectKey,
    name,
    type,
    inputs,
    outputs,
    versionTag: tag,
    creationTag: tag,
  });
  await env.store.putRecipe(projectKey, name, { recipe: definition, payload, metadataExtras: {} });
  // Clients read the actual name back from here (PY-project create_recipe).
  return { json: { projectKey, name } };
}

function addVirtualInputs(inputs: JsonObject, refs: string[] | undefined): void {
  if (!refs || refs.length === 0) return;
  const main = (inputs.main as JsonObject | undefined) ?? { items: [] };
  const items = main.items as JsonObject[];
  for (const ref of refs) if (!items.some((i) => i.ref === ref)) items.push({ ref, deps: [] });
  inputs.main = main;
}

/** A visual recipe starts with DSS's default settings for its type; other types with no payload. */
function visualDefaults(env: RouteEnv, projectKey: string, type: string, inputs: JsonObject, settings: JsonObject): string {
  const refs = mainRefs(inputs);
  return creationPayload(type, { inputs: refs, columns: columnsOf(env, projectKey, refs), settings }) ?? "";
}

function mainRefs(roles: unknown): string[] {
  const main = isObject(roles) ? roles.main : undefined;
  return isObject(main) && Array.isArray(main.items) ? main.items.filter(isObject).map((i) => String(i.ref)) : [];
}

/** The declared column schema of each dataset, in order ([] when it has none or is elsewhere). */
function columnsOf(env: RouteEnv, projectKey: string, refs: string[]): InputColumns {
  return refs.map((ref) => {
    const [p, name] = splitRef(projectKey, ref);
    const schema = env.store.project(p)?.datasets.get(name)?.definition.schema;
    const columns = isObject(schema) && Array.isArray(schema.columns) ? schema.columns.filter(isObject) : [];
    return columns.map((c) => ({ name: String(c.name), type: String(c.type) }));
  });
}

/** Code arrives in creationSettings.script; `payload` is the stale docstring's name, also accepted. */
function payloadFrom(settings: JsonObject, raw: boolean): string {
  const keys = raw ? ["rawPayload"] : ["script", "payload"];
  for (const key of keys) {
    const value = optionalString(settings, key, `creationSettings.${key}`);
    if (value !== undefined) return value;
  }
  return "";
}

// ---- save, metadata, delete -----------------------------------------------------------------

/** Whole-document replace of {recipe, payload}; an absent payload becomes "" (VSC treats it so). */
async function saveRecipe(env: RouteEnv, ctx: RequestContext) {
  const record = recipe(env, ctx);
  const { projectKey, recipeName } = ctx.params;
  const body = requireObject(ctx.body, "body");
  const definition = cloneJson(requireObject(body.recipe, "recipe"));
  const payload = optionalString(body, "payload") ?? "";
  const inBody = optionalString(definition, "name", "recipe.name");
  if (inBody !== undefined && inBody !== recipeName) {
    throw nameMismatch("recipe name", inBody, recipeName, "rename with POST /projects/{projectKey}/actions/renameRecipe");
  }
  const protoKey = optionalString(definition, "projectKey", "recipe.projectKey");
  if (protoKey !== undefined && protoKey !== projectKey) {
    throw nameMismatch("projectKey", protoKey, projectKey, "a recipe cannot move between projects");
  }
  requireString(definition, "type", "recipe.type");
  optionalStringArray(definition, "tags", "recipe.tags");
  definition.inputs = checkRoles(definition.inputs, "recipe.inputs", "input");
  definition.outputs = checkRoles(definition.outputs, "recipe.outputs", "output");
  checkInputs(env, projectKey, recipeName, definition.inputs as JsonObject);
  const outputRefs = refsOf(definition.outputs);
  for (const ref of outputRefs) {
    if (ref.includes(".")) throw foreignRecipeOutput(recipeName, ref);
    if (!datasetExists(env, projectKey, ref)) throw recipeOutputMissing(recipeName, ref);
  }
  checkSingleProducer(requireProject(env, projectKey), recipeName, outputRefs);
  const inputRefs = mainRefs(definition.inputs);
  const checked = savedPayload(
    String(definition.type),
    payload,
    { inputs: inputRefs.length, outputs: mainRefs(definition.outputs).length },
    columnsOf(env, projectKey, inputRefs),
  );

  const saved = await putRecipe(env, ctx, record, definition, checked);
  return { json: { recipe: saved.recipe, payload: saved.payload } };
}

async function putRecipe(
  env: RouteEnv,
  ctx: RequestContext,
  record: RecipeRecord,
  definition: JsonObject,
  payload = record.payload,
  metadataExtras = record.metadataExtras,
): Promise<RecipeRecord> {
  const { projectKey, recipeName } = ctx.params;
  const next: RecipeRecord = {
    recipe: withSortedTags({
      ...definition,
      projectKey,
      name: recipeName,
      versionTag: nextVersionTag(record.recipe.versionTag, env.user, env.now()),
      creationTag: record.recipe.creationTag,
    }),
    payload,
    metadataExtras,
  };
  await env.store.putRecipe(projectKey, recipeName, next);
  return next;
}

function metadataOf(record: RecipeRecord): JsonObject {
  return metadataFromDefinition(record.recipe, record.metadataExtras, record.recipe.name as string);
}

async function saveMetadata(env: RouteEnv, ctx: RequestContext) {
  const record = recipe(env, ctx);
  const body = requireObject(ctx.body, "body");
  optionalStringArray(body, "tags");
  optionalString(body, "description");
  const { definition, extras } = applyMetadataToDefinition(record.recipe, body);
  return { json: metadataOf(await putRecipe(env, ctx, record, definition, record.payload, extras)) };
}

/** Deleting a recipe leaves its datasets (and their data) in place, as DSS does. */
async function deleteRecipe(env: RouteEnv, ctx: RequestContext) {
  recipe(env, ctx);
  const { projectKey, recipeName } = ctx.params;
  await env.store.removeRecipe(projectKey, recipeName);
  return { json: { msg: `Deleted recipe ${projectKey}.${recipeName}` } };
}
