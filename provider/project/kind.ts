import type { ResourceKind } from "../common/dynamicProvider";
import { providerContext } from "../common/settings";
import { normalizeTags } from "../common/values";
import { ProjectExecutor } from "./executor";
import { projectArgsSchema } from "./schema";

export const projectKind: ResourceKind = {
  schema: projectArgsSchema,
  normalize: (inputs) => ({ ...inputs, tags: normalizeTags(inputs.tags as string[] | undefined) }),
  idOf: (inputs) => String(inputs.projectKey),
  replaceKeys: ["projectKey"],
  executor: () => new ProjectExecutor(providerContext.getClient(), providerContext.getSettings().adoptIds),
};
