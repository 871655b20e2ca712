// `npm run bench`: wall time, DSS calls and peak memory of pulumi up/preview/refresh/destroy on
// generated configs, against the emulator with a fixed latency, next to two baselines (the
// sequential Wave 4 apply on the official Python client, and the latency-bound ideal). Prints a
// table and writes the figures and ratios as JSON. See docs/benchmarks.md.
import { randomBytes } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PACKAGE_ROOT } from "../provider/automation/offlineEnv";
import { RunningEmulator, startEmulator } from "../provider/emulator";
import { breakDown, CallBreakdown, KindCounts } from "./calls";
import { PeakMemory, TreeMemorySampler } from "./procMemory";
import { PulumiStack } from "./pulumiStack";
import { hasPythonClient, runSequential } from "./sequentialBaseline";
import { generateWorkload, Workload } from "./workload";

export interface BenchOptions {
  sizes: number[];
  latencyMs: number;
  sequential: boolean;
  knobs: boolean;
  knobSize: number;
  descriptions: boolean;
  /** Rounds of the timed up-from-empty runs and of the sequential baseline; medians are reported. */
  repeat: number;
  /** Exit 1 when a call-count target is missed (those are deterministic; timings never fail). */
  check: boolean;
  out: string;
}

/** The provider's default when dataiku:maxConcurrency is unset (provider/client/http.ts). */
const DEFAULT_MAX_CONCURRENCY = 8;
const SKIP_CHECKPOINTS = { PULUMI_SKIP_CHECKPOINTS: "true" };

const USAGE = `npm run bench -- [--smoke] [--sizes 10,100,200,500,1000] [--latency MS] [--knob-size N]
                     [--repeat R] [--check] [--no-knobs] [--no-sequential] [--no-descriptions] [--out FILE]
  --smoke            N = 10 only, no knob study (what CI runs)
  --sizes            resource counts to measure (project included); default 10,100,200,500,1000
  --latency          latency the emulator adds to every request, in ms; default 20
  --knob-size        size of the concurrency / checkpoint / rate-limit study; default 200
  --repeat           rounds of up-from-empty and of the sequential baseline (medians); default 1
  --check            exit 1 if a DSS-call target is missed (0 for no-op, <= 3 per create, 1 per delete)
  --no-knobs         skip that study
  --no-sequential    skip the Python sequential baseline
  --no-descriptions  datasets without a description (no settings write on create)
  --out              JSON output; default bench/results/latest.json`;

export function parseArgs(argv: string[]): BenchOptions {
  const options: BenchOptions = {
    sizes: [10, 100, 200, 500, 1000],
    latencyMs: 20,
    sequential: true,
    knobs: true,
    knobSize: 200,
    descriptions: true,
    repeat: 1,
    check: false,
    out: path.join(PACKAGE_ROOT, "bench", "results", "latest.json"),
  };
  const value = (i: number, flag: string) => {
    const v = argv[i + 1];
    if (v === undefined) throw new Error(`${flag} needs a value.\n${USAGE}`);
    return v;
  };
  const positiveInt = (v: string, flag: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} takes whole numbers of 1 or more, got "${v}".\n${USAGE}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    switch (flag) {
      case "--smoke":
        options.sizes = [10];
        options.knobs = false;
        break;
      case "--sizes":
        options.sizes = value(i++, flag).split(",").map((s) => positiveInt(s.trim(), flag));
        break;
      case "--latency": {
        const n = Number(value(i++, flag));
        if (!Number.isFinite(n) || n < 0) throw new Error(`--latency takes milliseconds >= 0.\n${USAGE}`);
        options.latencyMs = n;
        break;
      }
      case "--knob-size":
        options.knobSize = positiveInt(value(i++, flag), flag);
        break;
      case "--repeat":
        options.repeat = positiveInt(value(i++, flag), flag);
        break;
      case "--check":
        options.check = true;
        break;
      case "--no-knobs":
        options.knobs = false;
        break;
      case "--no-sequential":
        options.sequential = false;
        break;
      case "--no-descriptions":
        options.descriptions = false;
        break;
      case "--out":
        options.out = path.resolve(value(i++, flag));
        break;
      case "--help":
      case "-h":
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        throw new Error(`Unknown option ${flag}.\n${USAGE}`);
    }
  }
  return options;
}

