import * as assert from "assert";
import { ErrorTypes } from "../../provider/emulator/errors";
import { Started, dssError, startTest } from "./helpers";

describe("emulator: managed folders", () => {
  let t: Started;
  beforeEach(async () => {
    t = await startTest();
    await t.dss.createProject("P");
  });
  afterEach(() => t.stop());

  // The body of the official client's create_managed_folder.
  const create = (name: string, connection = "filesystem_folders") =>
    t.dss.call("POST", "/projects/P/managedfolders/", {
      body: { name, projectKey: "P", type: null, params: { connection, path: "/${projectKey}/${odbId}" } },
    });

  it("creates a folder with an 8-character id, its connection's type and DSS's defaults", async () => {
    const res = await create("reports");
    assert.strictEqual(res.status, 200);
    const id = res.json.id as string;
    assert.match(id, /^[A-Za-z0-9]{8}$/);
    const got = await t.dss.ok("GET", `/projects/P/managedfolders/${id}`);
    assert.strictEqual(got.name, "reports");
    assert.strictEqual(got.type, "Filesystem");
    assert.deepStrictEqual(got.params, { connection: "filesystem_folders", path: "/${projectKey}/${odbId}" });
    assert.deepStrictEqual(got.partitioning, { dimensions: [] });
    assert.strictEqual(got.versionTag.versionNumber, 1);
    assert.deepStrictEqual((await t.dss.ok("GET", "/projects/P/managedfolders/")).map((f: { id: string }) => f.id), [id]);
  });

  it("refuses a second folder of the same name, an unknown connection and one without managed folders", async () => {
    await create("reports");
    assert.match(dssError(await create("reports"), 400, ErrorTypes.illegalArgument).message, /already exists/);
    assert.match(dssError(await create("x", "nope"), 400, ErrorTypes.illegalArgument).message, /Connection 'nope'/);
    assert.match(dssError(await create("y", "sql_dwh"), 400, ErrorTypes.illegalArgument).message, /does not allow managed folders/);
  });

  it("a settings PUT replaces the document, keeps id and projectKey from the URL, answers a msg", async () => {
    const id = (await create("reports")).json.id;
    const got = await t.dss.ok("GET", `/projects/P/managedfolders/${id}`);
    const res = await t.dss.call("PUT", `/projects/P/managedfolders/${id}`, {
      body: { ...got, id: "other", description: "d", tags: ["b", "a"], unmodelled: 1 },
    });
    assert.strictEqual(res.status, 200);
    assert.ok(typeof res.json.msg === "string");
    const after = await t.dss.ok("GET", `/projects/P/managedfolders/${id}`);
    assert.strictEqual(after.id, id);
    assert.deepStrictEqual(after.tags, ["a", "b"]);
    assert.strictEqual(after.unmodelled, 1);
    assert.strictEqual(after.versionTag.versionNumber, 2);
  });

  it("recipes take folders by id as inputs and outputs", async () => {
    await t.dss.createManaged("P", "in_ds");
    const id = (await create("reports")).json.id;
    await t.dss.ok("POST", "/projects/P/recipes/", {
      recipePrototype: { type: "python", name: "write_reports", inputs: { main: { items: [{ ref: "in_ds" }] } }, outputs: { main: { items: [{ ref: id }] } } },
      creationSettings: { script: "pass" },
    });
    const recipe = await t.dss.ok("GET", "/projects/P/recipes/write_reports");
    assert.deepStrictEqual(recipe.recipe.outputs.main.items, [{ ref: id, appendMode: false }]);
  });

  it("deleting a folder keeps its files; contents are listed and deleted file by file", async () => {
    const id = (await create("reports")).json.id;
    await t.dss.raw("PUT", `/__emulator/folder-files/P/${id}`, { body: { fileName: "a.txt", content: "hello" } });
    const listing = await t.dss.ok("GET", `/projects/P/managedfolders/${id}/contents`);
    assert.deepStrictEqual(listing.items.map((i: { path: string; size: number }) => [i.path, i.size]), [["/a.txt", 5]]);
    await t.dss.ok("DELETE", `/projects/P/managedfolders/${id}`);
    assert.strictEqual((await t.dss.call("GET", `/projects/P/managedfolders/${id}`)).status, 404);
    const files = (await t.dss.raw("GET", `/__emulator/folder-files/P/${id}`)) as { json: { exists: boolean; files: string[] } };
    assert.deepStrictEqual(files.json.files, ["a.txt"]);

    const other = (await create("other")).json.id;
    await t.dss.raw("PUT", `/__emulator/folder-files/P/${other}`, { body: { fileName: "b.txt" } });
    await t.dss.ok("DELETE", `/projects/P/managedfolders/${other}/contents/b.txt`);
    assert.deepStrictEqual((await t.dss.ok("GET", `/projects/P/managedfolders/${other}/contents`)).items, []);
  });
});
