// Datasets: list, generic and managed create, definition, schema, metadata, delete.
import {
  applyMetadataToDefinition,
  firstVersionTag,
  metadataFromDefinition,
  nextVersionTag,
  withSortedTags,
} from "../documents";
import {
  alreadyExists,
  connectionNotForManagedDatasets,
  invalidField,
  nameMismatch,
  partitioningSourceNotFound,
  unknownConnection,
  unknownConnectionForDataset,
  unknownFormatOption,
} from "../errors";
import { DEFAULT_FORMAT_OPTION, FORMAT_PRESETS } from "../formats";
import { RequestContext, Router } from "../router";
import { SQL_DATASET_TYPES } from "../rules";
import { DatasetRecord } from "../store";
import {
  JsonObject,
  cloneJson,
  isObject,
  optionalBoolean,
  optionalObject,
  optionalString,
  optionalStringArray,
  requireObject,
  requireString,
} from "../validate";
import { RouteEnv, checkName, requireDataset, requireProject } from "./env";

const D = "/projects/{projectKey}/datasets";
const ONE = `${D}/{datasetName}`;

export function registerDatasetRoutes(router: Router, env: RouteEnv): void {
  router.add("GET", `${D}/`, (ctx) => ({ json: listDatasets(env, ctx) }));
  router.add("POST", `${D}/`, (ctx) => createDataset(env, ctx));
  router.add("POST", `${D}/managed`, (ctx) => createManagedFromRequest(env, ctx));

  router.add("GET", ONE, (ctx) => ({ json: dataset(env, ctx).definition }));
  router.add("PUT", ONE, (ctx) => saveDefinition(env, ctx));
  router.add("DELETE", ONE, (ctx) => deleteDataset(env, ctx));

  router.add("GET", `${ONE}/schema`, (ctx) => ({ json: schemaOf(dataset(env, ctx).definition) }));
  router.add("PUT", `${ONE}/schema`, (ctx) => saveSchema(env, ctx));

  router.add("GET", `${ONE}/metadata`, (ctx) => ({ json: metadataOf(dataset(env, ctx)) }));
  router.add("PUT", `${ONE}/metadata`, (ctx) => saveMetadata(env, ctx));
}

function dataset(env: RouteEnv, ctx: RequestContext): DatasetRecord {
  return requireDataset(env, ctx.params.projectKey, ctx.params.datasetName);
}

function listDatasets(env: RouteEnv, ctx: RequestContext): JsonObject[] {
  const entry = requireProject(env, ctx.params.projectKey);
  ctx.query.bool("foreign", false); // accepted; sharing between projects is not modelled
  const wanted = ctx.query.list("tags");
  return [...entry.datasets.keys()]
    .sort()
    .map((name) => entry.datasets.get(name)!.definition)
    .filter((d) => wanted.length === 0 || ((d.tags as string[]) ?? []).some((t) => wanted.includes(t)));
}

/** What DSS fills in on a new dataset; the create body overrides any of it. */
function datasetDefaults(): JsonObject {
  return {
    managed: false,
    params: {},
    formatParams: {},
    schema: { columns: [], userModified: false },
    partitioning: { dimensions: [] },
    flowOptions: { virtualizable: false, rebuildBehavior: "NORMAL", crossProjectBuildBehavior: "DEFAULT" },
    tags: [],
    description: "",
    shortDesc: "",
    customMeta: { kv: {} },
    checklists: { checklists: [] },
    customFields: {},
  };
}

async function createDataset(env: RouteEnv, ctx: RequestContext) {
  const projectKey = ctx.params.projectKey;
  requireProject(env, projectKey);
  const body = requireObject(ctx.body, "body");
  const name = requireString(body, "name");
  checkName("dataset name", name);
  checkBodyProjectKey(body, projectKey);
  requireString(body, "type");
  checkDefinitionShape(env, body, `${projectKey}.${name}`);
  optionalBoolean(body, "managed");
  if (env.store.project(projectKey)!.datasets.has(name)) throw alreadyExists("Dataset", `${projectKey}.${name}`);

  // Clients send nulls for "not set" (Python: formatType=None); DSS then applies its defaults.
  const given = Object.fromEntries(Object.entries(cloneJson(body)).filter(([, v]) => v !== null));
  const definition = await storeNewDataset(env, projectKey, name, { ...datasetDefaults(), ...given });
  return { json: definition };
}

