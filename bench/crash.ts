// The crash case of `npm run bench`: an apply in the default mode killed with SIGKILL halfway
// through its creates, then `pulumi cancel` (the lock it left) and one plain `pulumi up`. It
// converges when DSS then holds exactly the declared objects and a preview plans no change.
// `--check` fails when it does not; test/faults/killed.test.ts runs the full matrix.
import { createPosts } from "./calls";
import { descendants } from "./procMemory";
import type { BenchOptions } from "./options";
import { Dss, log, newStack, round, UP } from "./measure";
import type { PulumiStack } from "./pulumiStack";
import { generateWorkload, Workload } from "./workload";

export interface CrashResult {
  size: number;
  killedAfterCreates: number;
  recoverySeconds: number;
  converged: boolean;
  detail: string;
}

export async function measureCrash(options: BenchOptions, dss: Dss): Promise<CrashResult> {
  const size = options.knobSize;
  const workload = generateWorkload({ size, projectKey: "CRASH", descriptions: options.descriptions });
  const stack = await newStack(workload.yaml, dss);
  try {
    log(`crash case, N=${size}: up killed at 50% of its creates, then pulumi cancel and pulumi up`);
    dss.emulator.resetStats();
    const target = Math.ceil(size / 2);
    const up = stack.start(UP);
    let ended = false;
    void up.done.then(() => (ended = true));
    while (!ended && createPosts(dss.emulator.stats()) < target) await new Promise((resolve) => setImmediate(resolve));
    const killedAfterCreates = createPosts(dss.emulator.stats());
    killTree(up.child.pid!);
    await up.done;
    const started = process.hrtime.bigint();
    await stack.start(["cancel", "--yes"]).done;
    const recovered = await stack.start(UP).done;
    const recoverySeconds = round(Number(process.hrtime.bigint() - started) / 1e9);
    const problems = recovered.code === 0 ? await differences(dss, workload, stack) : [`pulumi up failed: ${recovered.stderr.slice(-400)}`];
    await stack.start(["destroy", "--yes", "--skip-preview"]).done;
    return { size, killedAfterCreates, recoverySeconds, converged: problems.length === 0, detail: problems.join("; ") || "exact" };
  } finally {
    stack.cleanup();
  }
}

/** SIGKILL for the engine and every process it started, as a lost CI runner would. */
function killTree(pid: number): void {
  for (const p of [pid, ...descendants(pid)]) {
    try {
      process.kill(p, "SIGKILL");
    } catch {
      // already gone
    }
  }
}

/** What DSS or the stack got wrong, as short sentences; empty when DSS holds exactly the config. */
async function differences(dss: Dss, workload: Workload, stack: PulumiStack): Promise<string[]> {
  const get = async (route: string) => {
    const auth = `Basic ${Buffer.from(`${dss.apiKey}:`).toString("base64")}`;
    const res = await fetch(`${dss.emulator.url}/public/api${route}`, { headers: { Authorization: auth } });
    return (await res.json()) as Array<{ name: string }>;
  };
  const problems: string[] = [];
  const datasets = (await get(`/projects/${workload.projectKey}/datasets/`)).map((d) => d.name).sort();
  const recipes = (await get(`/projects/${workload.projectKey}/recipes/`)).map((r) => r.name).sort();
  if (JSON.stringify(datasets) !== JSON.stringify([...workload.datasets].sort())) problems.push(`datasets differ (${datasets.length} in DSS, ${workload.datasets.length} declared)`);
  const declared = workload.recipes.map((r) => r.name).sort();
  if (JSON.stringify(recipes) !== JSON.stringify(declared)) problems.push(`recipes differ (${recipes.length} in DSS, ${declared.length} declared)`);
  const preview = await stack.start(["preview", "--expect-no-changes"]).done;
  if (preview.code !== 0) problems.push("preview --expect-no-changes failed");
  return problems;
}
