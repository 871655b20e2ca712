// Peak resident memory and CPU time of a process tree, sampled from /proc (Linux only). The engine is the
// `pulumi` process itself; the provider is the `node` running @pulumi/pulumi/cmd/dynamic-provider;
// the program is the `node` running the user's program under the language host.
import * as fs from "fs";

export interface PeakMemory {
  engineMiB: number;
  providerMiB: number;
  programMiB: number;
  /** CPU seconds (user + system) last seen per role: where the time of a run goes. */
  cpuSeconds: { engine: number; provider: number; program: number };
  samples: number;
}

/** Clock ticks per second of /proc/<pid>/stat times; 100 on every Linux this runs on. */
const CLOCK_TICKS = 100;

type Role = "engine" | "provider" | "program" | "other";

export class TreeMemorySampler {
  private readonly peaks: Record<Role, number> = { engine: 0, provider: 0, program: 0, other: 0 };
  private readonly cpuTicks = new Map<number, { role: Role; ticks: number }>();
  /** Roles by pid, read once. "other" is not kept: a child caught between fork and exec still shows
   *  its parent's command line. */
  private readonly roles = new Map<number, Role>();
  private tree: number[] = [];
  private samples = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly rootPid: number, private readonly intervalMs = 50) {}

  start(): this {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    this.timer.unref();
    return this;
  }

  stop(): PeakMemory {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    const mib = (kb: number) => Math.round((kb / 1024) * 10) / 10;
    return {
      engineMiB: mib(this.peaks.engine),
      providerMiB: mib(this.peaks.provider),
      programMiB: mib(this.peaks.program),
      cpuSeconds: { engine: this.cpu("engine"), provider: this.cpu("provider"), program: this.cpu("program") },
      samples: this.samples,
    };
  }

  private cpu(role: Role): number {
    let ticks = 0;
    for (const entry of this.cpuTicks.values()) if (entry.role === role) ticks += entry.ticks;
    return Math.round((ticks / CLOCK_TICKS) * 100) / 100;
  }

  private roleOf(pid: number): Role {
    let role = this.roles.get(pid);
    if (role !== undefined) return role;
    role = roleOf(pid);
    if (role !== "other") this.roles.set(pid, role);
    return role;
  }

  private sample(): void {
    // The sampler runs on the cores it measures: a full /proc scan (every process's stat file) each
    // 50 ms cost 5% of a core during a run. The tree changes rarely (plugins start once), so it is
    // rescanned every 4th sample and the known processes are read in between.
    if (this.samples % TREE_RESCAN_EVERY === 0) this.tree = descendants(this.rootPid);
    for (const pid of [this.rootPid, ...this.tree]) {
      const rss = rssKb(pid);
      if (rss === undefined) continue;
      const role: Role = pid === this.rootPid ? "engine" : this.roleOf(pid);
      this.peaks[role] = Math.max(this.peaks[role], rss);
      const ticks = cpuTicks(pid);
      if (ticks !== undefined) this.cpuTicks.set(pid, { role, ticks });
    }
    this.samples++;
  }
}

const TREE_RESCAN_EVERY = 4;

function roleOf(pid: number): Role {
  const cmd = cmdline(pid);
  if (/dynamic-provider/.test(cmd)) return "provider";
  if (/\bnode\b/.test(cmd) && /cmd[/\\]run|run-plugin|pulumi[/\\]cmd/.test(cmd)) return "program";
  return "other";
}

function cmdline(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
  } catch {
    return "";
  }
}

function rssKb(pid: number): number | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** utime + stime of a process, in clock ticks (fields 14 and 15 of /proc/<pid>/stat). */
function cpuTicks(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return undefined;
  }
}

/** Every process below `root`, read from each process's parent pid in /proc/<pid>/stat. */
export function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue;
    }
    // The command name may hold spaces and parentheses: the parent pid follows the last ')'.
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    const pid = Number(entry);
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid)!.push(pid);
  }
  const out: number[] = [];
  const queue = [...(children.get(root) ?? [])];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    out.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return out;
}
