import type * as pulumi from "@pulumi/pulumi";
import type { Inputs } from "../common/inputs";
import { DynamicResource } from "../dynamic/resource";
import type { FolderArgs } from "./schema";

export type ManagedFolderInputs = Inputs<FolderArgs>;

/**
 * A Dataiku DSS managed folder. Pass it to a `Recipe`'s inputs or outputs like a `Dataset`: recipes
 * refer to it by `folderId`. Changing `projectKey`, `name` or `connection` replaces it. Deleting it
 * keeps its files unless `dropFilesOnDelete` is true.
 */
export class ManagedFolder extends DynamicResource {
  declare readonly projectKey: pulumi.Output<string>;
  declare readonly name: pulumi.Output<string>;
  declare readonly connection: pulumi.Output<string>;
  declare readonly path: pulumi.Output<string | undefined>;
  declare readonly description: pulumi.Output<string | undefined>;
  declare readonly tags: pulumi.Output<string[] | undefined>;
  /** DSS's id of the folder (8 characters): what recipes and scenario steps refer to. */
  declare readonly folderId: pulumi.Output<string>;
  /** The storage type DSS gave the folder, from its connection (e.g. `Filesystem`, `S3`). */
  declare readonly dssType: pulumi.Output<string>;

  constructor(name: string, args: ManagedFolderInputs, opts?: pulumi.CustomResourceOptions) {
    super("folder", "ManagedFolder", name, { ...args, folderId: undefined, dssType: undefined }, opts);
  }
}
