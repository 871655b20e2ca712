// `npm run bench`: wall time, DSS calls, state size and peak memory of pulumi up/preview/refresh/
// destroy on generated configs, against the emulator with a fixed latency, next to two baselines
// (the sequential Wave 4 apply on the official Python client, and the latency-bound ideal); then
// the scale workloads and the crash case. Prints tables and writes the figures as JSON.
// See docs/benchmarks.md.
import { randomBytes } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PACKAGE_ROOT } from "../provider/automation/offlineEnv";
import { startEmulator } from "../provider/emulator";
import { CrashResult, measureCrash } from "./crash";
import {
  CHECKPOINTS_ON, countsOf, deleteProject, DESTROY, Dss, log, measure, median, newStack, REFRESH, round,
  stateBytesPerResource, UP,
} from "./measure";
import { BenchOptions, parseArgs } from "./options";
import { cpuText, evaluateTargets, KnobResult, knobTable, scaleTable, SizeResult, sizeTable } from "./report";
import { measureMultiProject, measureParallelStacks } from "./scale";
import { hasPythonClient, runSequential } from "./sequentialBaseline";
import { generateWorkload } from "./workload";

export { parseArgs } from "./options";
export { evaluateTargets, sizeTable, knobTable } from "./report";
export type { SizeResult, KnobResult, Target } from "./report";

/** The provider's default when dataiku:maxConcurrency is unset (provider/client/http.ts). */
const DEFAULT_MAX_CONCURRENCY = 16;
/** PULUMI_PARALLEL in scripts/pulumi-offline.env. */
const DEFAULT_PARALLEL = 16;

async function measureSize(size: number, options: BenchOptions, dss: Dss): Promise<SizeResult> {
  const workload = generateWorkload({ size, descriptions: options.descriptions });
  const resources = countsOf(workload);
  const stack = await newStack(workload.yaml, dss);
  try {
    log(`N=${size}: pulumi up from empty`);
    const up = await measure(stack, UP, dss, resources);
    const stateBytes = await stateBytesPerResource(stack);
    log(`N=${size}: no-op up, preview, refresh`);
    const noopUp = await measure(stack, UP, dss, resources);
    const preview = await measure(stack, ["preview"], dss, resources);
    const refresh = await measure(stack, REFRESH, dss, resources);
    log(`N=${size}: destroy`);
    const destroy = await measure(stack, DESTROY, dss, resources);
    const samples: SizeResult["samples"] = { up: [up.seconds], upCheckpoints: [], sequential: [] };
    const commands: Record<string, typeof up> = { up, noopUp, preview, refresh, destroy };
    // Rounds interleave our up with the sequential baseline, so a stretch where the machine runs
    // slow (a shared VM) lands on both sides of the ratio instead of on one.
    for (let n = 1; n <= options.repeat; n++) {
      if (n > 1) {
        log(`N=${size}: round ${n} of ${options.repeat}: up`);
        samples.up.push((await measure(stack, UP, dss, resources)).seconds);
        await measure(stack, DESTROY, dss, resources);
      }
      if (options.sequential) {
        log(`N=${size}: sequential baseline (Python, dataikuapi), round ${n} of ${options.repeat}`);
        samples.sequential.push(round(await runSequential(workload, dss.emulator.url, dss.apiKey, options.descriptions)));
        await deleteProject(dss, workload.projectKey);
      }
    }
    if (options.checkpoints) {
      // The old default is a reference point, and slow at large N (O(N^2)): one round.
      log(`N=${size}: up with checkpoints on (the old default)`);
      const withCheckpoints = await measure(stack, UP, dss, resources, CHECKPOINTS_ON);
      samples.upCheckpoints.push(withCheckpoints.seconds);
      commands.upCheckpoints = withCheckpoints;
      await measure(stack, DESTROY, dss, resources);
    }
    const sequential = samples.sequential.length > 0 ? median(samples.sequential) : undefined;
    const upCheckpoints = samples.upCheckpoints.length > 0 ? median(samples.upCheckpoints) : undefined;
    up.seconds = median(samples.up);

    const perKind = up.calls.perResource;
    const latency = options.latencyMs / 1000;
    // The chain project → dataset → recipe, each step as many round trips as its kind's create.
    const pathCalls = (perKind.project ?? 0) + (workload.criticalPath >= 2 ? perKind.dataset ?? 0 : 0)
      + (workload.criticalPath >= 3 ? perKind.recipe ?? 0 : 0);
    const idealCriticalPath = round(pathCalls * latency);
    const idealConcurrencyBound = round(Math.max(idealCriticalPath, (up.calls.total * latency) / DEFAULT_MAX_CONCURRENCY));
    const byCommand = Object.fromEntries(Object.entries(commands).map(([k, m]) => [k, m.memory]));
    const peak = (key: "engineMiB" | "providerMiB" | "programMiB") => Math.max(...Object.values(commands).map((m) => m.memory[key]));
    return {
      size,
      resources,
      criticalPath: workload.criticalPath,
      seconds: {
        up: up.seconds,
        upCheckpoints,
        noopUp: noopUp.seconds,
        preview: preview.seconds,
        refresh: refresh.seconds,
        destroy: destroy.seconds,
        sequential,
        idealCriticalPath,
        idealConcurrencyBound,
      },
      stateBytesPerResource: stateBytes,
      samples,
      calls: { create: up.calls, noopUp: noopUp.calls, preview: preview.calls, refresh: refresh.calls, delete: destroy.calls },
      memory: { engineMiB: peak("engineMiB"), providerMiB: peak("providerMiB"), programMiB: peak("programMiB"), byCommand },
      ratios: {
        sequentialOverUp: sequential === undefined ? undefined : round(sequential / up.seconds),
        sequentialOverUpCheckpoints: sequential === undefined || upCheckpoints === undefined ? undefined : round(sequential / upCheckpoints),
        upOverIdealCriticalPath: round(up.seconds / Math.max(idealCriticalPath, 1e-3)),
        upOverIdealConcurrencyBound: round(up.seconds / Math.max(idealConcurrencyBound, 1e-3)),
      },
    };
  } finally {
    stack.cleanup();
  }
}

