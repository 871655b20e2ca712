// Shared pieces of the fault matrix: an emulator that can be restarted on the same port and data,
// the generated N-resource stack, waits on emulator counters (never on durations), and the final
// check that DSS holds exactly what the config declares.
import { strict as assert } from "assert";
import { randomBytes } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { descendants } from "../../bench/procMemory";
import { PulumiStack, RunResult } from "../../bench/pulumiStack";
import { generateWorkload, Workload } from "../../bench/workload";
import { DssClient } from "../../provider/client";
import { FaultConfig, RunningEmulator, startEmulator } from "../../provider/emulator";

/** Resources per case; FAULT_MATRIX_SIZE lets a slow CI run the matrix smaller. */
export const MATRIX_SIZE = Number(process.env.FAULT_MATRIX_SIZE ?? 100);

export class FaultDss {
  private constructor(
    public emulator: RunningEmulator,
    readonly apiKey: string,
    private readonly dataDir: string,
    private faults: FaultConfig,
  ) {}

  static async start(faults: FaultConfig = {}): Promise<FaultDss> {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-dataiku-faults-"));
    const apiKey = `dkuaps-${randomBytes(24).toString("hex")}`;
    const emulator = await startEmulator({ dataDir, apiKeys: [apiKey], faults });
    return new FaultDss(emulator, apiKey, dataDir, faults);
  }

  get url(): string {
    return this.emulator.url;
  }

  setFaults(faults: FaultConfig): void {
    this.faults = faults;
    this.emulator.setFaults(faults);
  }

  /** Stops the emulator (dropping open connections) and starts it again on the same port and data. */
  async restart(): Promise<void> {
    const port = this.emulator.port;
    await this.emulator.close();
    this.emulator = await startEmulator({ dataDir: this.dataDir, apiKeys: [this.apiKey], port, faults: this.faults });
  }

  /** A client without retries, for looking at what DSS holds once the faults are cleared. */
  client(): DssClient {
    return new DssClient({ url: this.url, apiKey: this.apiKey, maxRetries: 0 });
  }

  async close(): Promise<void> {
    await this.emulator.close();
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }
}

export async function generatedStack(dss: FaultDss, projectKey: string, config: Record<string, string> = {}): Promise<{ stack: PulumiStack; workload: Workload }> {
  const workload = generateWorkload({ size: MATRIX_SIZE, projectKey });
  const stack = await PulumiStack.create({ configYaml: workload.yaml, stack: "faults" });
  await stack.setConfig("dataiku:url", dss.url);
  await stack.setConfig("dataiku:apiKey", dss.apiKey, true);
  for (const [key, value] of Object.entries(config)) await stack.setConfig(key, value);
  return { stack, workload };
}

export { createPosts } from "../../bench/calls";

/** Resolves once `condition` holds, checking on every event-loop turn; fails if `gaveUp` resolves first. */
export async function waitUntil(condition: () => boolean, gaveUp: Promise<unknown>, what: string): Promise<void> {
  let ended = false;
  void gaveUp.then(() => (ended = true));
  while (!condition()) {
    if (ended) throw new Error(`gave up waiting for ${what}: the process ended first`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * Kills the engine with SIGKILL, then the plugin processes it had started. Left alone, those
 * orphans (language host, dynamic provider) never exit: they sit idle with their gRPC ports open.
 * Killing the whole tree is also what a cancelled CI job or the OOM killer of a container does.
 * Requests already sent stay with DSS, which applies them or not; the provider's follow-up calls
 * (e.g. a dataset's settings write after its create) never happen, so recovery has to finish them.
 */
export async function killEngine(pid: number): Promise<void> {
  const children = descendants(pid);
  process.kill(pid, "SIGKILL");
  for (const child of children.filter(alive)) process.kill(child, "SIGKILL");
  while (children.some(alive)) await new Promise((resolve) => setImmediate(resolve));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function ok(result: RunResult, what: string): RunResult {
  assert.equal(result.code, 0, `${what} failed:\n${result.stdout.slice(-4000)}\n${result.stderr.slice(-4000)}`);
  return result;
}

/**
 * DSS holds exactly the declared objects: the project (and no other), every dataset and recipe,
 * none twice, nothing else; each recipe wired as declared. State has them all and nothing pending.
 */
export async function assertExactlyDesired(dss: FaultDss, stack: PulumiStack, workload: Workload): Promise<void> {
  // One line per case for the CI log and docs/faults.md: what was injected since the last (re)start.
  const { total, faultsInjected } = dss.emulator.stats();
  const injected = Object.entries(faultsInjected).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n}`).join(", ");
  process.stderr.write(`      DSS saw ${total} requests; faults injected: ${injected || "none"}\n`);
  await assertDssHoldsExactly(dss, workload);
  await assertStateMatches(stack, workload);
}

/**
 * DSS holds exactly the declared objects: the declared project (besides `otherProjects`, someone
 * else's), every dataset and recipe, none twice, nothing else; each recipe wired as declared.
 */
export async function assertDssHoldsExactly(dss: FaultDss, workload: Workload, otherProjects: string[] = []): Promise<void> {
  dss.setFaults({});
  const client = dss.client();
  const projects = (await client.projects.list()).map((p) => p.projectKey).sort();
  assert.deepEqual(projects, [workload.projectKey, ...otherProjects].sort(), "exactly one project of ours, the declared one");

  const datasets = (await client.datasets.list(workload.projectKey)).map((d) => String(d.name)).sort();
  assert.deepEqual(datasets, [...workload.datasets].sort(), "datasets: none missing, none twice, no orphans");

  const recipes = (await client.recipes.list(workload.projectKey)).map((r) => String(r.name)).sort();
  assert.deepEqual(recipes, workload.recipes.map((r) => r.name).sort(), "recipes: none missing, none twice, no orphans");
  for (const r of workload.recipes) {
    const doc = await client.recipes.get(workload.projectKey, r.name);
    assert.deepEqual(doc.recipe.inputs?.main.items?.map((i) => i.ref), [r.input], `${r.name} inputs`);
    assert.deepEqual(doc.recipe.outputs?.main.items?.map((i) => i.ref), [r.output], `${r.name} outputs`);
  }
}

/** State has every declared object once and nothing pending, and a preview plans no change. */
export async function assertStateMatches(stack: PulumiStack, workload: Workload): Promise<void> {
  const state = await stack.exportState();
  assert.deepEqual(state.deployment.pending_operations ?? [], [], "no operation left pending in state");
  const managed = (state.deployment.resources ?? []).filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/dataiku:"));
  assert.equal(managed.length, 1 + workload.datasets.length + workload.recipes.length, "state tracks every object once");
  assert.equal(new Set(managed.map((r) => r.urn)).size, managed.length, "no URN twice in state");

  ok(await stack.preview("--expect-no-changes"), "pulumi preview --expect-no-changes");
}
