// A tiny scripted HTTP(S) server for client tests: it records every request exactly as it arrived
// and answers whatever the test's handler says, including answering nothing at all.

import * as http from "http";
import * as https from "https";
import { AddressInfo } from "net";
import { DssClient, DssClientOptions, RequestLogEvent } from "../../provider/client";

export interface RecordedRequest {
  method: string;
  /** The raw request target, still percent-encoded. */
  rawUrl: string;
  /** rawUrl without the query string. */
  rawPath: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: string;
  json?: unknown;
}

export interface StubReply {
  status?: number;
  /** Objects are sent as JSON; strings as they are. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Destroy the connection instead of answering. */
  destroy?: boolean;
  /** Never answer (until the stub closes). */
  hang?: boolean;
  /** Send the head, then one byte of body every this many ms, forever. */
  trickleMs?: number;
}

export type StubHandler = (req: RecordedRequest) => StubReply | Promise<StubReply>;

export interface Stub {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startStub(handler: StubHandler, tlsOptions?: { key: string; cert: string }): Promise<Stub> {
  const requests: RecordedRequest[] = [];
  const listener = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const rawUrl = req.url ?? "";
      const q = rawUrl.indexOf("?");
      const body = Buffer.concat(chunks).toString("utf8");
      const recorded: RecordedRequest = {
        method: req.method ?? "",
        rawUrl,
        rawPath: q < 0 ? rawUrl : rawUrl.slice(0, q),
        query: new URLSearchParams(q < 0 ? "" : rawUrl.slice(q + 1)),
        headers: req.headers,
        body,
        json: body ? safeJson(body) : undefined,
      };
      requests.push(recorded);
      Promise.resolve(handler(recorded)).then((reply) => answer(res, reply), (e: unknown) => {
        res.statusCode = 599;
        res.end(String(e));
      });
    });
  };
  const server = tlsOptions ? https.createServer(tlsOptions, listener) : http.createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `${tlsOptions ? "https" : "http"}://${tlsOptions ? "localhost" : "127.0.0.1"}:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

function answer(res: http.ServerResponse, reply: StubReply): void {
  if (reply.hang) return;
  if (reply.trickleMs !== undefined) {
    res.writeHead(200, { "content-type": "application/json" });
    res.write("[");
    const timer = setInterval(() => res.write(" "), reply.trickleMs);
    res.on("close", () => clearInterval(timer));
    return;
  }
  if (reply.destroy) {
    res.socket?.destroy();
    return;
  }
  const headers: Record<string, string> = { ...(reply.headers ?? {}) };
  let payload = "";
  if (typeof reply.body === "string") {
    payload = reply.body;
  } else if (reply.body !== undefined) {
    payload = JSON.stringify(reply.body);
    headers["content-type"] ??= "application/json";
  }
  res.writeHead(reply.status ?? 200, headers);
  res.end(payload);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** DSS's error envelope (reference §3). */
export function dssError(status: number, errorType: string, message: string): StubReply {
  return {
    status,
    body: { errorType, message, detailedMessage: message, detailedMessageHTML: message, stackTraceStr: "" },
  };
}

export const NOT_FOUND = "com.dataiku.dip.server.controllers.NotFoundException";
export const TEST_KEY = "sk-test-SECRET-4f9a1c2e7b";

export interface Recorder {
  sleeps: number[];
  logs: RequestLogEvent[];
}

/** A client whose sleeps are recorded instead of waited, with jitter fixed at 0.5. */
export function testClient(url: string, overrides: Partial<DssClientOptions> = {}): { client: DssClient } & Recorder {
  const sleeps: number[] = [];
  const logs: RequestLogEvent[] = [];
  const client = new DssClient({
    url,
    apiKey: TEST_KEY,
    sleep: async (ms) => { sleeps.push(ms); },
    random: () => 0.5,
    log: (e) => logs.push(e),
    ...overrides,
  });
  return { client, sleeps, logs };
}

/** The rejection of a promise that must fail; fails the test if it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  throw new Error("expected the call to fail, but it succeeded");
}
