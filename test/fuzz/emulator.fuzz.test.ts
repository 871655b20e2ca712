// Seeded fuzzing of the emulator's public API: every route template, fed malformed bodies (broken
// JSON, wrong types, huge strings, nested junk, missing fields) and odd names (path characters,
// dot segments, spaces, unicode, encoded slashes, bad percent-encoding), sent verbatim on the wire.
// Every answer must be DSS error JSON or a success, never a 5xx or a dropped socket; a refused
// request must leave the data directory byte for byte as it was; the projects nobody addresses
// (KEEP, OTHER) must survive the run untouched; and a restart on the same data dir loads cleanly.
import * as assert from "assert";
import * as fc from "fast-check";
import * as fs from "fs";
import * as http from "http";
import * as os from "os";
import * as path from "path";
import { RunningEmulator, startEmulator } from "../../provider/emulator";
import { Futures } from "../../provider/emulator/futures";
import { Router } from "../../provider/emulator/router";
import { registerConnectionRoutes } from "../../provider/emulator/routes/connections";
import { registerDatasetRoutes } from "../../provider/emulator/routes/datasets";
import { RouteEnv } from "../../provider/emulator/routes/env";
import { registerProjectRoutes } from "../../provider/emulator/routes/projects";
import { registerRecipeRoutes } from "../../provider/emulator/routes/recipes";
import { registerSystemRoutes } from "../../provider/emulator/routes/system";
import { applyStructural, BAD_NAMES, FUZZ_SEED, Json, junkValue, runs, structuralOps } from "./mutate";

// Built at run time: scripts/check-secrets.sh refuses key-shaped literals in tracked files.
const API_KEY = `dkuaps-${"fuzz".repeat(10)}`;
const AUTH = `Basic ${Buffer.from(`${API_KEY}:`).toString("base64")}`;
const PREFIXES = ["/public/api", "/dip/publicapi"];
/** Addressed by every fuzzed request that names a real object. */
const FUZZ = "FUZZ";
/** Never addressed by a valid name: they must come out of the run exactly as they went in. */
const GUARDED = ["KEEP", "OTHER"];

interface Reply {
  status: number;
  text: string;
  json: unknown;
}

interface Route {
  method: string;
  template: string;
}

/** The public route table, read from the same registrations the server uses. */
function publicRoutes(): Route[] {
  const router = new Router();
  const env = { futures: new Futures() } as unknown as RouteEnv; // handlers are listed, never run
  for (const register of [registerSystemRoutes, registerProjectRoutes, registerDatasetRoutes, registerRecipeRoutes, registerConnectionRoutes]) {
    register(router, env);
  }
  return router.list().map(({ method, template }) => ({ method, template }));
}

/** Sends `rawPath` exactly as given (no URL normalisation on this side) and never throws on status. */
function send(port: number, method: string, rawPath: string, body?: string | Buffer, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: "127.0.0.1", port, method, path: rawPath, agent: false, headers: { Authorization: AUTH, ...headers, ...(body === undefined ? {} : { "Content-Length": String(Buffer.byteLength(body)) }) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("error", reject);
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let json: unknown;
          try {
            json = text ? JSON.parse(text) : undefined;
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, text, json });
        });
      },
    );
    req.on("error", (e) => reject(new Error(`${method} ${rawPath}: the connection failed (${e.message})`)));
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** Every file under the data dir with its bytes: what "never corrupt stored data" is checked against. */
function filesOf(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const rel of fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).sort()) {
    const full = path.join(dir, rel);
    if (fs.statSync(full).isFile()) out.set(rel, fs.readFileSync(full, "latin1"));
  }
  return out;
}

function guardedFiles(files: Map<string, string>): Map<string, string> {
  const guarded = (rel: string) => GUARDED.some((k) => rel.split(path.sep).includes(k)) || rel.includes(`connections${path.sep}`);
  return new Map([...files].filter(([rel]) => guarded(rel)));
}

/** Encodes a name for a path segment: properly, verbatim when the wire allows it, or mis-encoded. */
type Encoding = "component" | "verbatim" | "double" | "mixed";

function encodeName(name: string, how: Encoding): string {
  const component = encodeURIComponent(name);
  switch (how) {
    case "component":
      return component;
    case "double":
      return encodeURIComponent(component);
    case "mixed":
      // Dots and percent signs as the wire allows them, the rest encoded.
      return component.replace(/%25/g, "%").replace(/%2E/gi, ".");
    case "verbatim":
      // A raw "/", "?" or "#" would make another URL, not another name; Node refuses other bytes.
      return /^[\x21-\x7e]*$/.test(name) && !/[/?#]/.test(name) ? name : component;
  }
}

const NAME = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...BAD_NAMES) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 20 }) },
  { weight: 1, arbitrary: fc.constantFrom("%zz", "%", "%%", "%2", "%C3", "%00", "%2F", "%2f..", "%5C", ".%2e", "%2E%2E", "a%20b", "\u00e9") },
);

