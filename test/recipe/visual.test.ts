// Visual recipe payloads through the Recipe executor, against the emulator: every visual type of
// examples/visual is created with its short form, reads back with no drift while DSS's own fields
// stay out of state, shows a hand edit as drift and restores it keeping unmodelled settings, and a
// config generated from DSS converges with no write.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { PACKAGE_ROOT } from "../../provider/automation/offlineEnv";
import { checkInputs } from "../../provider/common/checks";
import { UNKNOWN } from "../../provider/common/unknowns";
import { configFromDss } from "../../provider/config/from-dss";
import { recipeArgs } from "../../provider/config/to-args";
import { RecipeExecutor } from "../../provider/recipe/executor";
import { recipeKind } from "../../provider/recipe/kind";
import { recipeArgsSchema } from "../../provider/recipe/schema";
import { VISUAL_KEYS, VISUAL_KINDS } from "../../provider/recipe/visual";
import { startTestDss, TestDss } from "../helpers/emulator";
import { VISUAL_KEY as KEY, visualProject } from "../helpers/visualProject";

type Props = Record<string, unknown>;

const payloadOf = async (dss: TestDss, name: string) => JSON.parse((await dss.client.recipes.get(KEY, name)).payload) as Props;
const visualOnly = (p: Props) => Object.fromEntries(Object.entries(p).filter(([k]) => VISUAL_KEYS.includes(k) || k === "payload"));

describe("visual recipe payloads: short forms managed through the Recipe executor", function () {
  this.timeout(60000);
  let dss: TestDss;
  let recipes: RecipeExecutor;
  let args: Map<string, Props>;
  const states = new Map<string, Props>();

  before(async () => {
    dss = await startTestDss();
    ({ recipes, args } = await visualProject(dss));
  });
  after(async () => dss?.close());

  it("creates every visual type with POST, GET and one PUT, and state holds exactly what was declared", async () => {
    for (const [name, a] of args) {
      dss.emulator.resetStats();
      const state = await recipes.create(a);
      states.set(name, state);
      assert.equal(dss.emulator.stats().total, 3, `${name}: ${JSON.stringify(dss.emulator.stats().byRoute)}`);
      assert.deepEqual(visualOnly(state), visualOnly(a), name);
    }
    assert.equal(states.size, 11);
  });

  it("DSS holds the payloads the way its own client's helpers read them, with DSS's fields kept", async () => {
    const group = await payloadOf(dss, "group_by_country");
    assert.deepEqual(group.keys, [{ column: "country" }]);
    const amount = (group.values as Props[]).find((v) => v.column === "amount")!;
    assert.equal(amount.type, "double", "DSS filled in the column type");
    assert.deepEqual([amount.sum, amount.avg, amount.min], [true, true, false]);
    assert.equal(group.globalCount, true);
    assert.deepEqual(group.outputColumnNameOverrides, {}, "DSS's own fields survive the write");
    assert.equal((group.postFilter as Props).expression, "amount_sum > 100", "raw payload keys are written");

    const join = await payloadOf(dss, "join_customers");
    assert.deepEqual((join.virtualInputs as Props[]).map((v) => [v.index, v.autoSelectColumns]), [[0, true], [1, false]]);
    const [only] = join.joins as Props[];
    assert.deepEqual([only.table1, only.table2, only.type], [0, 1, "LEFT"]);
    assert.deepEqual(only.on, [{ type: "EQ", column1: { name: "customer_id", table: 0 }, column2: { name: "customer_id", table: 1 } }]);
    assert.deepEqual(join.selectedColumns, [{ name: "name", table: 1 }, { name: "segment", table: 1 }]);

    const prepare = await payloadOf(dss, "prepare_orders");
    assert.deepEqual((prepare.steps as Props[]).map((s) => [s.metaType, s.type, s.disabled]), [["PROCESSOR", "FillEmptyWithValue", false], ["PROCESSOR", "ColumnRenamer", false]]);
    assert.equal(prepare.origin, "PREPARE_RECIPE");

    const split = await payloadOf(dss, "split_by_value");
    assert.deepEqual([split.mode, split.defaultOutputIndex], ["FILTER", 1]);
    assert.deepEqual((split.filterSplits as Props[])[0], { outputIndex: 0, filter: { enabled: true, uiData: { mode: "CUSTOM" }, expression: "amount_eur >= 500" } });
  });

  it("a read of untouched recipes finds no drift", async () => {
    for (const [name, state] of states) assert.deepEqual(await recipes.read(state), state, name);
  });

  it("a payload changed by hand reads as drift on the managed field only, and an update restores it", async () => {
    const doc = await dss.client.recipes.get(KEY, "group_by_country");
    const payload = JSON.parse(doc.payload) as Props;
    const amount = (payload.values as Props[]).find((v) => v.column === "amount")!;
    Object.assign(amount, { avg: false, max: true });
    (payload.values as Props[]).push({ column: "customer_id", count: true });
    payload.computedColumns = [{ name: "kept", mode: "GREL", expr: "1", type: "int" }];
    await dss.client.recipes.put(KEY, "group_by_country", { ...doc, payload: JSON.stringify(payload) });

    const drifted = (await recipes.read(states.get("group_by_country")!))!;
    assert.deepEqual((drifted.group as Props).aggregations, { amount: ["sum", "max"], order_id: ["count_distinct"], customer_id: ["count"] });
    const restored = await recipes.update(drifted, args.get("group_by_country")!);
    assert.deepEqual(restored, states.get("group_by_country"));
    const after = await payloadOf(dss, "group_by_country");
    assert.deepEqual(after.computedColumns, payload.computedColumns, "an unmodelled setting survives the update");
    assert.equal((after.values as Props[]).find((v) => v.column === "customer_id")?.count, false, "the aggregation added by hand is turned off");
  });

  it("raw payload keys are managed as declared: fields DSS adds inside them are no drift", async () => {
    const doc = await dss.client.recipes.get(KEY, "group_by_country");
    const payload = JSON.parse(doc.payload) as Props;
    (payload.postFilter as Props).distinct = false;
    await dss.client.recipes.put(KEY, "group_by_country", { ...doc, payload: JSON.stringify(payload) });
    const state = (await recipes.read(states.get("group_by_country")!))!;
    assert.deepEqual(state.payload, args.get("group_by_country")!.payload);
    dss.emulator.resetStats();
    await recipes.update(state, args.get("group_by_country")!);
    assert.equal(dss.emulator.stats().byMethod.PUT ?? 0, 0, "nothing to write");
  });

  it("a config generated from DSS converges on it with no write", async () => {
    const snapshot = {
      projectKey: KEY,
      metadata: await dss.client.projects.getMetadata(KEY),
      datasets: [],
      recipes: await Promise.all((await dss.client.recipes.list(KEY)).map((r) => dss.client.recipes.get(KEY, r.name))),
    };
    const generated = configFromDss(snapshot).config.recipes ?? [];
    assert.equal(generated.filter((r) => VISUAL_KEYS.some((k) => k in r)).length, 11, "every short form is generated");
    assert.ok(generated.find((r) => r.name === "group_by_country")?.payload?.computedColumns, "computed columns made by hand are generated");
    dss.emulator.resetStats();
    for (const r of generated) {
      const a = recipeArgs(KEY, r);
      assert.ok(recipeArgsSchema.safeParse(a).success, JSON.stringify(recipeArgsSchema.safeParse(a).error?.issues));
      await recipes.update({}, recipeKind.normalize(a as Props));
    }
    assert.equal(dss.emulator.stats().byMethod.PUT ?? 0, 0, JSON.stringify(dss.emulator.stats().byRoute));
  });
});

