// Fault matrix, part 2: an apply interrupted from outside (DSS restarted, the engine killed, a
// second `pulumi up` on the same stack), then the documented recovery (docs/faults.md). Every
// interruption is triggered by the emulator's counters (creates seen so far), never by a delay.
import { strict as assert } from "assert";
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { PulumiStack, RunResult } from "../../bench/pulumiStack";
import { PACKAGE_ROOT } from "../../provider/automation/offlineEnv";
import { hasPulumi } from "../helpers/pulumiCli";
import { assertExactlyDesired, createPosts, FaultDss, generatedStack, killEngine, MATRIX_SIZE, ok, waitUntil } from "./harness";

const UP = ["up", "--yes", "--skip-preview"];
const CHECKPOINTS = { PULUMI_SKIP_CHECKPOINTS: "false" };
const LOCKED = /currently locked/i;

/** Runs scripts/recover-pending (the compiled script) as a user would, asynchronously. */
function recoverPending(stack: PulumiStack): Promise<RunResult> {
  const script = path.join(PACKAGE_ROOT, "dist", "scripts", "recover-pending.js");
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, "--stack", stack.stack, "--cwd", stack.dir, "--cancel-lock"], {
      env: { ...process.env, ...stack.commandEnv() },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

describe(`fault matrix: interrupted applies and their recovery (N = ${MATRIX_SIZE})`, function () {
  this.timeout(300_000);
  let dss: FaultDss | undefined;
  let stack: PulumiStack | undefined;

  before(function () {
    if (!hasPulumi()) this.skip();
  });
  afterEach(async () => {
    stack?.cleanup();
    stack = undefined;
    await dss?.close();
    dss = undefined;
  });

  it("DSS restarted in the middle of an apply", async () => {
    dss = await FaultDss.start({ latencyMs: 20 });
    const made = await generatedStack(dss, "FAULT_RESTART");
    stack = made.stack;
    const up = stack.start(UP);
    await waitUntil(() => createPosts(dss!.emulator.stats()) >= 30, up.done, "30 creates");
    await dss.restart();
    const first = await up.done;
    // Requests refused while DSS was down are retried; one that outlives the retries fails the run,
    // and the recovery is simply another `pulumi up` (creates it sent are found, not repeated).
    if (first.code !== 0) {
      process.stderr.write("      (the run did not outlive the restart; a second pulumi up recovers)\n");
      assert.doesNotMatch(first.stdout + first.stderr, /already exists/, "a failed run must not stumble on its own creates");
      ok(await stack.up(), "pulumi up after the restart");
    }
    await assertExactlyDesired(dss, stack, made.workload);
  });

  // With checkpoints on (no longer the default); the default mode's kill cases are in killed.test.ts.
  it("pulumi up with checkpoints on, killed with SIGKILL mid-apply, then scripts/recover-pending.sh", async () => {
    dss = await FaultDss.start({ latencyMs: 30 });
    const made = await generatedStack(dss, "FAULT_KILL");
    stack = made.stack;
    const up = stack.start(UP, CHECKPOINTS);
    await waitUntil(() => createPosts(dss!.emulator.stats()) >= 30, up.done, "30 creates");
    await killEngine(up.child.pid!);
    assert.equal((await up.done).signal, "SIGKILL");

    // What the killed run leaves: creates recorded as pending, and the stack's lock.
    const pending = (await stack.exportState()).deployment.pending_operations ?? [];
    assert.ok(pending.some((op) => op.type === "creating"), `pending creates in state: ${JSON.stringify(pending.map((p) => p.type))}`);
    const blocked = await stack.up();
    assert.notEqual(blocked.code, 0);
    assert.match(blocked.stdout + blocked.stderr, LOCKED, "a plain up is refused by the left-over lock");

    const recovery = await recoverPending(stack);
    assert.equal(recovery.code, 0, `recover-pending failed:\n${recovery.stdout}\n${recovery.stderr}`);
    assert.match(recovery.stdout, /pending create\(s\): /);
    const stackConfig = fs.readFileSync(path.join(stack.dir, `Pulumi.${stack.stack}.yaml`), "utf8");
    assert.doesNotMatch(stackConfig, /adoptIds/, "the one-run adoptIds setting is removed again");
    await assertExactlyDesired(dss, stack, made.workload);
  });

  it("two pulumi up on one stack at once: the second is refused by the lock, nothing is corrupted", async () => {
    dss = await FaultDss.start({ latencyMs: 20 });
    const made = await generatedStack(dss, "FAULT_LOCK");
    stack = made.stack;
    const first = stack.start(UP);
    // Once DSS has seen a create, the first run holds the lock for sure.
    await waitUntil(() => createPosts(dss!.emulator.stats()) >= 1, first.done, "the first create");
    const second = await stack.start(UP).done;
    assert.notEqual(second.code, 0, "the second run must not apply anything");
    assert.match(second.stdout + second.stderr, LOCKED);
    ok(await first.done, "the first pulumi up");
    await assertExactlyDesired(dss, stack, made.workload);
  });
});
