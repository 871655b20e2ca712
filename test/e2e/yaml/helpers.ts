// Shared steps of the YAML adapter's end-to-end tests: a stack of the fixture program with a config
// copied in, the plan of a preview read from `pulumi preview --json`, and what DSS holds.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { PACKAGE_ROOT } from "../../../provider/automation/offlineEnv";
import { DssClient, isNotFound } from "../../../provider/client";
import { TestDss } from "../../helpers/emulator";
import { ConfigValue, PulumiProgram, RunResult } from "../../helpers/pulumiCli";

/** `module.exports = require("pulumi-dataiku").dataikuProgram()`: the adapter as users run it. */
export const YAML_PROGRAM = path.join(PACKAGE_ROOT, "test", "e2e", "programs", "yaml");
export const EXAMPLES = path.join(PACKAGE_ROOT, "examples");

export interface YamlStack {
  program: PulumiProgram;
  /** The config as the program reads it (a file or a directory inside the program's temp dir). */
  configPath: string;
}

/**
 * A fresh stack of the fixture program, connected to `dss`, reading a copy of `configSource` (a
 * file or a directory-mode config) through the relative path `dataiku:configFile` names.
 */
export async function yamlStack(
  dss: TestDss,
  stack: string,
  configSource: string,
  extraConfig: Record<string, ConfigValue> = {},
): Promise<YamlStack> {
  const program = await PulumiProgram.create(YAML_PROGRAM, stack);
  const configName = fs.statSync(configSource).isDirectory() ? "dataiku-config" : "dataiku.yml";
  const configPath = path.join(program.dir, configName);
  fs.cpSync(configSource, configPath, { recursive: true });
  await program.setConfig({
    "dataiku:url": { value: dss.url },
    "dataiku:apiKey": { value: dss.apiKey, secret: true },
    "dataiku:configFile": { value: configName },
    ...extraConfig,
  });
  return { program, configPath };
}

/** Rewrites a config file; fails loudly when the edit changed nothing, so a test never goes stale silently. */
export function editConfig(file: string, edit: (text: string) => string): void {
  const before = fs.readFileSync(file, "utf8");
  const after = edit(before);
  assert.notEqual(after, before, `the edit of ${file} changed nothing`);
  fs.writeFileSync(file, after);
}

export function ok(result: RunResult): RunResult {
  assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`);
  return result;
}

/** The Dataiku resources a preview plans to touch, by operation: logical names, sorted. */
export type Plan = Partial<Record<string, string[]>>;

export interface PreviewPlan {
  /** Only Dataiku resources (project, datasets, recipes, folders, scenarios); unchanged ones are left out. */
  dataiku: Plan;
  /** Pulumi's own summary, which also counts the stack and the component. */
  changeSummary: Record<string, number>;
}

interface PreviewStep {
  op: string;
  urn: string;
}

const DATAIKU_TYPE = /dataiku:(Project|Dataset|Recipe|ManagedFolder|Scenario)::/;

export async function previewPlan(program: PulumiProgram): Promise<PreviewPlan> {
  const result = ok(await program.preview("--json"));
  const report = JSON.parse(result.stdout) as { steps?: PreviewStep[]; changeSummary?: Record<string, number> };
  const dataiku: Plan = {};
  for (const step of report.steps ?? []) {
    if (step.op === "same" || !DATAIKU_TYPE.test(step.urn)) continue;
    (dataiku[step.op] ??= []).push(step.urn.slice(step.urn.lastIndexOf("::") + 2));
  }
  for (const names of Object.values(dataiku)) names?.sort();
  return { dataiku, changeSummary: report.changeSummary ?? {} };
}

/** How many requests of each method DSS received since the last reset, mutating ones only. */
export function mutatingCalls(dss: TestDss): Record<string, number> {
  const { byMethod } = dss.emulator.stats();
  return Object.fromEntries(Object.entries(byMethod).filter(([method]) => method !== "GET"));
}

export async function gone(promise: Promise<unknown>): Promise<boolean> {
  try {
    await promise;
    return false;
  } catch (e) {
    if (isNotFound(e)) return true;
    throw e;
  }
}

/** A dataset as the tests compare it: DSS type, connection (none for uploads) and whether DSS manages it. */
export interface DatasetShape {
  type: string;
  connection?: string;
  managed: boolean;
}

/** Every dataset of a project, by name: DSS must hold exactly the declared ones. */
export async function datasetShapes(client: DssClient, projectKey: string): Promise<Record<string, DatasetShape>> {
  const shapes: Record<string, DatasetShape> = {};
  for (const d of await client.datasets.list(projectKey)) {
    const connection = (d.params as Record<string, unknown> | undefined)?.connection;
    shapes[String(d.name)] = {
      type: String(d.type),
      ...(typeof connection === "string" ? { connection } : {}),
      managed: d.managed === true,
    };
  }
  return shapes;
}

/** Every recipe of a project, name → DSS type. */
export async function recipeTypes(client: DssClient, projectKey: string): Promise<Record<string, string>> {
  const recipes = await client.recipes.list(projectKey);
  return Object.fromEntries(recipes.map((r) => [r.name, String(r.type)]));
}
