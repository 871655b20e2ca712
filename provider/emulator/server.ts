// HTTP plumbing: API prefixes, auth, counting, latency and faults, body parsing, DSS error JSON,
// and the one log line per request. Route handlers only see parsed requests and return replies.
import * as http from "http";
import * as https from "https";
import * as net from "net";
import { ApiKeyCheck } from "./auth";
import { DssError, badPathSegment, bodyTooLarge, injectedError, injectedThrottle, internalError, malformedJson, unhandledRoute } from "./errors";
import { FaultDecision, FaultInjector } from "./faults";
import { Query } from "./query";
import { Reply, RouteMatch, Router, routeKey, splitPath } from "./router";
import { StatsCounter } from "./stats";
import { MutationLock } from "./lock";

/** Both prefixes reach the same API: docs use /public/api, the Python client /dip/publicapi. */
const API_PREFIXES = ["/public/api", "/dip/publicapi"];
const ADMIN_PREFIX = "/__emulator";
const MAX_BODY_BYTES = 32 * 1024 * 1024;

/** Sent on every reply; VS Code's extension treats a missing DSS-Version as "not a DSS". */
const DSS_HEADERS = { "DSS-Version": "14.3.0", "DSS-API-Version": "1" };

export interface ServerParts {
  publicRouter: Router;
  adminRouter: Router;
  keys: ApiKeyCheck;
  faults: FaultInjector;
  stats: StatsCounter;
  lock: MutationLock;
  log?: (line: string) => void;
  /** Injectable for tests, so latency can be asserted without wall-clock waits. */
  sleep: (ms: number) => Promise<void>;
  tls?: { cert: string | Buffer; key: string | Buffer };
}

type Outcome = { reply: Reply; status: number } | { destroyed: "drop" | "lost" };

export class EmulatorHttpServer {
  readonly server: http.Server;
  private readonly sockets = new Set<net.Socket>();

  constructor(private readonly parts: ServerParts) {
    const handler = (req: http.IncomingMessage, res: http.ServerResponse) => void this.handle(req, res);
    this.server = parts.tls
      ? https.createServer({ cert: parts.tls.cert, key: parts.tls.key }, handler)
      : http.createServer(handler);
    this.server.on(parts.tls ? "secureConnection" : "connection", (socket: net.Socket) => {
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
    });
    // A client that sends garbage must not take the emulator down.
    this.server.on("clientError", (_err, socket) => socket.destroy());
  }

