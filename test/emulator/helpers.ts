// Shared test plumbing: a fresh emulator in a temp data dir, and a tiny HTTP client that never
// throws on status codes and reports dropped connections as { dropped: true }.
import * as fs from "fs";
import * as http from "http";
import * as https from "https";
import * as os from "os";
import * as path from "path";
import { EmulatorInternals, EmulatorOptions, RunningEmulator, startEmulator } from "../../provider/emulator";

export const KEY = "test-key-3f9a1c";
export const API = "/public/api";

export interface Res {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  /** Parsed JSON body, or undefined when the body is not JSON. */
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  dropped?: false;
}

export interface Dropped {
  dropped: true;
  error: string;
}

export interface Call {
  body?: unknown;
  /** Raw body text, sent as is (for malformed JSON). */
  raw?: string;
  headers?: Record<string, string>;
  /** Authorization header; default: Basic with KEY as user. null sends none. */
  auth?: string | null;
  ca?: string;
}

export function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
}

export function tempDir(prefix = "emu-test-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function request(baseUrl: string, method: string, urlPath: string, call: Call = {}): Promise<Res | Dropped> {
  const url = new URL(baseUrl + urlPath);
  const headers: Record<string, string> = { ...(call.headers ?? {}) };
  const auth = call.auth === undefined ? basic(KEY, "") : call.auth;
  if (auth !== null) headers.Authorization = auth;
  const payload = call.raw ?? (call.body === undefined ? undefined : JSON.stringify(call.body));
  if (payload !== undefined) headers["Content-Length"] = String(Buffer.byteLength(payload));
  const lib = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(url, { method, headers, agent: false, ca: call.ca }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("error", (e) => resolve({ dropped: true, error: String(e) }));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let json: unknown;
        try {
          json = text ? JSON.parse(text) : undefined;
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    });
    req.on("error", (e: NodeJS.ErrnoException) => {
      if (e.code === "ECONNRESET" || /socket hang up/.test(e.message)) resolve({ dropped: true, error: e.message });
      else reject(e);
    });
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

/** A running emulator plus shorthands for its public API. */
export class TestDss {
  constructor(readonly emu: RunningEmulator) {}

  /** Calls the public API (prefix /public/api added) and fails the test if the socket dropped. */
  async call(method: string, apiPath: string, call: Call = {}): Promise<Res> {
    const res = await request(this.emu.url, method, API + apiPath, call);
    if (res.dropped) throw new Error(`connection dropped: ${method} ${apiPath}`);
    return res;
  }

  /** Calls any path as is (admin routes, other prefixes). */
  raw(method: string, urlPath: string, call: Call = {}): Promise<Res | Dropped> {
    return request(this.emu.url, method, urlPath, call);
  }

  async ok(method: string, apiPath: string, body?: unknown): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
    const res = await this.call(method, apiPath, { body });
    if (res.status !== 200) throw new Error(`${method} ${apiPath} -> ${res.status} ${res.text}`);
    return res.json ?? res.text;
  }

  createProject(key: string, extra: Record<string, unknown> = {}) {
    return this.ok("POST", "/projects/", { projectKey: key, name: `Project ${key}`, owner: "admin", ...extra });
  }

  createManaged(project: string, name: string, creationSettings: Record<string, unknown> = { connectionId: "filesystem_managed" }) {
    return this.ok("POST", `/projects/${project}/datasets/managed`, { name, creationSettings });
  }

  createSql(project: string, name: string) {
    return this.ok("POST", `/projects/${project}/datasets/`, {
      name,
      projectKey: project,
      type: "PostgreSQL",
      params: { connection: "sql_dwh", mode: "table", table: name, schema: "public", catalog: null },
    });
  }

  async dataDir(project: string, name: string): Promise<{ exists: boolean; path: string; files: string[] }> {
    const res = await this.raw("GET", `/__emulator/dataset-data/${project}/${name}`);
    if (res.dropped) throw new Error("dropped");
    return res.json;
  }
}

export interface Started {
  dss: TestDss;
  emu: RunningEmulator;
  dataDir: string;
  stop: () => Promise<void>;
}

export async function startTest(
  opts: Partial<EmulatorOptions> = {},
  internals: EmulatorInternals = {},
): Promise<Started> {
  const dataDir = opts.dataDir ?? tempDir();
  const emu = await startEmulator({ apiKeys: [KEY], ...opts, dataDir }, internals);
  return {
    dss: new TestDss(emu),
    emu,
    dataDir,
    stop: async () => {
      await emu.close();
      if (!opts.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Asserts the DSS error envelope and returns it. */
export function dssError(res: Res, status: number, errorType: string): { message: string } {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${res.text}`);
  const body = res.json;
  for (const field of ["errorType", "message", "detailedMessage", "detailedMessageHTML", "stackTraceStr"]) {
    if (typeof body?.[field] !== "string") throw new Error(`error body lacks ${field}: ${res.text}`);
  }
  if (body.errorType !== errorType) throw new Error(`expected errorType ${errorType}, got ${body.errorType}`);
  return body;
}
