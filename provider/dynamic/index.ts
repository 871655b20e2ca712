// The implementation behind the serialized shims (see shim.ts). Loaded by package name, at run time,
// in the provider process: `require("pulumi-dataiku/dynamic")`.
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { datasetKind } from "../dataset/kind";
import { dynamicProvider } from "../common/dynamicProvider";
import { providerContext } from "../common/settings";
import { projectKind } from "../project/kind";
import { recipeKind } from "../recipe/kind";

export type ResourceKindName = "project" | "dataset" | "recipe";

export const providers = {
  project: dynamicProvider(projectKind),
  dataset: dynamicProvider(datasetKind),
  recipe: dynamicProvider(recipeKind),
};

export async function configure(req: dynamic.ConfigureRequest): Promise<void> {
  providerContext.configure((key) => req.config.get(key));
}
