// The implementation behind the serialized shims (see shim.ts). Loaded by package name, at run time,
// in the provider process: `require("pulumi-dataiku/dynamic")`.
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { datasetKind } from "../dataset/kind";
import { dynamicProvider } from "../common/dynamicProvider";
import { folderKind } from "../folder/kind";
import { providerContext } from "../common/settings";
import { projectKind } from "../project/kind";
import { recipeKind } from "../recipe/kind";
import { scenarioKind } from "../scenario/kind";

export type ResourceKindName = "project" | "dataset" | "recipe" | "folder" | "scenario";

export const providers = {
  project: dynamicProvider(projectKind),
  dataset: dynamicProvider(datasetKind),
  recipe: dynamicProvider(recipeKind),
  folder: dynamicProvider(folderKind),
  scenario: dynamicProvider(scenarioKind),
};

export async function configure(req: dynamic.ConfigureRequest): Promise<void> {
  providerContext.configure((key) => req.config.get(key));
}
