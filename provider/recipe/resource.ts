import type * as pulumi from "@pulumi/pulumi";
import { Dataset } from "../dataset/resource";
import { ManagedFolder } from "../folder/resource";
import type { Inputs } from "../common/inputs";
import { DynamicResource } from "../dynamic/resource";
import type { RecipeArgs } from "./schema";

/**
 * A dataset given by name, or the `Dataset` resource itself (which makes Pulumi order them), or a
 * `ManagedFolder` resource (a folder given by name must also be listed in `folders`).
 */
export type DatasetRef = pulumi.Input<string> | Dataset | ManagedFolder;

export type RecipeInputs = Omit<Inputs<RecipeArgs>, "inputs" | "outputs"> & {
  inputs?: DatasetRef[];
  outputs: DatasetRef[];
};

/**
 * A Dataiku DSS recipe. Its outputs must already exist: declare them as `Dataset` or `ManagedFolder`
 * resources. Changing
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
      {
        ...args,
        inputs: (args.inputs ?? []).map(datasetName),
        outputs: args.outputs.map(datasetName),
        ...folderNames([...(args.inputs ?? []), ...args.outputs]),
      },
      opts,
    );
  }
}

// A Dataset's or ManagedFolder's `name` output carries the dependency, so the recipe waits for it.
// Names are known in a preview (ids are not), so a folder being updated does not ripple into recipes.
function datasetName(ref: DatasetRef): pulumi.Input<string> {
  return ref instanceof Dataset || ref instanceof ManagedFolder ? ref.name : ref;
}

/** `folders`: the refs that are ManagedFolder resources, which DSS names by id. */
function folderNames(refs: DatasetRef[]): { folders?: pulumi.Input<string>[] } {
  const folders = refs.filter((r): r is ManagedFolder => r instanceof ManagedFolder).map((f) => f.name);
  return folders.length > 0 ? { folders } : {};
}
