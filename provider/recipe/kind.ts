import type { ResourceKind } from "../common/dynamicProvider";
import { providerContext } from "../common/settings";
import { normalizeTags } from "../common/values";
import { RecipeExecutor } from "./executor";
import { recipeArgsSchema } from "./schema";
import { normalizeRecipeType } from "./types";

export const recipeKind: ResourceKind = {
  schema: recipeArgsSchema,
  normalize: (inputs) => ({
    ...inputs,
    type: inputs.type === undefined ? undefined : normalizeRecipeType(String(inputs.type)),
    inputs: inputs.inputs ?? [],
    tags: normalizeTags(inputs.tags as string[] | undefined),
  }),
  idOf: (inputs) => `${inputs.projectKey}.${inputs.name}`,
  replaceKeys: ["projectKey", "name", "type"],
  executor: () => new RecipeExecutor(providerContext.getClient(), providerContext.getSettings().adoptIds),
};
