import type * as pulumi from "@pulumi/pulumi";
import { secret as toSecret } from "@pulumi/pulumi/output";
import { ComponentResource } from "@pulumi/pulumi/resource";
import type { LoadedConfig } from "../config";
import { wrapSecrets } from "../config";
import { Dataset } from "../dataset/resource";
import { Project } from "../project/resource";
import { Recipe } from "../recipe/resource";

/**
 * One DSS project with its datasets and recipes, from a validated config. Logical names come from
 * natural keys (`dataset.KEY.NAME`), never list positions, so editing one dataset touches no other.
 */
export class DataikuProject extends ComponentResource {
  readonly project: Project;
  readonly datasets: Readonly<Record<string, Dataset>>;
  readonly recipes: Readonly<Record<string, Recipe>>;

  constructor(name: string, config: LoadedConfig, opts?: pulumi.ComponentResourceOptions) {
    super("dataiku:index:DataikuProject", name, {}, opts);
    const key = config.project.projectKey;
    const secret = (value: unknown) => toSecret(value);

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

    const recipes: Record<string, Recipe> = {};
    for (const args of config.recipes) {
      const wrapped = wrapSecrets(args, config.secrets.recipes[args.name] ?? [], secret);
      recipes[args.name] = new Recipe(
        `recipe.${key}.${args.name}`,
        {
          ...wrapped,
          projectKey: this.project.projectKey,
          // Validation guarantees every name is a declared dataset: the resources give the ordering.
          inputs: (args.inputs ?? []).map((n) => datasets[n]),
          outputs: args.outputs.map((n) => datasets[n]),
        },
        { parent: this, protect: config.protect.recipes[args.name] ?? false },
      );
    }

    this.datasets = datasets;
    this.recipes = recipes;
    this.registerOutputs({ projectKey: this.project.projectKey });
  }
}
