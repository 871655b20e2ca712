// Every public route, fed malformed bodies and odd query strings, must answer a DSS error (never a
// 500 from a handler bug, never a dropped socket) and must leave stored documents untouched.
import * as assert from "assert";
import { Futures } from "../../provider/emulator/futures";
import { Router } from "../../provider/emulator/router";
import { registerConnectionRoutes } from "../../provider/emulator/routes/connections";
import { registerDatasetRoutes } from "../../provider/emulator/routes/datasets";
import { RouteEnv } from "../../provider/emulator/routes/env";
import { registerProjectRoutes } from "../../provider/emulator/routes/projects";
import { registerRecipeRoutes } from "../../provider/emulator/routes/recipes";
import { registerSystemRoutes } from "../../provider/emulator/routes/system";
import { Query } from "../../provider/emulator/query";
import { Started, startTest } from "./helpers";

function publicRouteTemplates(): Array<{ method: string; template: string }> {
  const router = new Router();
  const env = { futures: new Futures() } as unknown as RouteEnv; // handlers are only listed, not run
  for (const register of [registerSystemRoutes, registerProjectRoutes, registerDatasetRoutes, registerRecipeRoutes, registerConnectionRoutes]) {
    register(router, env);
  }
  return router.list();
}

const BODIES: unknown[] = [
  null,
  [],
  "text",
  42,
  true,
  {},
  { name: 1, projectKey: [], type: {}, params: "x", tags: [1], schema: { columns: "no" } },
  { recipe: "x", payload: {} },
  { recipe: { type: "python", inputs: { main: "x" } } },
  { recipePrototype: { type: "python", name: "r", outputs: { main: { items: [null] } } } },
  { name: "x", creationSettings: { connectionId: 5, specificSettings: "x" } },
  { standard: null, local: null },
  { permissions: "all", owner: 3 },
  { __proto__: { polluted: true }, constructor: { prototype: { bad: 1 } } },
];

describe("emulator: robustness", () => {
  let t: Started;
  let snapshot: () => Promise<unknown>;
  before(async () => {
    t = await startTest();
    await t.dss.createProject("P");
    await t.dss.createManaged("P", "d");
    await t.dss.ok("POST", "/projects/P/recipes/", {
      recipePrototype: { type: "python", name: "r", inputs: { main: { items: [{ ref: "d" }] } } },
      creationSettings: { script: "x" },
    });
    snapshot = async () => ({
      project: await t.dss.ok("GET", "/projects/P"),
      metadata: await t.dss.ok("GET", "/projects/P/metadata"),
      settings: await t.dss.ok("GET", "/projects/P/settings"),
      dataset: await t.dss.ok("GET", "/projects/P/datasets/d"),
      recipe: await t.dss.ok("GET", "/projects/P/recipes/r"),
      connections: await t.dss.ok("GET", "/admin/connections/"),
    });
  });
  after(() => t.stop());

  const mutatingPaths = () =>
    publicRouteTemplates()
      .filter((r) => r.method !== "GET" && r.method !== "DELETE")
      .map(({ method, template }) => ({
        method,
        path: template
          .replace("{projectKey}", "P")
          .replace("{datasetName}", "d")
          .replace("{recipeName}", "r")
          .replace("{connectionName}", "sql_dwh")
          .replace("{jobId}", "j"),
      }));

  it("answers non-object bodies on every mutating route with a 4xx DSS error and changes nothing", async () => {
    const before = await snapshot();
    const routes = mutatingPaths();
    assert.ok(routes.length >= 15, `routes: ${routes.length}`);
    for (const { method, path } of routes) {
      for (const body of BODIES.filter((b) => typeof b !== "object" || b === null || Array.isArray(b))) {
        const res = await t.dss.call(method, path, { body });
        assert.ok(res.status >= 400 && res.status < 500, `${method} ${path} ${JSON.stringify(body)} -> ${res.status} ${res.text}`);
        assert.strictEqual(typeof res.json?.errorType, "string", `${method} ${path}: DSS error JSON`);
      }
    }
    assert.deepStrictEqual(await snapshot(), before);
  });

  it("answers oddly shaped objects on every mutating route without a 5xx, and keeps serving", async () => {
    for (const { method, path } of mutatingPaths()) {
      for (const body of BODIES.filter((b) => typeof b === "object" && b !== null && !Array.isArray(b))) {
        const res = await t.dss.call(method, path, { body });
        assert.ok(res.status < 500, `${method} ${path} ${JSON.stringify(body)} -> ${res.status} ${res.text}`);
        if (res.status >= 400) assert.strictEqual(typeof res.json?.errorType, "string", `${method} ${path}: DSS error JSON`);
      }
    }
    assert.strictEqual(({} as Record<string, unknown>).polluted, undefined);
    await snapshot();
  });

  it("answers odd query strings and paths without crashing", async () => {
    for (const p of [
      "/projects/?tags=&tags=,,,",
      "/projects/P/datasets/?foreign=&tags=%00",
      "/projects/P/recipes/r?includePayload=",
      "/projects/%2F..%2F..%2Fetc/datasets/passwd",
      "/projects/P/datasets/..%2F..%2Fstate",
      "//projects//P//",
    ]) {
      const res = await t.dss.call("GET", p);
      assert.ok([200, 400, 404].includes(res.status), `${p} -> ${res.status} ${res.text}`);
    }
    const bad = await t.dss.call("DELETE", "/projects/P/datasets/d?dropData=maybe");
    assert.strictEqual(bad.status, 400);
    assert.strictEqual((await t.dss.call("GET", "/projects/P/datasets/d")).status, 200, "a refused delete deletes nothing");
  });
});

describe("emulator: router and query (unit)", () => {
  it("a literal segment beats a parameter; trailing and double slashes do not matter", () => {
    const router = new Router();
    router.add("GET", "/projects/{projectKey}/datasets/{datasetName}", () => ({}));
    router.add("GET", "/projects/{projectKey}/datasets/managed", () => ({}));
    router.add("GET", "/projects/", () => ({}));
    assert.strictEqual(router.match("GET", ["projects", "P", "datasets", "managed"])?.route.template, "/projects/{projectKey}/datasets/managed");
    assert.deepStrictEqual(router.match("GET", ["projects", "P", "datasets", "x"])?.params, { projectKey: "P", datasetName: "x" });
    assert.strictEqual(router.match("GET", ["projects"])?.route.key, "GET /projects/");
    assert.strictEqual(router.match("POST", ["projects"]), undefined);
  });

  it("booleans in any case; lists repeated or comma-joined", () => {
    const q = new Query(new URLSearchParams("a=True&b=FALSE&c=1&tags=x,y&tags=z&tags="));
    assert.strictEqual(q.bool("a", false), true);
    assert.strictEqual(q.bool("b", true), false);
    assert.strictEqual(q.bool("c", false), true);
    assert.strictEqual(q.bool("missing", true), true);
    assert.deepStrictEqual(q.list("tags"), ["x", "y", "z"]);
    assert.throws(() => new Query(new URLSearchParams("a=yes")).bool("a", false), /a=yes.*true or false/);
  });
});