  listen(port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, host, () => {
        this.server.off("error", reject);
        resolve((this.server.address() as net.AddressInfo).port);
      });
    });
  }

  /** Stops listening and destroys open sockets, so keep-alive clients cannot hold close() open. */
  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      for (const socket of this.sockets) socket.destroy();
      this.server.closeAllConnections?.();
    });
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const started = process.hrtime.bigint();
    const method = (req.method ?? "GET").toUpperCase();
    const url = new URL(req.url ?? "/", "http://emulator.invalid");
    let outcome: Outcome;
    try {
      outcome = await this.dispatch(req, method, url);
    } catch (err) {
      outcome = this.failure(err);
    }
    if ("destroyed" in outcome) {
      req.socket.destroy();
      this.logLine(method, url.pathname, outcome.destroyed, started);
      return;
    }
    send(res, outcome.status, outcome.reply);
    this.logLine(method, url.pathname, String(outcome.status), started);
  }

  private failure(err: unknown): Outcome {
    if (err instanceof DssError) return { status: err.status, reply: { json: err.toBody() } };
    // A bug in a handler: answer DSS-style and keep serving. Only the message is logged; it never
    // holds the key, which no handler ever sees.
    this.parts.log?.(`internal error: ${(err as Error)?.message ?? String(err)}`);
    const e = internalError();
    return { status: e.status, reply: { json: e.toBody() } };
  }

  private async dispatch(req: http.IncomingMessage, method: string, url: URL): Promise<Outcome> {
    const path = url.pathname;
    if (path === ADMIN_PREFIX || path.startsWith(`${ADMIN_PREFIX}/`)) {
      return this.runAdmin(req, method, url);
    }
    const prefix = API_PREFIXES.find((p) => path === p || path.startsWith(`${p}/`));
    if (!prefix) {
      await readBody(req);
      throw unhandledRoute(method, path);
    }
    return this.runPublic(req, method, url, path.slice(prefix.length));
  }

  private async runPublic(req: http.IncomingMessage, method: string, url: URL, apiPath: string): Promise<Outcome> {
    const { parts } = this;
    let segments: string[] | undefined;
    let match: RouteMatch | undefined;
    try {
      segments = decodeSegments(apiPath);
      match = parts.publicRouter.match(method, segments);
    } catch {
      segments = undefined;
    }
    parts.stats.countRequest(method, match ? match.route.key : routeKey(method, "(unhandled)"));
    const raw = await readBody(req);

    const latency = parts.faults.latencyMs();
    if (latency > 0) await parts.sleep(latency);

    const fault = parts.faults.decide(method, match ? match.route.key : routeKey(method, apiPath));
    if (fault) parts.stats.countFault(fault.kind);
    if (fault && fault.kind !== "lostResponse") return injected(fault);

    const authError = parts.keys.check(req.headers.authorization);
    if (authError) throw authError;
    if (!segments) throw badPathSegment(apiPath);
    if (!match) throw unhandledRoute(method, url.pathname);

    let outcome: Outcome;
    try {
      const ctx = { method, params: match.params, query: new Query(url.searchParams), body: parseJson(raw) };
      const handler = match.route.handler;
      // Mutations run one at a time, so check-then-write in handlers is race free.
      const reply = method === "GET" ? await handler(ctx) : await parts.lock.run(async () => handler(ctx));
      outcome = { status: reply.status ?? 200, reply };
    } catch (err) {
      outcome = this.failure(err);
    }
    // lostResponse: the request was applied (and persisted); only the answer goes missing.
    return fault?.kind === "lostResponse" ? { destroyed: "lost" } : outcome;
  }

  private async runAdmin(req: http.IncomingMessage, method: string, url: URL): Promise<Outcome> {
    const raw = await readBody(req);
    const match = this.parts.adminRouter.match(method, decodeSegments(url.pathname));
    if (!match) throw unhandledRoute(method, url.pathname);
    const ctx = { method, params: match.params, query: new Query(url.searchParams), body: parseJson(raw) };
    const reply = await this.parts.lock.run(async () => match.route.handler(ctx));
    return { status: reply.status ?? 200, reply };
  }

  private logLine(method: string, path: string, status: string, started: bigint): void {
    if (!this.parts.log) return;
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    this.parts.log(`${method} ${path} ${status} ${ms.toFixed(1)}ms`);
  }
}

function injected(fault: FaultDecision): Outcome {
  if (fault.kind === "drop") return { destroyed: "drop" };
  if (fault.kind === "throttle") {
    const e = injectedThrottle(fault.retryAfterSeconds);
    return { status: 429, reply: { json: e.toBody(), headers: { "Retry-After": String(fault.retryAfterSeconds) } } };
  }
  const e = injectedError(fault.status);
  return { status: e.status, reply: { json: e.toBody() } };
}

function decodeSegments(path: string): string[] {
  return splitPath(path).map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      throw badPathSegment(s);
    }
  });
}

/**
 * Deeper JSON is refused, as DSS's Gson refuses it (its JsonReader's default nesting limit is 255):
 * handlers walk bodies recursively, and a deep enough body would overflow the stack.
 */
export const MAX_JSON_DEPTH = 255;

/** Bodies are JSON whatever the Content-Type says: the Python client sends none (PY-client). */
function parseJson(raw: Buffer): unknown {
  const text = raw.toString("utf8");
  if (text.trim() === "") return undefined;
  if (jsonDepth(text) > MAX_JSON_DEPTH) {
    throw malformedJson(`nesting limit ${MAX_JSON_DEPTH} reached: the body nests arrays or objects too deeply`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw malformedJson((err as Error).message);
  }
}

/** The deepest nesting of arrays and objects in JSON text, brackets inside strings not counted. */
function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "[" || c === "{") max = Math.max(max, ++depth);
    else if (c === "]" || c === "}") depth--;
  }
  return max;
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES && !failed) {
        failed = true;
        reject(bodyTooLarge(MAX_BODY_BYTES));
      }
      if (!failed) chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function send(res: http.ServerResponse, status: number, reply: Reply): void {
  const headers: Record<string, string> = { ...DSS_HEADERS, ...(reply.headers ?? {}) };
  let body = "";
  if (reply.text !== undefined) {
    headers["Content-Type"] = "text/plain; charset=utf-8";
    body = reply.text;
  } else if (reply.json !== undefined) {
    headers["Content-Type"] = "application/json; charset=utf-8";
    body = JSON.stringify(reply.json);
  }
  headers["Content-Length"] = String(Buffer.byteLength(body));
  res.writeHead(status, headers);
  res.end(body);
}
