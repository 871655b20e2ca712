// Projects: list, create, summary, metadata, settings, permissions, variables, tag palette, delete.
import { normalizeTags, firstVersionTag, nextVersionTag } from "../documents";
import { alreadyExists, invalidField, missingField } from "../errors";
import { Futures } from "../futures";
import { RequestContext, Router } from "../router";
import { ProjectRecord } from "../store";
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
import { RouteEnv, checkName, requireProject } from "./env";

const P = "/projects/{projectKey}";

export function registerProjectRoutes(router: Router, env: RouteEnv): void {
  router.add("GET", "/projects/", (ctx) => ({ json: listProjects(env, ctx) }));
  router.add("POST", "/projects/", (ctx) => createProject(env, ctx));
  router.add("GET", P, (ctx) => ({ json: summaryOf(requireProject(env, ctx.params.projectKey).project) }));
  router.add("DELETE", P, (ctx) => deleteProject(env, ctx));

  router.add("GET", `${P}/metadata`, (ctx) => ({ json: project(env, ctx).metadata }));
  router.add("PUT", `${P}/metadata`, (ctx) => saveProject(env, ctx, () => ({ metadata: checkMetadata(ctx.body) })));

  router.add("GET", `${P}/settings`, (ctx) => ({ json: project(env, ctx).settings }));
  router.add("PUT", `${P}/settings`, (ctx) => saveProject(env, ctx, () => ({ settings: requireObject(ctx.body, "body") })));

  router.add("GET", `${P}/permissions`, (ctx) => ({ json: project(env, ctx).permissions }));
  router.add("PUT", `${P}/permissions`, (ctx) =>
    saveProject(env, ctx, (current) => ({ permissions: mergePermissions(current.permissions, ctx.body) })),
  );

  router.add("GET", `${P}/variables/`, (ctx) => ({ json: project(env, ctx).variables }));
  router.add("PUT", `${P}/variables/`, (ctx) => saveProject(env, ctx, () => ({ variables: checkVariables(ctx.body) })));

  router.add("GET", `${P}/tags`, (ctx) => ({ json: project(env, ctx).tagsPalette }));
  router.add("PUT", `${P}/tags`, (ctx) => saveProject(env, ctx, () => ({ tagsPalette: requireObject(ctx.body, "body") })));
}

function project(env: RouteEnv, ctx: RequestContext): ProjectRecord {
  return requireProject(env, ctx.params.projectKey).project;
}

/** The list item / summary: `name` here is `label` in metadata (the "two spellings", TF-projects). */
export function summaryOf(p: ProjectRecord): JsonObject {
  const m = p.metadata;
  return {
    projectKey: p.projectKey,
    name: typeof m.label === "string" ? m.label : p.projectKey,
    shortDesc: m.shortDesc ?? "",
    description: m.description ?? "",
    projectStatus: m.projectStatus ?? "",
    ownerLogin: p.permissions.owner,
    tags: m.tags ?? [],
    versionTag: p.versionTag,
    creationTag: p.creationTag,
  };
}

function listProjects(env: RouteEnv, ctx: RequestContext): JsonObject[] {
  ctx.query.bool("includeLocation", false); // accepted; project folders are not modelled
  const wanted = ctx.query.list("tags");
  return env.store
    .listProjects()
    .map((e) => summaryOf(e.project))
    .filter((s) => wanted.length === 0 || (s.tags as string[]).some((t) => wanted.includes(t)));
}

async function createProject(env: RouteEnv, ctx: RequestContext) {
  const body = requireObject(ctx.body, "body");
  const projectKey = requireString(body, "projectKey");
  checkName("project key", projectKey);
  const name = requireString(body, "name");
  const owner = optionalString(body, "owner") ?? env.user;
  const description = optionalString(body, "description") ?? "";
  const settings = optionalObject(body, "settings");
  const permissions = checkPermissionEntries(optionalArray(body, "permissions") ?? [], "permissions");
  const tags = optionalStringArray(body, "tags") ?? [];
  if (env.store.project(projectKey)) throw alreadyExists("Project", projectKey);

  const tag = firstVersionTag(env.user, env.now());
  await env.store.putProject({
    projectKey,
    metadata: {
      label: name,
      description,
      shortDesc: "",
      tags: normalizeTags(tags),
      custom: { kv: {} },
      checklists: { checklists: [] },
      customFields: {},
    },
    // "exact possible settings are not documented": given top-level keys override the defaults.
    settings: { ...defaultSettings(), ...cloneJson(settings ?? {}) },
    permissions: {
      owner,
      permissions,
      dashboardAuthorizations: { allAuthorized: false, authorizations: [] },
      additionalDashboardUsers: { users: [] },
    },
    variables: { standard: {}, local: {} },
    tagsPalette: { tags: {} },
    versionTag: tag,
    creationTag: tag,
  });
  // DSS answers this create with a bare string, not a JSON object (PY-client uses _perform_text).
  return { text: projectKey };
}

