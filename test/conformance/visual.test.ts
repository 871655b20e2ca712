// The official client and the provider on the same visual recipes: visual_recipes.py reads every
// payload the provider wrote through the client's settings classes and helpers, then makes recipes
// with the client's creators and edits them with its helpers, which the provider then reads.
import { strict as assert } from "assert";
import { execFile } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { fromRecipe } from "../../provider/recipe/mapping";
import { recipeKind } from "../../provider/recipe/kind";
import { startTestDss, TestDss } from "../helpers/emulator";
import { VISUAL_KEY as KEY, visualProject, VisualProject } from "../helpers/visualProject";

const REPO = path.resolve(__dirname, "..", "..", "..");
const PYTHON = process.env.DATAIKU_PYTHON ?? path.join(REPO, ".venv", "bin", "python");
const SCRIPT = path.join(REPO, "test", "conformance", "visual_recipes.py");

interface CheckLine {
  check: string;
  ok: boolean;
  detail: unknown;
}

function runPhase(dss: TestDss, phase: "read" | "write"): Promise<{ checks: CheckLine[]; stderr: string }> {
  return new Promise((resolve) => {
    const env = { ...process.env, DATAIKU_URL: dss.url, DATAIKU_API_KEY: dss.apiKey, CONFORMANCE_PROJECT_KEY: KEY };
    execFile(PYTHON, [SCRIPT, phase], { env }, (_err, stdout, stderr) => {
      const checks = stdout.split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as CheckLine);
      resolve({ checks, stderr });
    });
  });
}

function passed(run: { checks: CheckLine[]; stderr: string }, expected: string[]): void {
  const failed = run.checks.filter((c) => !c.ok);
  assert.deepEqual(failed, [], `failed checks:\n${JSON.stringify(failed, null, 1)}\nstderr:\n${run.stderr}`);
  assert.deepEqual(run.checks.map((c) => c.check), expected);
}

describe("conformance: visual recipe payloads between the provider and the official client", function () {
  this.timeout(120000);
  let dss: TestDss;
  let project: VisualProject;
  const model = async (name: string) => fromRecipe(await dss.client.recipes.get(KEY, name));

  before(async () => {
    if (!fs.existsSync(PYTHON)) throw new Error(`No Python with dataikuapi at ${PYTHON}: run scripts/setup.sh or set DATAIKU_PYTHON`);
    dss = await startTestDss();
    project = await visualProject(dss);
    for (const args of project.args.values()) await project.recipes.create(args);
  });
  after(async () => dss?.close());

  it("the client reads every payload the provider wrote through its own settings helpers", async () => {
    passed(await runPhase(dss, "read"), [
      "read_grouping", "read_prepare", "read_join", "read_window", "read_stack", "read_split",
      "read_sort", "read_topn", "read_distinct", "read_pivot", "read_sampling",
    ]);
  });

  it("the provider reads what the client's creators and helpers wrote", async () => {
    passed(await runPhase(dss, "write"), ["write_grouping", "write_prepare", "write_join", "write_stack_sort", "write_bad_join_index"]);
    assert.deepEqual((await model("client_group")).group, {
      keys: ["country", "customer_id"],
      aggregations: { amount: ["min", "max"] },
      count: true,
    });
    assert.deepEqual((await model("client_prepare")).prepare, {
      steps: [{ type: "ColumnRenamer", params: { renamings: [{ from: "country", to: "pays" }] }, disabled: false }],
    });
    assert.deepEqual((await model("client_join")).join, {
      joins: [{ left: "ORDERS", right: "CUSTOMERS", type: "INNER", conditions: [{ left: "customer_id", right: "customer_id", op: "EQ" }] }],
    });
    assert.deepEqual((await model("client_stack")).stack, { mode: "INTERSECT", originColumn: "source" });
    assert.deepEqual((await model("client_sort")).sort, { orderBy: [{ column: "amount", desc: true }], rowNumber: false, rank: false, denseRank: true });
  });

  it("a provider update of a client-made recipe changes the declared field and keeps the client's", async () => {
    const args = recipeKind.normalize({
      projectKey: KEY, name: "client_group", type: "grouping", inputs: ["ORDERS"], outputs: ["CLIENT_GROUPED"],
      group: { aggregations: { amount: ["sum"] } },
    });
    const state = await project.recipes.update({}, args);
    assert.deepEqual(state.group, { aggregations: { amount: ["sum"] } });
    const group = (await model("client_group")).group as Record<string, unknown>;
    assert.deepEqual(group.keys, ["country", "customer_id"], "keys set by the client survive");
    assert.equal(group.count, true);
  });
});
