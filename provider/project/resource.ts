import type * as pulumi from "@pulumi/pulumi";
import { output, secret } from "@pulumi/pulumi/output";
import type { Inputs } from "../common/inputs";
import { DynamicResource } from "../dynamic/resource";
import type { ProjectArgs } from "./schema";

export type ProjectInputs = Inputs<ProjectArgs>;

/** A Dataiku DSS project. Changing `projectKey` replaces it; deleting it keeps managed data by default. */
export class Project extends DynamicResource {
  declare readonly projectKey: pulumi.Output<string>;
  declare readonly name: pulumi.Output<string>;
  declare readonly description: pulumi.Output<string | undefined>;
  declare readonly shortDesc: pulumi.Output<string | undefined>;
  declare readonly tags: pulumi.Output<string[] | undefined>;
  declare readonly owner: pulumi.Output<string | undefined>;
  declare readonly variables: pulumi.Output<ProjectArgs["variables"]>;

  constructor(name: string, args: ProjectInputs, opts?: pulumi.CustomResourceOptions) {
    super(
      "project",
      "Project",
      name,
      { ...args, variables: withSecretLocals(args.variables) },
      // The replacement of a project reuses its key: the old one must be deleted first.
      { deleteBeforeReplace: true, ...opts },
    );
  }
}

/**
 * Local variables often hold credentials: keep them secret in state and diffs. Only `local`: the
 * standard ones stay readable in previews.
 */
function withSecretLocals(variables: ProjectInputs["variables"]): ProjectInputs["variables"] {
  if (variables === undefined) return undefined;
  const all = output(variables);
  return {
    standard: all.apply((v) => v?.standard),
    local: all.apply((v) => (v?.local === undefined ? undefined : secret(v.local))),
  } as unknown as ProjectInputs["variables"];
}
