import * as assert from "assert";
import { ErrorTypes } from "../../provider/emulator/errors";
import { Started, dssError, startTest } from "./helpers";

describe("emulator: connections", () => {
  let t: Started;
  afterEach(() => t.stop());

  describe("defaults", () => {
    beforeEach(async () => {
      t = await startTest();
    });

    it("GET /admin/connections/ is an object keyed by name, with DSS's fields filled in", async () => {
      const all = await t.dss.ok("GET", "/admin/connections/");
      assert.deepStrictEqual(Object.keys(all), ["filesystem_folders", "filesystem_managed", "sql_dwh"]);
      assert.strictEqual(all.filesystem_managed.type, "Filesystem");
      assert.strictEqual(all.filesystem_managed.allowManagedDatasets, true);
      assert.strictEqual(all.sql_dwh.type, "PostgreSQL");
      assert.strictEqual(all.sql_dwh.usableBy, "ALL");
      assert.strictEqual(all.sql_dwh.name, "sql_dwh");
    });

    it("secrets are redacted on read, in the list and in the single view", async () => {
      const all = await t.dss.ok("GET", "/admin/connections/");
      const one = await t.dss.ok("GET", "/admin/connections/sql_dwh");
      for (const def of [all.sql_dwh, one]) {
        assert.strictEqual(def.params.password, "********");
        assert.strictEqual(def.params.user, "dss", "non-secret params stay readable");
      }
      const res = await t.dss.call("GET", "/admin/connections/");
      assert.ok(!res.text.includes("emulator-not-a-secret"));
    });

    it("unknown connection: 404 NotFoundException naming it", async () => {
      const res = await t.dss.call("GET", "/admin/connections/nope");
      assert.strictEqual(dssError(res, 404, ErrorTypes.notFound).message, "Connection 'nope' does not exist");
    });

    it("get-names: all, omitted and empty type list every name; a type filters", async () => {
      for (const q of ["?type=all", "?type=ALL", "", "?type="]) {
        assert.deepStrictEqual(await t.dss.ok("GET", `/connections/get-names${q}`), ["filesystem_folders", "filesystem_managed", "sql_dwh"], q);
      }
      assert.deepStrictEqual(await t.dss.ok("GET", "/connections/get-names/?type=PostgreSQL"), ["sql_dwh"]);
      assert.deepStrictEqual(await t.dss.ok("GET", "/connections/get-names?type=Snowflake"), []);
    });

    it("POST creates (bare text reply), secrets redacted, duplicates and bad bodies refused", async () => {
      const res = await t.dss.call("POST", "/admin/connections/", {
        body: { name: "snow", type: "Snowflake", params: { account: "a", password: "p4ss", nested: { token: "t0k" } }, usableBy: "ALL", allowedGroups: [] },
      });
      assert.strictEqual(res.status, 200);
      assert.strictEqual(res.text, "snow");
      const def = await t.dss.ok("GET", "/admin/connections/snow");
      assert.deepStrictEqual(def.params, { account: "a", password: "********", nested: { token: "********" } });
      assert.strictEqual(def.allowManagedDatasets, false);
      assert.deepStrictEqual(await t.dss.ok("GET", "/connections/get-names?type=Snowflake"), ["snow"]);

      const dup = await t.dss.call("POST", "/admin/connections/", { body: { name: "snow", type: "Snowflake" } });
      assert.match(dssError(dup, 400, ErrorTypes.illegalArgument).message, /already exists/);
      const noType = await t.dss.call("POST", "/admin/connections/", { body: { name: "x" } });
      assert.match(dssError(noType, 400, ErrorTypes.illegalArgument).message, /Missing 'type'/);
      const slash = await t.dss.call("POST", "/admin/connections/", { body: { name: "a/b", type: "Filesystem" } });
      assert.match(dssError(slash, 400, ErrorTypes.illegalArgument).message, /Invalid connection name/);
    });
  });

  it("the connections option replaces the defaults", async () => {
    t = await startTest({
      connections: [{ name: "lake", type: "Filesystem", allowManagedDatasets: true, params: { root: "/lake" } }],
    });
    assert.deepStrictEqual(Object.keys(await t.dss.ok("GET", "/admin/connections/")), ["lake"]);
    await t.dss.createProject("P");
    await t.dss.createManaged("P", "d", { connectionId: "lake" });
    assert.match((await t.dss.dataDir("P", "d")).path, /fs\/lake\/P\/d$/);
  });
});
