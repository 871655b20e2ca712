// The implementation behind every resource's `__provider` text (see resource.ts). Loaded by package
// name, at run time, in the provider process: `require("pulumi-dataiku/dynamic")`.
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { datasetKind } from "../dataset/kind";
import { dynamicProvider } from "../common/dynamicProvider";
import { folderKind } from "../folder/kind";
import { providerContext } from "../common/settings";
import { projectKind } from "../project/kind";
import { recipeKind } from "../recipe/kind";
import { scenarioKind } from "../scenario/kind";

export type ResourceKindName = "project" | "dataset" | "recipe" | "folder" | "scenario";

/** One dynamic provider per kind. Texts written by versions before 0.2 call these directly. */
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

/**
 * The provider that Pulumi's dynamic-provider host gets from a resource's `__provider` text: the kind's
 * provider, told which stack it works for (`stack`, whose tag goes on what it creates). Methods look the
 * kind's provider up at each call, so a newer installed version's code is what runs.
 */
export function serve(kind: ResourceKindName, stack: string): dynamic.ResourceProvider {
  return {
    configure,
    check: (olds, news) => providers[kind].check(olds, news),
    diff: (id, olds, news) => providers[kind].diff(id, olds, news),
    create: (inputs) => providers[kind].create(inputs, stack),
    read: (id, props) => providers[kind].read(id, props),
    update: (id, olds, news) => providers[kind].update(id, olds, news),
    delete: (id, props) => providers[kind].delete(id, props),
  };
}
