// examples/visual (one recipe of each visual type) deployed through the executors, as `check` and
// `create` would: args normalized by the resource kinds first.
import * as path from "path";
import { PACKAGE_ROOT } from "../../provider/automation/offlineEnv";
import { loadConfig } from "../../provider/config";
import { DatasetExecutor } from "../../provider/dataset/executor";
import { datasetKind } from "../../provider/dataset/kind";
import { ProjectExecutor } from "../../provider/project/executor";
import { RecipeExecutor } from "../../provider/recipe/executor";
import { recipeKind } from "../../provider/recipe/kind";
import { TestDss } from "./emulator";

export const VISUAL_CONFIG = path.join(PACKAGE_ROOT, "examples", "visual", "dataiku.yml");
export const VISUAL_KEY = "VISUAL_FLOW";

type Props = Record<string, unknown>;

export interface VisualProject {
  recipes: RecipeExecutor;
  /** Normalized args of each recipe, by name. */
  args: Map<string, Props>;
}

/** Creates the project and its datasets; recipes are left for the caller to create from `args`. */
export async function visualProject(dss: TestDss): Promise<VisualProject> {
  const config = loadConfig({ path: VISUAL_CONFIG, stack: "dev" });
  await new ProjectExecutor(dss.client).create(config.project as Props);
  const datasets = new DatasetExecutor(dss.client, "filesystem_managed");
  for (const d of config.datasets) await datasets.create(datasetKind.normalize(d as Props));
  const args = new Map(config.recipes.map((r) => [r.name, recipeKind.normalize(r as Props)] as const));
  return { recipes: new RecipeExecutor(dss.client), args };
}
