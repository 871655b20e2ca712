// loadConfig: read → pick the environment → resolve templates → merge → validate → map to args.
// Pure and synchronous: no network, no Pulumi; a config reaches DSS only if this returns.

import { DatasetArgs, datasetArgsSchema } from "../dataset/schema";
import { FolderArgs, folderArgsSchema } from "../folder/schema";
import { ScenarioArgs, scenarioArgsSchema } from "../scenario/schema";
import { ProjectArgs, projectArgsSchema } from "../project/schema";
import { RecipeArgs, recipeArgsSchema } from "../recipe/schema";
import { mergeEnvironment, selectEnvironment } from "./environments";
import { ConfigError, ConfigProblem, ProblemList } from "./problems";
import { checkReferences } from "./references";
import { configSchema, environmentSchema } from "./schema";
import { SecretPaths } from "./secrets";
import { readSources } from "./sources";
import { ConfigLookup, resolveTemplates } from "./template";
import { argsPath, datasetArgs, folderArgs, NAME_FIELDS, projectArgs, recipeArgs, scenarioArgs } from "./to-args";
import { formatPath, locate, MapNode, PathSegment, PlainConfig, toPlain } from "./tree";
import { checkSchema, safeString } from "./validate";
import { z } from "zod";

/** More datasets, recipes, folders and scenarios than this in one config is refused: split the project. */
export const MAX_RESOURCES = 5000;

export interface LoadOptions {
  /** A config file, or a directory holding project.yml, datasets/ and recipes/. */
  path: string;
  /** The Pulumi stack name: selects `environments.<stack>` and is the value of `{{ stack }}`. */
  stack: string;
  /** Values of `{{ env.NAME }}`. Default: `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Values of `{{ config.NAME }}`, usually the stack's Pulumi config. Default: none is set. */
  config?: ConfigLookup;
}

export interface LoadedConfig {
  project: ProjectArgs;
  datasets: DatasetArgs[];
  recipes: RecipeArgs[];
  folders: FolderArgs[];
  /** A run_scenario step's `runScenario` holds the other scenario's config name. */
  scenarios: ScenarioArgs[];
  /** Pulumi `protect` resource option of each resource (not a resource input). */
  protect: {
    project: boolean;
    datasets: Record<string, boolean>;
    recipes: Record<string, boolean>;
    folders: Record<string, boolean>;
    scenarios: Record<string, boolean>;
  };
  /** Args paths holding secret-derived values; see `wrapSecrets`. */
  secrets: SecretPaths;
  warnings: ConfigProblem[];
  /** Every file read, in order. */
  files: string[];
}

