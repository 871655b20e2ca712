import * as pulumi from "@pulumi/pulumi";
import type { Inputs } from "../common/inputs";
import { Dataset } from "../dataset/resource";
import { scenarioShim } from "../dynamic/shim";
import type { ScenarioArgs, ScenarioStep, ScenarioTrigger } from "./schema";

type DatasetInput = pulumi.Input<string> | Dataset;

/** A step; `build` takes dataset names or `Dataset` resources, `runScenario` a `Scenario` or its name. */
export type ScenarioStepInput = Omit<ScenarioStep, "build" | "runScenario"> & {
  build?: DatasetInput[];
  runScenario?: pulumi.Input<string> | Scenario;
};
export type ScenarioTriggerInput = Omit<ScenarioTrigger, "datasetChanged"> & { datasetChanged?: DatasetInput[] };

export type ScenarioInputs = Omit<Inputs<ScenarioArgs>, "steps" | "triggers"> & {
  steps?: ScenarioStepInput[];
  triggers?: ScenarioTriggerInput[];
};

/**
 * A step-based Dataiku DSS scenario: steps that build datasets or run other scenarios, time-based
 * (cron) or dataset-change triggers, and `active`. Changing `projectKey` or `name` replaces it.
 */
export class Scenario extends pulumi.dynamic.Resource {
  declare readonly projectKey: pulumi.Output<string>;
  declare readonly name: pulumi.Output<string>;
  declare readonly active: pulumi.Output<boolean | undefined>;
  declare readonly steps: pulumi.Output<ScenarioStep[] | undefined>;
  declare readonly triggers: pulumi.Output<ScenarioTrigger[] | undefined>;
  declare readonly description: pulumi.Output<string | undefined>;
  declare readonly tags: pulumi.Output<string[] | undefined>;
  /** DSS's id of the scenario (derived from the name by DSS). */
  declare readonly scenarioId: pulumi.Output<string>;

  constructor(name: string, args: ScenarioInputs, opts?: pulumi.CustomResourceOptions) {
    const steps = args.steps?.map((s) => ({
      ...s,
      build: s.build?.map(datasetName),
      // The name carries the dependency and is known in a preview (the id is an output).
      runScenario: s.runScenario instanceof Scenario ? s.runScenario.name : s.runScenario,
    }));
    const triggers = args.triggers?.map((t) => ({ ...t, datasetChanged: t.datasetChanged?.map(datasetName) }));
    super(scenarioShim, name, { ...args, steps, triggers, scenarioId: undefined }, opts, "dataiku", "Scenario");
  }
}

// A Dataset's `name` output carries the dependency, so the scenario waits for its datasets.
function datasetName(ref: DatasetInput): pulumi.Input<string> {
  return ref instanceof Dataset ? ref.name : ref;
}
