// The client against the DSS emulator: real routes, real state, and faults injected by the server.
// Counts come from the emulator's own stats, so "one POST applied, one GET check" is what the server
// saw, not what the client believes it sent.

import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as util from "util";
import {
  DssApiError, DssClient, isAlreadyExists, isAuthError, isNotFound,
} from "../../provider/client";
import { RunningEmulator, startEmulator } from "../../provider/emulator";
import { TEST_KEY, rejectionOf, testClient } from "./stub";

describe("client: against the emulator", function () {
  this.timeout(20_000);
  let dir: string;
  let emu: RunningEmulator;
  let client: DssClient;
  let sleeps: number[];

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "dss-client-emu-"));
    emu = await startEmulator({ dataDir: dir, apiKeys: [TEST_KEY] });
    ({ client, sleeps } = testClient(emu.url));
  });
  afterEach(async () => {
    await emu.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const routes = (): Record<string, number> => emu.stats().byRoute;

  async function withProject(key = "P"): Promise<void> {
    await client.projects.create({ projectKey: key, name: `Project ${key}`, owner: "admin" });
  }

  describe("round trips", () => {
    it("authInfo names the caller", async () => {
      const info = await client.authInfo();
      assert.strictEqual(typeof info.authIdentifier, "string");
    });

    it("projects: create (bare-text reply), read, read-modify-write keeps unmodelled fields, delete", async () => {
      await withProject();
      assert.deepStrictEqual((await client.projects.list()).map((p) => p.projectKey), ["P"]);
      assert.strictEqual((await client.projects.get("P")).projectKey, "P");

      const metadata = await client.projects.getMetadata("P");
      await client.projects.putMetadata("P", { ...metadata, shortDesc: "short", tags: ["b", "a"], custom: { kv: { keep: { deep: 1 } } } });
      const after = await client.projects.getMetadata("P");
      assert.strictEqual(after.shortDesc, "short");
      assert.deepStrictEqual(after.tags, ["a", "b"]);
      assert.deepStrictEqual(after.custom?.kv, { keep: { deep: 1 } });

      await client.projects.putVariables("P", { standard: { env: "dev" }, local: {} });
      assert.deepStrictEqual((await client.projects.getVariables("P")).standard, { env: "dev" });
      const settings = await client.projects.getSettings("P");
      await client.projects.putSettings("P", { ...settings, unmodelled: { x: 1 } });
      assert.deepStrictEqual((await client.projects.getSettings("P")).unmodelled, { x: 1 });
      const permissions = await client.projects.getPermissions("P");
      await client.projects.putPermissions("P", permissions);

      await client.projects.delete("P");
      assert.deepStrictEqual(await client.projects.list(), []);
    });

    it("datasets: managed create, schema and metadata, delete", async () => {
      await withProject();
      await client.datasets.createManaged("P", { name: "out", creationSettings: { connectionId: "filesystem_managed" } });
      assert.deepStrictEqual((await client.datasets.list("P")).map((d) => d.name), ["out"]);
      const definition = await client.datasets.get("P", "out");
      await client.datasets.put("P", "out", { ...definition, description: "d" });
      assert.strictEqual((await client.datasets.get("P", "out")).description, "d");
      await client.datasets.putSchema("P", "out", { columns: [{ name: "id", type: "bigint" }] });
      assert.deepStrictEqual((await client.datasets.getSchema("P", "out")).columns, [{ name: "id", type: "bigint" }]);
      const metadata = await client.datasets.getMetadata("P", "out");
      await client.datasets.putMetadata("P", "out", { ...metadata, label: "Out" });
      assert.strictEqual((await client.datasets.getMetadata("P", "out")).label, "Out");
      await client.datasets.delete("P", "out", { dropData: true });
      assert.deepStrictEqual(await client.datasets.list("P"), []);
    });

    it("recipes: create with code, read payload, update, delete", async () => {
      await withProject();
      await client.datasets.createManaged("P", { name: "in", creationSettings: { connectionId: "filesystem_managed" } });
      await client.datasets.createManaged("P", { name: "out", creationSettings: { connectionId: "filesystem_managed" } });
      const created = await client.recipes.create("P", {
        recipePrototype: {
          type: "python", name: "compute_out", projectKey: "P",
          inputs: { main: { items: [{ ref: "in" }] } }, outputs: { main: { items: [{ ref: "out", appendMode: false }] } },
        },
        creationSettings: { script: "print('hi')" },
      });
      assert.deepStrictEqual(created, { name: "compute_out" });
      const doc = await client.recipes.get("P", "compute_out");
      assert.strictEqual(doc.payload, "print('hi')");
      await client.recipes.put("P", "compute_out", { ...doc, payload: "print('bye')" });
      assert.strictEqual((await client.recipes.get("P", "compute_out")).payload, "print('bye')");
      assert.deepStrictEqual((await client.recipes.list("P")).map((r) => r.name), ["compute_out"]);
      await client.recipes.delete("P", "compute_out");
      assert.deepStrictEqual(await client.recipes.list("P"), []);
    });

    it("connections: names, all definitions, one definition", async () => {
      const names = await client.connections.listNames();
      assert.ok(names.includes("filesystem_managed"), names.join());
      const all = await client.connections.listAll();
      assert.deepStrictEqual(Object.keys(all).sort(), [...names].sort());
      assert.strictEqual((await client.connections.get("filesystem_managed")).name, "filesystem_managed");
    });
  });

  describe("faults", () => {
    beforeEach(() => withProject().then(() => emu.resetStats()));

    it("a 500 on GET is retried until it succeeds", async () => {
      emu.setFaults({ rules: [{ method: "GET", route: "GET /projects/{projectKey}/metadata", fault: "error", status: 500, times: 2 }] });
      assert.strictEqual((await client.projects.getMetadata("P")).label, "Project P");
      assert.strictEqual(routes()["GET /projects/{projectKey}/metadata"], 3);
      assert.strictEqual(emu.stats().faultsInjected.error, 2);
      assert.strictEqual(sleeps.length, 2);
    });

    it("a 503 on PUT and a dropped DELETE are retried", async () => {
      emu.setFaults({ rules: [
        { route: "PUT /projects/{projectKey}/variables/", fault: "error", status: 503, times: 1 },
        { route: "DELETE /projects/{projectKey}", fault: "drop", times: 1 },
      ] });
      await client.projects.putVariables("P", { standard: { a: 1 }, local: {} });
      assert.deepStrictEqual((await client.projects.getVariables("P")).standard, { a: 1 });
      await client.projects.delete("P");
      assert.strictEqual(routes()["PUT /projects/{projectKey}/variables/"], 2);
      assert.strictEqual(routes()["DELETE /projects/{projectKey}"], 2);
      assert.deepStrictEqual(await client.projects.list(), []);
    });

    it("a lost create response ends with exactly one object: one POST applied, one GET check, no error", async () => {
      emu.setFaults({ rules: [{ route: "POST /projects/{projectKey}/datasets/managed", fault: "lostResponse", times: 1 }] });
      await client.datasets.createManaged("P", { name: "d", creationSettings: { connectionId: "filesystem_managed" } });
      assert.strictEqual(emu.stats().faultsInjected.lostResponse, 1);
      assert.strictEqual(routes()["POST /projects/{projectKey}/datasets/managed"], 1);
      assert.strictEqual(routes()["GET /projects/{projectKey}/datasets/{datasetName}"], 1);
      assert.deepStrictEqual((await client.datasets.list("P")).map((d) => d.name), ["d"]);
    });

    it("a lost project or recipe create response is resolved the same way", async () => {
      emu.setFaults({ rules: [
        { route: "POST /projects/", fault: "lostResponse", times: 1 },
        { route: "POST /projects/{projectKey}/recipes/", fault: "lostResponse", times: 1 },
      ] });
      await withProject("Q");
      assert.strictEqual(routes()["POST /projects/"], 1);
      assert.strictEqual(routes()["GET /projects/{projectKey}/metadata"], 1);
      await client.datasets.createManaged("Q", { name: "in", creationSettings: { connectionId: "filesystem_managed" } });
      await client.datasets.createManaged("Q", { name: "out", creationSettings: { connectionId: "filesystem_managed" } });
      const created = await client.recipes.create("Q", {
        recipePrototype: { type: "sync", name: "sync_out", inputs: { main: { items: [{ ref: "in" }] } }, outputs: { main: { items: [{ ref: "out" }] } } },
        creationSettings: {},
      });
      assert.deepStrictEqual(created, { name: "sync_out" });
      assert.strictEqual(routes()["POST /projects/{projectKey}/recipes/"], 1);
      assert.strictEqual(routes()["GET /projects/{projectKey}/recipes/{recipeName}"], 1);
      assert.deepStrictEqual((await client.recipes.list("Q")).map((r) => r.name), ["sync_out"]);
      assert.deepStrictEqual((await client.projects.list()).map((p) => p.projectKey).sort(), ["P", "Q"]);
    });

    it("a 500 on POST is not blindly retried: the check finds nothing, then the create is repeated once", async () => {
      emu.setFaults({ rules: [{ route: "POST /projects/{projectKey}/datasets/", fault: "error", status: 500, times: 1 }] });
      await client.datasets.create("P", { name: "ext", projectKey: "P", type: "Filesystem", params: { connection: "filesystem_managed", path: "/ext" } });
      assert.strictEqual(routes()["POST /projects/{projectKey}/datasets/"], 2);
      assert.strictEqual(routes()["GET /projects/{projectKey}/datasets/{datasetName}"], 1);
      assert.deepStrictEqual((await client.datasets.list("P")).map((d) => d.name), ["ext"]);
    });

    it("a dropped POST (not applied) is checked, then repeated", async () => {
      emu.setFaults({ rules: [{ route: "POST /projects/", fault: "drop", times: 1 }] });
      await withProject("R");
      assert.strictEqual(routes()["POST /projects/"], 2);
      assert.strictEqual(routes()["GET /projects/{projectKey}/metadata"], 1);
      assert.strictEqual(emu.stats().faultsInjected.drop, 1);
    });

    it("a throttled POST honours Retry-After and is repeated", async () => {
      emu.setFaults({ rules: [{ route: "POST /projects/", fault: "throttle", retryAfterSeconds: 2, times: 1 }] });
      await withProject("T");
      assert.deepStrictEqual(sleeps, [2000]);
      assert.strictEqual(routes()["POST /projects/"], 2);
      assert.strictEqual(routes()["GET /projects/{projectKey}/metadata"], undefined, "a 429 needs no existence check");
    });

    it("exhausted retries give a clear error", async () => {
      emu.setFaults({ rules: [{ route: "GET /projects/", fault: "error", status: 502 }] });
      const e = await rejectionOf(client.projects.list());
      assert.ok(e instanceof DssApiError);
      assert.strictEqual(e.attempts, 6);
      assert.strictEqual(routes()["GET /projects/"], 6);
      assert.match(e.message, /^DSS failed on GET \/projects\/ with 502 Injected fault.*try again later \(gave up after 6 attempts\)$/);
    });
  });

  describe("classification and secrecy", () => {
    it("a second create of the same key is an isAlreadyExists error", async () => {
      await withProject();
      const e = await rejectionOf(withProject());
      assert.ok(isAlreadyExists(e), String(e));
      assert.strictEqual(emu.stats().byRoute["POST /projects/"], 2);
    });

    it("a missing object is isNotFound and not retried", async () => {
      await withProject();
      emu.resetStats();
      assert.ok(isNotFound(await rejectionOf(client.datasets.get("P", "nope"))));
      assert.ok(isNotFound(await rejectionOf(client.recipes.get("P", "nope"))));
      assert.ok(isNotFound(await rejectionOf(client.projects.getMetadata("NOPE"))));
      assert.strictEqual(emu.stats().total, 3);
    });

    it("names that look like paths stay inside their segment", async () => {
      await withProject();
      await withProject("OTHER");
      await client.datasets.createManaged("OTHER", { name: "x", creationSettings: { connectionId: "filesystem_managed" } });
      for (const name of ["../OTHER", "a/b", "x y", "é"]) {
        const e = await rejectionOf(client.datasets.get("P", name));
        assert.ok(isNotFound(e) || (e as DssApiError).status === 400, `${name}: ${String(e)}`);
      }
      // Unencoded, this name would resolve to /projects/OTHER/datasets/x and delete OTHER's dataset.
      const escape = "../../OTHER/datasets/x";
      const e = await rejectionOf(client.datasets.delete("P", escape));
      assert.ok(isNotFound(e) || (e as DssApiError).status === 400, String(e));
      assert.deepStrictEqual((await client.datasets.list("OTHER")).map((d) => d.name), ["x"]);
    });

    it("a wrong key is an auth error that names the setting and carries no key", async () => {
      const wrong = "wrong-key-0123456789";
      const logs: string[] = [];
      const bad = new DssClient({ url: emu.url, apiKey: wrong, log: (e) => logs.push(JSON.stringify(e)) });
      const e = await rejectionOf(bad.projects.list());
      assert.ok(isAuthError(e));
      assert.match((e as Error).message, /^DSS rejected the API key \(401 Unknown API Key\) on GET \/projects\/: check dataiku:apiKey/);
      for (const view of [JSON.stringify(e), util.inspect(e, { depth: Infinity, showHidden: true }), (e as Error).stack ?? "",
        Object.keys(e as object).join(), logs.join(), util.inspect(bad, { depth: Infinity, showHidden: true })]) {
        assert.ok(!view.includes(wrong));
        assert.ok(!view.includes(Buffer.from(`${wrong}:`).toString("base64")));
      }
    });
  });
});