// ---- the settings study (default mode) ----

interface Knob {
  label: string;
  parallel?: number;
  maxConcurrency?: number;
  requestsPerSecond?: number;
}

const KNOBS: Knob[] = [
  { label: "defaults (--parallel 16, maxConcurrency 16)" },
  { label: "--parallel 8, maxConcurrency 8 (the defaults before 0.2)", parallel: 8, maxConcurrency: 8 },
  { label: "--parallel 2", parallel: 2 },
  { label: "--parallel 32, maxConcurrency 32", parallel: 32, maxConcurrency: 32 },
  { label: "maxConcurrency 2", maxConcurrency: 2 },
  { label: "requestsPerSecond 50", requestsPerSecond: 50 },
];

async function measureKnobs(options: BenchOptions, dss: Dss): Promise<KnobResult[]> {
  const workload = generateWorkload({ size: options.knobSize, descriptions: options.descriptions });
  const resources = countsOf(workload);
  const results: KnobResult[] = [];
  for (const knob of KNOBS) {
    log(`knobs, N=${options.knobSize}: ${knob.label}`);
    const config: Record<string, string> = {};
    if (knob.maxConcurrency) config["dataiku:maxConcurrency"] = String(knob.maxConcurrency);
    if (knob.requestsPerSecond) config["dataiku:requestsPerSecond"] = String(knob.requestsPerSecond);
    const stack = await newStack(workload.yaml, dss, config);
    try {
      const flags = knob.parallel ? ["--parallel", String(knob.parallel)] : [];
      const up = await measure(stack, [...UP, ...flags], dss, resources);
      const destroy = await measure(stack, [...DESTROY, ...flags], dss, resources);
      results.push({
        label: knob.label,
        parallel: knob.parallel ?? DEFAULT_PARALLEL,
        maxConcurrency: knob.maxConcurrency ?? DEFAULT_MAX_CONCURRENCY,
        requestsPerSecond: knob.requestsPerSecond,
        upSeconds: up.seconds,
        destroySeconds: destroy.seconds,
        createCalls: up.calls.total,
        engineMiB: up.memory.engineMiB,
        providerMiB: up.memory.providerMiB,
        upCpu: cpuText(up.memory),
      });
    } finally {
      stack.cleanup();
    }
  }
  return results;
}

