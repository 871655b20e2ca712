// The Pulumi side of a run: one Automation API stack per environment, driving the YAML adapter as an
// inline program. Pulumi keeps state, locking and checkpoints; this module only wires them up.
import * as fs from "fs";
import * as path from "path";
import { LocalWorkspace, Stack } from "@pulumi/pulumi/automation";
import { offlinePulumiEnv, PACKAGE_ROOT } from "../automation/offlineEnv";
import { ProviderSettings, readSettings } from "../common/settings";
import { dataikuProgram } from "../stack/program";
import type { CliOptions } from "./args";
import { cliErrors } from "./errors";
import { dataDirOf, workDirOf } from "./paths";
import type { Terminal } from "./terminal";

/** The Pulumi project name of every dataiku-iac stack. */
export const PROJECT_NAME = "dataiku-iac";

export interface StackContext {
  stack: Stack;
  environment: string;
  /** `.dataiku-iac` under the working directory. */
  dataDir: string;
  configPath: string;
  /** DSS settings exactly as the provider reads them (stack config, then environment). */
  settings: ProviderSettings;
}


/**
 * Creates or selects the environment's stack and stores the connection from DATAIKU_DSS_URL and
 * DATAIKU_API_KEY in its config (the key as a secret), so destroy and refresh work later without them.
 */
export async function openStack(options: CliOptions, terminal: Terminal): Promise<StackContext> {
  assertPulumiOnPath(terminal.env);
  const dataDir = dataDirOf(terminal);
  const configPath = path.resolve(terminal.cwd, options.config);
  if (options.command !== "destroy" && options.command !== "refresh" && !fs.existsSync(configPath)) {
    throw cliErrors.configNotFound(options.config);
  }
  // Pulumi.yaml and the stack config files live here; the provider process runs here too, and
  // resolves the pulumi-dataiku package from here upwards (the project's node_modules).
  const workDir = workDirOf(terminal);
  const backendUrl = options.stateBackend ?? `file://${path.join(dataDir, "state")}`;
  fs.mkdirSync(workDir, { recursive: true });
  if (backendUrl.startsWith("file://")) prepareBackendDir(backendUrl.slice("file://".length), options.stateBackend !== undefined);

  const stack = await LocalWorkspace.createOrSelectStack(
    {
      stackName: options.environment,
      projectName: PROJECT_NAME,
      program: dataikuProgram({ configFile: configPath, baseDir: terminal.cwd }),
    },
    {
      workDir,
      projectSettings: { name: PROJECT_NAME, runtime: "nodejs", backend: { url: backendUrl } },
      envVars: pulumiEnv(terminal.env, options.verbose),
    },
  );
  const settings = await storeConnection(stack, terminal.env);
  return { stack, environment: options.environment, dataDir, configPath, settings };
}

/** Environment of the pulumi process (and of the provider process it starts). */
export function pulumiEnv(env: NodeJS.ProcessEnv, verbose = false): Record<string, string> {
  // The project's Pulumi settings (fast mode included), unless the user's environment sets them.
  const vars = Object.fromEntries(Object.entries(offlinePulumiEnv()).filter(([key]) => env[key] === undefined));
  // --verbose shows the provider's DSS calls: it logs them to stderr, which the engine passes on.
  if (verbose) vars.DATAIKU_LOG_REQUESTS = "true";
  // The file backend encrypts secrets with a passphrase; none set means an empty one, not a prompt.
  if (env.PULUMI_CONFIG_PASSPHRASE === undefined && env.PULUMI_CONFIG_PASSPHRASE_FILE === undefined) {
    vars.PULUMI_CONFIG_PASSPHRASE = "";
  }
  // The provider process loads `pulumi-dataiku/dynamic` and `@pulumi/pulumi` by name from its working
  // directory; NODE_PATH also finds them next to this installation (npx, global installs).
  const paths = [path.join(PACKAGE_ROOT, "node_modules")];
  if (path.basename(path.dirname(PACKAGE_ROOT)) === "node_modules") paths.unshift(path.dirname(PACKAGE_ROOT));
  if (env.NODE_PATH) paths.push(env.NODE_PATH);
  vars.NODE_PATH = paths.join(path.delimiter);
  return vars;
}

async function storeConnection(stack: Stack, env: NodeJS.ProcessEnv): Promise<ProviderSettings> {
  const current = await stack.getAllConfig();
  const updates: Record<string, { value: string; secret?: boolean }> = {};
  const url = env.DATAIKU_DSS_URL || undefined;
  const apiKey = env.DATAIKU_API_KEY || undefined;
  if (url && current["dataiku:url"]?.value !== url) updates["dataiku:url"] = { value: url };
  if (apiKey && current["dataiku:apiKey"]?.value !== apiKey) updates["dataiku:apiKey"] = { value: apiKey, secret: true };
  if (Object.keys(updates).length > 0) await stack.setAllConfig(updates);
  const values = { ...current, ...updates };
  const settings = readSettings((key) => values[key]?.value, env);
  if (!settings.url) throw cliErrors.missingUrl();
  if (!settings.apiKey) throw cliErrors.missingApiKey();
  return settings;
}

/**
 * A file backend's directory must exist and take files; the default one is created. An explicit one
 * that is missing is more likely a typo than a wish for an empty state, which would plan every object
 * as new.
 */
function prepareBackendDir(dir: string, explicit: boolean): void {
  if (dir.startsWith("~")) return; // Pulumi's own shorthand for the home directory: let it resolve that
  if (!fs.existsSync(dir)) {
    if (explicit) throw cliErrors.backendMissing(dir);
    try {
      fs.mkdirSync(dir, { recursive: true });
    } catch (e) {
      throw cliErrors.backendNotWritable(dir, whyNot(e));
    }
  }
  if (!fs.statSync(dir).isDirectory()) throw cliErrors.backendNotWritable(dir, "it is not a directory");
  // A real write, not access(): permission bits say nothing for root, read-only mounts and ACLs.
  try {
    fs.rmdirSync(fs.mkdtempSync(path.join(dir, ".write-check-")));
  } catch (e) {
    throw cliErrors.backendNotWritable(dir, whyNot(e));
  }
}

function whyNot(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EROFS") return "read-only file system";
  if (code === "ENOTDIR") return "a parent is not a directory";
  return code ?? String(e);
}

function assertPulumiOnPath(env: NodeJS.ProcessEnv): void {
  const dirs = (env.PATH ?? "").split(path.delimiter).filter(Boolean);
  if (!dirs.some((dir) => fs.existsSync(path.join(dir, "pulumi")))) throw cliErrors.pulumiMissing();
}