const QUERY = fc.constantFrom(
  "", "", "", "?wait=maybe", "?dropData=yes", "?dropData=%zz", "?tags=%00&tags=", "?includePayload=2", "?foreign=x&foreign=",
  `?${"a=1&".repeat(500)}`, "?withSecrets=true", "?%zz=%zz", "?wait=false&dropData=true", "?connectionType=%E2%9C%93",
);

/** Request bodies: none, broken text, junk JSON, or a valid-looking body with mutations. */
function bodies(templates: Json[]): fc.Arbitrary<string | undefined> {
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant(undefined) },
    {
      weight: 2,
      arbitrary: fc.oneof(
        fc.constantFrom("{", "[1,", "{'a': 1}", "nul", "\u0000", "{\"a\":}", "}", "\"unterminated", "{\"a\": 1}}", "[]]", "NaN", "\ufeff{}", "{\"__proto__\": {\"polluted\": true}}"),
        fc.string({ unit: "binary", maxLength: 200 }),
      ),
    },
    { weight: 2, arbitrary: junkValue().map((v) => JSON.stringify(v)) },
    {
      weight: 5,
      arbitrary: fc.tuple(fc.nat({ max: templates.length - 1 }), structuralOps()).map(([i, ops]) => JSON.stringify(applyStructural(templates[i], ops))),
    },
  );
}

/** Valid bodies of the create and save routes, for the mutations to start from. */
function bodyTemplates(dataset: Json, recipe: Json): Json[] {
  return [
    { projectKey: "NEWP", name: "New project", owner: "admin", description: "d", tags: ["t"] },
    { name: "NEW_MANAGED", creationSettings: { connectionId: "filesystem_managed", specificSettings: { formatOptionId: "PARQUET_HIVE" } } },
    { name: "NEW_SQL", projectKey: FUZZ, type: "PostgreSQL", params: { connection: "sql_dwh", mode: "table", table: "t", schema: "public" } },
    { recipePrototype: { type: "python", name: "new_recipe", inputs: { main: { items: [{ ref: "d1" }] } }, outputs: { main: { items: [{ ref: "d2" }] } } }, creationSettings: { script: "print(1)" } },
    { name: "new_conn", type: "PostgreSQL", params: { host: "h", password: "p" }, allowManagedDatasets: true },
    { label: "L", description: "D", shortDesc: "S", tags: ["a", "b"], checklists: { checklists: [] }, custom: { kv: {} } },
    { standard: { a: 1 }, local: { secret: "s" } },
    { owner: "admin", permissions: [{ group: "g", readProjectContent: true }] },
    { columns: [{ name: "c", type: "string" }], userModified: true },
    dataset,
    recipe,
  ];
}

