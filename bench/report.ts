// The bench's targets and tables: what `npm run bench` prints and `--check` judges.
import type { CallBreakdown } from "./calls";
import type { CrashResult } from "./crash";
import type { PeakMemory } from "./procMemory";
import type { MultiProjectResult, ParallelStacksResult } from "./scale";
import { round } from "./measure";

export interface SizeResult {
  size: number;
  resources: { project: number; dataset: number; recipe: number };
  criticalPath: number;
  seconds: {
    /** `pulumi up` from empty, default settings: checkpoints skipped, ownership tags and journal. */
    up: number;
    /** The same with Pulumi's per-step checkpoints on: the default before 0.2. */
    upCheckpoints?: number;
    noopUp: number;
    preview: number;
    refresh: number;
    destroy: number;
    sequential?: number;
    idealCriticalPath: number;
    idealConcurrencyBound: number;
  };
  /** Bytes of exported state per resource: what a checkpoint rewrites, per resource. */
  stateBytesPerResource: number;
  /** Every round's seconds; `seconds` holds their medians. */
  samples: { up: number[]; upCheckpoints: number[]; sequential: number[] };
  calls: { create: CallBreakdown; noopUp: CallBreakdown; preview: CallBreakdown; refresh: CallBreakdown; delete: CallBreakdown };
  memory: { engineMiB: number; providerMiB: number; programMiB: number; byCommand: Record<string, PeakMemory> };
  ratios: {
    sequentialOverUp?: number;
    sequentialOverUpCheckpoints?: number;
    upOverIdealCriticalPath: number;
    upOverIdealConcurrencyBound: number;
  };
}

export interface KnobResult {
  label: string;
  parallel: number;
  maxConcurrency: number;
  requestsPerSecond?: number;
  upSeconds: number;
  destroySeconds: number;
  createCalls: number;
  engineMiB: number;
  providerMiB: number;
  upCpu: string;
}

export interface Target {
  name: string;
  met: boolean | undefined;
  detail: string;
  /** Counted, not timed: the same on every machine, so `--check` may fail on it. */
  deterministic: boolean;
}

export function evaluateTargets(sizes: SizeResult[], crash?: CrashResult): Target[] {
  const targets: Target[] = [];
  targets.push({
    name: "no-op up and preview make 0 DSS API calls",
    deterministic: true,
    met: sizes.every((s) => s.calls.noopUp.total + s.calls.preview.total === 0),
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
  for (const [size, factor] of [[200, 5], [1000, 8]] as const) {
    const at = sizes.find((s) => s.size === size);
    const ratio = at?.ratios.sequentialOverUp;
    targets.push({
      name: `at N = ${size}, up is at least ${factor}x faster than the sequential baseline`,
      deterministic: false,
      met: ratio === undefined ? undefined : ratio >= factor,
      detail: ratio === undefined
        ? `not measured (needs N=${size} and the sequential baseline)`
        : `defaults: ${ratio}x` + (at?.ratios.sequentialOverUpCheckpoints ? `; with checkpoints on (the old default): ${at.ratios.sequentialOverUpCheckpoints}x` : ""),
    });
  }
  const t100 = sizes.find((s) => s.size === 100);
  const t1000 = sizes.find((s) => s.size === 1000);
  const scaling = t100 && t1000 ? round(t1000.seconds.up / t100.seconds.up) : undefined;
  const scalingOld = t100?.seconds.upCheckpoints && t1000?.seconds.upCheckpoints
    ? round(t1000.seconds.upCheckpoints / t100.seconds.upCheckpoints) : undefined;
  targets.push({
    name: "near-linear growth: t(1000) / t(100) <= 12",
    deterministic: false,
    met: scaling === undefined ? undefined : scaling <= 12,
    detail: scaling === undefined
      ? "not measured (needs N=100 and N=1000)"
      : `defaults: ${scaling}` + (scalingOld ? `; with checkpoints on (the old default): ${scalingOld}` : ""),
  });
  if (crash) {
    targets.push({
      name: "an apply killed halfway converges with one plain pulumi up",
      deterministic: true,
      met: crash.converged,
      detail: `N=${crash.size}, killed after ${crash.killedAfterCreates} creates: ${crash.detail}, recovery ${crash.recoverySeconds} s`,
    });
  }
  return targets;
}

function perKindText(c: CallBreakdown): string {
  return Object.entries(c.perResource).map(([k, v]) => `${k} ${v}`).join(", ");
}

export function sizeTable(sizes: SizeResult[]): string {
  const header = [
    "N", "up s", "up s (checkpoints on)", "no-op up s", "preview s", "refresh s", "destroy s", "sequential s",
    "seq / up (ckpt on)", "ideal s (path / conc.)", "state B/resource", "calls/create", "calls/delete", "calls no-op",
    "engine MiB", "provider MiB", "program MiB", "no-op up CPU s (engine/provider/program)",
  ];
  const rows = sizes.map((s) => [
    s.size, s.seconds.up, s.seconds.upCheckpoints ?? "-", s.seconds.noopUp, s.seconds.preview, s.seconds.refresh,
    s.seconds.destroy, s.seconds.sequential ?? "-",
    s.ratios.sequentialOverUp === undefined ? "-" : `${s.ratios.sequentialOverUp}x (${s.ratios.sequentialOverUpCheckpoints ?? "-"}x)`,
    `${s.seconds.idealCriticalPath} / ${s.seconds.idealConcurrencyBound}`, s.stateBytesPerResource,
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

export function scaleTable(multi?: MultiProjectResult, parallel?: ParallelStacksResult): string {
  const rows: string[][] = [];
  if (multi) {
    rows.push([`${multi.projects} projects x ${multi.resourcesPerProject} in one stack`, `up ${multi.upSeconds} s, no-op up ${multi.noopUpSeconds} s, destroy ${multi.destroySeconds} s`,
      `${multi.callsPerCreate} calls/create, ${multi.callsNoop} calls on no-op`]);
  }
  if (parallel) {
    rows.push([`${parallel.stacks} stacks x ${parallel.resourcesPerStack} at once`, `all up in ${parallel.wallSeconds} s${parallel.allSucceeded ? "" : " (a run FAILED)"}`,
      `peak ${parallel.peakRequestsPerSecond} requests/s for a DSS budget of ${parallel.dssBudgetPerSecond}/s (${parallel.requestsPerSecondPerStack}/s per stack), ${parallel.throttled} throttled, ${parallel.totalRequests} requests`]);
  }
  return markdownTable(["workload", "time", "DSS"], rows);
}

export function cpuText(m: PeakMemory | undefined): string {
  return m ? `${m.cpuSeconds.engine} / ${m.cpuSeconds.provider} / ${m.cpuSeconds.program}` : "-";
}

function markdownTable(header: string[], rows: string[][]): string {
  const lines = [header, header.map(() => "---"), ...rows].map((r) => `| ${r.join(" | ")} |`);
  return lines.join("\n");
}
