// Visual recipe payloads on the real engine (examples/visual, every visual type): up writes them,
// a no-op preview and refresh find nothing, a payload changed in DSS by hand shows as drift field by
// field and the next up restores it (keeping what is not managed), and an edit of a short form is an
// in-place update of that recipe only.
import { strict as assert } from "assert";
import * as path from "path";
import { startTestDss, TestDss } from "../../helpers/emulator";
import { PulumiProgram } from "../../helpers/pulumiCli";
import { editConfig, EXAMPLES, ok, previewPlan, yamlStack } from "./helpers";

const KEY = "VISUAL_FLOW";
type Json = Record<string, unknown>;

describe("YAML adapter: visual recipe payloads on the real engine", function () {
  let dss: TestDss;
  let program: PulumiProgram;
  let configPath: string;
  const payload = async (name: string) => JSON.parse((await dss.client.recipes.get(KEY, name)).payload) as Json;
  const amountOf = (group: Json) => (group.values as Json[]).find((v) => v.column === "amount")!;

  before(async () => {
    dss = await startTestDss();
    ({ program, configPath } = await yamlStack(dss, "visual", path.join(EXAMPLES, "visual", "dataiku.yml")));
  });
  after(async () => {
    program?.cleanup();
    await dss?.close();
  });

  it("up writes every payload; a preview and a refresh right after find nothing", async () => {
    ok(await program.up());
    const group = await payload("group_by_country");
    assert.deepEqual(group.keys, [{ column: "country" }]);
    assert.deepEqual([amountOf(group).sum, amountOf(group).avg, amountOf(group).type], [true, true, "double"]);
    assert.deepEqual(((await payload("join_customers")).joins as Json[])[0].type, "LEFT");
    assert.equal(((await payload("prepare_orders")).steps as Json[]).length, 2);
    assert.equal((await payload("top_orders")).firstRows, 20);
    ok(await program.preview("--expect-no-changes"));
    ok(await program.refresh("--expect-no-changes"));
    ok(await program.preview("--expect-no-changes"));
  });

  it("a payload changed in DSS by hand is drift on refresh, field by field, and the next up restores it", async () => {
    const doc = await dss.client.recipes.get(KEY, "group_by_country");
    const edited = JSON.parse(doc.payload) as Json;
    Object.assign(amountOf(edited), { avg: false, max: true });
    edited.computedColumns = [{ name: "by_hand", mode: "GREL", expr: "1", type: "int" }];
    await dss.client.recipes.put(KEY, "group_by_country", { ...doc, payload: JSON.stringify(edited) });

    const refresh = ok(await program.refresh());
    assert.match(refresh.stdout, /1 updated/);
    const preview = ok(await program.preview("--diff"));
    assert.match(preview.stdout, /~ pulumi-nodejs:dynamic\/dataiku:Recipe: \(update\)\s+\[id=VISUAL_FLOW.group_by_country\]/);
    assert.match(preview.stdout, /\[1\]: "max" => "avg"/, preview.stdout);
    assert.deepEqual((await previewPlan(program)).dataiku, { update: ["recipe.VISUAL_FLOW.group_by_country"] });

    ok(await program.up());
    const restored = await payload("group_by_country");
    assert.deepEqual([amountOf(restored).avg, amountOf(restored).max], [true, false]);
    assert.deepEqual(restored.computedColumns, edited.computedColumns, "an unmanaged setting made by hand survives");
    ok(await program.preview("--expect-no-changes"));
  });

  it("changing a short form in YAML updates that recipe in place, and nothing else", async () => {
    const before = await dss.client.recipes.get(KEY, "top_orders");
    editConfig(path.join(configPath), (t) => t.replace("top: 20", "top: 50"));
    assert.deepEqual((await previewPlan(program)).dataiku, { update: ["recipe.VISUAL_FLOW.top_orders"] });
    ok(await program.up());
    const after = await dss.client.recipes.get(KEY, "top_orders");
    assert.equal((JSON.parse(after.payload) as Json).firstRows, 50);
    assert.deepEqual(after.recipe.creationTag, before.recipe.creationTag, "updated in place, not recreated");
    ok(await program.preview("--expect-no-changes"));
  });

  it("destroy removes the recipes", async () => {
    ok(await program.destroy());
    assert.ok(!(await dss.client.projects.list()).some((p) => p.projectKey === KEY));
  });
});
