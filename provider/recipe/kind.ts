import type { ResourceKind } from "../common/dynamicProvider";
import { providerContext } from "../common/settings";
import { normalizeTags } from "../common/values";
import { RecipeExecutor } from "./executor";
import { recipeArgsSchema } from "./schema";
import { normalizeRecipeType } from "./types";
import { normalizeVisual } from "./visual";

export const recipeKind: ResourceKind = {
  schema: recipeArgsSchema,
  normalize: (inputs) => ({
    ...inputs,
    type: inputs.type === undefined ? undefined : normalizeRecipeType(String(inputs.type)),
    inputs: inputs.inputs ?? [],
    tags: normalizeTags(inputs.tags as string[] | undefined),
    ...normalizeVisual(inputs, { inputs: strings(inputs.inputs), outputs: strings(inputs.outputs) }),
  }),
  idOf: (inputs) => `${inputs.projectKey}.${inputs.name}`,
  replaceKeys: ["projectKey", "name", "type"],
  executor: () => new RecipeExecutor(providerContext.getClient(), providerContext.getSettings().adoptIds),
};

function strings(list: unknown): string[] {
  return Array.isArray(list) ? list.map(String) : [];
}
