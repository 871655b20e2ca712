import * as path from "path";
// Values come from @pulumi/pulumi's submodules, not its index (see dynamic/resource.ts).
import { Config } from "@pulumi/pulumi/config";
import { RunError } from "@pulumi/pulumi/errors";
import * as log from "@pulumi/pulumi/log";
import { getProject, getStack } from "@pulumi/pulumi/metadata";
import { getConfig } from "@pulumi/pulumi/runtime/config";
import { getRootDirectory } from "@pulumi/pulumi/runtime/settings";
import { ConfigError, loadConfig, LoadedConfig } from "../config";
import { startProviderEarly } from "../dynamic/startEarly";
import { DataikuProject } from "./component";

export interface ProgramOptions {
  /** The config file or directory. Default: stack config `dataiku:configFile`, else `dataiku.yml`. */
  configFile?: string;
  /** Where a relative config path starts. Default: the directory of Pulumi.yaml. */
  baseDir?: string;
}

/**
 * The YAML adapter as a Pulumi program: loads and validates the config of this stack's environment,
 * then declares its resources. A config with problems stops the run before any resource is
 * registered, so DSS sees no call at all, and the problems print as plain text.
 */
export function dataikuProgram(options: ProgramOptions = {}): () => Promise<Record<string, unknown>> {
  startProviderEarly();
  return async () => {
    nativeStackTraces();
    const loaded = loadForStack(options);
    for (const warning of loaded.warnings) {
      log.warn(`${warning.file}:${warning.line}:${warning.column} ${warning.path}: ${warning.message}`);
    }
    const component = new DataikuProject(loaded.project.projectKey, loaded);
    return {
      projectKey: component.project.projectKey,
      datasets: Object.keys(component.datasets).sort(),
      recipes: Object.keys(component.recipes).sort(),
      managedFolders: Object.keys(component.folders).sort(),
      scenarios: Object.keys(component.scenarios).sort(),
    };
  };
}

/**
 * V8's own stack formatting instead of the source-mapped one that Pulumi's run harness installs. The
 * SDK formats a stack for every resource and many promises; mapping them through source maps was a
 * third of the YAML adapter's CPU. A YAML program has no user source to map.
 */
function nativeStackTraces(): void {
  (Error as { prepareStackTrace?: unknown }).prepareStackTrace = undefined;
}

export function loadForStack(options: ProgramOptions = {}): LoadedConfig {
  const configFile = options.configFile ?? new Config("dataiku").get("configFile") ?? "dataiku.yml";
  const file = path.resolve(options.baseDir ?? projectRoot(), configFile);
  const projectConfig = new Config();
  try {
    return loadConfig({
      path: file,
      stack: getStack(),
      env: process.env,
      config: (name) => {
        const fullKey = name.includes(":") ? name : `${getProject()}:${name}`;
        const value = name.includes(":") ? getConfig(fullKey) : projectConfig.get(name);
        return value === undefined ? undefined : { value, secret: isSecretConfig(fullKey) };
      },
    });
  } catch (e) {
    // RunError ends the program with just this message: no stack trace for a user's typo. No stack
    // at all, since the SDK inspects it with colors, which Node 22 takes ~15 s to fail on for a frame
    // in node_modules/@pulumi/resource.ts (a scope followed by a file).
    if (e instanceof ConfigError) throw Object.assign(new RunError(e.message), { stack: undefined });
    throw e;
  }
}

// `main` may point into dist/, which is also the working directory: config paths are relative to
// the project (the directory of Pulumi.yaml), as users write them.
function projectRoot(): string {
  try {
    return getRootDirectory();
  } catch {
    return process.cwd();
  }
}

/** Whether stack config `key` was set with --secret. Unknown means secret: never leak by default. */
function isSecretConfig(key: string): boolean {
  const runtimeConfig = require("@pulumi/pulumi/runtime/config") as { isConfigSecret?: (k: string) => boolean };
  return runtimeConfig.isConfigSecret ? runtimeConfig.isConfigSecret(key) : true;
}