function machine(): Record<string, unknown> {
  const cpus = os.cpus();
  return {
    nproc: cpus.length,
    cpuModel: cpus[0]?.model ?? "unknown",
    totalMemoryGiB: round(os.totalmem() / 1024 ** 3),
    platform: `${os.type()} ${os.release()}`,
    node: process.version,
    loadAverageAtStart: os.loadavg().map(round),
  };
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  if (options.sequential && !hasPythonClient()) {
    throw new Error("The sequential baseline needs the Python client in .venv: run scripts/setup.sh, or pass --no-sequential.");
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-dss-"));
  const apiKey = `dkuaps-${randomBytes(24).toString("hex")}`;
  const emulator = await startEmulator({ dataDir, apiKeys: [apiKey], faults: { latencyMs: options.latencyMs } });
  const dss = { emulator, apiKey };
  const started = new Date();
  const host = machine();
  try {
    const sizes: SizeResult[] = [];
    for (const size of options.sizes) sizes.push(await measureSize(size, options, dss));
    const knobs = options.knobs ? await measureKnobs(options, dss) : [];
    const multiProject = options.scale ? await measureMultiProject(options, dss) : undefined;
    const parallelStacks = options.scale ? await measureParallelStacks(options, dss) : undefined;
    const crash: CrashResult | undefined = options.crash ? await measureCrash(options, dss) : undefined;
    const targets = evaluateTargets(sizes, crash);
    const report = {
      startedAt: started.toISOString(),
      finishedAt: new Date().toISOString(),
      machine: { ...host, loadAverageAtEnd: os.loadavg().map(round) },
      options: { ...options, out: path.relative(PACKAGE_ROOT, options.out) },
      defaults: { parallel: DEFAULT_PARALLEL, maxConcurrency: DEFAULT_MAX_CONCURRENCY, requestsPerSecond: "unlimited", checkpoints: "skipped" },
      sizes,
      knobs,
      multiProject,
      parallelStacks,
      crash,
      targets,
    };
    fs.mkdirSync(path.dirname(options.out), { recursive: true });
    fs.writeFileSync(options.out, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`\nMachine: ${host.nproc} CPUs (${host.cpuModel}), ${host.totalMemoryGiB} GiB; latency ${options.latencyMs} ms per request\n`);
    console.log(sizeTable(sizes));
    if (knobs.length > 0) {
      console.log(`\nSettings at N=${options.knobSize}:\n`);
      console.log(knobTable(knobs));
    }
    if (multiProject || parallelStacks) console.log(`\nPast one project:\n\n${scaleTable(multiProject, parallelStacks)}`);
    console.log("\nTargets:");
    for (const t of targets) console.log(`  [${t.met === undefined ? "n/a" : t.met ? "met" : "MISSED"}] ${t.name}: ${t.detail}`);
    console.log(`\nCreate calls by route at N=${sizes[sizes.length - 1].size}:`);
    for (const [route, n] of Object.entries(sizes[sizes.length - 1].calls.create.byRoute)) console.log(`  ${n}\t${route}`);
    console.log(`\nWrote ${path.relative(process.cwd(), options.out)}`);
    const missed = targets.filter((t) => t.deterministic && t.met === false);
    if (options.check && missed.length > 0) {
      console.error(`Targets missed: ${missed.map((t) => t.name).join("; ")}`);
      process.exitCode = 1;
    }
  } finally {
    await emulator.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  });
}