async function createManagedFromRequest(env: RouteEnv, ctx: RequestContext) {
  const projectKey = ctx.params.projectKey;
  requireProject(env, projectKey);
  const body = requireObject(ctx.body, "body");
  const name = requireString(body, "name");
  checkName("dataset name", name);
  const creationSettings = requireObject(body.creationSettings, "creationSettings");
  if (env.store.project(projectKey)!.datasets.has(name)) throw alreadyExists("Dataset", `${projectKey}.${name}`);
  return { json: await createManagedDataset(env, projectKey, name, creationSettings, "creationSettings") };
}

/**
 * The managed-dataset helper (POST .../datasets/managed, and recipe outputs created on the fly):
 * DSS, not the client, decides the type, params, path or table, and format from the connection.
 * The caller has checked that the name is free.
 */
export async function createManagedDataset(
  env: RouteEnv,
  projectKey: string,
  name: string,
  settings: JsonObject,
  field: string,
): Promise<JsonObject> {
  const connectionName = requireString(settings, "connectionId", `${field}.connectionId`);
  const connection = env.store.connection(connectionName);
  if (!connection) throw unknownConnection(connectionName, `${field}.connectionId`);
  if (connection.allowManagedDatasets !== true) throw connectionNotForManagedDatasets(connectionName);
  const connectionType = connection.type as string;
  const type = optionalString(settings, "typeOptionId", `${field}.typeOptionId`) ?? connectionType;
  const specific = optionalObject(settings, "specificSettings", `${field}.specificSettings`) ?? {};
  const formatOptionId = optionalString(specific, "formatOptionId", `${field}.specificSettings.formatOptionId`);
  const partitioning = partitioningFrom(env, projectKey, settings, field);

  const definition: JsonObject = { ...datasetDefaults(), type, managed: true, partitioning };
  if (SQL_DATASET_TYPES.includes(connectionType)) {
    const connParams = isObject(connection.params) ? connection.params : {};
    definition.params = {
      connection: connectionName,
      mode: "table",
      // DSS expands ${projectKey} itself when it uses the table; the definition keeps the variable.
      table: `\${projectKey}_${name}`,
      schema: typeof connParams.defaultSchema === "string" ? connParams.defaultSchema : "",
      catalog: null,
      tableCreationMode: "auto",
      notReadyIfEmpty: false,
    };
  } else {
    const preset = FORMAT_PRESETS[formatOptionId ?? DEFAULT_FORMAT_OPTION];
    if (!preset) throw unknownFormatOption(formatOptionId!, Object.keys(FORMAT_PRESETS));
    definition.params = { connection: connectionName, path: `\${projectKey}/${name}`, notReadyIfEmpty: false };
    definition.formatType = preset.formatType;
    definition.formatParams = cloneJson(preset.formatParams);
  }
  return storeNewDataset(env, projectKey, name, definition);
}

/** `copy:dataset:<name>` copies that dataset's partitioning; folders are not modelled (none). */
function partitioningFrom(env: RouteEnv, projectKey: string, settings: JsonObject, field: string): JsonObject {
  const option = optionalString(settings, "partitioningOptionId", `${field}.partitioningOptionId`);
  if (option === undefined) return { dimensions: [] };
  const match = /^copy:(dataset|folder):(.+)$/.exec(option);
  if (!match) throw invalidField(`${field}.partitioningOptionId`, "copy:dataset:<name> or copy:folder:<id>");
  if (match[1] === "folder") return { dimensions: [] };
  const [sourceProject, sourceName] = match[2].includes(".") ? match[2].split(".", 2) : [projectKey, match[2]];
  const source = env.store.project(sourceProject)?.datasets.get(sourceName);
  if (!source) throw partitioningSourceNotFound(match[2]);
  return cloneJson((source.definition.partitioning as JsonObject) ?? { dimensions: [] });
}

async function storeNewDataset(env: RouteEnv, projectKey: string, name: string, base: JsonObject) {
  const tag = firstVersionTag(env.user, env.now());
  const definition = withSortedTags({ ...base, projectKey, name, versionTag: tag, creationTag: tag });
  const dir = env.managedData.dirOf(projectKey, definition);
  if (dir) await env.managedData.create(dir, definition.formatType);
  await env.store.putDataset(projectKey, name, { definition, metadataExtras: {} });
  return definition;
}

function checkBodyProjectKey(body: JsonObject, projectKey: string): void {
  const inBody = optionalString(body, "projectKey");
  if (inBody !== undefined && inBody !== projectKey) {
    throw nameMismatch("projectKey", inBody, projectKey, "send the dataset to its own project's URL");
  }
}