function defaultSettings(): JsonObject {
  return {
    settings: {
      codeEnvs: {
        python: { useBuiltinEnv: true, mode: "USE_BUILTIN_MODE" },
        r: { useBuiltinEnv: true, mode: "USE_BUILTIN_MODE" },
      },
      container: { containerMode: "INHERIT" },
      k8sCluster: { clusterMode: "INHERIT" },
      cluster: { clusterMode: "INHERIT" },
    },
    exposedObjects: { objects: [] },
  };
}

/**
 * Every project save replaces one whole document (no merge: omitted fields are gone, as on DSS) and
 * bumps the project's versionTag. The document is stored as given, so fields the emulator does not
 * model survive a read-modify-write.
 */
async function saveProject(
  env: RouteEnv,
  ctx: RequestContext,
  change: (current: ProjectRecord) => Partial<ProjectRecord>,
) {
  const current = project(env, ctx);
  const next: ProjectRecord = {
    ...current,
    ...cloneJson(change(current)),
    versionTag: nextVersionTag(current.versionTag, env.user, env.now()),
  };
  await env.store.putProject(next);
  return { json: { msg: `Saved project ${current.projectKey}` } };
}

function checkMetadata(body: unknown): JsonObject {
  const metadata = cloneJson(requireObject(body, "body"));
  optionalString(metadata, "label");
  optionalString(metadata, "description");
  optionalString(metadata, "shortDesc");
  const tags = optionalStringArray(metadata, "tags");
  metadata.tags = normalizeTags(tags);
  return metadata;
}

function checkVariables(body: unknown): JsonObject {
  const variables = requireObject(body, "body");
  // PY-project set_variables refuses a document without both keys; DSS needs both to replace.
  for (const key of ["standard", "local"]) {
    if (variables[key] === undefined) throw missingField(key, "a JSON object of variables");
    if (!isObject(variables[key])) throw invalidField(key, "a JSON object of variables");
  }
  return variables;
}

function checkPermissionEntries(entries: unknown[], field: string): JsonObject[] {
  return entries.map((entry, i) => {
    if (!isObject(entry)) throw invalidField(`${field}[${i}]`, "a JSON object {group|user, <flags>}");
    if (typeof entry.group !== "string" && typeof entry.user !== "string") {
      throw missingField(`${field}[${i}].group`, "a group name (or 'user' with a login)");
    }
    return entry;
  });
}

/**
 * Whole-document replace, with one DSS quirk copied on purpose (observed on DSS 15, TF-projects):
 * a permission entry that omits a flag keeps that flag's previous value for the same group/user,
 * so clients must send explicit `false`. An omitted owner keeps the current owner.
 */
function mergePermissions(current: JsonObject, body: unknown): JsonObject {
  const next = cloneJson(requireObject(body, "body"));
  const owner = optionalString(next, "owner");
  next.owner = owner ?? current.owner;
  const entries = checkPermissionEntries(optionalArray(next, "permissions") ?? [], "permissions");
  const previous = Array.isArray(current.permissions) ? (current.permissions as JsonObject[]) : [];
  next.permissions = entries.map((entry) => {
    const old = previous.find((p) =>
      entry.group !== undefined ? p.group === entry.group : p.user !== undefined && p.user === entry.user,
    );
    return old ? { ...old, ...entry } : entry;
  });
  return next;
}

async function deleteProject(env: RouteEnv, ctx: RequestContext) {
  const entry = requireProject(env, ctx.params.projectKey);
  // Older clients send dropData instead of clearManagedDatasets (JL Projects.jl).
  const clearData = ctx.query.bool("clearManagedDatasets", false) || ctx.query.bool("dropData", false);
  ctx.query.bool("clearOutputManagedFolders", false); // validated; managed folders are not modelled
  ctx.query.bool("clearJobAndScenarioLogs", true); // validated; jobs are not modelled
  const wait = ctx.query.bool("wait", true);

  if (clearData) {
    for (const record of entry.datasets.values()) {
      const dir = env.managedData.dirOf(entry.project.projectKey, record.definition);
      if (dir) await env.managedData.remove(dir);
    }
  }
  await env.store.removeProject(entry.project.projectKey);

  const result = { messages: [], anyMessage: false, success: true, warning: false, error: false, fatal: false };
  // wait=true: DSS waits server-side and returns a finished future state; wait=false: a future to poll.
  return { json: wait ? Futures.finished(result) : env.futures.startFinished(result) };
}
