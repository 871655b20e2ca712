import { ChildProcessWithoutNullStreams, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PACKAGE_ROOT } from "../../provider/automation/offlineEnv";
import { DssClient, isNotFound } from "../../provider/client";
import { ensurePackageLink } from "../helpers/pulumiCli";
import type { TestDss } from "../helpers/emulator";

export const MAIN = path.join(PACKAGE_ROOT, "dist", "provider", "cli", "main.js");

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * A working directory for `dataiku-iac` runs against one emulator: its own PULUMI_HOME and
 * .dataiku-iac, and node_modules linked to the repo's, so the provider process finds pulumi-dataiku.
 */
export class CliSandbox {
  readonly env: NodeJS.ProcessEnv;

  private constructor(readonly dir: string, dss: TestDss) {
    const env: NodeJS.ProcessEnv = { ...process.env };
    // Nothing from the caller's Pulumi setup may leak in: the command picks its own backend.
    for (const key of Object.keys(env)) if (key.startsWith("PULUMI_") || key.startsWith("DATAIKU_")) delete env[key];
    this.env = {
      ...env,
      PATH: process.env.PATH,
      PULUMI_HOME: path.join(dir, ".pulumi-home"),
      PULUMI_CONFIG_PASSPHRASE: "cli-test",
      DATAIKU_DSS_URL: dss.url,
      DATAIKU_API_KEY: dss.apiKey,
      // Failures surface fast: one retry instead of five.
      DATAIKU_MAX_RETRIES: "1",
    };
  }

  static create(dss: TestDss): CliSandbox {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-dataiku-cli-"));
    ensurePackageLink();
    fs.symlinkSync(path.join(PACKAGE_ROOT, "node_modules"), path.join(dir, "node_modules"));
    return new CliSandbox(dir, dss);
  }

  write(file: string, content: string): void {
    fs.mkdirSync(path.dirname(path.join(this.dir, file)), { recursive: true });
    fs.writeFileSync(path.join(this.dir, file), content);
  }

  run(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<CliResult> {
    const child = this.spawn(args, extraEnv);
    return collect(child);
  }

  /** Starts the command in its own process group, so a test can kill it with everything it started. */
  spawn(args: string[], extraEnv: NodeJS.ProcessEnv = {}): ChildProcessWithoutNullStreams {
    const child = spawn(process.execPath, [MAIN, ...args], {
      cwd: this.dir,
      env: { ...this.env, ...extraEnv },
      stdio: ["pipe", "pipe", "pipe"],
      detached: true,
    });
    child.stdin.end();
    return child;
  }

  /** Ends processes still running in this sandbox (a killed run's orphaned provider), by pid. */
  killStragglers(): void {
    for (const pid of processesUnder(this.dir)) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
  }

  cleanup(): void {
    this.killStragglers();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

export function collect(child: ChildProcessWithoutNullStreams): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 128 : -1), stdout, stderr }));
  });
}

/** Resolves when `child` has printed a stdout line matching `pattern` (no timing involved). */
export function waitForLine(child: ChildProcessWithoutNullStreams, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffer = "";
    const onData = (d: Buffer) => {
      buffer += d.toString();
      const line = buffer.split("\n").find((l) => pattern.test(l));
      if (line !== undefined) {
        child.stdout.off("data", onData);
        resolve(line);
      }
    };
    child.stdout.on("data", onData);
    child.on("close", () => reject(new Error(`exited before printing ${pattern}:\n${buffer}`)));
  });
}

/** Polls `check` until it holds: waiting on a condition, never on a duration. */
export async function until(check: () => Promise<boolean> | boolean, what: string, attempts = 600): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`gave up waiting for ${what}`);
}

function processesUnder(dir: string): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cwd = fs.readlinkSync(`/proc/${entry}/cwd`);
      if (cwd === dir || cwd.startsWith(dir + path.sep)) pids.push(Number(entry));
    } catch {
      // not ours to read, or gone
    }
  }
  return pids;
}

/** What DSS holds for a project: dataset and recipe names, sorted; undefined when the project is gone. */
export async function dssContents(client: DssClient, projectKey: string): Promise<{ datasets: string[]; recipes: string[] } | undefined> {
  try {
    await client.projects.getMetadata(projectKey);
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
  const datasets = (await client.datasets.list(projectKey)).map((d) => d.name).sort();
  const recipes = (await client.recipes.list(projectKey)).map((r) => r.name).sort();
  return { datasets, recipes };
}

export function jsonLines(stdout: string): Array<Record<string, unknown>> {
  return stdout.split("\n").filter((l) => l.trim() !== "").map((l) => JSON.parse(l) as Record<string, unknown>);
}
