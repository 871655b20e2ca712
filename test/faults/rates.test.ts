// Fault matrix, part 1: faults DSS throws at a whole apply (error rates, throttling, dropped
// connections, lost answers). A single `pulumi up` must come through each of them on its own, with
// DSS then holding exactly the declared objects. Rates come from the emulator's seeded PRNG.
import { strict as assert } from "assert";
import { hasPulumi } from "../helpers/pulumiCli";
import { PulumiStack } from "../../bench/pulumiStack";
import { Workload } from "../../bench/workload";
import { assertExactlyDesired, createPosts, FaultDss, generatedStack, MATRIX_SIZE, ok, waitUntil } from "./harness";

describe(`fault matrix: DSS misbehaving during an apply (N = ${MATRIX_SIZE})`, function () {
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

  async function setUp(projectKey: string, config: Record<string, string> = {}): Promise<{ stack: PulumiStack; workload: Workload; dss: FaultDss }> {
    dss = await FaultDss.start({ latencyMs: 5 });
    const made = await generatedStack(dss, projectKey, config);
    stack = made.stack;
    return { ...made, dss };
  }

  it("a 20% rate of 5xx answers: retries (and a look before re-sending a create) absorb it", async () => {
    // At 20% per request, six failures in a row (the default maxRetries of 5) hit about one run in
    // forty at N = 100; a DSS this sick is what dataiku:maxRetries is for.
    const env = await setUp("FAULT_5XX", { "dataiku:maxRetries": "10" });
    env.dss.setFaults({
      latencyMs: 5,
      seed: 5,
      rules: [
        { fault: "error", status: 500, rate: 0.1 },
        { fault: "error", status: 503, rate: 0.11 },
      ],
    });
    ok(await env.stack.up(), "pulumi up under a 20% 5xx rate");
    const stats = env.dss.emulator.stats();
    assert.ok(stats.faultsInjected.error >= stats.total * 0.1, `5xx were injected: ${JSON.stringify(stats.faultsInjected)} of ${stats.total}`);
    await assertExactlyDesired(env.dss, env.stack, env.workload);
  });

  it("429 bursts with Retry-After: the client waits as told and goes on", async () => {
    // Each throttled request waits its Retry-After, then is sent again; 429s do not use up
    // maxRetries (only maxThrottleWaitMs, 2 minutes), so the default settings ride out the bursts.
    const env = await setUp("FAULT_429");
    const burst = { latencyMs: 5, rules: [{ fault: "throttle" as const, retryAfterSeconds: 1, times: 16 }] };
    const up = env.stack.start(["up", "--yes", "--skip-preview"]);
    await waitUntil(() => createPosts(env.dss.emulator.stats()) >= 10, up.done, "10 creates");
    env.dss.setFaults(burst);
    await waitUntil(() => createPosts(env.dss.emulator.stats()) >= Math.floor(MATRIX_SIZE / 2), up.done, "half of the creates");
    env.dss.setFaults(burst);
    ok(await up.done, "pulumi up through two 429 bursts");
    assert.equal(env.dss.emulator.stats().faultsInjected.throttle, 32, "both bursts were served in full");
    await assertExactlyDesired(env.dss, env.stack, env.workload);
  });

  it("10% of connections dropped before DSS applies the request", async () => {
    const env = await setUp("FAULT_DROP");
    env.dss.setFaults({ latencyMs: 5, seed: 10, rules: [{ fault: "drop", rate: 0.1 }] });
    ok(await env.stack.up(), "pulumi up with 10% dropped connections");
    assert.ok(env.dss.emulator.stats().faultsInjected.drop > 0, "connections were dropped");
    await assertExactlyDesired(env.dss, env.stack, env.workload);
  });

  it("10% of create answers lost after DSS applied them: no create is made twice", async () => {
    const env = await setUp("FAULT_LOST");
    env.dss.setFaults({ latencyMs: 5, seed: 7, rules: [{ fault: "lostResponse", method: "POST", rate: 0.1 }] });
    ok(await env.stack.up(), "pulumi up with 10% of create answers lost");
    const stats = env.dss.emulator.stats();
    assert.ok(stats.faultsInjected.lostResponse > 0, "create answers were lost");
    await assertExactlyDesired(env.dss, env.stack, env.workload);
  });
});
