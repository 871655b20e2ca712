// The emulator models visual recipe payloads as DSS stores them: defaults on create, checks on save.
import * as assert from "assert";
import { ErrorTypes } from "../../provider/emulator/errors";
import { Started, dssError, startTest } from "./helpers";

const io = (inputs: string[], outputs: string[]) => ({
  inputs: { main: { items: inputs.map((ref) => ({ ref })) } },
  outputs: { main: { items: outputs.map((ref) => ({ ref, appendMode: false })) } },
});

describe("emulator: visual recipe payloads", () => {
  let t: Started;
  beforeEach(async () => {
    t = await startTest();
    await t.dss.createProject("P");
    for (const name of ["in_ds", "out_a", "out_b"]) await t.dss.createManaged("P", name);
  });
  afterEach(() => t.stop());

  const create = (type: string, name: string, outputs: string[], creationSettings: object = {}) =>
    t.dss.ok("POST", "/projects/P/recipes/", { recipePrototype: { type, name, ...io(["in_ds"], outputs) }, creationSettings });
  const get = (name: string) => t.dss.ok("GET", `/projects/P/recipes/${name}`);

  it("a fresh visual recipe holds DSS's default settings as a JSON string; groupKey becomes the first key", async () => {
    await create("grouping", "g", ["out_a"], { groupKey: "country" });
    const payload = JSON.parse((await get("g")).payload);
    assert.deepStrictEqual(payload.keys, [{ column: "country" }]);
    assert.deepStrictEqual(payload.values, []);
    assert.strictEqual(payload.globalCount, false);
    await create("shaker", "p", ["out_b"]);
    assert.deepStrictEqual(JSON.parse((await get("p")).payload).steps, []);
  });

  it("a code recipe and a raw creation keep their payload as sent", async () => {
    await create("python", "py", ["out_a"], { script: "print(1)" });
    assert.strictEqual((await get("py")).payload, "print(1)");
    await create("sort", "raw", ["out_b"], { rawCreation: true });
    assert.strictEqual((await get("raw")).payload, "");
  });

  it("a save refuses a payload that is not JSON, and a split rule sending rows to an output that does not exist", async () => {
    await create("split", "s", ["out_a", "out_b"]);
    const doc = await get("s");
    const notJson = await t.dss.call("PUT", "/projects/P/recipes/s", { body: { ...doc, payload: "{mode: FILTER" } });
    assert.match(dssError(notJson, 400, ErrorTypes.illegalArgument).message, /Invalid 'payload': expected the JSON settings of a split recipe/);
    const rules = { mode: "FILTER", filterSplits: [{ outputIndex: 2, filter: {} }] };
    const badIndex = await t.dss.call("PUT", "/projects/P/recipes/s", { body: { ...doc, payload: JSON.stringify(rules) } });
    assert.match(dssError(badIndex, 400, ErrorTypes.illegalArgument).message, /payload\.filterSplits\[0\]\.outputIndex.*0\.\.1/);
    assert.deepStrictEqual(JSON.parse((await get("s")).payload).filterSplits, [], "nothing was saved");
  });
});
