import * as pulumi from "@pulumi/pulumi";
import type { LoadedConfig } from "../config";
import { wrapSecrets } from "../config";
import { Dataset } from "../dataset/resource";
import { ManagedFolder } from "../folder/resource";
import { Scenario } from "../scenario/resource";
import type { ScenarioArgs } from "../scenario/schema";
import { Project } from "../project/resource";
import { Recipe } from "../recipe/resource";

/**
 * One DSS project with its datasets, recipes, managed folders and scenarios, from a validated config. Logical names come from
 * natural keys (`dataset.KEY.NAME`), never list positions, so editing one dataset touches no other.
 */
export class DataikuProject extends pulumi.ComponentResource {
  readonly project: Project;
  readonly datasets: Readonly<Record<string, Dataset>>;
  readonly recipes: Readonly<Record<string, Recipe>>;
  readonly folders: Readonly<Record<string, ManagedFolder>>;
  readonly scenarios: Readonly<Record<string, Scenario>>;

  constructor(name: string, config: LoadedConfig, opts?: pulumi.ComponentResourceOptions) {
    super("dataiku:index:DataikuProject", name, {}, opts);
    const key = config.project.projectKey;
    const secret = (value: unknown) => pulumi.secret(value);

    this.project = new Project(
      `project.${key}`,
      wrapSecrets(config.project, config.secrets.project, secret),
      { parent: this, protect: config.protect.project },
    );

    const datasets: Record<string, Dataset> = {};
    for (const args of config.datasets) {
      datasets[args.name] = new Dataset(
        `dataset.${key}.${args.name}`,
        // The project's output carries the dependency: datasets wait for their project.
        { ...wrapSecrets(args, config.secrets.datasets[args.name] ?? [], secret), projectKey: this.project.projectKey },
        { parent: this, protect: config.protect.datasets[args.name] ?? false },
      );
    }

    const folders: Record<string, ManagedFolder> = {};
    for (const args of config.folders) {
      folders[args.name] = new ManagedFolder(
        `folder.${key}.${args.name}`,
        { ...wrapSecrets(args, config.secrets.managed_folders[args.name] ?? [], secret), projectKey: this.project.projectKey },
        { parent: this, protect: config.protect.folders[args.name] ?? false },
      );
    }
    // Recipes name datasets and folders alike (validation keeps the names apart).
    const flowItem = (n: string) => datasets[n] ?? folders[n];

    const recipes: Record<string, Recipe> = {};
    for (const args of config.recipes) {
      const wrapped = wrapSecrets(args, config.secrets.recipes[args.name] ?? [], secret);
      recipes[args.name] = new Recipe(
        `recipe.${key}.${args.name}`,
        {
          ...wrapped,
          projectKey: this.project.projectKey,
          // Validation guarantees every name is a declared dataset: the resources give the ordering.
          inputs: (args.inputs ?? []).map(flowItem),
          outputs: args.outputs.map(flowItem),
        },
        { parent: this, protect: config.protect.recipes[args.name] ?? false },
      );
    }

    // A run_scenario step depends on the other scenario, so scenarios are declared callee first
    // (validation refused cycles).
    const scenarios: Record<string, Scenario> = {};
    const byName = new Map(config.scenarios.map((s) => [s.name, s]));
    const declare = (args: ScenarioArgs): Scenario => {
      const done = scenarios[args.name];
      if (done) return done;
      const wrapped = wrapSecrets(args, config.secrets.scenarios[args.name] ?? [], secret);
      return (scenarios[args.name] = new Scenario(
        `scenario.${key}.${args.name}`,
        {
          ...wrapped,
          projectKey: this.project.projectKey,
          steps: wrapped.steps?.map((st) => ({
            ...st,
            build: st.build?.map((n) => datasets[n]),
            runScenario: st.runScenario === undefined ? undefined : declare(byName.get(st.runScenario)!),
          })),
          triggers: wrapped.triggers?.map((t) => ({ ...t, datasetChanged: t.datasetChanged?.map((n) => datasets[n]) })),
        },
        { parent: this, protect: config.protect.scenarios[args.name] ?? false },
      ));
    };
    config.scenarios.forEach(declare);

    this.datasets = datasets;
    this.recipes = recipes;
    this.folders = folders;
    this.scenarios = scenarios;
    this.registerOutputs({ projectKey: this.project.projectKey });
  }
}