// ---- one measured pulumi command ----

interface Measured {
  seconds: number;
  memory: PeakMemory;
  calls: CallBreakdown;
}

interface Dss {
  emulator: RunningEmulator;
  apiKey: string;
}

async function measure(
  stack: PulumiStack,
  args: string[],
  dss: Dss,
  resources: KindCounts,
  extraEnv: Record<string, string> = {},
): Promise<Measured> {
  dss.emulator.resetStats();
  const started = process.hrtime.bigint();
  const running = stack.start(args, extraEnv);
  const sampler = new TreeMemorySampler(running.child.pid!).start();
  const result = await running.done;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const memory = sampler.stop();
  if (result.code !== 0) {
    throw new Error(`pulumi ${args.join(" ")} failed (${result.code ?? result.signal}):\n${tail(result.stdout)}\n${tail(result.stderr)}`);
  }
  return { seconds: round(seconds), memory, calls: breakDown(dss.emulator.stats(), resources) };
}

const UP = ["up", "--yes", "--skip-preview"];
const DESTROY = ["destroy", "--yes", "--skip-preview"];

async function newStack(workload: Workload, dss: Dss, config: Record<string, string> = {}): Promise<PulumiStack> {
  const stack = await PulumiStack.create({ configYaml: workload.yaml });
  await stack.setConfig("dataiku:url", dss.emulator.url);
  await stack.setConfig("dataiku:apiKey", dss.apiKey, true);
  for (const [key, value] of Object.entries(config)) await stack.setConfig(key, value);
  return stack;
}

function countsOf(w: Workload): KindCounts {
  return { project: 1, dataset: w.datasets.length, recipe: w.recipes.length };
}

// ---- the series over N ----

export interface SizeResult {
  size: number;
  resources: KindCounts;
  criticalPath: number;
  seconds: {
    up: number;
    upSkipCheckpoints: number;
    noopUp: number;
    preview: number;
    refresh: number;
    destroy: number;
    sequential?: number;
    idealCriticalPath: number;
    idealConcurrencyBound: number;
  };
  /** Every round's seconds; `seconds` holds their medians. */
  samples: { up: number[]; upSkipCheckpoints: number[]; sequential: number[] };
  calls: { create: CallBreakdown; noopUp: CallBreakdown; preview: CallBreakdown; refresh: CallBreakdown; delete: CallBreakdown };
  memory: { engineMiB: number; providerMiB: number; programMiB: number; byCommand: Record<string, PeakMemory> };
  ratios: {
    sequentialOverUp?: number;
    sequentialOverUpSkipCheckpoints?: number;
    upOverIdealCriticalPath: number;
    upOverIdealConcurrencyBound: number;
  };
}

