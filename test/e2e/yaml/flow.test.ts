// examples/flow end to end on the real engine: up creates the whole flow (a folder written by a
// Python recipe, a daily scenario), a preview plans nothing, an edit updates in place, a change made
// in DSS shows on refresh and the next up restores it, and destroy removes everything but the
// folder's files.
import { strict as assert } from "assert";
import * as path from "path";
import { FolderDefinition, ScenarioDefinition } from "../../../provider/client";
import { folderFiles, startTestDss, TestDss, writeFolderFile } from "../../helpers/emulator";
import { PulumiProgram } from "../../helpers/pulumiCli";
import { editConfig, EXAMPLES, gone, ok, previewPlan, yamlStack } from "./helpers";

const KEY = "SALES_FLOW";

describe("YAML adapter: examples/flow, a whole flow with a managed folder and a scenario", function () {
  let dss: TestDss;
  let program: PulumiProgram;
  let configPath: string;
  let folder: FolderDefinition;

  const scenario = (): Promise<ScenarioDefinition> => dss.client.scenarios.get(KEY, "daily_build");

  before(async () => {
    dss = await startTestDss();
    ({ program, configPath } = await yamlStack(dss, "flow", path.join(EXAMPLES, "flow", "dataiku.yml")));
  });
  after(async () => {
    program?.cleanup();
    await dss?.close();
  });

  it("up creates the folder, wires it as the Python recipe's output by id, and creates the scenario", async () => {
    ok(await program.up());
    const folders = await dss.client.folders.list(KEY);
    assert.deepEqual(folders.map((f) => [f.name, f.type, f.params?.connection]), [["sales_reports", "Filesystem", "filesystem_folders"]]);
    folder = folders[0];
    // The config's tag, and the stack's ownership tag (written right after the folder's create).
    assert.deepEqual(folder.tags, ["pulumi-stack:yaml-adapter/flow", "reports"]);
    const { recipe } = await dss.client.recipes.get(KEY, "write_report");
    assert.deepEqual(recipe.outputs?.main.items?.map((i) => i.ref), [folder.id]);

    const s = await scenario();
    assert.equal(s.type, "step_based");
    assert.equal(s.active, true);
    const steps = s.params?.steps ?? [];
    assert.deepEqual(steps.map((st) => [st.type, st.name, (st.params as { builds: Array<{ itemId: string }> }).builds.map((b) => b.itemId)]), [
      ["build_flowitem", "Build the ranking", ["customer_ranking"]],
    ]);
    assert.deepEqual(
      (s.triggers ?? []).map((t) => [t.type, t.name, (t.params as Record<string, unknown>).frequency, (t.params as Record<string, unknown>).hour, (t.params as Record<string, unknown>).minute, (t.params as Record<string, unknown>).timezone]),
      [["temporal", "Every night at 02:30", "Daily", 2, 30, "UTC"]],
    );
  });

  it("the visual recipes hold the payloads the config declares", async () => {
    const payload = async (name: string) => JSON.parse((await dss.client.recipes.get(KEY, name)).payload) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    const prepare = await payload("prepare_orders");
    assert.deepEqual(prepare.steps.map((st: { type: string }) => st.type), ["FillEmptyWithValue", "FilterOnValue"]);
    const join = await payload("join_orders_customers");
    assert.deepEqual([join.joins[0].type, join.joins[0].on[0].column1.name, join.joins[0].on[0].column2.table], ["LEFT", "customer_id", 1]);
    const group = await payload("group_by_customer");
    assert.deepEqual(group.keys, [{ column: "customer_id" }, { column: "country" }]);
    const window = await payload("rank_customers");
    assert.deepEqual([window.windows[0].partitioningColumns, window.windows[0].orders], [["country"], [{ column: "amount_sum", desc: true }]]);
  });

  it("a preview and a refresh right after find nothing, although DSS rewrote the scenario on save", async () => {
    assert.ok((await scenario()).params?.steps?.[0].id, "DSS gave the step an id");
    ok(await program.preview("--expect-no-changes"));
    ok(await program.refresh("--expect-no-changes"));
  });

  it("an edit of the folder, the schedule and active updates them in place", async () => {
    editConfig(configPath, (t) =>
      t
        .replace('cron: "30 2 * * *"', 'cron: "0 6 * * MON-FRI"')
        .replace("    active: true\n", "    active: false\n")
        .replace("description: CSV reports written by write_report", "description: Reports for the sales team"),
    );
    const plan = await previewPlan(program);
    assert.deepEqual(plan.dataiku, { update: [`folder.${KEY}.sales_reports`, `scenario.${KEY}.daily_build`] });
    ok(await program.up());
    const s = await scenario();
    assert.equal(s.active, false);
    assert.deepEqual(s.triggers?.[0].params, {
      ...(s.triggers?.[0].params as object),
      frequency: "Weekly", hour: 6, minute: 0, daysOfWeek: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
    });
    const f = await dss.client.folders.get(KEY, folder.id);
    assert.equal(f.id, folder.id, "updated in place, same id");
    assert.equal(f.description, "Reports for the sales team");
    ok(await program.preview("--expect-no-changes"));
  });

  it("a scenario changed in DSS by hand shows as drift on refresh, and the next up restores it", async () => {
    const s = await scenario();
    await dss.client.scenarios.put(KEY, "daily_build", { ...s, active: true, reporters: [{ type: "mail", kept: true }] });
    const refresh = ok(await program.refresh());
    assert.match(refresh.stdout, /1 updated/);
    const preview = ok(await program.preview("--diff"));
    assert.match(preview.stdout, /~ active\s*: true => false/);
    ok(await program.up());
    const restored = await scenario();
    assert.equal(restored.active, false);
    assert.deepEqual(restored.reporters, [{ type: "mail", kept: true }], "unmanaged settings survive the update");
    ok(await program.preview("--expect-no-changes"));
  });

  it("destroy removes the folder, the scenario and the rest, and keeps the folder's files", async () => {
    await writeFolderFile(dss.url, KEY, folder.id, "top_customers.csv");
    ok(await program.destroy());
    assert.ok(await gone(dss.client.folders.get(KEY, folder.id)) || await gone(dss.client.projects.getMetadata(KEY)));
    assert.ok(await gone(dss.client.projects.getMetadata(KEY)));
    assert.deepEqual((await folderFiles(dss.url, KEY, folder.id)).files, ["top_customers.csv"]);
  });
});
