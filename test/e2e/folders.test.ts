// ManagedFolder and Scenario from a program (not YAML), on the real engine: folders pass to a Recipe
// like Datasets, a Scenario step runs another Scenario resource, edits update in place, and delete
// keeps a folder's files unless dropFilesOnDelete.
import { strict as assert } from "assert";
import * as path from "path";
import { PACKAGE_ROOT } from "../../provider/automation/offlineEnv";
import { folderFiles, startTestDss, TestDss, writeFolderFile } from "../helpers/emulator";
import { PulumiProgram } from "../helpers/pulumiCli";
import { ok, previewPlan } from "./yaml/helpers";

const PROGRAM = path.join(PACKAGE_ROOT, "test", "e2e", "programs", "folders");
const KEY = "E2E_FOLDERS";

describe("ManagedFolder and Scenario from a program on the real engine", function () {
  let dss: TestDss;
  let program: PulumiProgram;
  let ids: { keptId: string; droppedId: string };

  before(async () => {
    dss = await startTestDss();
    program = await PulumiProgram.create(PROGRAM, "folders");
    await program.setConfig({ "dataiku:url": { value: dss.url }, "dataiku:apiKey": { value: dss.apiKey, secret: true } });
  });
  after(async () => {
    program?.cleanup();
    await dss?.close();
  });

  it("up wires both folders into the recipe by id and the run-scenario step to the other scenario's id", async () => {
    ok(await program.up());
    ids = (await program.outputs()) as typeof ids;
    const { recipe } = await dss.client.recipes.get(KEY, "write_files");
    assert.deepEqual(recipe.outputs?.main.items?.map((i) => i.ref), [ids.keptId, ids.droppedId]);
    const nightly = await dss.client.scenarios.get(KEY, "nightly");
    assert.deepEqual(nightly.params?.steps?.map((s) => [s.type, (s.params as { scenarioId?: string }).scenarioId]), [["run_scenario", "refresh_input"]]);
    assert.deepEqual(nightly.triggers?.map((t) => t.type), ["temporal", "ds_modified"]);
    ok(await program.preview("--expect-no-changes"));
  });

  it("changing a folder and a scenario updates them in place; the recipe and the scenario running it are untouched", async () => {
    await program.setConfig({ "e2e:folderDescription": { value: "still kept" }, "e2e:refreshDescription": { value: "rebuilds" } });
    assert.deepEqual((await previewPlan(program)).dataiku, { update: ["kept", "refresh"] });
    ok(await program.up());
    assert.equal((await dss.client.folders.get(KEY, ids.keptId)).description, "still kept");
    assert.equal((await dss.client.scenarios.get(KEY, "refresh_input")).description, "rebuilds");
    ok(await program.preview("--expect-no-changes"));
  });

  it("a cron edit updates the trigger in place", async () => {
    await program.setConfig({ "e2e:cron": { value: "15 */2 * * *" } });
    assert.deepEqual((await previewPlan(program)).dataiku, { update: ["nightly"] });
    ok(await program.up());
    const trigger = (await dss.client.scenarios.get(KEY, "nightly")).triggers?.[0].params as Record<string, unknown>;
    assert.deepEqual([trigger.frequency, trigger.minute, trigger.repeatFrequency], ["Hourly", 15, 2]);
    ok(await program.preview("--expect-no-changes"));
  });

  it("destroy keeps the files of one folder and drops those of the folder that opted in", async () => {
    await writeFolderFile(dss.url, KEY, ids.keptId, "kept.csv");
    await writeFolderFile(dss.url, KEY, ids.droppedId, "dropped.csv");
    ok(await program.destroy());
    assert.deepEqual((await folderFiles(dss.url, KEY, ids.keptId)).files, ["kept.csv"]);
    assert.deepEqual((await folderFiles(dss.url, KEY, ids.droppedId)).files, []);
  });
});
