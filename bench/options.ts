// Command-line options of `npm run bench`.
import * as path from "path";
import { PACKAGE_ROOT } from "../provider/automation/offlineEnv";

export interface BenchOptions {
  sizes: number[];
  latencyMs: number;
  sequential: boolean;
  knobs: boolean;
  knobSize: number;
  /** The checkpointed `pulumi up` (the default before 0.2) next to the default one, per size. */
  checkpoints: boolean;
  /** The multi-project stack and the parallel stacks (bench/scale.ts). */
  scale: boolean;
  /** The crash case: an apply killed halfway, then one plain `pulumi up` (bench/crash.ts). */
  crash: boolean;
  descriptions: boolean;
  /** Rounds of the timed up-from-empty runs and of the sequential baseline, interleaved; medians are reported. */
  repeat: number;
  /** Exit 1 when a call-count target is missed or the crash case does not converge (never on timings). */
  check: boolean;
  /** --smoke: the scale workloads run at their smallest. */
  smoke?: boolean;
  out: string;
}

export const USAGE = `npm run bench -- [--smoke] [--sizes 10,100,200,500,1000] [--latency MS] [--knob-size N]
                     [--repeat R] [--check] [--no-knobs] [--no-checkpoints] [--no-scale] [--no-crash]
                     [--no-sequential] [--no-descriptions] [--out FILE]
  --smoke            N = 10 only, no knob study, scale workloads at their smallest (what CI runs)
  --sizes            resource counts to measure (project included); default 10,100,200,500,1000
  --latency          latency the emulator adds to every request, in ms; default 20
  --knob-size        size of the concurrency / rate-limit study and of the crash case; default 200
  --repeat           rounds of up-from-empty and of the sequential baseline, interleaved (medians);
                     default 3 (1 with --smoke)
  --check            exit 1 if a DSS-call target is missed (0 for no-op, <= 3 per create, 1 per delete)
                     or the crash case does not converge; timings never fail it
  --no-knobs         skip the settings study
  --no-checkpoints   skip the checkpointed pulumi up (PULUMI_SKIP_CHECKPOINTS=false) per size
  --no-scale         skip 10 projects x 100 resources in one stack, and 5 stacks at once
  --no-crash         skip the crash case
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
    checkpoints: true,
    scale: true,
    crash: true,
    descriptions: true,
    repeat: 3,
    check: false,
    out: path.join(PACKAGE_ROOT, "bench", "results", "latest.json"),
  };
  let smoke = false;
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
  const switches: Record<string, () => void> = {
    "--smoke": () => {
      smoke = true;
      options.sizes = [10];
      options.knobs = false;
      options.checkpoints = false;
      options.knobSize = 10;
      options.repeat = 1;
    },
    "--check": () => (options.check = true),
    "--no-knobs": () => (options.knobs = false),
    "--no-checkpoints": () => (options.checkpoints = false),
    "--no-scale": () => (options.scale = false),
    "--no-crash": () => (options.crash = false),
    "--no-sequential": () => (options.sequential = false),
    "--no-descriptions": () => (options.descriptions = false),
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (switches[flag]) {
      switches[flag]();
      continue;
    }
    switch (flag) {
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
  if (smoke) options.smoke = true;
  return options;
}
