import type * as pulumi from "@pulumi/pulumi";
import type { Inputs } from "../common/inputs";
import { DynamicResource } from "../dynamic/resource";
import type { Column, DatasetArgs } from "./schema";

export type DatasetInputs = Inputs<DatasetArgs>;

/**
 * A Dataiku DSS dataset. Changing `projectKey`, `name` or `type` replaces it. Deleting it keeps its
 * data unless `dropDataOnDelete` is true.
 */
export class Dataset extends DynamicResource {
  declare readonly projectKey: pulumi.Output<string>;
  declare readonly name: pulumi.Output<string>;
  declare readonly type: pulumi.Output<string>;
  declare readonly connection: pulumi.Output<string | undefined>;
  declare readonly formatType: pulumi.Output<string | undefined>;
  declare readonly columns: pulumi.Output<Column[] | undefined>;
  declare readonly description: pulumi.Output<string | undefined>;
  declare readonly tags: pulumi.Output<string[] | undefined>;
  /** The type DSS gave the dataset, e.g. `Filesystem` for a managed dataset on files. */
  declare readonly dssType: pulumi.Output<string>;
  /** Whether DSS manages the dataset's storage. */
  declare readonly isManaged: pulumi.Output<boolean>;

  constructor(name: string, args: DatasetInputs, opts?: pulumi.CustomResourceOptions) {
    super("dataset", "Dataset", name, { ...args, dssType: undefined, isManaged: undefined }, opts);
  }
}
