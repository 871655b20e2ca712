// One measured pulumi command: wall time, DSS calls (from the emulator's counters) and the memory
// and CPU of the process tree; plus the helpers every bench part shares.
import { RESOURCE_TYPE_PREFIX } from "../provider/dynamic/quietRegistration";
import type { RunningEmulator } from "../provider/emulator";
import { breakDown, CallBreakdown, KindCounts } from "./calls";
import { PeakMemory, TreeMemorySampler } from "./procMemory";
import { PulumiStack } from "./pulumiStack";
import type { Workload } from "./workload";

export interface Measured {
  seconds: number;
  memory: PeakMemory;
  calls: CallBreakdown;
}

export interface Dss {
  emulator: RunningEmulator;
  apiKey: string;
}

export const UP = ["up", "--yes", "--skip-preview"];
export const DESTROY = ["destroy", "--yes", "--skip-preview"];
export const REFRESH = ["refresh", "--yes", "--skip-preview"];
/** Pulumi's per-step checkpoints, on: the default before 0.2, measured next to today's for comparison. */
export const CHECKPOINTS_ON = { PULUMI_SKIP_CHECKPOINTS: "false" };

export async function measure(
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

export async function newStack(
  yaml: string,
  dss: Dss,
  config: Record<string, string> = {},
  files: Record<string, string> = {},
): Promise<PulumiStack> {
  const stack = await PulumiStack.create({ configYaml: yaml, files });
  await stack.setConfig("dataiku:url", dss.emulator.url);
  await stack.setConfig("dataiku:apiKey", dss.apiKey, true);
  for (const [key, value] of Object.entries(config)) await stack.setConfig(key, value);
  return stack;
}

export function countsOf(w: Workload): KindCounts {
  return { project: 1, dataset: w.datasets.length, recipe: w.recipes.length };
}

/** Bytes of `pulumi stack export` per resource of ours: what every checkpoint rewrites. */
export async function stateBytesPerResource(stack: PulumiStack): Promise<number> {
  const exported = await stack.exportState();
  const ours = (exported.deployment.resources ?? []).filter((r) => r.type.startsWith(RESOURCE_TYPE_PREFIX));
  return ours.length === 0 ? 0 : Math.round(JSON.stringify(exported).length / ours.length);
}

/** The sequential baseline leaves its project behind; clear it so the next size starts empty. */
export async function deleteProject(dss: Dss, projectKey: string): Promise<void> {
  const auth = `Basic ${Buffer.from(`${dss.apiKey}:`).toString("base64")}`;
  const res = await fetch(`${dss.emulator.url}/public/api/projects/${projectKey}?wait=true`, {
    method: "DELETE",
    headers: { Authorization: auth },
  });
  if (!res.ok) throw new Error(`could not delete project ${projectKey}: HTTP ${res.status}`);
}

export function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

export function tail(text: string, lines = 40): string {
  return text.split("\n").slice(-lines).join("\n");
}

export function round(x: number): number {
  return Math.round(x * 100) / 100;
}

export function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : round((sorted[mid - 1] + sorted[mid]) / 2);
}
