// Fault matrix, part 3: an apply in the default (fast) mode killed with SIGKILL at 10%, 50% and 90%
// of its creates, then one plain recovery run: `dataiku-iac apply`, or `pulumi up` after the
// `pulumi cancel` that Pulumi's lock message asks for. With checkpoints skipped the killed run saves
// no state at all; what lets the next run take over exactly its creations is the ownership tag on
// each DSS object and the create journal. A colleague's object must stay untouched.
import { strict as assert } from "assert";
import { generateWorkload, Workload } from "../../bench/workload";
import { PulumiStack } from "../../bench/pulumiStack";
import { ownerTag } from "../../provider/common/ownership";
import { CliSandbox, collect } from "../cli/helpers";
import { hasPulumi } from "../helpers/pulumiCli";
import type { TestDss } from "../helpers/emulator";
import { assertDssHoldsExactly, assertStateMatches, createPosts, FaultDss, killEngine, ok, waitUntil } from "./harness";

/** N of the issue's crash case; KILL_MATRIX_SIZE lets a slow machine run it smaller. */
const KILL_SIZE = Number(process.env.KILL_MATRIX_SIZE ?? 200);
const FRACTIONS = [0.1, 0.5, 0.9];
const UP = ["up", "--yes", "--skip-preview"];

/** A project and dataset of someone else's, made before the run: nothing may touch them. */
async function addForeignObjects(dss: FaultDss): Promise<() => Promise<void>> {
  const client = dss.client();
  await client.projects.create({ projectKey: "COLLEAGUE", name: "Not ours", tags: ["theirs"] });
  await client.datasets.createManaged("COLLEAGUE", { name: "KEEP", creationSettings: { connectionId: "filesystem_managed" } });
  const before = JSON.stringify([await client.projects.getMetadata("COLLEAGUE"), await client.datasets.get("COLLEAGUE", "KEEP")]);
  return async () => {
    const after = JSON.stringify([await client.projects.getMetadata("COLLEAGUE"), await client.datasets.get("COLLEAGUE", "KEEP")]);
    assert.equal(after, before, "the colleague's project and dataset are untouched");
  };
}

function createsOf(workload: Workload): number {
  return 1 + workload.datasets.length + workload.recipes.length;
}

describe(`fault matrix: SIGKILL in the default mode at ${FRACTIONS.map((f) => `${f * 100}%`).join(", ")} of N = ${KILL_SIZE}`, function () {
  this.timeout(600_000);
  let dss: FaultDss | undefined;

  before(function () {
    if (!hasPulumi()) this.skip();
  });
  afterEach(async () => {
    await dss?.close();
    dss = undefined;
  });

  for (const fraction of FRACTIONS) {
    it(`pulumi up killed at ${fraction * 100}%, then pulumi cancel and one plain pulumi up`, async () => {
      dss = await FaultDss.start({ latencyMs: 20 });
      const untouched = await addForeignObjects(dss);
      const workload = generateWorkload({ size: KILL_SIZE, projectKey: "KILLED" });
      const stack = await PulumiStack.create({ configYaml: workload.yaml, stack: "killed" });
      try {
        await stack.setConfig("dataiku:url", dss.url);
        await stack.setConfig("dataiku:apiKey", dss.apiKey, true);
        const up = stack.start(UP);
        const target = Math.ceil(fraction * createsOf(workload));
        await waitUntil(() => createPosts(dss!.emulator.stats()) >= target, up.done, `${target} creates`);
        await killEngine(up.child.pid!);
        assert.equal((await up.done).signal, "SIGKILL");
        // With checkpoints skipped the killed run wrote nothing: state still has no resource.
        assert.equal((await stack.exportState()).deployment.resources?.length ?? 0, 0, "the killed run saved no state");

        ok(await stack.expectOk(["cancel", "--yes"]), "pulumi cancel (the lock the killed run left)");
        ok(await stack.up(), "the plain pulumi up after the kill");
        await assertDssHoldsExactly(dss, workload, ["COLLEAGUE"]);
        await assertStateMatches(stack, workload);
        await untouched();
        assert.ok((await dss.client().datasets.get("KILLED", workload.datasets[0])).tags?.includes(ownerTag("dataiku-generated/killed")));
      } finally {
        stack.cleanup();
      }
    });

    it(`dataiku-iac apply killed at ${fraction * 100}%, then one plain dataiku-iac apply`, async () => {
      dss = await FaultDss.start({ latencyMs: 20 });
      const untouched = await addForeignObjects(dss);
      const workload = generateWorkload({ size: KILL_SIZE, projectKey: "KILLED" });
      const sandbox = CliSandbox.create(dss as unknown as TestDss);
      try {
        sandbox.write("dataiku.yml", workload.yaml);
        const child = sandbox.spawn(["apply", "--auto-approve", "-e", "killed"]);
        const done = collect(child);
        const target = Math.ceil(fraction * createsOf(workload));
        await waitUntil(() => createPosts(dss!.emulator.stats()) >= target, done, `${target} creates`);
        process.kill(-(child.pid as number), "SIGKILL");
        await done;
        sandbox.killStragglers(); // the provider process runs in a group of its own

        const resumed = await sandbox.run(["apply", "--auto-approve", "-e", "killed"]);
        assert.equal(resumed.code, 0, resumed.stdout + resumed.stderr);
        await assertDssHoldsExactly(dss, workload, ["COLLEAGUE"]);
        const plan = await sandbox.run(["plan", "-e", "killed"]);
        assert.equal(plan.code, 0, plan.stdout + plan.stderr);
        assert.match(plan.stdout, /No changes\. Infrastructure is up-to-date\./);
        await untouched();
      } finally {
        sandbox.cleanup();
      }
    });
  }

  it("a colleague's object with a declared name still fails the run, naming adopt, and stays as it was", async () => {
    dss = await FaultDss.start({});
    const workload = generateWorkload({ size: 10, projectKey: "CLASH" });
    const stack = await PulumiStack.create({ configYaml: workload.yaml, stack: "clash" });
    try {
      await stack.setConfig("dataiku:url", dss.url);
      await stack.setConfig("dataiku:apiKey", dss.apiKey, true);
      await dss.client().projects.create({ projectKey: "CLASH", name: "Made by a colleague" });
      const failed = await stack.up();
      assert.notEqual(failed.code, 0);
      assert.match(failed.stdout + failed.stderr, /Project CLASH already exists in DSS and is not managed by this stack.*adopt: true/);
      const meta = await dss.client().projects.getMetadata("CLASH");
      assert.deepEqual([meta.label, meta.tags], ["Made by a colleague", []]);
    } finally {
      stack.cleanup();
    }
  });
});
