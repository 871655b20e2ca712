import { DatasetDefinition, DssClient } from "../client";
import type { Executor } from "../common/dynamicProvider";
import { errors } from "../common/errors";
import { keepManaged } from "../common/model";
import { readBack } from "../common/readBack";
import { providerContext } from "../common/settings";
import { createOrAdopt, deleteOrGone, readOrGone, updateOrFail } from "../common/steps";
import { deepEqual } from "../common/values";
import { applyDefinition, formatPreset, fromDefinition, newDefinition } from "./mapping";
import type { DatasetArgs } from "./schema";
import { isSqlType, MANAGED, normalizeDatasetType, SQL_FROM_CONNECTION } from "./types";

const ALWAYS_KEPT = ["projectKey", "name", "adopt", "dropDataOnDelete"] as const;

/** Connection types do not change while a provider process runs: look each up once. */
const connectionTypes = new Map<string, Promise<string>>();

/**
 * Datasets in DSS. A create is a POST and a GET (the read-back). A managed dataset whose description,
 * tags, columns or params the managed-creation endpoint cannot carry adds one PUT, whose answer is the
 * read-back when DSS sends the saved document: 2 or 3 calls.
 */
export class DatasetExecutor implements Executor {
  constructor(
    private readonly client: DssClient,
    private readonly defaultManagedConnection: string,
    private readonly adoptIds: ReadonlySet<string> = new Set(),
  ) {}

  async create(inputs: Record<string, unknown>, stack?: string): Promise<Record<string, unknown>> {
    const args = inputs as DatasetArgs;
    const id = `${args.projectKey}.${args.name}`;
    return createOrAdopt({
      what: `dataset ${id}`,
      id,
      inputs,
      mayAdopt: args.adopt === true || this.adoptIds.has(`dataset:${id}`),
      stack,
      journal: providerContext.journal(stack),
      journalId: `dataset:${id}`,
      readTags: async () => (await this.client.datasets.get(args.projectKey, args.name)).tags,
      post: () => this.post(args, stack),
      verifyAdoptable: () => this.verifyAdoptable(args),
      converge: () => this.converge(args, stack),
    });
  }

  async read(state: Record<string, unknown>): Promise<Record<string, unknown> | undefined> {
    const args = state as DatasetArgs;
    return readOrGone(`dataset ${args.projectKey}.${args.name}`, async () =>
      this.toState(args, await this.client.datasets.get(args.projectKey, args.name)),
    );
  }

  async update(_state: Record<string, unknown>, inputs: Record<string, unknown>, stack?: string): Promise<Record<string, unknown>> {
    const args = inputs as DatasetArgs;
    return updateOrFail(`dataset ${args.projectKey}.${args.name}`, () => this.converge(args, stack));
  }

  async delete(state: Record<string, unknown>): Promise<void> {
    const args = state as DatasetArgs;
    // Data is kept unless the program opted in with dropDataOnDelete.
    await deleteOrGone(`dataset ${args.projectKey}.${args.name}`, () =>
      this.client.datasets.delete(args.projectKey, args.name, { dropData: args.dropDataOnDelete === true }),
    );
  }

  /** The managed-dataset endpoint takes no tags: `converge` writes the ownership tag right after. */
  private async post(args: DatasetArgs, stack: string | undefined): Promise<void> {
    if (args.type === MANAGED) {
      const preset = formatPreset(args.formatType);
      await this.client.datasets.createManaged(args.projectKey, {
        name: args.name,
        creationSettings: {
          connectionId: args.connection ?? this.defaultManagedConnection,
          ...(preset ? { specificSettings: { formatOptionId: preset } } : {}),
        },
      });
      return;
    }
    await this.client.datasets.create(args.projectKey, newDefinition(args, await this.dssType(args), stack));
  }

  /** Reads, writes the managed fields if DSS differs, reads back. */
  private async converge(args: DatasetArgs, stack: string | undefined): Promise<Record<string, unknown>> {
    let def = await this.client.datasets.get(args.projectKey, args.name);
    const desired = applyDefinition(def, args, stack);
    if (!deepEqual(def, desired)) {
      const reply = await this.client.datasets.put(args.projectKey, args.name, desired);
      def = await readBack(reply, (r) => r.name === args.name && typeof r.type === "string", () =>
        this.client.datasets.get(args.projectKey, args.name),
      );
    }
    return this.toState(args, def);
  }

  private toState(args: DatasetArgs, def: DatasetDefinition): Record<string, unknown> {
    return keepManaged(fromDefinition(def, args.type), args as Record<string, unknown>, {
      alwaysKept: ALWAYS_KEPT,
      maps: { params: 1 },
      computed: { dssType: def.type, isManaged: def.managed === true },
    });
  }

  private async verifyAdoptable(args: DatasetArgs): Promise<void> {
    const def = await this.client.datasets.get(args.projectKey, args.name);
    const actual = fromDefinition(def, args.type).type as string;
    const matches =
      actual === args.type || (args.type === SQL_FROM_CONNECTION && isSqlType(actual));
    if (!matches) {
      const shown = def.managed ? `managed (${def.type})` : String(def.type);
      throw errors.adoptTypeMismatch(`Dataset ${args.projectKey}.${args.name}`, args.type, shown);
    }
  }

  /** The DSS type of a non-managed dataset; `sql` takes its connection's type. */
  private async dssType(args: DatasetArgs): Promise<string> {
    if (args.type !== SQL_FROM_CONNECTION) return normalizeDatasetType(args.type) ?? args.type;
    const name = args.connection as string;
    let type = connectionTypes.get(name);
    if (!type) {
      type = this.client.connections.get(name).then((c) => String(c.type));
      connectionTypes.set(name, type);
      type.catch(() => connectionTypes.delete(name));
    }
    try {
      return await type;
    } catch (e) {
      throw errors.dss(
        "find the type of connection",
        `${name} (set the dataset's type to the SQL type, e.g. PostgreSQL, to skip this lookup)`,
        e,
      );
    }
  }
}
