// Past one project: many projects in one stack, and several stacks applied at once against one DSS
// that has a request budget. Both use the default settings and the default (fast) mode.
import type { BenchOptions } from "./options";
import { countsOf, DESTROY, Dss, log, measure, newStack, round, UP } from "./measure";
import type { PulumiStack } from "./pulumiStack";
import { generateWorkload, Workload } from "./workload";

/** A program declaring every config under projects/ as its own DataikuProject: the library's way. */
const MULTI_PROJECT_PROGRAM = `const fs = require("fs");
const path = require("path");
const pulumi = require("@pulumi/pulumi");
const { DataikuProject, loadConfig } = require("pulumi-dataiku");
module.exports = async () => {
  const dir = path.join(__dirname, "projects");
  for (const file of fs.readdirSync(dir).sort()) {
    const loaded = loadConfig({ path: path.join(dir, file), stack: pulumi.getStack(), env: process.env, config: () => undefined });
    new DataikuProject(loaded.project.projectKey, loaded);
  }
};
`;

export interface MultiProjectResult {
  projects: number;
  resourcesPerProject: number;
  upSeconds: number;
  noopUpSeconds: number;
  destroySeconds: number;
  callsPerCreate: number;
  callsNoop: number;
}

export async function measureMultiProject(options: BenchOptions, dss: Dss): Promise<MultiProjectResult> {
  const projects = options.smoke ? 2 : 10;
  const perProject = options.smoke ? 10 : 100;
  const workloads = Array.from({ length: projects }, (_, i) =>
    generateWorkload({ size: perProject, projectKey: `MULTI_${String(i + 1).padStart(2, "0")}`, descriptions: options.descriptions }),
  );
  const files: Record<string, string> = { "index.js": MULTI_PROJECT_PROGRAM };
  for (const w of workloads) files[`projects/${w.projectKey}.yml`] = w.yaml;
  const resources = workloads.map(countsOf).reduce((a, b) => ({
    project: a.project + b.project, dataset: a.dataset + b.dataset, recipe: a.recipe + b.recipe,
  }));
  const stack = await newStack(workloads[0].yaml, dss, {}, files);
  try {
    log(`${projects} projects x ${perProject} resources in one stack: up, no-op up, destroy`);
    const up = await measure(stack, UP, dss, resources);
    const noop = await measure(stack, UP, dss, resources);
    const destroy = await measure(stack, DESTROY, dss, resources);
    return {
      projects,
      resourcesPerProject: perProject,
      upSeconds: up.seconds,
      noopUpSeconds: noop.seconds,
      destroySeconds: destroy.seconds,
      callsPerCreate: up.calls.perResourceOverall,
      callsNoop: noop.calls.total,
    };
  } finally {
    stack.cleanup();
  }
}

export interface ParallelStacksResult {
  stacks: number;
  resourcesPerStack: number;
  /** DSS's request budget, split evenly over the stacks through `dataiku:requestsPerSecond`. */
  dssBudgetPerSecond: number;
  requestsPerSecondPerStack: number;
  /** Most requests DSS received in any one-second window while the stacks ran. */
  peakRequestsPerSecond: number;
  totalRequests: number;
  throttled: number;
  wallSeconds: number;
  /** Whether every stack's DSS objects were all created (each run exited 0). */
  allSucceeded: boolean;
}

/** The budget of the shared DSS in this study, in requests per second. */
const DSS_BUDGET = 100;

export async function measureParallelStacks(options: BenchOptions, dss: Dss): Promise<ParallelStacksResult> {
  const count = 5;
  const size = options.smoke ? 10 : 200;
  const perStack = Math.floor(DSS_BUDGET / count);
  const workloads: Workload[] = Array.from({ length: count }, (_, i) =>
    generateWorkload({ size, projectKey: `PAR_${i + 1}`, descriptions: options.descriptions }),
  );
  const stacks: PulumiStack[] = [];
  for (const w of workloads) stacks.push(await newStack(w.yaml, dss, { "dataiku:requestsPerSecond": String(perStack) }));
  try {
    log(`${count} stacks of ${size} resources at once, ${perStack} requests/s each (DSS budget ${DSS_BUDGET}/s)`);
    dss.emulator.resetStats();
    const peak = new PeakRate(() => dss.emulator.stats().total);
    const started = process.hrtime.bigint();
    const results = await Promise.all(stacks.map((s) => s.start(UP).done));
    const wallSeconds = round(Number(process.hrtime.bigint() - started) / 1e9);
    const peakRequestsPerSecond = peak.stop();
    const stats = dss.emulator.stats();
    for (const s of stacks) await s.start(DESTROY).done;
    return {
      stacks: count,
      resourcesPerStack: size,
      dssBudgetPerSecond: DSS_BUDGET,
      requestsPerSecondPerStack: perStack,
      peakRequestsPerSecond,
      totalRequests: stats.total,
      throttled: stats.faultsInjected.throttle ?? 0,
      wallSeconds,
      allSucceeded: results.every((r) => r.code === 0),
    };
  } finally {
    for (const s of stacks) s.cleanup();
  }
}

/** Samples a request counter every 50 ms and keeps the largest increase over any 1 s window. */
class PeakRate {
  private readonly samples: Array<[number, number]> = [];
  private peak = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly count: () => number) {
    this.timer = setInterval(() => this.sample(), 50);
  }

  private sample(): void {
    const now = Date.now();
    this.samples.push([now, this.count()]);
    while (this.samples.length > 0 && now - this.samples[0][0] > 1000) this.samples.shift();
    this.peak = Math.max(this.peak, this.samples[this.samples.length - 1][1] - this.samples[0][1]);
  }

  stop(): number {
    clearInterval(this.timer);
    this.sample();
    return this.peak;
  }
}
