import type * as pulumi from "@pulumi/pulumi";
import { Dataset } from "../dataset/resource";
import type { Inputs } from "../common/inputs";
import { DynamicResource } from "../dynamic/resource";
import type { RecipeArgs } from "./schema";

/** A dataset given by name, or the `Dataset` resource itself (which makes Pulumi order them). */
export type DatasetRef = pulumi.Input<string> | Dataset;

export type RecipeInputs = Omit<Inputs<RecipeArgs>, "inputs" | "outputs"> & {
  inputs?: DatasetRef[];
  outputs: DatasetRef[];
};

/**
 * A Dataiku DSS recipe. Its outputs must already exist: declare them as `Dataset` resources. Changing
 * `projectKey`, `name` or `type` replaces it.
 */
export class Recipe extends DynamicResource {
  declare readonly projectKey: pulumi.Output<string>;
  declare readonly name: pulumi.Output<string>;
  declare readonly type: pulumi.Output<string>;
  declare readonly inputs: pulumi.Output<string[]>;
  declare readonly outputs: pulumi.Output<string[]>;
  declare readonly code: pulumi.Output<string | undefined>;
  declare readonly description: pulumi.Output<string | undefined>;
  declare readonly tags: pulumi.Output<string[] | undefined>;

  constructor(name: string, args: RecipeInputs, opts?: pulumi.CustomResourceOptions) {
    super(
      "recipe",
      "Recipe",
      name,
      { ...args, inputs: (args.inputs ?? []).map(datasetName), outputs: args.outputs.map(datasetName) },
      opts,
    );
  }
}

// A Dataset's `name` output carries the dependency, so the recipe waits for its datasets.
function datasetName(ref: DatasetRef): pulumi.Input<string> {
  return ref instanceof Dataset ? ref.name : ref;
}
