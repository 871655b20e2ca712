import { strict as assert } from "assert";
import { keepManaged, mergeMap } from "../../provider/common/model";
import { applyDefinition, fromDefinition, newDefinition } from "../../provider/dataset/mapping";
import { applyRecipe, creationBody, fromRecipe, withMainRefs } from "../../provider/recipe/mapping";
import { applyMetadata, metadataFields } from "../../provider/project/mapping";

describe("state keeps only managed fields", () => {
  it("keeps the keys the program set, as DSS holds them, plus computed outputs", () => {
    const fromDss = { name: "n", description: "from DSS", shortDesc: "filled in by DSS", tags: ["a"] };
    const state = keepManaged(fromDss, { name: "n", description: "mine", adopt: true }, {
      alwaysKept: ["adopt"],
      computed: { dssType: "Filesystem" },
    });
    assert.deepEqual(state, { name: "n", description: "from DSS", adopt: true, dssType: "Filesystem" });
  });

  it("manages only the map entries the program set, at the given depth", () => {
    const fromDss = { variables: { standard: { a: 1, b: { deep: true } }, local: { secret: "x", other: 2 } } };
    const state = keepManaged(fromDss, { variables: { standard: { b: {} }, local: { secret: "y" } } }, {
      alwaysKept: [],
      maps: { variables: 2 },
    });
    assert.deepEqual(state, { variables: { standard: { b: { deep: true } }, local: { secret: "x" } } });
  });

  it("merging writes managed entries and keeps everything else", () => {
    const merged = mergeMap({ standard: { a: 1, keep: 2 }, local: { x: 1 } }, { standard: { a: 5 } }, 2);
    assert.deepEqual(merged, { standard: { a: 5, keep: 2 }, local: { x: 1 } });
  });
});

describe("project mapping", () => {
  it("maps DSS's label to name and keeps unmodelled metadata on write", () => {
    const meta = { label: "Old", description: "d", tags: ["z", "a"], checklists: { checklists: [1] }, custom: { kv: { k: 1 } } };
    assert.deepEqual(metadataFields(meta), { name: "Old", description: "d", shortDesc: "", tags: ["a", "z"] });
    const written = applyMetadata(meta, { projectKey: "P", name: "New", tags: ["b"] });
    assert.equal(written.label, "New");
    assert.deepEqual(written.tags, ["b"]);
    assert.deepEqual(written.checklists, { checklists: [1] });
    assert.deepEqual(written.custom, { kv: { k: 1 } });
    assert.equal(written.description, "d", "an unmanaged description is left alone");
  });
});

describe("dataset mapping", () => {
  const def = {
    projectKey: "P", name: "T", type: "PostgreSQL", managed: false,
    params: { connection: "dwh", mode: "table", table: "t", schema: "public", notModelled: 1 },
    schema: { columns: [{ name: "id", type: "bigint", maxLength: -1 }], userModified: true },
    tags: ["b", "a"], flowOptions: { x: 1 },
  };

  it("splits DSS params into typed fields and the rest", () => {
    const model = fromDefinition(def, "sql");
    assert.equal(model.type, "sql", "the program's `sql` survives a read of a PostgreSQL dataset");
    assert.equal(model.connection, "dwh");
    assert.equal(model.table, "t");
    assert.equal(model.schema, "public");
    assert.deepEqual(model.params, { mode: "table", notModelled: 1 });
    assert.deepEqual(model.columns, [{ name: "id", type: "bigint" }]);
    assert.deepEqual(model.tags, ["a", "b"]);
  });

  it("read-modify-write changes only managed fields", () => {
    const written = applyDefinition(def, { projectKey: "P", name: "T", type: "sql", table: "t2", params: { mode: "query" } });
    assert.deepEqual(written.params, { connection: "dwh", mode: "query", table: "t2", schema: "public", notModelled: 1 });
    assert.deepEqual(written.flowOptions, { x: 1 });
    assert.deepEqual(written.schema, def.schema, "columns are not touched when the program sets none");
  });

  it("a generic create carries params, format, schema, description and tags", () => {
    const body = newDefinition(
      { projectKey: "P", name: "F", type: "filesystem", connection: "fs", path: "/x", formatType: "csv", tags: ["t"], description: "d" },
      "Filesystem",
    );
    assert.deepEqual(body.params, { connection: "fs", path: "/x" });
    assert.equal(body.type, "Filesystem");
    assert.equal(body.managed, false);
    assert.equal(body.formatType, "csv");
    assert.deepEqual(body.tags, ["t"]);
  });
});

describe("recipe mapping", () => {
  it("rewrites the main role, keeping other roles and the extra keys DSS put on known items", () => {
    const roles = { main: { items: [{ ref: "A", deps: [{ x: 1 }] }] }, model: { items: [{ ref: "M" }] } };
    assert.deepEqual(withMainRefs(roles, ["A", "B"], false), {
      main: { items: [{ ref: "A", deps: [{ x: 1 }] }, { ref: "B", deps: [] }] },
      model: { items: [{ ref: "M" }] },
    });
  });

  it("code recipes carry their code in creationSettings.script; outputs are never auto-created", () => {
    const body = creationBody({ projectKey: "P", name: "r", type: "python", inputs: ["A"], outputs: ["B"], code: "print(1)" });
    assert.equal(body.creationSettings.script, "print(1)");
    assert.equal(body.creationSettings.createOutputDataset, undefined);
    assert.deepEqual(body.recipePrototype.outputs, { main: { items: [{ ref: "B", appendMode: false }] } });
  });

  it("reads code from the payload and writes it back with read-modify-write", () => {
    const doc = { recipe: { projectKey: "P", name: "r", type: "sql_query", params: { engine: "x" }, inputs: {}, outputs: {} }, payload: "old" };
    assert.equal(fromRecipe(doc).code, "old");
    const written = applyRecipe(doc, { projectKey: "P", name: "r", type: "sql_query", outputs: ["B"], code: "new", params: { k: 1 } });
    assert.equal(written.payload, "new");
    assert.deepEqual(written.recipe.params, { engine: "x", k: 1 });
  });
});

describe("upload datasets", () => {
  it("keep their connection in params.uploadConnection, as DSS does", () => {
    const body = newDefinition({ projectKey: "P", name: "U", type: "UploadedFiles", connection: "up" }, "UploadedFiles");
    assert.deepEqual(body.params, { uploadConnection: "up" });
    const model = fromDefinition({ projectKey: "P", name: "U", type: "UploadedFiles", params: { uploadConnection: "up" } }, "UploadedFiles");
    assert.equal(model.connection, "up");
    assert.deepEqual(model.params, {});
  });
});
