// Managed folders (PY-project create_managed_folder, PY-managedfolder): create, settings
// get/save, delete, and the file listing. A folder is addressed by its id, an 8-character random
// string ("not to be confused with the managed folder's name", PY-managedfolder `id`).
//
// DSS behaviour modelled here:
// - The create body is {name, projectKey, type, params: {connection, path}}; a null type becomes the
//   connection's type (EC2 connections hold S3 folders, PY-managedfolder set_connection_and_path);
//   the answer carries the new `id`, which the client reads.
// - A settings PUT replaces the document; `id` and `projectKey` cannot change (PY set_definition
//   note) and are kept from the URL; the answer is {"msg": ...} (PY set_definition docstring).
// - Deleting a folder "doesn't delete the managed folder's contents" (PY delete): its files stay.
// Choices where nothing is documented: a second folder with a name already used in the project is
// refused (400 "already exists"); a connection without allowManagedFolders is refused.
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { firstVersionTag, nextVersionTag, taggableDefaults, withSortedTags } from "../documents";
import {
  alreadyExists,
  blankName,
  connectionNotForFolders,
  folderFileNotFound,
  folderNotFound,
  unknownConnection,
} from "../errors";
import { exists, fileNameFor, listDir } from "../files";
import { RequestContext, Router } from "../router";
import { DocumentRecord } from "../store";
import { JsonObject, cloneJson, isObject, optionalString, optionalStringArray, requireObject, requireString } from "../validate";
import { RouteEnv, requireProject } from "./env";

const F = "/projects/{projectKey}/managedfolders";
const ONE = `${F}/{folderId}`;
const ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

export function registerFolderRoutes(router: Router, env: RouteEnv): void {
  router.add("GET", `${F}/`, (ctx) => ({ json: listFolders(env, ctx) }));
  router.add("POST", `${F}/`, (ctx) => createFolder(env, ctx));
  router.add("GET", ONE, (ctx) => ({ json: requireFolder(env, ctx).definition }));
  router.add("PUT", ONE, (ctx) => saveFolder(env, ctx));
  router.add("DELETE", ONE, (ctx) => deleteFolder(env, ctx));
  router.add("GET", `${ONE}/contents`, async (ctx) => ({ json: { items: await listFiles(env, ctx) } }));
  router.add("DELETE", `${ONE}/contents/{filePath}`, (ctx) => deleteFile(env, ctx));
}

export function requireFolder(env: RouteEnv, ctx: RequestContext): DocumentRecord {
  const { projectKey, folderId } = ctx.params;
  const record = requireProject(env, projectKey).folders.get(folderId);
  if (!record) throw folderNotFound(projectKey, folderId);
  return record;
}

/** Where a folder's files are: <dataDir>/fs/<connection>/<params.path with its variables expanded>. */
export function folderDir(env: RouteEnv, definition: JsonObject): string | undefined {
  const params = isObject(definition.params) ? definition.params : {};
  if (typeof params.connection !== "string") return undefined;
  const rel = String(params.path ?? "/${projectKey}/${odbId}")
    .replace(/\$\{projectKey\}/g, String(definition.projectKey))
    .replace(/\$\{odbId\}/g, String(definition.id));
  const parts = rel.split("/").filter((p) => p !== "" && p !== "." && p !== "..").map(fileNameFor);
  return path.join(env.managedData.rootOf(params.connection), ...parts);
}

function listFolders(env: RouteEnv, ctx: RequestContext): JsonObject[] {
  const entry = requireProject(env, ctx.params.projectKey);
  return [...entry.folders.values()].map((r) => r.definition).sort((a, b) => String(a.name).localeCompare(String(b.name)));
}

function folderDefaults(): JsonObject {
  return {
    partitioning: { dimensions: [] },
    flowOptions: { virtualizable: false, rebuildBehavior: "NORMAL", crossProjectBuildBehavior: "DEFAULT" },
    metrics: { probes: [], engineConfig: {}, displayedState: { columns: [], metrics: [] } },
    checks: { runOnBuild: false, checks: [], displayedState: { checks: [] } },
    ...taggableDefaults(),
  };
}