async function measureSize(size: number, options: BenchOptions, dss: Dss): Promise<SizeResult> {
  const workload = generateWorkload({ size, descriptions: options.descriptions });
  const resources = countsOf(workload);
  const stack = await newStack(workload, dss);
  try {
    log(`N=${size}: pulumi up from empty`);
    const up = await measure(stack, UP, dss, resources);
    log(`N=${size}: no-op up, preview, refresh`);
    const noopUp = await measure(stack, UP, dss, resources);
    const preview = await measure(stack, ["preview"], dss, resources);
    const refresh = await measure(stack, ["refresh", "--yes", "--skip-preview"], dss, resources);
    log(`N=${size}: destroy`);
    const destroy = await measure(stack, DESTROY, dss, resources);
    log(`N=${size}: up and destroy with PULUMI_SKIP_CHECKPOINTS=true`);
    const upSkip = await measure(stack, UP, dss, resources, SKIP_CHECKPOINTS);
    await measure(stack, DESTROY, dss, resources, SKIP_CHECKPOINTS);
    const samples: SizeResult["samples"] = { up: [up.seconds], upSkipCheckpoints: [upSkip.seconds], sequential: [] };
    // Further rounds of the timings the targets depend on; the medians are reported.
    for (let n = 2; n <= options.repeat; n++) {
      log(`N=${size}: round ${n} of ${options.repeat}: up, up with skipped checkpoints`);
      samples.up.push((await measure(stack, UP, dss, resources)).seconds);
      await measure(stack, DESTROY, dss, resources, SKIP_CHECKPOINTS);
      samples.upSkipCheckpoints.push((await measure(stack, UP, dss, resources, SKIP_CHECKPOINTS)).seconds);
      await measure(stack, DESTROY, dss, resources, SKIP_CHECKPOINTS);
    }
    if (options.sequential) {
      for (let n = 1; n <= options.repeat; n++) {
        log(`N=${size}: sequential baseline (Python, dataikuapi), round ${n} of ${options.repeat}`);
        samples.sequential.push(round(await runSequential(workload, dss.emulator.url, dss.apiKey, options.descriptions)));
        await deleteProject(dss, workload.projectKey);
      }
    }
    const sequential = samples.sequential.length > 0 ? median(samples.sequential) : undefined;
    up.seconds = median(samples.up);
    upSkip.seconds = median(samples.upSkipCheckpoints);

    const perKind = up.calls.perResource;
    const latency = options.latencyMs / 1000;
    // The chain project → dataset → recipe, each step as many round trips as its kind's create.
    const pathCalls = (perKind.project ?? 0) + (workload.criticalPath >= 2 ? perKind.dataset ?? 0 : 0)
      + (workload.criticalPath >= 3 ? perKind.recipe ?? 0 : 0);
    const idealCriticalPath = round(pathCalls * latency);
    const idealConcurrencyBound = round(Math.max(idealCriticalPath, (up.calls.total * latency) / DEFAULT_MAX_CONCURRENCY));
    const commands = { up, noopUp, preview, refresh, destroy, upSkipCheckpoints: upSkip };
    const byCommand = Object.fromEntries(Object.entries(commands).map(([k, m]) => [k, m.memory]));
    const peak = (key: "engineMiB" | "providerMiB" | "programMiB") => Math.max(...Object.values(commands).map((m) => m.memory[key]));
    return {
      size,
      resources,
      criticalPath: workload.criticalPath,
      seconds: {
        up: up.seconds,
        upSkipCheckpoints: upSkip.seconds,
        noopUp: noopUp.seconds,
        preview: preview.seconds,
        refresh: refresh.seconds,
        destroy: destroy.seconds,
        sequential,
        idealCriticalPath,
        idealConcurrencyBound,
      },
      samples,
      calls: { create: up.calls, noopUp: noopUp.calls, preview: preview.calls, refresh: refresh.calls, delete: destroy.calls },
      memory: { engineMiB: peak("engineMiB"), providerMiB: peak("providerMiB"), programMiB: peak("programMiB"), byCommand },
      ratios: {
        sequentialOverUp: sequential === undefined ? undefined : round(sequential / up.seconds),
        sequentialOverUpSkipCheckpoints: sequential === undefined ? undefined : round(sequential / upSkip.seconds),
        upOverIdealCriticalPath: round(up.seconds / Math.max(idealCriticalPath, 1e-3)),
        upOverIdealConcurrencyBound: round(up.seconds / Math.max(idealConcurrencyBound, 1e-3)),
      },
    };
  } finally {
    stack.cleanup();
  }
}

/** The sequential baseline leaves its project behind; clear it so the next size starts empty. */
async function deleteProject(dss: Dss, projectKey: string): Promise<void> {
  const auth = `Basic ${Buffer.from(`${dss.apiKey}:`).toString("base64")}`;
  const res = await fetch(`${dss.emulator.url}/public/api/projects/${projectKey}?wait=true`, {
    method: "DELETE",
    headers: { Authorization: auth },
  });
  if (!res.ok) throw new Error(`could not delete project ${projectKey} after the sequential baseline: HTTP ${res.status}`);
}

// ---- the knob study ----

export interface KnobResult {
  label: string;
  parallel: number;
  skipCheckpoints: boolean;
  maxConcurrency: number;
  requestsPerSecond?: number;
  upSeconds: number;
  destroySeconds: number;
  createCalls: number;
  engineMiB: number;
  providerMiB: number;
  upCpu: string;
}

