import type { ResourceKind } from "../common/dynamicProvider";
import { providerContext } from "../common/settings";
import { normalizeTags } from "../common/values";
import { FolderExecutor } from "./executor";
import { DEFAULT_FOLDER_CONNECTION, folderArgsSchema } from "./schema";

export const folderKind: ResourceKind = {
  schema: folderArgsSchema,
  normalize: (inputs) => ({
    ...inputs,
    // The default is written out, so declaring it later changes nothing.
    connection: inputs.connection ?? DEFAULT_FOLDER_CONNECTION,
    tags: normalizeTags(inputs.tags as string[] | undefined),
  }),
  idOf: (inputs) => `${inputs.projectKey}.${inputs.name}`,
  replaceKeys: ["projectKey", "name", "connection"],
  executor: () => new FolderExecutor(providerContext.getClient(), providerContext.getSettings().adoptIds),
};
