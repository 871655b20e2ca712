import { strict as assert } from "assert";
import { DssClient } from "../../provider/client";
import { FolderExecutor } from "../../provider/folder/executor";
import { ScenarioExecutor } from "../../provider/scenario/executor";
import { startTestDss, TestDss } from "../helpers/emulator";

// Folders and scenarios get their ids from DSS, so a create whose answer is lost cannot be checked
// by id: it is found by name. Either way there must be exactly one object, in DSS and in state.
describe("folders and scenarios: a create whose answer is lost", function () {
  let dss: TestDss;
  let client: DssClient;
  before(async () => {
    dss = await startTestDss();
    client = new DssClient({ url: dss.url, apiKey: dss.apiKey, maxRetries: 3, retryBaseDelayMs: 1 });
    await dss.client.projects.create({ projectKey: "LOST", name: "Lost answers" });
  });
  after(() => dss?.close());

  it("a folder: found by name after the lost answer, one folder, its id in state", async () => {
    dss.emulator.setFaults({ rules: [{ route: "POST /projects/{projectKey}/managedfolders/", fault: "lostResponse", times: 1 }] });
    const state = await new FolderExecutor(client).create({ projectKey: "LOST", name: "reports", connection: "filesystem_folders" });
    const folders = await dss.client.folders.list("LOST");
    assert.equal(folders.length, 1);
    assert.equal(state.folderId, folders[0].id);
    assert.equal(dss.emulator.stats().faultsInjected.lostResponse, 1);
  });

  it("a scenario: found by name after the lost answer, one scenario, its id in state", async () => {
    dss.emulator.setFaults({ rules: [{ route: "POST /projects/{projectKey}/scenarios/", fault: "lostResponse", times: 1 }] });
    const state = await new ScenarioExecutor(client).create({ projectKey: "LOST", name: "nightly", active: true });
    const scenarios = await dss.client.scenarios.list("LOST");
    assert.deepEqual(scenarios.map((s) => s.id), ["nightly"]);
    assert.equal(state.scenarioId, "nightly");
    assert.equal(state.active, true);
  });

  it("a second folder of an existing name is refused with the adopt hint, and adopt takes it over", async () => {
    dss.emulator.clearFaults();
    const executor = new FolderExecutor(client);
    await assert.rejects(executor.create({ projectKey: "LOST", name: "reports" }), (e: Error) =>
      /^Managed folder LOST\.reports already exists in DSS .* set `adopt: true`/.test(e.message));
    const adopted = await executor.create({ projectKey: "LOST", name: "reports", adopt: true, description: "adopted" });
    assert.equal(adopted.folderId, (await dss.client.folders.list("LOST"))[0].id);
    assert.equal((await dss.client.folders.list("LOST")).length, 1);
  });
});