interface Knob {
  label: string;
  parallel?: number;
  skipCheckpoints?: boolean;
  maxConcurrency?: number;
  requestsPerSecond?: number;
}

const KNOBS: Knob[] = [
  // With checkpoints on, the engine's state writes bound the run: the provider knobs hardly show.
  { label: "defaults (--parallel 8, maxConcurrency 8, checkpoints on)" },
  { label: "--parallel 32", parallel: 32 },
  // With checkpoints off, DSS round trips and the provider's limits decide.
  { label: "skip checkpoints", skipCheckpoints: true },
  { label: "skip checkpoints, --parallel 2", parallel: 2, skipCheckpoints: true },
  { label: "skip checkpoints, --parallel 32", parallel: 32, skipCheckpoints: true },
  { label: "skip checkpoints, --parallel 32, maxConcurrency 32", parallel: 32, maxConcurrency: 32, skipCheckpoints: true },
  { label: "skip checkpoints, maxConcurrency 2", maxConcurrency: 2, skipCheckpoints: true },
  { label: "skip checkpoints, requestsPerSecond 50", requestsPerSecond: 50, skipCheckpoints: true },
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
    const stack = await newStack(workload, dss, config);
    try {
      const flags = knob.parallel ? ["--parallel", String(knob.parallel)] : [];
      const env = knob.skipCheckpoints ? SKIP_CHECKPOINTS : {};
      const up = await measure(stack, [...UP, ...flags], dss, resources, env);
      const destroy = await measure(stack, [...DESTROY, ...flags], dss, resources, env);
      results.push({
        label: knob.label,
        parallel: knob.parallel ?? 8,
        skipCheckpoints: knob.skipCheckpoints === true,
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

// ---- targets, table, JSON ----

export interface Target {
  name: string;
  met: boolean | undefined;
  detail: string;
  /** Counted, not timed: the same on every machine, so `--check` may fail on it. */
  deterministic: boolean;
}

export function evaluateTargets(sizes: SizeResult[]): Target[] {
  const targets: Target[] = [];
  const noop = sizes.map((s) => s.calls.noopUp.total + s.calls.preview.total);
  targets.push({
    name: "no-op up and preview make 0 DSS API calls",
    deterministic: true,
    met: noop.every((n) => n === 0),
    detail: sizes.map((s) => `N=${s.size}: up ${s.calls.noopUp.total}, preview ${s.calls.preview.total}`).join("; "),
  });
  targets.push({
    name: "a create takes at most 3 calls on average",
    deterministic: true,
    met: sizes.every((s) => s.calls.create.perResourceOverall <= 3),
    detail: sizes.map((s) => `N=${s.size}: ${s.calls.create.perResourceOverall} (${perKindText(s.calls.create)})`).join("; "),
  });
  targets.push({
    name: "a delete takes 1 call",
    deterministic: true,
    met: sizes.every((s) => s.calls.delete.perResourceOverall <= 1),
    detail: sizes.map((s) => `N=${s.size}: ${s.calls.delete.perResourceOverall} (${perKindText(s.calls.delete)})`).join("; "),
  });
  const at200 = sizes.find((s) => s.size === 200);
  targets.push({
    name: "at N = 200, up is at least 5x faster than the sequential baseline",
    deterministic: false,
    met: at200?.ratios.sequentialOverUp === undefined ? undefined : at200.ratios.sequentialOverUp >= 5,
    detail: at200?.ratios.sequentialOverUp === undefined
      ? "not measured (needs N=200 and the sequential baseline)"
      : `defaults: ${at200.ratios.sequentialOverUp}x; with PULUMI_SKIP_CHECKPOINTS: ${at200.ratios.sequentialOverUpSkipCheckpoints}x`,
  });
  const t100 = sizes.find((s) => s.size === 100);
  const t1000 = sizes.find((s) => s.size === 1000);
  const scaling = t100 && t1000 ? round(t1000.seconds.up / t100.seconds.up) : undefined;
  const scalingSkip = t100 && t1000 ? round(t1000.seconds.upSkipCheckpoints / t100.seconds.upSkipCheckpoints) : undefined;
  targets.push({
    name: "near-linear growth: t(1000) / t(100) <= 12",
    deterministic: false,
    met: scaling === undefined ? undefined : scaling <= 12,
    detail: scaling === undefined
      ? "not measured (needs N=100 and N=1000)"
      : `defaults: ${scaling}; with PULUMI_SKIP_CHECKPOINTS: ${scalingSkip}`,
  });
  return targets;
}

function perKindText(c: CallBreakdown): string {
  return Object.entries(c.perResource).map(([k, v]) => `${k} ${v}`).join(", ");
}

export function sizeTable(sizes: SizeResult[]): string {
  const header = [
    "N", "up s", "up s (skip ckpt)", "no-op up s", "preview s", "refresh s", "destroy s", "sequential s",
    "seq / up", "ideal s (path / conc.)", "calls/create", "calls/delete", "calls no-op", "engine MiB", "provider MiB", "program MiB",
    "no-op up CPU s (engine/provider/program)",
  ];
  const rows = sizes.map((s) => [
    s.size, s.seconds.up, s.seconds.upSkipCheckpoints, s.seconds.noopUp, s.seconds.preview, s.seconds.refresh,
    s.seconds.destroy, s.seconds.sequential ?? "-",
    s.ratios.sequentialOverUp === undefined ? "-" : `${s.ratios.sequentialOverUp}x (${s.ratios.sequentialOverUpSkipCheckpoints}x)`,
    `${s.seconds.idealCriticalPath} / ${s.seconds.idealConcurrencyBound}`,
    s.calls.create.perResourceOverall, s.calls.delete.perResourceOverall,
    s.calls.noopUp.total + s.calls.preview.total, s.memory.engineMiB, s.memory.providerMiB, s.memory.programMiB,
    cpuText(s.memory.byCommand.noopUp),
  ].map(String));
  return markdownTable(header, rows);
}

export function knobTable(knobs: KnobResult[]): string {
  return markdownTable(
    ["setting", "up s", "destroy s", "create calls", "engine MiB", "provider MiB", "up CPU s (engine/provider/program)"],
    knobs.map((k) => [k.label, k.upSeconds, k.destroySeconds, k.createCalls, k.engineMiB, k.providerMiB, k.upCpu].map(String)),
  );
}

function cpuText(m: PeakMemory | undefined): string {
  return m ? `${m.cpuSeconds.engine} / ${m.cpuSeconds.provider} / ${m.cpuSeconds.program}` : "-";
}

function markdownTable(header: string[], rows: string[][]): string {
  const lines = [header, header.map(() => "---"), ...rows].map((r) => `| ${r.join(" | ")} |`);
  return lines.join("\n");
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
    const targets = evaluateTargets(sizes);
    const report = {
      startedAt: started.toISOString(),
      finishedAt: new Date().toISOString(),
      machine: { ...host, loadAverageAtEnd: os.loadavg().map(round) },
      options: { ...options, out: path.relative(PACKAGE_ROOT, options.out) },
      defaults: { parallel: 8, maxConcurrency: DEFAULT_MAX_CONCURRENCY, requestsPerSecond: "unlimited" },
      sizes,
      knobs,
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
    console.log("\nTargets:");
    for (const t of targets) console.log(`  [${t.met === undefined ? "n/a" : t.met ? "met" : "MISSED"}] ${t.name}: ${t.detail}`);
    console.log(`\nCreate calls by route at N=${sizes[sizes.length - 1].size}:`);
    for (const [route, n] of Object.entries(sizes[sizes.length - 1].calls.create.byRoute)) console.log(`  ${n}\t${route}`);
    console.log(`\nWrote ${path.relative(process.cwd(), options.out)}`);
    const missed = targets.filter((t) => t.deterministic && t.met === false);
    if (options.check && missed.length > 0) {
      console.error(`DSS-call targets missed: ${missed.map((t) => t.name).join("; ")}`);
      process.exitCode = 1;
    }
  } finally {
    await emulator.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

function tail(text: string, lines = 40): string {
  return text.split("\n").slice(-lines).join("\n");
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : round((sorted[mid - 1] + sorted[mid]) / 2);
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  });
}
