import * as assert from "assert";
import { ErrorTypes } from "../../provider/emulator/errors";
import { Started, dssError, startTest } from "./helpers";

const io = (inputs: string[], outputs: string[]) => ({
  inputs: { main: { items: inputs.map((ref) => ({ ref })) } },
  outputs: { main: { items: outputs.map((ref) => ({ ref, appendMode: false })) } },
});

describe("emulator: recipes", () => {
  let t: Started;
  beforeEach(async () => {
    t = await startTest();
    await t.dss.createProject("P");
    await t.dss.createManaged("P", "in_ds");
    await t.dss.createManaged("P", "out_ds");
  });
  afterEach(() => t.stop());

  const create = (body: unknown) => t.dss.call("POST", "/projects/P/recipes/", { body });

  it("creates a code recipe: reply names it, GET returns {recipe, payload} with the script and role structure", async () => {
    const res = await create({
      recipePrototype: { type: "python", name: "compute_out", projectKey: "P", ...io(["in_ds"], ["out_ds"]), extra: "kept" },
      creationSettings: { script: "print('hi')\n" },
    });
    assert.strictEqual(res.status, 200);
    assert.strictEqual(res.json.name, "compute_out");
    const got = await t.dss.ok("GET", "/projects/P/recipes/compute_out");
    assert.strictEqual(got.payload, "print('hi')\n");
    assert.strictEqual(got.recipe.type, "python");
    assert.strictEqual(got.recipe.extra, "kept");
    assert.deepStrictEqual(got.recipe.inputs, { main: { items: [{ ref: "in_ds", deps: [] }] } });
    assert.deepStrictEqual(got.recipe.outputs, { main: { items: [{ ref: "out_ds", appendMode: false }] } });
    assert.deepStrictEqual(got.recipe.params.envSelection, { envMode: "INHERIT" });
    assert.strictEqual(got.recipe.versionTag.versionNumber, 1);
    // includePayload is accepted; the payload is there either way.
    assert.strictEqual((await t.dss.ok("GET", "/projects/P/recipes/compute_out?includePayload=true&payloadMaxLines=5")).payload, "print('hi')\n");
  });

  it("creates missing outputs as managed datasets when createOutputDataset asks for it", async () => {
    await t.dss.ok("POST", "/projects/P/recipes/", {
      recipePrototype: { type: "sync", name: "sync_it", ...io(["in_ds"], ["fresh"]) },
      creationSettings: {
        createOutputDataset: true,
        outputDatasetSettings: { connectionId: "filesystem_managed", typeOptionId: null, specificSettings: { formatOptionId: "PARQUET_HIVE", overrideSQLSchema: null }, partitioningOptionId: null },
      },
    });
    const fresh = await t.dss.ok("GET", "/projects/P/datasets/fresh");
    assert.strictEqual(fresh.managed, true);
    assert.strictEqual(fresh.formatType, "parquet");
    assert.strictEqual((await t.dss.dataDir("P", "fresh")).exists, true);
    assert.strictEqual((await t.dss.ok("GET", "/projects/P/recipes/sync_it")).payload, "");
  });

  it("refuses a missing output when creation is not requested, with DSS's text, and creates nothing", async () => {
    for (const creationSettings of [{}, { createOutputDataset: false, outputDatasetSettings: { connectionId: "filesystem_managed" } }, { createOutputDataset: true }]) {
      const res = await create({ recipePrototype: { type: "python", name: "r", ...io(["in_ds"], ["ghost"]) }, creationSettings });
      assert.strictEqual(
        dssError(res, 400, ErrorTypes.illegalArgument).message,
        "Need to create output dataset or folder, but creationInfo params are suppressing it",
      );
    }
    assert.deepStrictEqual(await t.dss.ok("GET", "/projects/P/recipes/"), []);
    dssError(await t.dss.call("GET", "/projects/P/datasets/ghost"), 404, ErrorTypes.notFound);
  });

  it("refuses a missing input, naming it", async () => {
    const res = await create({ recipePrototype: { type: "python", name: "r", ...io(["nope"], ["out_ds"]) }, creationSettings: {} });
    assert.match(dssError(res, 400, ErrorTypes.illegalArgument).message, /Input 'nope' of recipe 'r' does not exist/);
  });

  it("a dataset can be the output of one recipe only", async () => {
    await create({ recipePrototype: { type: "python", name: "first", ...io(["in_ds"], ["out_ds"]) }, creationSettings: {} });
    const res = await create({ recipePrototype: { type: "python", name: "second", ...io(["in_ds"], ["out_ds"]) }, creationSettings: {} });
    assert.match(dssError(res, 400, ErrorTypes.illegalArgument).message, /'out_ds' is already the output of recipe 'first'/);
    assert.deepStrictEqual((await t.dss.ok("GET", "/projects/P/recipes/")).map((r: { name: string }) => r.name), ["first"]);
  });

  it("refuses a duplicate name and invalid names; generates compute_<output> when no name is given", async () => {
    await create({ recipePrototype: { type: "python", name: "r1", ...io(["in_ds"], []) }, creationSettings: {} });
    const dup = await create({ recipePrototype: { type: "python", name: "r1", ...io(["in_ds"], []) }, creationSettings: {} });
    assert.match(dssError(dup, 400, ErrorTypes.illegalArgument).message, /Recipe P\.r1 already exists/);
    const bad = await create({ recipePrototype: { type: "python", name: "r.1" }, creationSettings: {} });
    assert.match(dssError(bad, 400, ErrorTypes.illegalArgument).message, /Invalid recipe name/);
    const generated = await create({ recipePrototype: { type: "python", ...io(["in_ds"], ["out_ds"]) }, creationSettings: {} });
    assert.strictEqual(generated.json.name, "compute_out_ds");
    const noType = await create({ recipePrototype: { name: "x" }, creationSettings: {} });
    assert.match(dssError(noType, 400, ErrorTypes.illegalArgument).message, /recipePrototype\.type/);
    const badRoles = await create({ recipePrototype: { type: "python", name: "x", inputs: { main: { items: [{}] } } } });
    assert.match(dssError(badRoles, 400, ErrorTypes.illegalArgument).message, /recipePrototype\.inputs\.main\.items\[0\]\.ref/);
  });

  it("raw creation skips I/O checks and uses rawPayload", async () => {
    await t.dss.ok("POST", "/projects/P/recipes/", {
      recipePrototype: { type: "shaker", name: "raw_one", ...io(["not_there"], ["nor_this"]) },
      creationSettings: { rawCreation: true, rawPayload: '{"steps":[]}' },
    });
    const got = await t.dss.ok("GET", "/projects/P/recipes/raw_one");
    assert.strictEqual(got.payload, '{"steps":[]}');
    dssError(await t.dss.call("GET", "/projects/P/datasets/nor_this"), 404, ErrorTypes.notFound);
  });

  it("virtualInputs become main inputs", async () => {
    await t.dss.createManaged("P", "other_in");
    await t.dss.ok("POST", "/projects/P/recipes/", {
      recipePrototype: { type: "join", name: "j", ...io([], ["out_ds"]) },
      creationSettings: { virtualInputs: ["in_ds", "other_in"] },
    });
    const got = await t.dss.ok("GET", "/projects/P/recipes/j");
    assert.deepStrictEqual(got.recipe.inputs.main.items.map((i: { ref: string }) => i.ref), ["in_ds", "other_in"]);
  });

  describe("save", () => {
    beforeEach(async () => {
      await create({ recipePrototype: { type: "python", name: "r", ...io(["in_ds"], ["out_ds"]) }, creationSettings: { script: "v1" } });
    });

    it("PUT {recipe, payload} replaces both, keeps unknown fields, bumps versionTag, accepts stale tags", async () => {
      const got = await t.dss.ok("GET", "/projects/P/recipes/r");
      got.payload = "v2";
      got.recipe.params.envSelection = { envMode: "EXPLICIT_ENV", envName: "py311" };
      got.recipe.unmodelled = { deep: true };
      got.recipe.tags = ["b", "a"];
      const saved = await t.dss.ok("PUT", "/projects/P/recipes/r", got);
      assert.strictEqual(saved.recipe.versionTag.versionNumber, 2);
      const stale = await t.dss.ok("PUT", "/projects/P/recipes/r", got);
      assert.strictEqual(stale.recipe.versionTag.versionNumber, 3);
      const back = await t.dss.ok("GET", "/projects/P/recipes/r");
      assert.strictEqual(back.payload, "v2");
      assert.deepStrictEqual(back.recipe.unmodelled, { deep: true });
      assert.deepStrictEqual(back.recipe.tags, ["a", "b"]);
      assert.strictEqual(back.recipe.params.envSelection.envName, "py311");
      // Without a payload the document still replaces it: it becomes empty.
      await t.dss.ok("PUT", "/projects/P/recipes/r", { recipe: back.recipe });
      assert.strictEqual((await t.dss.ok("GET", "/projects/P/recipes/r")).payload, "");
    });

    it("PUT can change inputs and outputs, which must exist and be free", async () => {
      await t.dss.createManaged("P", "in2");
      const got = await t.dss.ok("GET", "/projects/P/recipes/r");
      got.recipe.inputs.main.items.push({ ref: "in2", deps: [] });
      await t.dss.ok("PUT", "/projects/P/recipes/r", got);
      assert.strictEqual((await t.dss.ok("GET", "/projects/P/recipes/r")).recipe.inputs.main.items.length, 2);

      const badIn = structuredClone(got);
      badIn.recipe.inputs.main.items.push({ ref: "ghost" });
      assert.match(dssError(await t.dss.call("PUT", "/projects/P/recipes/r", { body: badIn }), 400, ErrorTypes.illegalArgument).message, /Input 'ghost'/);
      const badOut = structuredClone(got);
      badOut.recipe.outputs.main.items = [{ ref: "ghost_out" }];
      assert.match(dssError(await t.dss.call("PUT", "/projects/P/recipes/r", { body: badOut }), 400, ErrorTypes.illegalArgument).message, /Output 'ghost_out'/);

      await create({ recipePrototype: { type: "python", name: "other", ...io(["in_ds"], ["in2"]) }, creationSettings: {} });
      const taken = structuredClone(got);
      taken.recipe.outputs.main.items.push({ ref: "in2" });
      assert.match(dssError(await t.dss.call("PUT", "/projects/P/recipes/r", { body: taken }), 400, ErrorTypes.illegalArgument).message, /already the output of recipe 'other'/);
    });

    it("PUT refuses a renamed body, a non-string payload, a missing recipe object", async () => {
      const got = await t.dss.ok("GET", "/projects/P/recipes/r");
      assert.match(dssError(await t.dss.call("PUT", "/projects/P/recipes/r", { body: { ...got, recipe: { ...got.recipe, name: "x" } } }), 400, ErrorTypes.illegalArgument).message, /renameRecipe/);
      assert.match(dssError(await t.dss.call("PUT", "/projects/P/recipes/r", { body: { ...got, payload: 3 } }), 400, ErrorTypes.illegalArgument).message, /'payload'/);
      assert.match(dssError(await t.dss.call("PUT", "/projects/P/recipes/r", { body: { payload: "x" } }), 400, ErrorTypes.illegalArgument).message, /Missing 'recipe'/);
      assert.deepStrictEqual(await t.dss.ok("GET", "/projects/P/recipes/r"), got);
    });

    it("metadata round trip writes tags to the recipe", async () => {
      const md = await t.dss.ok("GET", "/projects/P/recipes/r/metadata");
      await t.dss.ok("PUT", "/projects/P/recipes/r/metadata", { ...md, tags: ["t2", "t1"], custom: { kv: { a: 1 } } });
      const got = await t.dss.ok("GET", "/projects/P/recipes/r");
      assert.deepStrictEqual(got.recipe.tags, ["t1", "t2"]);
      assert.deepStrictEqual(got.recipe.customMeta, { kv: { a: 1 } });
      assert.strictEqual(got.payload, "v1");
    });

    it("list shows recipes without payload; delete removes the recipe and keeps its datasets", async () => {
      const list = await t.dss.ok("GET", "/projects/P/recipes/");
      assert.deepStrictEqual(list.map((r: { name: string; type: string }) => [r.name, r.type]), [["r", "python"]]);
      assert.ok(!("payload" in list[0]));
      await t.dss.ok("DELETE", "/projects/P/recipes/r");
      assert.deepStrictEqual(await t.dss.ok("GET", "/projects/P/recipes/"), []);
      assert.strictEqual((await t.dss.ok("GET", "/projects/P/datasets/out_ds")).name, "out_ds");
      assert.strictEqual(dssError(await t.dss.call("GET", "/projects/P/recipes/r"), 404, ErrorTypes.notFound).message, "recipe does not exist: P.r");
      dssError(await t.dss.call("DELETE", "/projects/P/recipes/r"), 404, ErrorTypes.notFound);
      // The output is free again.
      await t.dss.ok("POST", "/projects/P/recipes/", { recipePrototype: { type: "python", name: "r2", ...io(["in_ds"], ["out_ds"]) }, creationSettings: {} });
    });
  });
});
