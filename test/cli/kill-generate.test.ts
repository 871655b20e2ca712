import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { startTestDss, TestDss } from "../helpers/emulator";
import { hasPulumi } from "../helpers/pulumiCli";
import { CliSandbox, collect, dssContents, until, waitForLine } from "./helpers";

const KILL_CONFIG = `project:
  key: KILL
  name: Interrupted
datasets:
  - {name: A, type: managed}
  - {name: B, type: managed}
  - {name: C, type: managed}
recipes:
  - name: a_to_b
    type: python
    inputs: [A]
    outputs: [B]
    code: print("b")
`;

const MANAGED_CREATE = "POST /projects/{projectKey}/datasets/managed";

/** Every document of a project, as DSS returns them (version tags included): equal means untouched. */
async function snapshot(dss: TestDss, key: string): Promise<unknown> {
  const datasets = await dss.client.datasets.list(key);
  const recipes = await dss.client.recipes.list(key);
  return {
    metadata: await dss.client.projects.getMetadata(key),
    variables: await dss.client.projects.getVariables(key),
    datasets: await Promise.all(datasets.map((d) => dss.client.datasets.get(key, d.name))),
    recipes: await Promise.all(recipes.map((r) => dss.client.recipes.get(key, r.name))),
    folders: await dss.client.folders.list(key),
    scenarios: await Promise.all((await dss.client.scenarios.list(key)).map((s) => dss.client.scenarios.get(key, s.id))),
  };
}