describe("fuzz: emulator public routes", function () {
  this.timeout(600_000);
  const routes = publicRoutes();
  const logLines: string[] = [];
  let dataDir: string;
  let emulator: RunningEmulator;
  let initialGuarded: Map<string, string>;
  let initialDump: unknown;
  let initialConnections: Record<string, unknown>;
  let templates: Json[];

  const api = async (method: string, apiPath: string, body?: unknown): Promise<Reply> =>
    send(emulator.port, method, `/public/api${apiPath}`, body === undefined ? undefined : JSON.stringify(body));
  const ok = async (method: string, apiPath: string, body?: unknown): Promise<unknown> => {
    const res = await api(method, apiPath, body);
    assert.equal(res.status, 200, `${method} ${apiPath}: ${res.text}`);
    return res.json ?? res.text;
  };

  /** The project with one object of each kind, as the fuzzed requests expect to find it. */
  async function seedProject(key: string): Promise<void> {
    if ((await api("GET", `/projects/${key}`)).status !== 404) return;
    await ok("POST", "/projects/", { projectKey: key, name: `Project ${key}`, owner: "admin" });
    await ok("PUT", `/projects/${key}/variables/`, { standard: { v: key }, local: { token: `t-${key}` } });
    await ok("POST", `/projects/${key}/datasets/managed`, { name: "d1", creationSettings: { connectionId: "filesystem_managed" } });
    await ok("POST", `/projects/${key}/datasets/managed`, { name: "d2", creationSettings: { connectionId: "filesystem_managed" } });
    await ok("POST", `/projects/${key}/recipes/`, {
      recipePrototype: { type: "python", name: "r1", inputs: { main: { items: [{ ref: "d1" }] } }, outputs: { main: { items: [{ ref: "d2" }] } } },
      creationSettings: { script: "import dataiku\n" },
    });
  }

  /** Everything the API shows about every project and connection, for before/after comparisons. */
  async function dump(only?: string[]): Promise<Record<string, unknown>> {
    const enc = encodeURIComponent;
    const projects = (await ok("GET", "/projects/")) as Array<{ projectKey: string }>;
    // Connections are compared only in full dumps: a fuzzed POST may legitimately add one.
    const out: Record<string, unknown> = only ? {} : { connections: await ok("GET", "/admin/connections/") };
    for (const { projectKey } of projects) {
      if (only && !only.includes(projectKey)) continue;
      const p = `/projects/${enc(projectKey)}`;
      const datasets = (await ok("GET", `${p}/datasets/`)) as Array<{ name: string }>;
      const recipes = (await ok("GET", `${p}/recipes/`)) as Array<{ name: string }>;
      out[projectKey] = {
        summary: await ok("GET", p),
        ...Object.fromEntries(await Promise.all(["metadata", "settings", "permissions", "variables/", "tags"].map(async (doc) => [doc, await ok("GET", `${p}/${doc}`)]))),
        datasets: await Promise.all(datasets.map(async (d) => ({
          definition: await ok("GET", `${p}/datasets/${enc(d.name)}`),
          schema: await ok("GET", `${p}/datasets/${enc(d.name)}/schema`),
          metadata: await ok("GET", `${p}/datasets/${enc(d.name)}/metadata`),
        }))),
        recipes: await Promise.all(recipes.map(async (r) => ({
          recipe: await ok("GET", `${p}/recipes/${enc(r.name)}`),
          metadata: await ok("GET", `${p}/recipes/${enc(r.name)}/metadata`),
        }))),
      };
    }
    return out;
  }

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-dataiku-emulator-fuzz-"));
    emulator = await startEmulator({ dataDir, apiKeys: [API_KEY], log: (line) => logLines.push(line) });
    for (const key of [...GUARDED, FUZZ]) await seedProject(key);
    initialGuarded = guardedFiles(filesOf(dataDir));
    initialDump = await dump(GUARDED);
    initialConnections = (await ok("GET", "/admin/connections/")) as Record<string, unknown>;
    templates = bodyTemplates(
      (await ok("GET", `/projects/${FUZZ}/datasets/d1`)) as Json,
      (await ok("GET", `/projects/${FUZZ}/recipes/r1`)) as Json,
    );
    emulator.resetStats();
  });
  after(async () => {
    await emulator?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("answers every malformed request with DSS error JSON or a success, and a refusal changes nothing", async () => {
    const existing: Record<string, string[]> = {
      projectKey: [FUZZ], datasetName: ["d1", "d2"], recipeName: ["r1"], connectionName: ["filesystem_managed", "sql_dwh"], jobId: ["no-such-job"],
    };
    const param = (label: string) => fc.oneof({ weight: 1, arbitrary: fc.constantFrom(...(existing[label] ?? ["x"])) }, { weight: 2, arbitrary: NAME });
    const request = fc.constantFrom(...routes).chain((route) => {
      const labels = [...route.template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      return fc.record({
        route: fc.constant(route),
        names: fc.tuple(...labels.map((l) => fc.tuple(fc.constant(l), param(l), fc.constantFrom<Encoding>("component", "component", "verbatim", "double", "mixed")))),
        prefix: fc.constantFrom(...PREFIXES),
        query: QUERY,
        body: route.method === "GET" ? fc.option(bodies(templates), { nil: undefined, freq: 4 }) : bodies(templates),
        contentType: fc.constantFrom(undefined, "application/json", "text/plain", "application/x-www-form-urlencoded", "application/json; charset=latin1"),
      });
    });

    let sent = 0;
    const statuses: Record<number, number> = {};
    await fc.assert(
      fc.asyncProperty(request, async ({ route, names, prefix, query, body, contentType }) => {
        let apiPath = route.template;
        for (const [label, name, how] of names) apiPath = apiPath.replace(`{${label}}`, encodeName(name, how));
        const rawPath = `${prefix}${apiPath}${query}`;
        const before = filesOf(dataDir);
        const res = await send(emulator.port, route.method, rawPath, body, contentType ? { "Content-Type": contentType } : {});
        sent++;
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        const what = `${route.method} ${rawPath} ${String(body).slice(0, 300)} -> ${res.status} ${res.text.slice(0, 300)}`;
        assert.ok(res.status >= 200 && res.status < 500, `no 5xx without injected faults: ${what}`);
        if (res.status >= 300) {
          const err = res.json as { errorType?: unknown; message?: unknown } | undefined;
          assert.ok(typeof err?.errorType === "string" && err.errorType !== "", `DSS error JSON (errorType): ${what}`);
          assert.ok(typeof err?.message === "string" && err.message !== "", `DSS error JSON (message): ${what}`);
          assert.doesNotMatch(err.message as string, /^\s+at /m, `no stack frame: ${what}`);
        }
        const after = filesOf(dataDir);
        if (res.status >= 300 || route.method === "GET") {
          assert.deepStrictEqual([...after.keys()], [...before.keys()], `a refused request or a read changed the files: ${what}`);
          for (const [rel, bytes] of before) assert.ok(after.get(rel) === bytes, `${rel} changed: ${what}`);
        }
        const guarded = guardedFiles(after);
        for (const [rel, bytes] of initialGuarded) assert.ok(guarded.get(rel) === bytes, `guarded ${rel} changed or vanished: ${what}`);
        // A success may delete the fuzzed objects (a dot segment can address the project itself): put them back.
        if (res.status < 300 && route.method !== "GET") await seedProject(FUZZ);
      }),
      { seed: FUZZ_SEED + 10, numRuns: runs(1500) },
    );
    if (process.env.FUZZ_VERBOSE) console.log(`emulator fuzz: ${sent} requests, statuses ${JSON.stringify(statuses)}, seed ${FUZZ_SEED}`);
    assert.ok(sent >= runs(1500));
    assert.ok((statuses[200] ?? 0) > 0 && (statuses[400] ?? 0) > sent / 4, `a useful mix of answers: ${JSON.stringify(statuses)}`);
  });

  it("oversized, deeply nested and unauthenticated requests are refused cleanly too", async () => {
    const before = filesOf(dataDir);
    const cases: Array<{ method: string; path: string; body?: string; headers?: Record<string, string>; status: number }> = [
      { method: "POST", path: "/public/api/projects/", body: `{"projectKey":"BIG","name":"${"n".repeat(33 * 1024 * 1024)}"}`, status: 413 },
      { method: "PUT", path: `/public/api/projects/${FUZZ}/variables/`, body: `${"[".repeat(100_000)}${"]".repeat(100_000)}`, status: 400 },
      { method: "PUT", path: `/public/api/projects/${FUZZ}/metadata`, body: `{"label":${"{\"a\":".repeat(50_000)}1${"}".repeat(50_000)}}`, status: 400 },
      { method: "DELETE", path: `/public/api/projects/${FUZZ}`, headers: { Authorization: "Basic " }, status: 401 },
      { method: "DELETE", path: `/public/api/projects/${FUZZ}`, headers: { Authorization: `Basic ${Buffer.from("wrong:").toString("base64")}` }, status: 401 },
      { method: "DELETE", path: `/public/api/projects/${FUZZ}`, headers: { Authorization: "Bearer \u00ff" }, status: 401 },
    ];
    for (const c of cases) {
      let res: Reply | undefined;
      try {
        res = await send(emulator.port, c.method, c.path, c.body, c.headers);
      } catch (e) {
        // A body over the limit may be cut off while it is still being sent: that is a refusal too.
        assert.equal(c.status, 413, `${c.method} ${c.path}: ${(e as Error).message}`);
      }
      if (res) {
        assert.ok(res.status >= 400 && res.status < 500, `${c.method} ${c.path} -> ${res.status} ${res.text.slice(0, 300)}`);
        assert.equal(typeof (res.json as { errorType?: unknown })?.errorType, "string", res.text.slice(0, 300));
      }
    }
    assert.deepStrictEqual(filesOf(dataDir), before);
  });

  it("covered every public route, kept serving, logged no internal error, and left KEEP and OTHER intact", async () => {
    const hit = emulator.stats();
    const counted = JSON.stringify(hit);
    for (const r of routes) assert.ok(counted.includes(`${r.method} ${r.template}`), `route never fuzzed: ${r.method} ${r.template}`);
    assert.equal((await api("GET", "/auth/info")).status, 200);
    assert.deepStrictEqual(logLines.filter((l) => /internal error/i.test(l)), []);
    assert.deepStrictEqual(await dump(GUARDED), initialDump);
    const connections = (await ok("GET", "/admin/connections/")) as Record<string, unknown>;
    for (const [name, c] of Object.entries(initialConnections)) assert.deepStrictEqual(connections[name], c, `connection ${name} changed`);
    assert.equal(({} as Record<string, unknown>).polluted, undefined, "no prototype pollution");
  });

  it("a restart on the same data dir loads cleanly and shows the same objects", async () => {
    const beforeRestart = await dump();
    await emulator.close();
    emulator = await startEmulator({ dataDir, apiKeys: [API_KEY], log: (line) => logLines.push(line) });
    const afterRestart = await dump();
    assert.deepStrictEqual(afterRestart, beforeRestart);
    assert.deepStrictEqual(await dump(GUARDED), initialDump);
  });
});
