// Connections: the admin list (object keyed by name), one definition, create, and the name list
// that non-admin callers use.
import { completeConnection, redactConnection } from "../connections";
import { firstVersionTag } from "../documents";
import { alreadyExists, connectionNotFound, invalidName } from "../errors";
import { RequestContext, Router } from "../router";
import { JsonObject, optionalBoolean, optionalObject, optionalString, requireObject, requireString } from "../validate";
import { RouteEnv } from "./env";

export function registerConnectionRoutes(router: Router, env: RouteEnv): void {
  router.add("GET", "/admin/connections/", () => ({ json: listConnections(env) }));
  router.add("POST", "/admin/connections/", (ctx) => createConnection(env, ctx));
  router.add("GET", "/admin/connections/{connectionName}", (ctx) => {
    const def = env.store.connection(ctx.params.connectionName);
    if (!def) throw connectionNotFound(ctx.params.connectionName);
    return { json: redactConnection(def) };
  });
  router.add("GET", "/connections/get-names", (ctx) => ({ json: connectionNames(env, ctx) }));
}

function listConnections(env: RouteEnv): JsonObject {
  return Object.fromEntries(env.store.listConnections().map((c) => [c.name as string, redactConnection(c)]));
}

/** `type=all` or no type lists every name (PY-client; the TS SDK omits it). */
function connectionNames(env: RouteEnv, ctx: RequestContext): string[] {
  const type = ctx.query.string("type");
  return env.store
    .listConnections()
    .filter((c) => type === undefined || type === "" || type.toLowerCase() === "all" || c.type === type)
    .map((c) => c.name as string);
}

async function createConnection(env: RouteEnv, ctx: RequestContext) {
  const body = requireObject(ctx.body, "body");
  const name = requireString(body, "name");
  checkConnectionName(name);
  requireString(body, "type");
  optionalObject(body, "params");
  optionalString(body, "usableBy");
  optionalBoolean(body, "allowManagedDatasets");
  if (env.store.connection(name)) throw alreadyExists("Connection", name);
  await env.store.putConnection(completeConnection(body, firstVersionTag(env.user, env.now())));
  // Answered as text, like project creation (PY-client create_connection uses _perform_text).
  return { text: name };
}

/** Connection names are freer than object names, but must stay usable as one URL path segment. */
export function checkConnectionName(name: string): void {
  // eslint-disable-next-line no-control-regex
  if (name === "" || name === "." || name === ".." || /[/\\\x00-\x1f]/.test(name)) {
    throw invalidName("connection name", name, "must be non-empty, without slashes or control characters");
  }
}