describe("visual recipe payloads: check failures of Recipe args", () => {
  const base = { projectKey: "P", name: "j", type: "join", inputs: ["A", "B"], outputs: ["C"] };
  it("names the field and the fix: a join side that is not an input, a short form on another type", () => {
    const failures = checkInputs(recipeArgsSchema, { ...base, join: { joins: [{ right: "Z" }] }, group: { keys: ["x"] } });
    assert.deepEqual(failures.map((f) => f.property), ["join.joins[0].right", "group"]);
    assert.match(failures[0].reason, /"Z" is not an input of this recipe \(its inputs: A, B\)/);
    assert.match(failures[1].reason, /is only for recipes of type group \(DSS grouping\); this recipe's DSS type is join/);
  });
  it("does not judge names still unknown in preview", () => {
    assert.deepEqual(checkInputs(recipeArgsSchema, { ...base, inputs: [UNKNOWN, "B"], join: { joins: [{ right: "Z" }] } }), []);
  });
  it("refuses a raw payload on a code recipe", () => {
    const failures = checkInputs(recipeArgsSchema, { ...base, type: "python", code: "x", payload: { a: 1 } });
    assert.deepEqual(failures.map((f) => f.property), ["payload"]);
  });
});

describe("visual recipe payloads: editor completion", () => {
  it("the committed JSON Schema offers every short form and its keys on a recipe", () => {
    const file = path.join(PACKAGE_ROOT, "schema", "dataiku-config.schema.json");
    const recipe = JSON.parse(fs.readFileSync(file, "utf8")).properties.recipes.items.properties;
    for (const key of [...VISUAL_KEYS, "payload"]) assert.ok(recipe[key], `no ${key} in the recipe schema`);
    assert.deepEqual(Object.keys(recipe.group.properties), ["keys", "aggregations", "count"]);
    assert.deepEqual(Object.keys(recipe.join.properties.joins.items.properties), ["left", "right", "type", "conditions"]);
    assert.ok(recipe.split.properties.mode.enum.includes("FILTER"));
  });
});

describe("visual recipe payloads: a self-join the short form cannot say", () => {
  const payload = {
    virtualInputs: [{ index: 0 }, { index: 1 }, { index: 0, computedColumns: [{ name: "prev" }] }],
    joins: [{ table1: 0, table2: 1, type: "LEFT", on: [] }, { table1: 0, table2: 2, type: "INNER", on: [] }],
  };
  const doc = {
    recipe: {
      projectKey: "P", name: "self_join", type: "join",
      inputs: { main: { items: [{ ref: "A" }, { ref: "B" }] } }, outputs: { main: { items: [{ ref: "C" }] } },
    },
    payload: JSON.stringify(payload),
  };

  it("generate leaves its payload unmanaged, with a note", () => {
    const { config, notes } = configFromDss({ projectKey: "P", metadata: { label: "P" }, datasets: [], recipes: [doc] });
    assert.equal(config.recipes?.[0].join, undefined);
    assert.match(notes.join("\n"), /recipe self_join: its join settings go beyond what the join short form says/);
  });

  it("a declared column selection keeps the extra virtual input the second join uses", () => {
    const kind = VISUAL_KINDS.find((k) => k.key === "join")!;
    const written = kind.write(payload, { columns: { B: ["x"] } }, { inputs: ["A", "B"], outputs: ["C"] });
    assert.deepEqual(written.virtualInputs, [{ index: 0 }, { index: 1, autoSelectColumns: false }, payload.virtualInputs[2]]);
    assert.deepEqual(written.joins, payload.joins);
  });
});
