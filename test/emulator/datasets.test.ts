import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { ErrorTypes } from "../../provider/emulator/errors";
import { Started, dssError, startTest } from "./helpers";

describe("emulator: datasets", () => {
  let t: Started;
  beforeEach(async () => {
    t = await startTest();
    await t.dss.createProject("P");
  });
  afterEach(() => t.stop());

  describe("generic create", () => {
    it("stores the definition as sent, with DSS's defaults and version tags filled in", async () => {
      await t.dss.ok("POST", "/projects/P/datasets/", {
        name: "orders",
        projectKey: "P",
        type: "PostgreSQL",
        params: { connection: "sql_dwh", mode: "table", table: "orders", schema: "public", catalog: null },
        formatType: null,
        formatParams: {},
        unmodelled: { a: 1 },
        tags: ["z", "a"],
      });
      const def = await t.dss.ok("GET", "/projects/P/datasets/orders");
      assert.strictEqual(def.type, "PostgreSQL");
      assert.strictEqual(def.managed, false);
      assert.deepStrictEqual(def.params, { connection: "sql_dwh", mode: "table", table: "orders", schema: "public", catalog: null });
      assert.deepStrictEqual(def.unmodelled, { a: 1 });
      assert.deepStrictEqual(def.tags, ["a", "z"]);
      assert.deepStrictEqual(def.schema, { columns: [], userModified: false });
      assert.ok(!("formatType" in def), "a null formatType is left for DSS to default");
      assert.strictEqual(def.versionTag.versionNumber, 1);
      assert.deepStrictEqual(def.creationTag, def.versionTag);
      assert.strictEqual((await t.dss.dataDir("P", "orders")).exists, false, "an external table owns no data dir");
    });

    it("refuses duplicates, invalid names, a missing type and an unknown connection", async () => {
      await t.dss.createSql("P", "dup");
      assert.match(dssError(await t.dss.call("POST", "/projects/P/datasets/", { body: { name: "dup", type: "PostgreSQL" } }), 400, ErrorTypes.illegalArgument).message, /Dataset P\.dup already exists/);
      for (const name of ["a.b", "with space", "x/y", ""]) {
        const res = await t.dss.call("POST", "/projects/P/datasets/", { body: { name, type: "Filesystem" } });
        assert.match(dssError(res, 400, ErrorTypes.illegalArgument).message, /Invalid dataset name/, name);
      }
      assert.match(dssError(await t.dss.call("POST", "/projects/P/datasets/", { body: { name: "nt" } }), 400, ErrorTypes.illegalArgument).message, /Missing 'type'/);
      const unknown = await t.dss.call("POST", "/projects/P/datasets/", {
        body: { name: "u", type: "PostgreSQL", params: { connection: "nope" } },
      });
      assert.match(dssError(unknown, 400, ErrorTypes.illegalArgument).message, /connection 'nope', which does not exist/);
      const otherProject = await t.dss.call("POST", "/projects/P/datasets/", { body: { name: "o", projectKey: "Q", type: "Filesystem" } });
      assert.match(dssError(otherProject, 400, ErrorTypes.illegalArgument).message, /projectKey/);
      const names = (await t.dss.ok("GET", "/projects/P/datasets/")).map((d: { name: string }) => d.name);
      assert.deepStrictEqual(names, ["dup"]);
    });

    it("a generic create of a managed Filesystem dataset also owns a data directory", async () => {
      await t.dss.ok("POST", "/projects/P/datasets/", {
        name: "fs_managed",
        type: "Filesystem",
        managed: true,
        params: { connection: "filesystem_managed", path: "${projectKey}/fs_managed" },
        formatType: "csv",
      });
      assert.strictEqual((await t.dss.dataDir("P", "fs_managed")).exists, true);
    });
  });

  describe("managed create", () => {
    it("fills type, path and format from the connection and the format preset", async () => {
      const cases: Array<[string | undefined, string, Record<string, unknown>]> = [
        ["PARQUET_HIVE", "parquet", { parquetFlavor: "HIVE" }],
        ["CSV_EXCEL_GZIP", "csv", { style: "excel", compress: "gz" }],
        ["CSV_UNIX_GZIP", "csv", { style: "unix", compress: "gz" }],
        ["AVRO", "avro", {}],
        ["ORC", "orc", {}],
        [undefined, "csv", { style: "escape_only_no_quote", separator: "\t" }],
      ];
      for (const [i, [formatOptionId, formatType, params]] of cases.entries()) {
        const name = `m${i}`;
        const specificSettings = formatOptionId ? { formatOptionId } : {};
        await t.dss.createManaged("P", name, { connectionId: "filesystem_managed", specificSettings });
        const def = await t.dss.ok("GET", `/projects/P/datasets/${name}`);
        assert.strictEqual(def.type, "Filesystem");
        assert.strictEqual(def.managed, true);
        assert.deepStrictEqual(def.params.connection, "filesystem_managed");
        assert.strictEqual(def.params.path, `\${projectKey}/${name}`);
        assert.strictEqual(def.formatType, formatType, String(formatOptionId));
        for (const [k, v] of Object.entries(params)) assert.strictEqual(def.formatParams[k], v, `${formatOptionId} ${k}`);
      }
    });

    it("writes a data file on disk under <dataDir>/fs/<connection>/<project>/<dataset>", async () => {
      await t.dss.createManaged("P", "onDisk", { connectionId: "filesystem_managed", specificSettings: { formatOptionId: "PARQUET_HIVE" } });
      const report = await t.dss.dataDir("P", "onDisk");
      assert.strictEqual(report.path, path.join(t.emu.dataDir, "fs", "filesystem_managed", "P", "onDisk"));
      assert.deepStrictEqual(report.files, ["out-s0.parquet"]);
      assert.ok(fs.existsSync(path.join(report.path, "out-s0.parquet")));
    });

    it("on a SQL connection, makes a managed table dataset of the connection's type", async () => {
      await t.dss.createManaged("P", "sql_out", { connectionId: "sql_dwh" });
      const def = await t.dss.ok("GET", "/projects/P/datasets/sql_out");
      assert.strictEqual(def.type, "PostgreSQL");
      assert.strictEqual(def.params.table, "${projectKey}_sql_out");
      assert.strictEqual(def.params.schema, "public");
      assert.strictEqual(def.params.mode, "table");
      assert.strictEqual((await t.dss.dataDir("P", "sql_out")).exists, false);
    });

    it("copies partitioning from copy:dataset:<name>", async () => {
      await t.dss.createManaged("P", "src");
      const def = await t.dss.ok("GET", "/projects/P/datasets/src");
      def.partitioning = { dimensions: [{ name: "day", type: "time", params: { period: "DAY" } }] };
      await t.dss.ok("PUT", "/projects/P/datasets/src", def);
      await t.dss.createManaged("P", "copy", { connectionId: "filesystem_managed", partitioningOptionId: "copy:dataset:src" });
      assert.deepStrictEqual((await t.dss.ok("GET", "/projects/P/datasets/copy")).partitioning, def.partitioning);
      const missing = await t.dss.call("POST", "/projects/P/datasets/managed", {
        body: { name: "c2", creationSettings: { connectionId: "filesystem_managed", partitioningOptionId: "copy:dataset:nope" } },
      });
      assert.match(dssError(missing, 400, ErrorTypes.illegalArgument).message, /'nope', which does not exist/);
    });

    it("refuses an unknown connection, an unknown format and a duplicate name", async () => {
      const unknown = await t.dss.call("POST", "/projects/P/datasets/managed", { body: { name: "x", creationSettings: { connectionId: "nope" } } });
      assert.match(dssError(unknown, 400, ErrorTypes.illegalArgument).message, /Connection 'nope'.*does not exist/);
      const fmt = await t.dss.call("POST", "/projects/P/datasets/managed", {
        body: { name: "x", creationSettings: { connectionId: "filesystem_managed", specificSettings: { formatOptionId: "XLSX" } } },
      });
      assert.match(dssError(fmt, 400, ErrorTypes.illegalArgument).message, /Unknown formatOptionId 'XLSX': expected one of .*PARQUET_HIVE/);
      const noSettings = await t.dss.call("POST", "/projects/P/datasets/managed", { body: { name: "x" } });
      assert.match(dssError(noSettings, 400, ErrorTypes.illegalArgument).message, /Missing 'creationSettings'/);
      await t.dss.createManaged("P", "taken");
      const dup = await t.dss.call("POST", "/projects/P/datasets/managed", { body: { name: "taken", creationSettings: { connectionId: "filesystem_managed" } } });
      assert.match(dssError(dup, 400, ErrorTypes.illegalArgument).message, /already exists/);
      assert.deepStrictEqual((await t.dss.ok("GET", "/projects/P/datasets/")).map((d: { name: string }) => d.name), ["taken"]);
    });

    it("refuses a connection that does not allow managed datasets", async () => {
      await t.dss.ok("POST", "/admin/connections/", { name: "readonly_fs", type: "Filesystem", params: {} });
      const res = await t.dss.call("POST", "/projects/P/datasets/managed", { body: { name: "x", creationSettings: { connectionId: "readonly_fs" } } });
      assert.match(dssError(res, 400, ErrorTypes.illegalArgument).message, /does not allow managed datasets/);
    });
  });

  describe("definition, schema, metadata", () => {
    it("PUT replaces the whole definition, keeps unknown fields, bumps versionTag and accepts a stale one", async () => {
      await t.dss.createManaged("P", "d");
      const v1 = await t.dss.ok("GET", "/projects/P/datasets/d");
      const edited = { ...v1, description: "desc", custom: { x: [1] }, tags: ["b", "a"] };
      const saved = await t.dss.ok("PUT", "/projects/P/datasets/d", edited);
      assert.strictEqual(saved.versionTag.versionNumber, 2);
      // A second save from the same stale read is accepted (DSS does not enforce versionTag).
      const again = await t.dss.ok("PUT", "/projects/P/datasets/d", { ...v1, shortDesc: "short" });
      assert.strictEqual(again.versionTag.versionNumber, 3);
      const back = await t.dss.ok("GET", "/projects/P/datasets/d");
      assert.strictEqual(back.shortDesc, "short");
      assert.strictEqual(back.description, "", "whole replace: the later document wins");
      assert.deepStrictEqual(back.creationTag, v1.creationTag);
      await t.dss.ok("PUT", "/projects/P/datasets/d", edited);
      const withCustom = await t.dss.ok("GET", "/projects/P/datasets/d");
      assert.deepStrictEqual(withCustom.custom, { x: [1] });
      assert.deepStrictEqual(withCustom.tags, ["a", "b"]);
    });

    it("PUT refuses a renamed body, a missing type and an unknown connection, and changes nothing", async () => {
      await t.dss.createManaged("P", "d");
      const def = await t.dss.ok("GET", "/projects/P/datasets/d");
      assert.match(dssError(await t.dss.call("PUT", "/projects/P/datasets/d", { body: { ...def, name: "e" } }), 400, ErrorTypes.illegalArgument).message, /renameDataset/);
      const { type: _type, ...noType } = def;
      assert.match(dssError(await t.dss.call("PUT", "/projects/P/datasets/d", { body: noType }), 400, ErrorTypes.illegalArgument).message, /Missing 'type'/);
      const badConn = { ...def, params: { ...def.params, connection: "nope" } };
      assert.match(dssError(await t.dss.call("PUT", "/projects/P/datasets/d", { body: badConn }), 400, ErrorTypes.illegalArgument).message, /nope/);
      assert.deepStrictEqual(await t.dss.ok("GET", "/projects/P/datasets/d"), def);
    });

    it("schema GET/PUT; columns need name and type", async () => {
      await t.dss.createManaged("P", "d");
      assert.deepStrictEqual(await t.dss.ok("GET", "/projects/P/datasets/d/schema"), { columns: [], userModified: false });
      const schema = { columns: [{ name: "id", type: "bigint" }, { name: "label", type: "string", maxLength: -1 }], userModified: true };
      assert.deepStrictEqual(await t.dss.ok("PUT", "/projects/P/datasets/d/schema", schema), schema);
      assert.deepStrictEqual(await t.dss.ok("GET", "/projects/P/datasets/d/schema"), schema);
      assert.deepStrictEqual((await t.dss.ok("GET", "/projects/P/datasets/d")).schema, schema);
      const bad = await t.dss.call("PUT", "/projects/P/datasets/d/schema", { body: { columns: [{ name: "x" }] } });
      assert.match(dssError(bad, 400, ErrorTypes.illegalArgument).message, /body\.columns\[0\]\.type/);
      assert.deepStrictEqual(await t.dss.ok("GET", "/projects/P/datasets/d/schema"), schema);
    });

    it("metadata mirrors the definition's tags/description/custom fields, keeps unknown keys, replaces wholesale", async () => {
      await t.dss.createManaged("P", "d");
      const md = await t.dss.ok("GET", "/projects/P/datasets/d/metadata");
      assert.deepStrictEqual(md, {
        label: "d",
        description: "",
        shortDesc: "",
        tags: [],
        custom: { kv: {} },
        checklists: { checklists: [] },
        customFields: {},
      });
      await t.dss.ok("PUT", "/projects/P/datasets/d/metadata", { ...md, tags: ["y", "x"], description: "hello", custom: { kv: { k: "v" } }, extra: 1 });
      const back = await t.dss.ok("GET", "/projects/P/datasets/d/metadata");
      assert.deepStrictEqual(back.tags, ["x", "y"]);
      assert.strictEqual(back.extra, 1);
      const def = await t.dss.ok("GET", "/projects/P/datasets/d");
      assert.deepStrictEqual(def.tags, ["x", "y"]);
      assert.strictEqual(def.description, "hello");
      assert.deepStrictEqual(def.customMeta, { kv: { k: "v" } });
      assert.strictEqual(def.versionTag.versionNumber, 2);
      await t.dss.ok("PUT", "/projects/P/datasets/d/metadata", { label: "d" });
      assert.deepStrictEqual((await t.dss.ok("GET", "/projects/P/datasets/d")).tags, []);
    });

    it("list filters by tags; unknown dataset is a 404 naming project and dataset", async () => {
      await t.dss.createManaged("P", "a");
      await t.dss.createManaged("P", "b");
      const def = await t.dss.ok("GET", "/projects/P/datasets/b");
      await t.dss.ok("PUT", "/projects/P/datasets/b", { ...def, tags: ["gold"] });
      const names = async (q: string) => (await t.dss.ok("GET", `/projects/P/datasets/?${q}`)).map((d: { name: string }) => d.name);
      assert.deepStrictEqual(await names(""), ["a", "b"]);
      assert.deepStrictEqual(await names("tags=gold&foreign=False"), ["b"]);
      for (const p of ["/projects/P/datasets/zz", "/projects/P/datasets/zz/schema", "/projects/P/datasets/zz/metadata"]) {
        assert.strictEqual(dssError(await t.dss.call("GET", p), 404, ErrorTypes.notFound).message, "dataset does not exist: P.zz");
      }
    });
  });

  describe("delete and data", () => {
    it("dropData=false (default) keeps the data directory; dropData=true removes it", async () => {
      await t.dss.createManaged("P", "keep");
      await t.dss.createManaged("P", "drop");
      await t.dss.raw("PUT", "/__emulator/dataset-data/P/keep", { body: { fileName: "rows.csv", content: "a\n1\n" } });
      await t.dss.ok("DELETE", "/projects/P/datasets/keep");
      await t.dss.ok("DELETE", "/projects/P/datasets/drop?dropData=true");
      const kept = await t.dss.dataDir("P", "keep");
      assert.strictEqual(kept.exists, true);
      assert.deepStrictEqual(kept.files, ["out-s0.csv", "rows.csv"]);
      assert.strictEqual(fs.readFileSync(path.join(kept.path, "rows.csv"), "utf8"), "a\n1\n");
      assert.strictEqual((await t.dss.dataDir("P", "drop")).exists, false);
      dssError(await t.dss.call("GET", "/projects/P/datasets/keep"), 404, ErrorTypes.notFound);
      dssError(await t.dss.call("DELETE", "/projects/P/datasets/keep"), 404, ErrorTypes.notFound);
    });

    it("the admin data route writes a sample file only into a managed Filesystem dataset", async () => {
      await t.dss.createManaged("P", "m");
      const res = await t.dss.raw("PUT", "/__emulator/dataset-data/P/m");
      assert.ok(!res.dropped);
      assert.deepStrictEqual(res.json.files, ["out-s0.csv", "sample.csv"]);
      await t.dss.createSql("P", "ext");
      const notManaged = await t.dss.raw("PUT", "/__emulator/dataset-data/P/ext");
      assert.ok(!notManaged.dropped);
      assert.match(dssError(notManaged, 400, ErrorTypes.illegalArgument).message, /not a managed dataset/);
      const escape = await t.dss.raw("PUT", "/__emulator/dataset-data/P/m", { body: { fileName: "../x" } });
      assert.ok(!escape.dropped);
      assert.match(dssError(escape, 400, ErrorTypes.illegalArgument).message, /fileName/);
    });
  });
});