async function createFolder(env: RouteEnv, ctx: RequestContext) {
  const projectKey = ctx.params.projectKey;
  const entry = requireProject(env, projectKey);
  const body = requireObject(ctx.body, "body");
  const name = requireString(body, "name");
  if (name.trim() === "") throw blankName("managed folder");
  const params = requireObject(body.params, "params");
  const connectionName = requireString(params, "connection", "params.connection");
  const connection = env.store.connection(connectionName);
  if (!connection) throw unknownConnection(connectionName, "params.connection");
  if (connection.allowManagedFolders !== true) throw connectionNotForFolders(connectionName);
  optionalStringArray(body, "tags");
  if ([...entry.folders.values()].some((r) => r.definition.name === name)) {
    throw alreadyExists("Managed folder", `${projectKey}.${name}`);
  }
  let id: string;
  do id = randomId(); while (entry.folders.has(id));
  const type = optionalString(body, "type") ?? folderTypeOf(String(connection.type));
  const tag = firstVersionTag(env.user, env.now());
  const given = Object.fromEntries(Object.entries(cloneJson(body)).filter(([, v]) => v !== null));
  const definition = withSortedTags({
    ...folderDefaults(),
    ...given,
    projectKey,
    id,
    name,
    type,
    params: { path: "/${projectKey}/${odbId}", ...cloneJson(params) },
    versionTag: tag,
    creationTag: tag,
  });
  await env.store.putDocument(projectKey, "managedfolders", id, { definition });
  const dir = folderDir(env, definition);
  if (dir) await fs.promises.mkdir(dir, { recursive: true });
  return { json: definition };
}

async function saveFolder(env: RouteEnv, ctx: RequestContext) {
  const record = requireFolder(env, ctx);
  const { projectKey, folderId } = ctx.params;
  const body = cloneJson(requireObject(ctx.body, "body"));
  const name = requireString(body, "name");
  if (name.trim() === "") throw blankName("managed folder");
  const params = requireObject(body.params, "params");
  const connection = requireString(params, "connection", "params.connection");
  if (!env.store.connection(connection)) throw unknownConnection(connection, "params.connection");
  optionalStringArray(body, "tags");
  const definition = withSortedTags({
    ...body,
    projectKey,
    id: folderId,
    versionTag: nextVersionTag(record.definition.versionTag, env.user, env.now()),
    creationTag: record.definition.creationTag,
  });
  await env.store.putDocument(projectKey, "managedfolders", folderId, { definition });
  return { json: { msg: `Saved managed folder ${projectKey}.${folderId}` } };
}

/** The folder leaves the flow; its files stay where they are (PY-managedfolder delete). */
async function deleteFolder(env: RouteEnv, ctx: RequestContext) {
  requireFolder(env, ctx);
  const { projectKey, folderId } = ctx.params;
  await env.store.removeDocument(projectKey, "managedfolders", folderId);
  return { json: { msg: `Deleted managed folder ${projectKey}.${folderId}` } };
}

async function listFiles(env: RouteEnv, ctx: RequestContext): Promise<JsonObject[]> {
  const dir = folderDir(env, requireFolder(env, ctx).definition);
  if (!dir || !(await exists(dir))) return [];
  return filesUnder(dir, "");
}

async function deleteFile(env: RouteEnv, ctx: RequestContext) {
  const record = requireFolder(env, ctx);
  const dir = folderDir(env, record.definition);
  const rel = ctx.params.filePath.split("/").filter((p) => p !== "" && p !== "." && p !== "..");
  const file = dir && rel.length > 0 ? path.join(dir, ...rel) : undefined;
  if (!file || !(await exists(file))) {
    throw folderFileNotFound(`${ctx.params.projectKey}.${ctx.params.folderId}`, ctx.params.filePath);
  }
  await fs.promises.rm(file, { recursive: true, force: true });
  return { json: { msg: "Deleted" } };
}

/** PY-managedfolder list_contents: {path, size, lastModified}, paths starting with "/". */
async function filesUnder(dir: string, prefix: string): Promise<JsonObject[]> {
  const out: JsonObject[] = [];
  for (const d of await listDir(dir)) {
    const full = path.join(dir, d.name);
    const rel = `${prefix}/${d.name}`;
    if (d.isDirectory()) out.push(...(await filesUnder(full, rel)));
    else {
      const stat = await fs.promises.stat(full);
      out.push({ path: rel, size: stat.size, lastModified: Math.floor(stat.mtimeMs) });
    }
  }
  return out.sort((a, b) => String(a.path).localeCompare(String(b.path)));
}

function folderTypeOf(connectionType: string): string {
  return connectionType === "EC2" ? "S3" : connectionType;
}

function randomId(): string {
  const bytes = crypto.randomBytes(8);
  return [...bytes].map((b) => ID_CHARS[b % ID_CHARS.length]).join("");
}
