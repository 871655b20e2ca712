import * as assert from "assert";
import { ErrorTypes } from "../../provider/emulator/errors";
import { Started, dssError, startTest } from "./helpers";

describe("emulator: scenarios", () => {
  let t: Started;
  beforeEach(async () => {
    t = await startTest();
    await t.dss.createProject("P");
  });
  afterEach(() => t.stop());

  it("create_scenario: the id derives from the name, the answer carries it, a same-name create collides", async () => {
    const res = await t.dss.call("POST", "/projects/P/scenarios/", { body: { params: {}, type: "step_based", name: "Daily build" } });
    assert.strictEqual(res.status, 200);
    assert.strictEqual(res.json.id, "Daily_build");
    const again = await t.dss.call("POST", "/projects/P/scenarios/", { body: { params: {}, type: "step_based", name: "Daily build" } });
    assert.match(dssError(again, 400, ErrorTypes.illegalArgument).message, /already exists/);
    const bad = await t.dss.call("POST", "/projects/P/scenarios/", { body: { params: {}, type: "nope", name: "x" } });
    assert.match(dssError(bad, 400, ErrorTypes.illegalArgument).message, /step_based or custom_python/);
    assert.deepStrictEqual((await t.dss.ok("GET", "/projects/P/scenarios/")).map((s: { id: string }) => s.id), ["Daily_build"]);
  });

  it("DSS rewrites a saved scenario: step and trigger ids, envelope defaults, the build jobType", async () => {
    await t.dss.ok("POST", "/projects/P/scenarios/", { params: {}, type: "step_based", name: "s" });
    const doc = await t.dss.ok("GET", "/projects/P/scenarios/s");
    assert.strictEqual(doc.active, false);
    doc.active = true;
    doc.params.steps = [{ type: "build_flowitem", params: { builds: [{ itemId: "out" }] } }];
    doc.triggers = [{ type: "temporal", params: { frequency: "Daily", hour: 2, minute: 0 } }];
    const saved = await t.dss.ok("PUT", "/projects/P/scenarios/s", doc);
    const step = saved.params.steps[0];
    assert.match(step.id, /^step_/);
    assert.strictEqual(step.enabled, true);
    assert.strictEqual(step.runConditionType, "RUN_IF_STATUS_MATCH");
    assert.strictEqual(step.params.jobType, "RECURSIVE_BUILD");
    assert.deepStrictEqual(step.params.builds, [{ itemId: "out", type: "DATASET", partitionsSpec: "" }]);
    assert.ok(saved.triggers[0].id);
    assert.strictEqual(saved.triggers[0].active, true);
    assert.strictEqual(saved.versionTag.versionNumber, 2);
    assert.deepStrictEqual(await t.dss.ok("GET", "/projects/P/scenarios/s"), saved);
    assert.strictEqual((await t.dss.ok("GET", "/projects/P/scenarios/s/light")).active, true);
  });

  it("deletes; an unknown scenario is a 404 NotFoundException", async () => {
    await t.dss.ok("POST", "/projects/P/scenarios/", { params: {}, type: "step_based", name: "s" });
    await t.dss.ok("DELETE", "/projects/P/scenarios/s");
    dssError(await t.dss.call("GET", "/projects/P/scenarios/s"), 404, ErrorTypes.notFound);
  });
});
