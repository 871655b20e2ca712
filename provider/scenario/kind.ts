import type { ResourceKind } from "../common/dynamicProvider";
import { providerContext } from "../common/settings";
import { normalizeTags } from "../common/values";
import { canonicalCron } from "./cron";
import { ScenarioExecutor } from "./executor";
import { scenarioArgsSchema, type ScenarioTrigger } from "./schema";

export const scenarioKind: ResourceKind = {
  schema: scenarioArgsSchema,
  normalize: (inputs) => ({
    ...inputs,
    tags: normalizeTags(inputs.tags as string[] | undefined),
    // "0 02 * * MON" and "0 2 * * 1" are the same trigger: compare the canonical spelling DSS reads back as.
    triggers: (inputs.triggers as ScenarioTrigger[] | undefined)?.map((t) =>
      t.cron === undefined ? t : { ...t, cron: canonicalCron(t.cron) },
    ),
  }),
  idOf: (inputs) => `${inputs.projectKey}.${inputs.name}`,
  replaceKeys: ["projectKey", "name"],
  executor: () => new ScenarioExecutor(providerContext.getClient(), providerContext.getSettings().adoptIds),
};
