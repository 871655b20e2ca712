// The Wave 4 plan's demo scenario (wave4-apply-plan.md, "Demo Scenario"), played with the real
// Pulumi engine on the demo config: plan, create, edit a description, remove the dataset.
import { strict as assert } from "assert";
import * as path from "path";
import { datasetData, startTestDss, TestDss } from "../../helpers/emulator";
import { PulumiProgram } from "../../helpers/pulumiCli";
import { editConfig, EXAMPLES, gone, mutatingCalls, ok, previewPlan, yamlStack, YamlStack } from "./helpers";

const DEMO = path.join(EXAMPLES, "demo", "dataiku.yml");
const KEY = "DEMO_IAC";

/** The demo config without its `datasets:` section, as a user deletes it. */
const withoutDatasets = (text: string) => text.slice(0, text.indexOf("\ndatasets:") + 1);

describe("YAML adapter: the Wave 4 demo scenario", function () {
  let dss: TestDss;
  const programs: PulumiProgram[] = [];
  before(async () => {
    dss = await startTestDss();
  });
  after(async () => {
    programs.forEach((p) => p.cleanup());
    await dss?.close();
  });

  describe("on the demo config as shipped", () => {
    let demo: YamlStack;
    before(async () => {
      demo = await yamlStack(dss, "dev", DEMO);
      programs.push(demo.program);
    });

    it("1. preview plans 1 project + 1 dataset to create without calling DSS; up creates them", async () => {
      dss.emulator.resetStats();
      const plan = await previewPlan(demo.program);
      assert.deepEqual(plan.dataiku, { create: [`dataset.${KEY}.DEMO_DATA`, `project.${KEY}`] });
      // Pulumi's own count adds the stack and the DataikuProject component.
      assert.deepEqual(plan.changeSummary, { create: 4 });
      assert.equal(dss.emulator.stats().total, 0, "preview of a new stack sends nothing to DSS");

      ok(await demo.program.up());
      const meta = await dss.client.projects.getMetadata(KEY);
      assert.equal(meta.label, "IaC Demo Project");
      assert.equal(meta.description, "Created via apply command");
      const dataset = await dss.client.datasets.get(KEY, "DEMO_DATA");
      assert.equal(dataset.managed, true);
      assert.equal(dataset.type, "Filesystem", "a managed dataset takes the type of its connection");
      assert.equal(dataset.formatType, "parquet");
      assert.equal(dataset.description, "Demo dataset");
      assert.deepEqual((await dss.client.datasets.list(KEY)).map((d) => d.name), ["DEMO_DATA"]);
      assert.equal((await datasetData(dss.url, KEY, "DEMO_DATA")).exists, true);
      ok(await demo.program.preview("--expect-no-changes"));
    });

    it("2. editing the description plans 0 to create, 1 to update, 0 to destroy; up updates that dataset only", async () => {
      const before = await dss.client.datasets.get(KEY, "DEMO_DATA");
      editConfig(demo.configPath, (t) => t.replace("description: Demo dataset", "description: Demo dataset, edited"));

      dss.emulator.resetStats();
      const plan = await previewPlan(demo.program);
      assert.deepEqual(plan.dataiku, { update: [`dataset.${KEY}.DEMO_DATA`] });
      assert.deepEqual([plan.changeSummary.create ?? 0, plan.changeSummary.update ?? 0, plan.changeSummary.delete ?? 0], [0, 1, 0]);
      assert.deepEqual(mutatingCalls(dss), {}, "preview changes nothing in DSS");

      dss.emulator.resetStats();
      ok(await demo.program.up());
      const after = await dss.client.datasets.get(KEY, "DEMO_DATA");
      assert.equal(after.description, "Demo dataset, edited");
      assert.deepEqual(after.creationTag, before.creationTag, "updated in place, not recreated");
      const writes = Object.keys(dss.emulator.stats().byRoute).filter((route) => !route.startsWith("GET "));
      assert.ok(writes.length > 0);
      assert.deepEqual(writes.filter((route) => !route.includes("/datasets/{datasetName}")), [], "only the dataset is written");
      ok(await demo.program.preview("--expect-no-changes"));
    });

    it("3. removing the dataset plans 1 to destroy; up deletes it and keeps its data", async () => {
      editConfig(demo.configPath, withoutDatasets);

      dss.emulator.resetStats();
      const plan = await previewPlan(demo.program);
      assert.deepEqual(plan.dataiku, { delete: [`dataset.${KEY}.DEMO_DATA`] });
      assert.deepEqual([plan.changeSummary.create ?? 0, plan.changeSummary.update ?? 0, plan.changeSummary.delete ?? 0], [0, 0, 1]);
      assert.deepEqual(mutatingCalls(dss), {}, "preview changes nothing in DSS");

      ok(await demo.program.up());
      assert.ok(await gone(dss.client.datasets.get(KEY, "DEMO_DATA")), "the dataset is deleted");
      assert.equal((await dss.client.projects.getMetadata(KEY)).label, "IaC Demo Project", "the project stays");
      assert.equal((await datasetData(dss.url, KEY, "DEMO_DATA")).exists, true, "its data stays by default");
      ok(await demo.program.preview("--expect-no-changes"));
    });
  });

  it("with drop_data_on_delete: true, removing the dataset also drops its data", async () => {
    const key = "DEMO_DROP";
    const drop = await yamlStack(dss, "drop", DEMO);
    programs.push(drop.program);
    editConfig(drop.configPath, (t) =>
      t.replace(`key: ${KEY}`, `key: ${key}`).replace("    description: Demo dataset\n", "    description: Demo dataset\n    drop_data_on_delete: true\n"),
    );
    ok(await drop.program.up());
    assert.equal((await datasetData(dss.url, key, "DEMO_DATA")).exists, true);

    editConfig(drop.configPath, withoutDatasets);
    assert.deepEqual((await previewPlan(drop.program)).dataiku, { delete: [`dataset.${key}.DEMO_DATA`] });
    ok(await drop.program.up());
    assert.ok(await gone(dss.client.datasets.get(key, "DEMO_DATA")));
    assert.equal((await datasetData(dss.url, key, "DEMO_DATA")).exists, false, "its data is dropped");
  });
});
