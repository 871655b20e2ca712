import { DssClient } from "../client";
import type { Executor } from "../common/dynamicProvider";
import { keepManaged, mergeMap } from "../common/model";
import { readBack } from "../common/readBack";
import { tagsToWrite } from "../common/ownership";
import { providerContext } from "../common/settings";
import { createOrAdopt, deleteOrGone, readOrGone, updateOrFail } from "../common/steps";
import { deepEqual } from "../common/values";
import { applyMetadata, metadataFields } from "./mapping";
import type { ProjectArgs } from "./schema";

const ALWAYS_KEPT = ["projectKey", "adopt", "dropManagedDataOnDelete"] as const;

/**
 * Projects in DSS. A plain create costs 2 calls (create, read metadata back); fields the create body
 * cannot carry (shortDesc, variables, owner) each add a read-modify-write of their document.
 */
export class ProjectExecutor implements Executor {
  constructor(
    private readonly client: DssClient,
    private readonly adoptIds: ReadonlySet<string> = new Set(),
  ) {}

  async create(inputs: Record<string, unknown>, stack?: string): Promise<Record<string, unknown>> {
    const args = inputs as ProjectArgs;
    const key = args.projectKey;
    return createOrAdopt({
      what: `project ${key}`,
      id: key,
      inputs,
      mayAdopt: args.adopt === true || this.adoptIds.has(`project:${key}`),
      stack,
      journal: providerContext.journal(stack),
      journalId: `project:${key}`,
      readTags: async () => (await this.client.projects.getMetadata(key)).tags,
      post: () =>
        this.client.projects.create({
          projectKey: key,
          name: args.name,
          owner: args.owner,
          description: args.description,
          tags: tagsToWrite(undefined, args.tags, stack),
        }),
      converge: () => this.converge(args, stack),
    });
  }

  async read(state: Record<string, unknown>): Promise<Record<string, unknown> | undefined> {
    const args = state as ProjectArgs;
    return readOrGone(`project ${args.projectKey}`, () => this.readState(args));
  }

  async update(_state: Record<string, unknown>, inputs: Record<string, unknown>, stack?: string): Promise<Record<string, unknown>> {
    const args = inputs as ProjectArgs;
    return updateOrFail(`project ${args.projectKey}`, () => this.converge(args, stack));
  }

  async delete(state: Record<string, unknown>): Promise<void> {
    const args = state as ProjectArgs;
    // Data is kept unless the program opted in: DSS's managed datasets outlive the project.
    await deleteOrGone(`project ${args.projectKey}`, () =>
      this.client.projects.delete(args.projectKey, {
        clearManagedDatasets: args.dropManagedDataOnDelete === true,
        clearOutputManagedFolders: false,
        clearJobAndScenarioLogs: true,
      }),
    );
  }

  /** Writes each managed document whose DSS copy differs from `args`, then returns the state. */
  private async converge(args: ProjectArgs, stack: string | undefined): Promise<Record<string, unknown>> {
    const key = args.projectKey;
    let meta = await this.client.projects.getMetadata(key);
    const desiredMeta = applyMetadata(meta, args, stack);
    if (!deepEqual(meta, desiredMeta)) {
      const reply = await this.client.projects.putMetadata(key, desiredMeta);
      meta = await readBack(reply, (r) => typeof r.label === "string", () => this.client.projects.getMetadata(key));
    }
    let variables: Record<string, unknown> | undefined;
    if (args.variables !== undefined) {
      let current = await this.client.projects.getVariables(key);
      const desired = mergeMap(current, args.variables, 2) as typeof current;
      if (!deepEqual(current, desired)) {
        const reply = await this.client.projects.putVariables(key, desired);
        current = await readBack(reply, (r) => "standard" in r && "local" in r, () =>
          this.client.projects.getVariables(key),
        );
      }
      variables = current as Record<string, unknown>;
    }
    let owner: string | undefined;
    if (args.owner !== undefined) {
      let permissions = await this.client.projects.getPermissions(key);
      if (permissions.owner !== args.owner) {
        const reply = await this.client.projects.putPermissions(key, { ...permissions, owner: args.owner });
        permissions = await readBack(reply, (r) => typeof r.owner === "string", () =>
          this.client.projects.getPermissions(key),
        );
      }
      owner = permissions.owner as string | undefined;
    }
    return this.toState(args, meta, variables, owner);
  }

  private async readState(args: ProjectArgs): Promise<Record<string, unknown>> {
    const key = args.projectKey;
    const meta = await this.client.projects.getMetadata(key);
    const variables = args.variables !== undefined ? await this.client.projects.getVariables(key) : undefined;
    const owner =
      args.owner !== undefined ? ((await this.client.projects.getPermissions(key)).owner as string) : undefined;
    return this.toState(args, meta, variables as Record<string, unknown> | undefined, owner);
  }

  private toState(
    args: ProjectArgs,
    meta: Awaited<ReturnType<DssClient["projects"]["getMetadata"]>>,
    variables: Record<string, unknown> | undefined,
    owner: string | undefined,
  ): Record<string, unknown> {
    const fromDss = { ...metadataFields(meta), variables, owner };
    return keepManaged(fromDss, args as Record<string, unknown>, { alwaysKept: ALWAYS_KEPT, maps: { variables: 2 } });
  }
}