/** Checks the parts of a definition the emulator relies on; everything else is kept as given. */
function checkDefinitionShape(env: RouteEnv, body: JsonObject, ref: string): void {
  const params = optionalObject(body, "params");
  if (params && params.connection !== undefined && params.connection !== null) {
    if (typeof params.connection !== "string") throw invalidField("params.connection", "a connection name");
    // Real DSS's behaviour for an unknown connection here is not documented. We refuse it: a
    // misspelt connection then fails at create time, where the IaC user can fix it, not at build.
    if (!env.store.connection(params.connection)) throw unknownConnectionForDataset(params.connection, ref);
  }
  optionalString(body, "formatType");
  optionalObject(body, "formatParams");
  optionalStringArray(body, "tags");
  if (body.schema !== undefined && body.schema !== null) checkSchema(body.schema, "schema");
}

/** "All columns have to provide their name and type" (PY-dataset set_schema). */
function checkSchema(value: unknown, field: string): JsonObject {
  const schema = requireObject(value, field);
  const columns = schema.columns;
  if (!Array.isArray(columns)) throw invalidField(`${field}.columns`, "an array of {name, type} columns");
  columns.forEach((col, i) => {
    if (!isObject(col)) throw invalidField(`${field}.columns[${i}]`, "a JSON object {name, type}");
    requireString(col, "name", `${field}.columns[${i}].name`);
    requireString(col, "type", `${field}.columns[${i}].type`);
  });
  return schema;
}

/** Saves a new definition: whole-document replace, server-managed versionTag and creationTag. */
async function putDefinition(
  env: RouteEnv,
  ctx: RequestContext,
  record: DatasetRecord,
  definition: JsonObject,
  metadataExtras = record.metadataExtras,
): Promise<DatasetRecord> {
  const { projectKey, datasetName } = ctx.params;
  const next: JsonObject = withSortedTags({
    ...definition,
    projectKey,
    name: datasetName,
    versionTag: nextVersionTag(record.definition.versionTag, env.user, env.now()),
    creationTag: record.definition.creationTag,
  });
  const saved = { definition: next, metadataExtras };
  await env.store.putDataset(projectKey, datasetName, saved);
  return saved;
}

async function saveDefinition(env: RouteEnv, ctx: RequestContext) {
  const record = dataset(env, ctx);
  const { projectKey, datasetName } = ctx.params;
  const body = cloneJson(requireObject(ctx.body, "body"));
  const inBody = optionalString(body, "name");
  if (inBody !== undefined && inBody !== datasetName) {
    throw nameMismatch("dataset name", inBody, datasetName, "rename with POST /projects/{projectKey}/actions/renameDataset");
  }
  checkBodyProjectKey(body, projectKey);
  requireString(body, "type");
  checkDefinitionShape(env, body, `${projectKey}.${datasetName}`);
  return { json: (await putDefinition(env, ctx, record, body)).definition };
}

function schemaOf(definition: JsonObject): JsonObject {
  return (definition.schema as JsonObject) ?? { columns: [], userModified: false };
}

async function saveSchema(env: RouteEnv, ctx: RequestContext) {
  const record = dataset(env, ctx);
  const schema = cloneJson(checkSchema(ctx.body, "body"));
  const saved = await putDefinition(env, ctx, record, { ...record.definition, schema });
  return { json: saved.definition.schema };
}

function metadataOf(record: DatasetRecord): JsonObject {
  return metadataFromDefinition(record.definition, record.metadataExtras, record.definition.name as string);
}

async function saveMetadata(env: RouteEnv, ctx: RequestContext) {
  const record = dataset(env, ctx);
  const body = requireObject(ctx.body, "body");
  optionalStringArray(body, "tags");
  optionalString(body, "description");
  optionalString(body, "shortDesc");
  const { definition, extras } = applyMetadataToDefinition(record.definition, body);
  return { json: metadataOf(await putDefinition(env, ctx, record, definition, extras)) };
}

/**
 * dropData=true removes a managed dataset's data directory; false (the default) keeps it. Recipes
 * that use the dataset keep their reference (DSS does not cascade; the flow shows it dangling).
 */
async function deleteDataset(env: RouteEnv, ctx: RequestContext) {
  const record = dataset(env, ctx);
  const { projectKey, datasetName } = ctx.params;
  const dropData = ctx.query.bool("dropData", false);
  const dir = env.managedData.dirOf(projectKey, record.definition);
  if (dropData && dir) await env.managedData.remove(dir);
  await env.store.removeDataset(projectKey, datasetName);
  return { json: { msg: `Deleted dataset ${projectKey}.${datasetName}` } };
}
