// A generated YAML config as a Pulumi program, driven through the real `pulumi` CLI with its own
// PULUMI_HOME and file backend. Unlike test/helpers/pulumiCli.ts it hands out the child process, so
// the benchmark can sample its memory and the fault matrix can kill it mid-apply.
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { offlinePulumiEnv, PACKAGE_ROOT } from "../provider/automation/offlineEnv";

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface Running {
  child: ChildProcess;
  /** Resolves when the process has exited; never rejects. */
  done: Promise<RunResult>;
  /** Everything printed so far, stdout and stderr interleaved. */
  output(): string;
}

export interface StackOptions {
  /** The dataiku.yml text. */
  configYaml: string;
  stack?: string;
  /** Extra environment for every pulumi command (e.g. PULUMI_SKIP_CHECKPOINTS=false). */
  env?: Record<string, string>;
  /** Parent directory for the temp dir; default os.tmpdir(). */
  parentDir?: string;
  /** More files of the program directory (e.g. another index.js), by relative path. */
  files?: Record<string, string>;
}

const PROGRAM = 'module.exports = require("pulumi-dataiku").dataikuProgram({ configFile: "dataiku.yml" });\n';
const PULUMI_YAML = [
  "name: dataiku-generated",
  "description: A generated dataiku.yml as a Pulumi program",
  "runtime:",
  "  name: nodejs",
  "  options:",
  "    typescript: false",
  "main: index.js",
  "",
].join("\n");

export class PulumiStack {
  private constructor(
    readonly root: string,
    readonly stack: string,
    private readonly env: Record<string, string>,
  ) {}

  get dir(): string {
    return path.join(this.root, "program");
  }

  static async create(options: StackOptions): Promise<PulumiStack> {
    const root = fs.mkdtempSync(path.join(options.parentDir ?? os.tmpdir(), "pulumi-dataiku-gen-"));
    const dir = path.join(root, "program");
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), PULUMI_YAML);
    fs.writeFileSync(path.join(dir, "index.js"), PROGRAM);
    fs.writeFileSync(path.join(dir, "package.json"), '{ "name": "dataiku-generated", "private": true }\n');
    fs.writeFileSync(path.join(dir, "dataiku.yml"), options.configYaml);
    for (const [file, text] of Object.entries(options.files ?? {})) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    }
    ensurePackageLink();
    fs.symlinkSync(path.join(PACKAGE_ROOT, "node_modules"), path.join(dir, "node_modules"));
    fs.mkdirSync(path.join(root, "state"));
    const env = {
      ...offlinePulumiEnv(),
      PULUMI_HOME: path.join(root, "home"),
      PULUMI_BACKEND_URL: `file://${path.join(root, "state")}`,
      PULUMI_CONFIG_PASSPHRASE: "generated-stack-passphrase",
      ...(options.env ?? {}),
    };
    const stack = new PulumiStack(root, options.stack ?? "bench", env);
    await stack.expectOk(["stack", "init", stack.stack]);
    return stack;
  }

  writeConfig(yaml: string): void {
    fs.writeFileSync(path.join(this.dir, "dataiku.yml"), yaml);
  }

  /** Sets stack config; secret values go through stdin so they never sit on a command line. */
  async setConfig(key: string, value: string, secret = false): Promise<void> {
    if (secret) await this.expectOk(["config", "set", "--secret", key], value);
    else await this.expectOk(["config", "set", key, value]);
  }

  async removeConfig(key: string): Promise<void> {
    await this.expectOk(["config", "rm", key]);
  }

  up(...flags: string[]): Promise<RunResult> {
    return this.start(["up", "--yes", "--skip-preview", ...flags]).done;
  }

  preview(...flags: string[]): Promise<RunResult> {
    return this.start(["preview", ...flags]).done;
  }

  refresh(...flags: string[]): Promise<RunResult> {
    return this.start(["refresh", "--yes", "--skip-preview", ...flags]).done;
  }

  destroy(...flags: string[]): Promise<RunResult> {
    return this.start(["destroy", "--yes", "--skip-preview", ...flags]).done;
  }

  /** `pulumi stack export`: the deployment with its resources and pending operations. */
  async exportState(): Promise<StackExport> {
    return JSON.parse((await this.expectOk(["stack", "export"])).stdout) as StackExport;
  }

  async expectOk(args: string[], stdin?: string): Promise<RunResult> {
    const result = await this.start(args, {}, stdin).done;
    if (result.code !== 0) {
      throw new Error(`pulumi ${args.join(" ")} failed (${result.code ?? result.signal}):\n${result.stdout}\n${result.stderr}`);
    }
    return result;
  }

  /** Starts `pulumi <args>` against this stack; the caller owns the child (e.g. to kill it). */
  start(args: string[], extraEnv: Record<string, string> = {}, stdin?: string): Running {
    const stackFlag = args[0] === "stack" && args[1] === "init" ? [] : ["--stack", this.stack];
    const finalArgs = [...args, ...stackFlag, "--non-interactive", "--color", "never"];
    const child = spawn("pulumi", finalArgs, {
      cwd: this.dir,
      env: { ...process.env, ...this.env, ...extraEnv },
      stdio: [stdin === undefined ? "ignore" : "pipe", "pipe", "pipe"],
    });
    if (stdin !== undefined) child.stdin!.end(stdin);
    let stdout = "";
    let stderr = "";
    let both = "";
    child.stdout!.on("data", (d) => {
      stdout += d;
      both += d;
    });
    child.stderr!.on("data", (d) => {
      stderr += d;
      both += d;
    });
    const done = new Promise<RunResult>((resolve) => {
      child.on("error", (e) => resolve({ code: -1, signal: null, stdout, stderr: `${stderr}\n${e.message}` }));
      child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
    });
    return { child, done, output: () => both };
  }

  /** The environment pulumi runs with here, e.g. for a recovery script run by hand. */
  commandEnv(): Record<string, string> {
    return { ...this.env };
  }

  cleanup(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}

export interface StackExport {
  version: number;
  deployment: {
    resources?: Array<{ urn: string; type: string; id?: string; outputs?: Record<string, unknown> }>;
    pending_operations?: Array<{ type: string; resource: { urn: string; type: string; inputs?: Record<string, unknown> } }>;
  };
}

/** Programs load the provider by package name, so the repo's node_modules must link to the repo. */
function ensurePackageLink(): void {
  const link = path.join(PACKAGE_ROOT, "node_modules", "pulumi-dataiku");
  try {
    fs.symlinkSync(PACKAGE_ROOT, link, "dir");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
  }
}
