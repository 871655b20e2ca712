import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { z } from "zod";
import { PACKAGE_ROOT } from "../../provider/automation/offlineEnv";
import { cliEventsJsonSchema, EVENTS_SCHEMA_FILE } from "../../provider/cli/events";
import { startTestDss, TestDss } from "../helpers/emulator";
import { hasPulumi } from "../helpers/pulumiCli";
import { CliSandbox, dssContents, jsonLines } from "./helpers";

const RECIPE_CREATE = "POST /projects/{projectKey}/recipes/";

function base(key: string): string {
  return `project:
  key: ${key}
  name: Recovery ${key}
datasets:
  - name: EXISTING
    type: managed
`;
}

/** The second config: a new dataset, one adopted from DSS, and a recipe whose create will fail. */
function grown(key: string): string {
  return `${base(key)}  - name: NEW
    type: managed
  - name: PRE
    type: managed
    adopt: true
recipes:
  - name: build_new
    type: python
    inputs: [EXISTING]
    outputs: [NEW]
    code: print("hello")
`;
}

const committedSchema = () =>
  JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, "schema", EVENTS_SCHEMA_FILE), "utf8")) as Record<string, unknown>;

describe("dataiku-iac failures: rollback, --no-rollback and resume, JSON lines", function () {
  this.timeout(300_000);
  let dss: TestDss;
  let sandbox: CliSandbox;

  before(async function () {
    if (!hasPulumi()) this.skip();
    dss = await startTestDss();
    sandbox = CliSandbox.create(dss);
  });
  after(async () => {
    sandbox?.cleanup();
    await dss?.close();
  });
  afterEach(() => dss?.emulator.clearFaults());

  it("schema/cli-events.schema.json is up to date with the zod schema", () => {
    assert.equal(
      `${JSON.stringify(committedSchema(), null, 2)}\n`,
      cliEventsJsonSchema(),
      "stale: run `node dist/provider/cli/write-schema.js`",
    );
  });

  it("plan --output json: one valid object per line, a summary last, exit 2", async () => {
    sandbox.write("rb.yml", base("RB"));
    const result = await sandbox.run(["plan", "-c", "rb.yml", "-e", "rb", "--output", "json"]);
    assert.equal(result.code, 2, result.stdout + result.stderr);
    const validate = z.fromJSONSchema(committedSchema());
    const lines = jsonLines(result.stdout);
    for (const line of lines) assert.ok(validate.safeParse(line).success, `invalid line ${JSON.stringify(line)}`);
    assert.deepEqual(
      lines.filter((l) => l.type === "resource").map((l) => [l.resource, l.action, l.status]),
      [["project.RB", "create", "planned"], ["dataset.RB.EXISTING", "create", "planned"]],
    );
    const summary = lines[lines.length - 1];
    assert.equal(summary.type, "summary");
    assert.equal(summary.status, "changes");
    assert.equal(summary.exitCode, 2);
    assert.deepEqual(summary.changes, { create: 2, adopt: 0, update: 0, replace: 0, delete: 0, conflict: 0 });
  });

  it("apply --output json without --auto-approve refuses (exit 1), as a JSON summary", async () => {
    const result = await sandbox.run(["apply", "-c", "rb.yml", "-e", "rb", "--output", "json"]);
    assert.equal(result.code, 1);
    const summary = jsonLines(result.stdout).pop() as Record<string, unknown>;
    assert.equal(summary.status, "refused");
    assert.match(String(summary.error), /--auto-approve/);
    assert.equal(await dssContents(dss.client, "RB"), undefined);
  });

  it("a failure mid-apply rolls back only this run's creations (JSON output, validated)", async () => {
    const first = await sandbox.run(["apply", "-c", "rb.yml", "-e", "rb", "--auto-approve"]);
    assert.equal(first.code, 0, first.stdout + first.stderr);
    // An object that exists before the run, taken over by `adopt: true`: it must survive the rollback.
    await dss.client.datasets.createManaged("RB", { name: "PRE", creationSettings: { connectionId: "filesystem_managed" } });

    sandbox.write("rb.yml", grown("RB"));
    dss.emulator.setFaults({ rules: [{ route: RECIPE_CREATE, fault: "error", status: 500, times: 100 }] });
    const result = await sandbox.run(["apply", "-c", "rb.yml", "-e", "rb", "--auto-approve", "--output", "json"]);
    assert.equal(result.code, 1, result.stdout + result.stderr);

    const validate = z.fromJSONSchema(committedSchema());
    const lines = jsonLines(result.stdout);
    for (const line of lines) assert.ok(validate.safeParse(line).success, `invalid line ${JSON.stringify(line)}`);
    const steps = lines.filter((l) => l.type === "resource");
    const ended = (phase: string, status: string) =>
      steps.filter((l) => l.phase === phase && l.status === status).map((l) => `${l.action} ${l.resource}`).sort();
    assert.deepEqual(ended("plan", "planned"), ["adopt dataset.RB.PRE", "create dataset.RB.NEW", "create recipe.RB.build_new"]);
    assert.deepEqual(ended("apply", "succeeded"), ["adopt dataset.RB.PRE", "create dataset.RB.NEW"]);
    assert.deepEqual(ended("apply", "failed"), ["create recipe.RB.build_new"]);
    assert.deepEqual(ended("rollback", "succeeded"), ["delete dataset.RB.NEW"]);
    const failed = steps.find((l) => l.status === "failed") as Record<string, unknown>;
    assert.match(String(failed.error), /Could not create recipe RB\.build_new/);
    assert.equal(typeof failed.durationMs, "number");

    const summary = lines[lines.length - 1];
    assert.equal(summary.type, "summary");
    assert.equal(summary.status, "failed");
    assert.deepEqual(summary.rollback, { removed: ["dataset.RB.NEW"], manualCleanup: [] });
    assert.match(String(summary.backup), /\.dataiku-iac\/backups\/rb-\d{8}T\d{9}Z\.json$/);

    // What DSS holds: everything that existed before the run, nothing this run created.
    assert.deepEqual(await dssContents(dss.client, "RB"), { datasets: ["EXISTING", "PRE"], recipes: [] });
  });

  it("--no-rollback keeps this run's creations, and the next apply resumes and converges", async () => {
    sandbox.write("nr.yml", base("NR"));
    assert.equal((await sandbox.run(["apply", "-c", "nr.yml", "-e", "nr", "--auto-approve"])).code, 0);
    await dss.client.datasets.createManaged("NR", { name: "PRE", creationSettings: { connectionId: "filesystem_managed" } });
    sandbox.write("nr.yml", grown("NR"));
    dss.emulator.setFaults({ rules: [{ route: RECIPE_CREATE, fault: "error", status: 500, times: 100 }] });

    const failed = await sandbox.run(["apply", "-c", "nr.yml", "-e", "nr", "--auto-approve", "--no-rollback"]);
    assert.equal(failed.code, 1, failed.stdout + failed.stderr);
    assert.match(failed.stdout, /^✗ \+ recipe\.NR\.build_new \(\d+ms\): Could not create recipe NR\.build_new/m);
    assert.match(failed.stdout, /✗ Apply failed\.\n- Actions completed: 2\n- Actions failed: 1/);
    assert.match(failed.stdout, /--no-rollback: what this apply created is kept/);
    assert.doesNotMatch(failed.stdout, /Rolled back/);
    assert.deepEqual(await dssContents(dss.client, "NR"), { datasets: ["EXISTING", "NEW", "PRE"], recipes: [] });

    dss.emulator.clearFaults();
    const plan = await sandbox.run(["plan", "-c", "nr.yml", "-e", "nr"]);
    assert.equal(plan.code, 2);
    assert.match(plan.stdout, /^Plan: 1 to create, 0 to update, 0 to destroy\.$/m, "only the recipe is left to do");
    const resumed = await sandbox.run(["apply", "-c", "nr.yml", "-e", "nr", "--auto-approve"]);
    assert.equal(resumed.code, 0, resumed.stdout + resumed.stderr);
    assert.deepEqual(await dssContents(dss.client, "NR"), { datasets: ["EXISTING", "NEW", "PRE"], recipes: ["build_new"] });
    const recipe = await dss.client.recipes.get("NR", "build_new");
    assert.equal(recipe.payload, 'print("hello")');
    const after = await sandbox.run(["plan", "-c", "nr.yml", "-e", "nr"]);
    assert.equal(after.code, 0, after.stdout + after.stderr);
  });
});
