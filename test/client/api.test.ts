// What each typed method sends (method, path, query, headers, body) and how it reads the answer.

import * as assert from "assert";
import { DssApiError } from "../../provider/client";
import { RecordedRequest, Stub, StubReply, TEST_KEY, rejectionOf, startStub, testClient } from "./stub";

describe("client: typed API calls", () => {
  let stub: Stub;
  let reply: (req: RecordedRequest) => StubReply;

  beforeEach(async () => {
    reply = () => ({ status: 200, body: {} });
    stub = await startStub((req) => reply(req));
  });
  afterEach(() => stub.close());

  const last = (): RecordedRequest => stub.requests[stub.requests.length - 1];

  it("authenticates with Basic base64('<key>:') and asks for JSON", async () => {
    reply = () => ({ body: { authIdentifier: "admin", groups: ["administrators"] } });
    const { client } = testClient(stub.url);
    const info = await client.authInfo();
    assert.deepStrictEqual(info, { authIdentifier: "admin", groups: ["administrators"] });
    assert.strictEqual(last().headers.authorization, `Basic ${Buffer.from(`${TEST_KEY}:`).toString("base64")}`);
    assert.strictEqual(last().headers.accept, "application/json");
    assert.strictEqual(last().rawUrl, "/public/api/auth/info?withSecrets=false");
  });

  it("keeps a path prefix of the base URL and ignores a trailing slash", async () => {
    reply = () => ({ body: [] });
    const { client } = testClient(`${stub.url}/dss/`);
    await client.projects.list();
    assert.strictEqual(last().rawUrl, "/dss/public/api/projects/");
  });

  describe("projects", () => {
    it("list reads the array of summaries", async () => {
      reply = () => ({ body: [{ projectKey: "A", name: "a" }] });
      const { client } = testClient(stub.url);
      assert.deepStrictEqual(await client.projects.list(), [{ projectKey: "A", name: "a" }]);
      assert.strictEqual(`${last().method} ${last().rawUrl}`, "GET /public/api/projects/");
    });

    it("create posts the body as JSON and accepts DSS's bare-text reply", async () => {
      reply = () => ({ status: 200, body: "created", headers: { "content-type": "text/plain" } });
      const { client } = testClient(stub.url);
      const body = { projectKey: "P1", name: "Project one", owner: "admin", tags: ["x"], permissions: [] };
      assert.strictEqual(await client.projects.create(body), undefined);
      assert.strictEqual(`${last().method} ${last().rawUrl}`, "POST /public/api/projects/");
      assert.strictEqual(last().headers["content-type"], "application/json");
      assert.deepStrictEqual(last().json, body);
    });

    it("create accepts an empty 2xx body", async () => {
      reply = () => ({ status: 204 });
      const { client } = testClient(stub.url);
      await client.projects.create({ projectKey: "P1", name: "p" });
      assert.strictEqual(stub.requests.length, 1);
    });

    it("get, metadata, settings, permissions and variables use their paths", async () => {
      reply = (req) => ({ body: { echo: req.rawPath } });
      const { client } = testClient(stub.url);
      assert.deepStrictEqual(await client.projects.get("P1"), { echo: "/public/api/projects/P1" });
      assert.deepStrictEqual(await client.projects.getMetadata("P1"), { echo: "/public/api/projects/P1/metadata" });
      assert.deepStrictEqual(await client.projects.getSettings("P1"), { echo: "/public/api/projects/P1/settings" });
      assert.deepStrictEqual(await client.projects.getPermissions("P1"), { echo: "/public/api/projects/P1/permissions" });
      assert.deepStrictEqual(await client.projects.getVariables("P1"), { echo: "/public/api/projects/P1/variables/" });
      assert.ok(stub.requests.every((r) => r.method === "GET" && r.body === ""));
    });

    it("puts whole documents, unmodelled fields included, and accepts empty replies", async () => {
      reply = () => ({ status: 200 });
      const { client } = testClient(stub.url);
      const metadata = { label: "L", checklists: { checklists: [{ title: "t" }] }, unknownField: { deep: [1] } };
      await client.projects.putMetadata("P1", metadata);
      await client.projects.putSettings("P1", { settings: { x: 1 } });
      await client.projects.putPermissions("P1", { owner: "admin", permissions: [{ group: "g", admin: false }] });
      await client.projects.putVariables("P1", { standard: { a: 1 }, local: {} });
      assert.deepStrictEqual(stub.requests.map((r) => `${r.method} ${r.rawUrl}`), [
        "PUT /public/api/projects/P1/metadata",
        "PUT /public/api/projects/P1/settings",
        "PUT /public/api/projects/P1/permissions",
        "PUT /public/api/projects/P1/variables/",
      ]);
      assert.deepStrictEqual(stub.requests[0].json, metadata);
      assert.deepStrictEqual(stub.requests[3].json, { standard: { a: 1 }, local: {} });
    });

    it("delete waits server-side and sends the official client's defaults unless told otherwise", async () => {
      reply = () => ({ body: { hasResult: true, result: {} } });
      const { client } = testClient(stub.url);
      await client.projects.delete("P1");
      assert.strictEqual(last().rawUrl,
        "/public/api/projects/P1?clearManagedDatasets=false&clearOutputManagedFolders=false&clearJobAndScenarioLogs=true&wait=true");
      await client.projects.delete("P1", { clearManagedDatasets: true, clearJobAndScenarioLogs: false });
      assert.strictEqual(last().method, "DELETE");
      assert.strictEqual(last().query.get("clearManagedDatasets"), "true");
      assert.strictEqual(last().query.get("clearJobAndScenarioLogs"), "false");
    });
  });

  describe("datasets", () => {
    it("list, get, schema and metadata use their paths", async () => {
      reply = (req) => ({ body: req.rawPath.endsWith("/datasets/") ? [{ name: "a" }] : { echo: req.rawPath } });
      const { client } = testClient(stub.url);
      assert.deepStrictEqual(await client.datasets.list("P"), [{ name: "a" }]);
      assert.deepStrictEqual(await client.datasets.get("P", "ds"), { echo: "/public/api/projects/P/datasets/ds" });
      assert.deepStrictEqual(await client.datasets.getSchema("P", "ds"), { echo: "/public/api/projects/P/datasets/ds/schema" });
      assert.deepStrictEqual(await client.datasets.getMetadata("P", "ds"), { echo: "/public/api/projects/P/datasets/ds/metadata" });
    });

    it("create and createManaged post to their endpoints", async () => {
      reply = () => ({ body: {} });
      const { client } = testClient(stub.url);
      const definition = { name: "orders", projectKey: "P", type: "Filesystem", params: { connection: "fs", path: "/o" } };
      await client.datasets.create("P", definition);
      const managed = { name: "out", creationSettings: { connectionId: "filesystem_managed", specificSettings: { formatOptionId: "CSV_EXCEL_GZIP" } } };
      await client.datasets.createManaged("P", managed);
      assert.deepStrictEqual(stub.requests.map((r) => `${r.method} ${r.rawUrl}`), [
        "POST /public/api/projects/P/datasets/",
        "POST /public/api/projects/P/datasets/managed",
      ]);
      assert.deepStrictEqual(stub.requests[0].json, definition);
      assert.deepStrictEqual(stub.requests[1].json, managed);
    });

    it("put, putSchema and putMetadata send whole documents", async () => {
      reply = () => ({ status: 200, body: "" });
      const { client } = testClient(stub.url);
      await client.datasets.put("P", "ds", { name: "ds", custom: { keep: true } });
      await client.datasets.putSchema("P", "ds", { columns: [{ name: "id", type: "bigint" }], userModified: true });
      await client.datasets.putMetadata("P", "ds", { label: "x", tags: ["t"] });
      assert.deepStrictEqual(stub.requests.map((r) => [r.method, r.rawPath, r.json]), [
        ["PUT", "/public/api/projects/P/datasets/ds", { name: "ds", custom: { keep: true } }],
        ["PUT", "/public/api/projects/P/datasets/ds/schema", { columns: [{ name: "id", type: "bigint" }], userModified: true }],
        ["PUT", "/public/api/projects/P/datasets/ds/metadata", { label: "x", tags: ["t"] }],
      ]);
    });

    it("delete keeps data unless dropData is true", async () => {
      reply = () => ({ status: 204 });
      const { client } = testClient(stub.url);
      await client.datasets.delete("P", "ds");
      await client.datasets.delete("P", "ds", { dropData: true });
      assert.deepStrictEqual(stub.requests.map((r) => `${r.method} ${r.rawUrl}`), [
        "DELETE /public/api/projects/P/datasets/ds?dropData=false",
        "DELETE /public/api/projects/P/datasets/ds?dropData=true",
      ]);
    });
  });

  describe("recipes", () => {
    const prototype = {
      type: "python", name: "compute_out", projectKey: "P",
      inputs: { main: { items: [{ ref: "in" }] } }, outputs: { main: { items: [{ ref: "out", appendMode: false }] } },
    };

    it("create posts prototype and settings and returns the name DSS chose", async () => {
      reply = () => ({ body: { name: "compute_out_1" } });
      const { client } = testClient(stub.url);
      const body = { recipePrototype: prototype, creationSettings: { script: "print(1)" } };
      assert.deepStrictEqual(await client.recipes.create("P", body), { name: "compute_out_1" });
      assert.strictEqual(`${last().method} ${last().rawUrl}`, "POST /public/api/projects/P/recipes/");
      assert.deepStrictEqual(last().json, body);
    });

    it("create falls back to the prototype's name when the reply has none", async () => {
      reply = () => ({ status: 200 });
      const { client } = testClient(stub.url);
      assert.deepStrictEqual(
        await client.recipes.create("P", { recipePrototype: prototype, creationSettings: {} }), { name: "compute_out" });
    });

    it("get returns recipe and payload, defaulting a missing payload to an empty string", async () => {
      reply = () => ({ body: { recipe: { name: "r", type: "sync", extra: 1 } } });
      const { client } = testClient(stub.url);
      assert.deepStrictEqual(await client.recipes.get("P", "r"), { recipe: { name: "r", type: "sync", extra: 1 }, payload: "" });
      reply = () => ({ body: { recipe: { name: "r", type: "python" }, payload: "print(2)" } });
      assert.strictEqual((await client.recipes.get("P", "r")).payload, "print(2)");
      assert.strictEqual(last().rawUrl, "/public/api/projects/P/recipes/r");
    });

    it("get refuses a 200 answer without a recipe", async () => {
      reply = () => ({ body: {} });
      const { client } = testClient(stub.url);
      const e = await rejectionOf(client.recipes.get("P", "r"));
      assert.ok(e instanceof DssApiError);
      assert.match(e.message, /without a recipe/);
    });

    it("list, put and delete use their paths", async () => {
      reply = (req) => ({ body: req.method === "GET" ? [{ name: "r", type: "sync" }] : undefined });
      const { client } = testClient(stub.url);
      assert.deepStrictEqual(await client.recipes.list("P"), [{ name: "r", type: "sync" }]);
      const doc = { recipe: { name: "r", type: "sync", params: { keep: 1 } }, payload: "" };
      await client.recipes.put("P", "r", doc);
      await client.recipes.delete("P", "r");
      assert.deepStrictEqual(stub.requests.map((r) => `${r.method} ${r.rawUrl}`), [
        "GET /public/api/projects/P/recipes/",
        "PUT /public/api/projects/P/recipes/r",
        "DELETE /public/api/projects/P/recipes/r",
      ]);
      assert.deepStrictEqual(stub.requests[1].json, doc);
    });
  });

  describe("connections", () => {
    it("listNames filters by type, or asks for all", async () => {
      reply = () => ({ body: ["fs", "pg"] });
      const { client } = testClient(stub.url);
      assert.deepStrictEqual(await client.connections.listNames(), ["fs", "pg"]);
      assert.strictEqual(last().rawUrl, "/public/api/connections/get-names?type=all");
      await client.connections.listNames("PostgreSQL");
      assert.strictEqual(last().rawUrl, "/public/api/connections/get-names?type=PostgreSQL");
    });

    it("listAll and get read the admin endpoints", async () => {
      reply = (req) => ({ body: req.rawPath.endsWith("/") ? { fs: { type: "Filesystem" } } : { name: "fs", type: "Filesystem" } });
      const { client } = testClient(stub.url);
      assert.deepStrictEqual(await client.connections.listAll(), { fs: { type: "Filesystem" } });
      assert.deepStrictEqual(await client.connections.get("fs"), { name: "fs", type: "Filesystem" });
      assert.deepStrictEqual(stub.requests.map((r) => r.rawUrl),
        ["/public/api/admin/connections/", "/public/api/admin/connections/fs"]);
    });
  });

  it("refuses a 2xx answer that is not the JSON a read promises", async () => {
    reply = () => ({ status: 200, body: "<html>login</html>", headers: { "content-type": "text/html" } });
    const { client } = testClient(stub.url);
    const e = await rejectionOf(client.projects.list());
    assert.ok(e instanceof DssApiError);
    assert.strictEqual(e.status, 200);
    assert.match(e.message, /GET \/projects\/ .*not JSON.*dataiku:url/);
  });
});
