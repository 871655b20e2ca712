import { strict as assert } from "assert";
import { dynamicProvider, Executor, ResourceKind } from "../../provider/common/dynamicProvider";
import { PartialCreateError } from "../../provider/common/errors";
import { UNKNOWN } from "../../provider/common/unknowns";
import { datasetKind } from "../../provider/dataset/kind";
import { projectKind } from "../../provider/project/kind";
import { recipeKind } from "../../provider/recipe/kind";

type Props = Record<string, unknown>;

/** The dataset kind with a recording executor in place of DSS. */
function withExecutor(kind: ResourceKind, executor: Partial<Executor>) {
  return dynamicProvider({ ...kind, executor: () => executor as Executor });
}

const dataset = dynamicProvider(datasetKind);
const base: Props = { projectKey: "P", name: "RAW", type: "managed", formatType: "parquet", __provider: "code" };

describe("dynamic provider: check", () => {
  it("accepts valid inputs and puts them in canonical form", async () => {
    const result = await dataset.check({}, { ...base, type: "azure_blob", connection: "c", tags: ["b", "a", "b"] });
    assert.deepEqual(result.failures, undefined);
    assert.equal(result.inputs.type, "Azure", "documented alias mapped to DSS's type");
    assert.deepEqual(result.inputs.tags, ["a", "b"], "tags sorted and deduplicated like DSS stores them");
  });

  it("returns one failure per bad property, naming it and the fix", async () => {
    const result = await dataset.check({}, { projectKey: "my project", name: "a.b", type: "parket", tags: [""], extra: 1 });
    const byProperty = Object.fromEntries((result.failures ?? []).map((f) => [f.property, f.reason]));
    assert.deepEqual(Object.keys(byProperty).sort(), ["extra", "name", "projectKey", "tags[0]", "type"]);
    assert.match(byProperty.projectKey, /letters, digits and underscores/);
    assert.match(byProperty.name, /no dots/);
    assert.match(byProperty.type, /unknown dataset type; use one of: managed, sql, filesystem/);
    assert.match(byProperty.extra, /unknown property "extra"/);
  });

  it("does not judge values that are unknown during preview", async () => {
    const result = await dataset.check({}, { ...base, projectKey: UNKNOWN, columns: [{ name: UNKNOWN, type: "int" }] });
    assert.deepEqual(result.failures, undefined);
    assert.equal(result.inputs.projectKey, UNKNOWN, "unknowns pass through untouched");
  });

  it("reports a missing required property", async () => {
    const result = await recipeKindCheck({ projectKey: "P", name: "r", type: "python" });
    assert.deepEqual(result.failures?.map((f) => f.property), ["outputs"]);
  });
});

function recipeKindCheck(news: Props) {
  return dynamicProvider(recipeKind).check({}, news);
}

describe("dynamic provider: diff", () => {
  const olds: Props = { ...base, description: "d", dssType: "Filesystem", isManaged: true };

  it("reports no change when inputs match the state (computed outputs ignored)", async () => {
    const result = await dataset.diff("P.RAW", olds, { ...base, description: "d" });
    assert.deepEqual(result, { changes: false, replaces: [], deleteBeforeReplace: false });
  });

  it("an edited field is an in-place change", async () => {
    const result = await dataset.diff("P.RAW", olds, { ...base, description: "new" });
    assert.deepEqual(result, { changes: true, replaces: [], deleteBeforeReplace: false });
  });

  it("a field the program stops setting is a change, so state drops it", async () => {
    const result = await dataset.diff("P.RAW", olds, { ...base });
    assert.equal(result.changes, true);
  });

  it("a new name replaces, creating the new object before deleting the old", async () => {
    const result = await dataset.diff("P.RAW", olds, { ...base, description: "d", name: "RAW2" });
    assert.deepEqual(result, { changes: true, replaces: ["name"], deleteBeforeReplace: false });
  });

  it("a new type under the same name deletes first, since the names would collide", async () => {
    const result = await dataset.diff("P.RAW", olds, { ...base, description: "d", type: "Filesystem", connection: "c" });
    assert.deepEqual(result.replaces, ["type"]);
    assert.equal(result.deleteBeforeReplace, true);
  });

  it("an unknown replace-triggering value is reported as a possible replace", async () => {
    const result = await dataset.diff("P.RAW", olds, { ...base, description: "d", projectKey: UNKNOWN });
    assert.deepEqual(result, { changes: true, replaces: ["projectKey"], deleteBeforeReplace: false });
  });

  it("project variables compare by value, not by key order", async () => {
    const project = dynamicProvider(projectKind);
    const state = { projectKey: "P", name: "n", variables: { standard: { a: 1, b: 2 } } };
    const result = await project.diff("P", state, { ...state, variables: { standard: { b: 2, a: 1 } } });
    assert.equal(result.changes, false);
  });
});

describe("dynamic provider: create, read, update, delete", () => {
  it("create returns the DSS id and the executor's state without undefined values", async () => {
    const provider = withExecutor(datasetKind, { create: async (args) => ({ ...args, description: undefined, dssType: "Filesystem" }) });
    const result = await provider.create(base);
    assert.equal(result.id, "P.RAW");
    assert.deepEqual(result.outs, { projectKey: "P", name: "RAW", type: "managed", formatType: "parquet", dssType: "Filesystem" });
  });

  it("a partial create keeps __provider in its properties so refresh and delete can load the provider", async () => {
    const provider = withExecutor(projectKind, {
      create: async () => {
        throw new PartialCreateError("half done", "P", { projectKey: "P", name: "n" });
      },
    });
    await assert.rejects(provider.create({ projectKey: "P", name: "n", __provider: "code" }), (e: PartialCreateError) => {
      assert.equal(e.id, "P");
      assert.deepEqual(e.properties, { projectKey: "P", name: "n", __provider: "code" });
      return true;
    });
  });

  it("read of an object deleted out of band returns no id, so the engine drops it", async () => {
    const provider = withExecutor(datasetKind, { read: async () => undefined });
    assert.deepEqual(await provider.read("P.RAW", base), {});
  });

  it("read returns the refreshed state and, as inputs, only the input fields", async () => {
    const provider = withExecutor(datasetKind, {
      read: async () => ({ ...base, __provider: undefined, description: "from DSS", dssType: "Filesystem", isManaged: true }),
    });
    const result = await provider.read("P.RAW", base);
    assert.equal(result.id, "P.RAW");
    assert.equal((result.props as Props).dssType, "Filesystem");
    assert.equal((result.inputs as Props).description, "from DSS");
    assert.equal("dssType" in (result.inputs as Props), false);
  });

  it("update and delete hand the executor clean state, without __provider", async () => {
    const seen: Props[] = [];
    const provider = withExecutor(datasetKind, {
      update: async (state, inputs) => {
        seen.push(state, inputs);
        return inputs;
      },
      delete: async (state) => {
        seen.push(state);
      },
    });
    await provider.update("P.RAW", base, { ...base, description: "x" });
    await provider.delete("P.RAW", base);
    assert.ok(seen.every((p) => !("__provider" in p)));
  });
});