describe("dataiku-iac: kill -9 mid-apply, then apply again; generate then apply", function () {
  this.timeout(300_000);
  let dss: TestDss;

  before(async function () {
    if (!hasPulumi()) this.skip();
    dss = await startTestDss();
  });
  after(async () => dss?.close());

  // The same run with Pulumi's per-step checkpoints on (PULUMI_SKIP_CHECKPOINTS=false, no longer the
  // default): the killed run leaves pending creates in state, which apply turns into adoptIds. The
  // default mode's recovery, from ownership tags and the journal, is test/faults/killed.test.ts.
  describe("kill -9, with checkpoints on", () => {
    const CHECKPOINTS = { PULUMI_SKIP_CHECKPOINTS: "false" };
    let sandbox: CliSandbox;
    before(() => {
      sandbox = CliSandbox.create(dss);
      sandbox.write("dataiku.yml", KILL_CONFIG);
    });
    after(() => sandbox?.cleanup());

    it("the next apply removes the stale lock, adopts what the killed run left, and converges", async () => {
      // Slow DSS down so the run is surely mid-flight when killed; the test waits on events, not time.
      dss.emulator.setFaults({ latencyMs: 400 });
      dss.emulator.resetStats();
      const child = sandbox.spawn(["apply", "--auto-approve", "-e", "kill"], CHECKPOINTS);
      const done = collect(child);
      await waitForLine(child, /^⏳ \+ dataset\.KILL\./);
      // A create is in flight once DSS has received its POST: Pulumi wrote it as pending before calling.
      await until(() => (dss.emulator.stats().byRoute[MANAGED_CREATE] ?? 0) >= 1, "a dataset create to reach DSS");
      process.kill(-(child.pid as number), "SIGKILL");
      await done;
      sandbox.killStragglers(); // the provider process runs in a group of its own
      const posted = dss.emulator.stats().byRoute[MANAGED_CREATE] ?? 0;
      // The emulator finishes the requests it received, as DSS would: objects exist that state lacks.
      await until(async () => ((await dssContents(dss.client, "KILL"))?.datasets.length ?? 0) >= posted, "DSS to finish");
      dss.emulator.clearFaults();

      const state = JSON.parse(
        fs.readFileSync(path.join(sandbox.dir, ".dataiku-iac", "state", ".pulumi", "stacks", "dataiku-iac", "kill.json"), "utf8"),
      );
      const pending = (state.checkpoint.latest.pending_operations ?? []) as Array<{ type: string; resource: { urn: string } }>;
      assert.ok(pending.some((op) => op.type === "creating" && op.resource.urn.includes("dataset.KILL.")), JSON.stringify(pending));

      const resumed = await sandbox.run(["apply", "--auto-approve", "-e", "kill"], CHECKPOINTS);
      assert.equal(resumed.code, 0, resumed.stdout + resumed.stderr);
      assert.match(resumed.stderr, /Removed a stale state lock left by an interrupted run/);
      assert.match(resumed.stderr, /A previous run was interrupted while creating dataset\.KILL\./);
      assert.match(resumed.stdout, /- Recovered from the interrupted run: dataset\.KILL\./);

      // DSS holds exactly the config: nothing twice, nothing orphaned, and state knows it all.
      assert.deepEqual(await dssContents(dss.client, "KILL"), { datasets: ["A", "B", "C"], recipes: ["a_to_b"] });
      const plan = await sandbox.run(["plan", "-e", "kill"], CHECKPOINTS);
      assert.equal(plan.code, 0, plan.stdout + plan.stderr);
      assert.match(plan.stdout, /No changes\. Infrastructure is up-to-date\./);
      const stackConfig = fs.readFileSync(path.join(sandbox.dir, ".dataiku-iac", "workspace", "Pulumi.kill.yaml"), "utf8");
      assert.doesNotMatch(stackConfig, /adoptIds/, "the one-run adoption setting is removed again");
    });
  });

  describe("generate", () => {
    let sandbox: CliSandbox;
    before(async () => {
      sandbox = CliSandbox.create(dss);
      // A project made in DSS by hand (through the API), never seen by Pulumi.
      await dss.client.projects.create({ projectKey: "GEN", name: "Generated", description: "Made by hand", tags: ["b", "a"] });
      await dss.client.projects.putVariables("GEN", { standard: { env: "prod", threshold: 3 }, local: { token: "x" } });
      await dss.client.datasets.createManaged("GEN", {
        name: "RAW",
        creationSettings: { connectionId: "filesystem_managed", specificSettings: { formatOptionId: "PARQUET_HIVE" } },
      });
      await dss.client.datasets.createManaged("GEN", { name: "CLEAN", creationSettings: { connectionId: "filesystem_managed" } });
      await dss.client.datasets.create("GEN", {
        projectKey: "GEN",
        name: "EXPORTS",
        type: "Filesystem",
        managed: false,
        params: { connection: "filesystem_managed", path: "/exports/gen" },
        formatType: "csv",
        formatParams: {},
        schema: { columns: [{ name: "id", type: "bigint" }, { name: "label", type: "string", comment: "shown" }] },
        description: "Export files",
        tags: ["out"],
      });
      await dss.client.recipes.create("GEN", {
        recipePrototype: {
          type: "python",
          name: "clean_raw",
          projectKey: "GEN",
          inputs: { main: { items: [{ ref: "RAW", deps: [] }] } },
          outputs: { main: { items: [{ ref: "CLEAN", appendMode: false }] } },
        },
        creationSettings: { script: "import dataiku\n# {{ not a template of ours }}\nprint('clean')\n" },
      });
      // A folder and a scenario as the official client makes them (create_managed_folder,
      // create_scenario then add_daily_trigger and a build step).
      await dss.client.folders.create("GEN", {
        name: "reports", projectKey: "GEN", type: null, params: { connection: "filesystem_folders", path: "/${projectKey}/${odbId}" },
      });
      await dss.client.scenarios.create("GEN", {
        name: "nightly", type: "step_based", active: true,
        params: { steps: [{ type: "build_flowitem", name: "Build CLEAN", params: { builds: [{ type: "DATASET", itemId: "CLEAN", partitionsSpec: "" }], jobType: "RECURSIVE_BUILD" } }] },
        triggers: [{ active: true, type: "temporal", params: { frequency: "Daily", hour: 2, minute: 0, startingFrom: "2026-12-01T00:00:00.000+0000", repeatFrequency: 1, timezone: "SERVER" } }],
      });
    });
    after(() => sandbox?.cleanup());

    it("writes a config with adopt: true that loads and mirrors DSS", async () => {
      const result = await sandbox.run(["generate", "-p", "GEN", "-c", "gen.yml"]);
      assert.equal(result.code, 0, result.stdout + result.stderr);
      assert.match(result.stdout, /Wrote gen\.yml: project GEN, 3 dataset\(s\), 1 recipe\(s\), 1 managed folder\(s\), 1 scenario\(s\)/);
      assert.match(result.stderr, /local variables are not written/);
      const config = parse(fs.readFileSync(path.join(sandbox.dir, "gen.yml"), "utf8"));
      assert.deepEqual(config.project, {
        key: "GEN", name: "Generated", description: "Made by hand", tags: ["a", "b"],
        variables: { standard: { env: "prod", threshold: 3 } }, adopt: true,
      });
      assert.deepEqual(config.datasets.map((d: { name: string }) => d.name), ["CLEAN", "EXPORTS", "RAW"]);
      assert.ok([...config.datasets, ...config.recipes].every((e: { adopt?: boolean }) => e.adopt === true));
      const exportsDs = config.datasets.find((d: { name: string }) => d.name === "EXPORTS");
      assert.equal(exportsDs.type, "Filesystem");
      assert.deepEqual(exportsDs.params, { path: "/exports/gen" });
      assert.deepEqual(exportsDs.schema.columns[1], { name: "label", type: "string", comment: "shown" });
      assert.equal(config.recipes[0].code, "import dataiku\n# {{ not a template of ours }}\nprint('clean')\n");
      assert.deepEqual(config.managed_folders, [{ name: "reports", connection: "filesystem_folders", adopt: true }]);
      assert.deepEqual(config.scenarios, [{
        name: "nightly", active: true,
        steps: [{ name: "Build CLEAN", build: ["CLEAN"], build_mode: "RECURSIVE_BUILD" }],
        triggers: [{ name: "Time-based", cron: "0 2 * * *", timezone: "SERVER", active: true }],
        adopt: true,
      }]);

      const again = await sandbox.run(["generate", "-p", "GEN", "-c", "gen.yml"]);
      assert.equal(again.code, 1);
      assert.match(again.stderr, /gen\.yml already exists: pass --force/);
    });

    it("apply then adopts everything with zero changes to DSS, and the next plan is empty", async () => {
      const plan = await sandbox.run(["plan", "-c", "gen.yml"]);
      assert.equal(plan.code, 2, plan.stdout + plan.stderr);
      assert.match(plan.stdout, /^= project\.GEN \(exists in DSS: adopt\)$/m);
      assert.match(plan.stdout, /^= recipe\.GEN\.clean_raw \(exists in DSS: adopt\)$/m);
      assert.match(plan.stdout, /^= scenario\.GEN\.nightly \(exists in DSS: adopt\)$/m);
      assert.match(plan.stdout, /^Plan: 0 to create, 7 to adopt, 0 to update, 0 to destroy\.$/m);

      const before = await snapshot(dss, "GEN");
      dss.emulator.resetStats();
      const applied = await sandbox.run(["apply", "-c", "gen.yml", "--auto-approve"]);
      assert.equal(applied.code, 0, applied.stdout + applied.stderr);
      assert.match(applied.stdout, /^✓ = dataset\.GEN\.EXPORTS \(\d+ms\)$/m);
      // Adoption tries the create (refused: it exists) and reads; it updates and deletes nothing.
      const { byMethod } = dss.emulator.stats();
      assert.equal((byMethod.PUT ?? 0) + (byMethod.DELETE ?? 0), 0, JSON.stringify(byMethod));
      assert.deepEqual(await snapshot(dss, "GEN"), before, "DSS is untouched, version tags included");

      const after = await sandbox.run(["plan", "-c", "gen.yml"]);
      assert.equal(after.code, 0, after.stdout + after.stderr);
      assert.match(after.stdout, /No changes\. Infrastructure is up-to-date\./);
      assert.deepEqual(await dssContents(dss.client, "GEN"), { datasets: ["CLEAN", "EXPORTS", "RAW"], recipes: ["clean_raw"] });
    });
  });
});
