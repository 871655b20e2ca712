// Route templates. A template such as "/projects/{projectKey}/datasets/{datasetName}" both matches
// requests and names them: "GET /projects/{projectKey}/datasets/{datasetName}" is the key used by
// the stats counters and by fault rules. Collections keep DSS's trailing slash in their template
// ("/projects/"), but matching ignores trailing slashes, as clients use both forms.
import { Query } from "./query";

export interface RequestContext {
  method: string;
  /** Path params from the template, URL-decoded. */
  params: Record<string, string>;
  query: Query;
  /** Parsed JSON body; undefined when the body was empty. */
  body: unknown;
}

export interface Reply {
  status?: number;
  /** Serialised as JSON. */
  json?: unknown;
  /** Sent as text/plain (DSS answers a few creates with a bare string). */
  text?: string;
  headers?: Record<string, string>;
}

export type Handler = (ctx: RequestContext) => Promise<Reply> | Reply;

export interface Route {
  method: string;
  template: string;
  /** "METHOD template": the stats and fault-rule name of the route. */
  key: string;
  handler: Handler;
}

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

interface CompiledRoute extends Route {
  segments: Array<{ literal: string } | { param: string }>;
  literalCount: number;
}

export function routeKey(method: string, template: string): string {
  return `${method.toUpperCase()} ${template}`;
}

/** Route keys compare without trailing slashes, so "POST /projects" names "POST /projects/". */
export function normalizeRouteKey(key: string): string {
  return key.trim().replace(/\/+$/, "");
}

export function splitPath(path: string): string[] {
  return path.split("/").filter((s) => s !== "");
}

export class Router {
  private readonly routes: CompiledRoute[] = [];

  add(method: string, template: string, handler: Handler): void {
    const segments = splitPath(template).map((s) =>
      s.startsWith("{") && s.endsWith("}") ? { param: s.slice(1, -1) } : { literal: s },
    );
    this.routes.push({
      method,
      template,
      key: routeKey(method, template),
      handler,
      segments,
      literalCount: segments.filter((s) => "literal" in s).length,
    });
  }

  /** Segments must already be URL-decoded. A literal segment beats a parameter ("managed"). */
  match(method: string, segments: string[]): RouteMatch | undefined {
    let best: { route: CompiledRoute; params: Record<string, string> } | undefined;
    for (const route of this.routes) {
      if (route.method !== method || route.segments.length !== segments.length) continue;
      const params: Record<string, string> = {};
      const ok = route.segments.every((s, i) => {
        if ("literal" in s) return s.literal === segments[i];
        params[s.param] = segments[i];
        return true;
      });
      if (ok && (!best || route.literalCount > best.route.literalCount)) best = { route, params };
    }
    return best;
  }

  list(): Route[] {
    return this.routes.map(({ method, template, key, handler }) => ({ method, template, key, handler }));
  }
}
