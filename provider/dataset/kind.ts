import type { ResourceKind } from "../common/dynamicProvider";
import { providerContext } from "../common/settings";
import { normalizeTags } from "../common/values";
import { DatasetExecutor } from "./executor";
import { datasetArgsSchema } from "./schema";
import { normalizeDatasetType } from "./types";

export const datasetKind: ResourceKind = {
  schema: datasetArgsSchema,
  normalize: (inputs) => ({
    ...inputs,
    type: inputs.type === undefined ? undefined : normalizeDatasetType(String(inputs.type)),
    tags: normalizeTags(inputs.tags as string[] | undefined),
  }),
  idOf: (inputs) => `${inputs.projectKey}.${inputs.name}`,
  replaceKeys: ["projectKey", "name", "type"],
  executor: () =>
    new DatasetExecutor(
      providerContext.getClient(),
      providerContext.getSettings().defaultManagedConnection,
      providerContext.getSettings().adoptIds,
    ),
};
