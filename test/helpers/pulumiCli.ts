import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { offlinePulumiEnv, PACKAGE_ROOT } from "../../provider/automation/offlineEnv";

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface ConfigValue {
  value: string;
  secret?: boolean;
}

/**
 * A Pulumi program copied into a temp directory and driven through the real `pulumi` CLI, with its
 * own PULUMI_HOME and file backend so tests never share state.
 */
export class PulumiProgram {
  private constructor(
    readonly dir: string,
    readonly stack: string,
    private readonly env: Record<string, string>,
  ) {}

  /**
   * Copies `source` (a program directory) to a temp dir, links node_modules (the repo's, unless
   * `nodeModules` names another), and inits `stack`.
   */
  static async create(
    source: string,
    stack = "test",
    extraEnv: Record<string, string> = {},
    nodeModules = path.join(PACKAGE_ROOT, "node_modules"),
  ): Promise<PulumiProgram> {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-dataiku-e2e-"));
    const dir = path.join(root, "program");
    fs.cpSync(source, dir, { recursive: true });
    ensurePackageLink();
    fs.symlinkSync(nodeModules, path.join(dir, "node_modules"));
    fs.mkdirSync(path.join(root, "state"));
    const env = {
      ...offlinePulumiEnv(),
      PULUMI_HOME: path.join(root, "home"),
      PULUMI_BACKEND_URL: `file://${path.join(root, "state")}`,
      PULUMI_CONFIG_PASSPHRASE: "test-passphrase",
      ...extraEnv,
    };
    const program = new PulumiProgram(dir, stack, env);
    await program.expectOk(["stack", "init", stack]);
    return program;
  }

  get root(): string {
    return path.dirname(this.dir);
  }

  async setConfig(values: Record<string, ConfigValue>): Promise<void> {
    for (const [key, { value, secret }] of Object.entries(values)) {
      await this.expectOk(["config", "set", key, value, ...(secret ? ["--secret"] : [])]);
    }
  }

  up(...flags: string[]) {
    return this.run(["up", "--yes", "--skip-preview", ...flags]);
  }

  preview(...flags: string[]) {
    return this.run(["preview", ...flags]);
  }

  refresh(...flags: string[]) {
    return this.run(["refresh", "--yes", "--skip-preview", ...flags]);
  }

  destroy(...flags: string[]) {
    return this.run(["destroy", "--yes", "--skip-preview", ...flags]);
  }

  async outputs(): Promise<Record<string, unknown>> {
    return JSON.parse((await this.expectOk(["stack", "output", "--json", "--show-secrets"])).stdout);
  }

  /** The stack's state as `pulumi stack export` gives it (secrets stay encrypted). */
  async exportState(): Promise<{ deployment: { resources?: Array<Record<string, unknown>> } }> {
    return JSON.parse((await this.expectOk(["stack", "export"])).stdout);
  }

  async expectOk(args: string[]): Promise<RunResult> {
    const result = await this.run(args);
    if (result.code !== 0) {
      throw new Error(`pulumi ${args.join(" ")} failed (${result.code}):\n${result.stdout}\n${result.stderr}`);
    }
    return result;
  }

  run(args: string[], extraEnv: Record<string, string> = {}): Promise<RunResult> {
    // `stack init NAME` names the stack itself; every other command is pointed at it explicitly.
    const stackFlag = args[0] === "stack" && args[1] === "init" ? [] : ["--stack", this.stack];
    const finalArgs = [...args, ...stackFlag, "--non-interactive", "--color", "never"];
    return new Promise((resolve, reject) => {
      const child = spawn("pulumi", finalArgs, {
        cwd: this.dir,
        env: { ...process.env, ...this.env, ...extraEnv },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d) => (stdout += d));
      child.stderr.on("data", (d) => (stderr += d));
      child.on("error", reject);
      child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
    });
  }

  cleanup(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}

/**
 * Programs load the provider by package name (`require("pulumi-dataiku/dynamic")`) from their
 * node_modules, so the repo's own node_modules must hold a link to the repo.
 */
export function ensurePackageLink(): void {
  const link = path.join(PACKAGE_ROOT, "node_modules", "pulumi-dataiku");
  if (!fs.existsSync(link)) fs.symlinkSync(PACKAGE_ROOT, link, "dir");
}

export function hasPulumi(): boolean {
  return (process.env.PATH ?? "").split(path.delimiter).some((dir) => fs.existsSync(path.join(dir, "pulumi")));
}