/** Loads, validates and resolves a config. Throws `ConfigError` listing every problem found. */
export function loadConfig(options: LoadOptions): LoadedConfig {
  const problems = new ProblemList();
  const { root, files } = readSources(options.path, problems);
  const fail = () => new ConfigError(problems.sorted(files));
  if (!root) throw fail();

  const ctx = { env: options.env ?? process.env, config: options.config ?? (() => undefined), stack: options.stack, problems };
  const split = selectEnvironment(root, options.stack, problems);
  let merged = resolveTemplates(split.base, [], ctx) as MapNode;
  for (const env of split.environments?.entries ?? []) {
    const path = ["environments", env.key];
    if (env.value === split.selected) {
      const resolved = resolveTemplates(env.value, path, ctx) as MapNode;
      const plainEnv = toPlain(resolved, path);
      problems.mute(plainEnv.unresolved);
      checkSchema(environmentSchema, plainEnv, path, problems);
      merged = mergeEnvironment(merged, resolved);
    } else {
      // Other stacks' sections are checked for shape too (a typo in prod should fail in dev), but
      // their templates are not resolved, so values still holding `{{ }}` are not judged.
      const hasTemplate = (i: z.core.$ZodIssue) => safeString((i as { input?: unknown }).input).includes("{{");
      checkSchema(environmentSchema.nullable(), toPlain(env.value, path), path, problems, (i) => !hasTemplate(i));
    }
  }

  const count = ["datasets", "recipes", "managed_folders", "scenarios"].reduce((n, k) => {
    const list = merged.entries.find((e) => e.key === k)?.value;
    return n + (list?.kind === "seq" ? list.items.length : 0);
  }, 0);
  if (count > MAX_RESOURCES) {
    problems.add(merged.loc, "(root)", `${count} datasets, recipes, folders and scenarios; a config is limited to ${MAX_RESOURCES}, split the project`);
    throw fail();
  }

  const plain = toPlain(merged);
  problems.mute(plain.unresolved);
  const config = checkSchema(configSchema, plain, [], problems);
  checkReferences(plain, problems);
  const secrets = collectSecrets(plain, problems);
  const rawProject = (plain.value as { project?: { settings?: unknown } }).project;
  if (rawProject && typeof rawProject === "object" && rawProject.settings !== undefined) {
    problems.add(
      locate(plain, ["project", "settings"]),
      "project.settings",
      "project.settings is accepted for compatibility but not sent to DSS; use description, shortDesc, tags or variables",
      "warning",
    );
  }
  if (!config || problems.hasErrors) throw fail();

  const project = projectArgs(config.project);
  const datasets = (config.datasets ?? []).map((d) => datasetArgs(project.projectKey, d));
  const folderNames = new Set((config.managed_folders ?? []).map((f) => f.name));
  const recipes = (config.recipes ?? []).map((r) => recipeArgs(project.projectKey, r, folderNames));
  const folders = (config.managed_folders ?? []).map((f) => folderArgs(project.projectKey, f));
  const scenarios = (config.scenarios ?? []).map((s) => scenarioArgs(project.projectKey, s));
  // The resources re-check their args; a config the loader accepts must never fail there.
  checkArgs(projectArgsSchema, project, ["project"], plain, problems);
  datasets.forEach((d, i) => checkArgs(datasetArgsSchema, d, ["datasets", i], plain, problems));
  recipes.forEach((r, i) => checkArgs(recipeArgsSchema, r, ["recipes", i], plain, problems));
  folders.forEach((f, i) => checkArgs(folderArgsSchema, f, ["managed_folders", i], plain, problems));
  scenarios.forEach((s, i) => checkArgs(scenarioArgsSchema, s, ["scenarios", i], plain, problems));
  if (problems.hasErrors) throw fail();

  const byName = <T extends { name: string; protect?: boolean }>(list: T[] | undefined) =>
    Object.fromEntries((list ?? []).map((e) => [e.name, e.protect ?? false]));
  return {
    project,
    datasets,
    recipes,
    folders,
    scenarios,
    protect: {
      project: config.project.protect ?? false,
      datasets: byName(config.datasets),
      recipes: byName(config.recipes),
      folders: byName(config.managed_folders),
      scenarios: byName(config.scenarios),
    },
    secrets,
    warnings: problems.sorted(files),
    files,
  };
}

/** Args paths of secret-derived values, per resource; secrets in names or types are errors. */
function collectSecrets(plain: PlainConfig, problems: ProblemList): SecretPaths {
  const out: SecretPaths = { project: [], datasets: {}, recipes: {}, managed_folders: {}, scenarios: {} };
  const root = plain.value as Record<string, unknown>;
  for (const path of plain.secretPaths) {
    const [kind] = path;
    if (kind !== "project" && kind !== "datasets" && kind !== "recipes" && kind !== "managed_folders" && kind !== "scenarios") continue; // metadata: never sent
    const rest = kind === "project" ? path.slice(1) : path.slice(2);
    const field = rest[0];
    if (typeof field === "string" && NAME_FIELDS.has(field) && !(kind === "project" && field === "name")) {
      problems.add(locate(plain, path), formatPath(path), "cannot use a secret config value here: names and types appear in resource names and plans; use a value that is not secret");
      continue;
    }
    const target = argsPath(kind, rest);
    if (!target) continue;
    if (kind === "project") out.project.push(target);
    else {
      const entry = (root[kind] as Record<string, unknown>[] | undefined)?.[path[1] as number];
      const name = safeString(entry?.name);
      (out[kind][name] ??= []).push(target);
    }
  }
  return out;
}

function checkArgs(schema: z.ZodType, args: unknown, path: PathSegment[], plain: PlainConfig, problems: ProblemList): void {
  const result = schema.safeParse(args);
  if (result.success) return;
  for (const issue of result.error.issues) {
    problems.add(locate(plain, path), formatPath([...path, ...(issue.path as PathSegment[])]), `rejected by the resource schema: ${issue.message}`);
  }
}
