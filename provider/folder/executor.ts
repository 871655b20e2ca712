import { DssClient, FolderDefinition } from "../client";
import type { Executor } from "../common/dynamicProvider";
import { DataikuError, errors, PartialCreateError } from "../common/errors";
import { keepManaged } from "../common/model";
import { readBack } from "../common/readBack";
import { deleteOrGone, goneOnUpdate, idInState, readOrGone, updateOrFail } from "../common/steps";
import { deepEqual } from "../common/values";
import { applyFolder, creationBody, fromFolder } from "./mapping";
import type { FolderArgs } from "./schema";

const ALWAYS_KEPT = ["projectKey", "name", "adopt", "dropFilesOnDelete"] as const;

/**
 * Managed folders in DSS. DSS identifies a folder by an id it picks, so the executor keeps that id
 * in state (`folderId`) and finds a folder by name only when state has none (a create that did not
 * finish). A create is a list (is the name free?), a POST and a GET; description or tags add a PUT
 * and a GET, since DSS answers folder PUTs with a message, not the document.
 */
export class FolderExecutor implements Executor {
  constructor(
    private readonly client: DssClient,
    private readonly adoptIds: ReadonlySet<string> = new Set(),
  ) {}

  async create(inputs: Record<string, unknown>): Promise<Record<string, unknown>> {
    const args = inputs as FolderArgs;
    const what = `managed folder ${args.projectKey}.${args.name}`;
    let folderId: string;
    try {
      const existing = await this.client.folders.findByName(args.projectKey, args.name);
      if (existing) {
        if (args.adopt !== true && !this.adoptIds.has(`folder:${args.projectKey}.${args.name}`)) {
          throw errors.alreadyExists(`Managed folder ${args.projectKey}.${args.name}`, "`adopt: true` on it");
        }
        folderId = existing.id;
      } else {
        folderId = await this.client.folders.create(args.projectKey, creationBody(args));
      }
    } catch (e) {
      if (e instanceof DataikuError) throw e;
      throw errors.dss("create", what, e);
    }
    try {
      return await this.converge(args, folderId);
    } catch (e) {
      throw new PartialCreateError(
        `Created ${what}, but could not finish setting it up: ${errors.dss("configure", what, e).message}`,
        `${args.projectKey}.${args.name}`,
        { ...inputs, folderId },
      );
    }
  }

  async read(state: Record<string, unknown>): Promise<Record<string, unknown> | undefined> {
    const args = state as FolderArgs;
    return readOrGone(`managed folder ${args.projectKey}.${args.name}`, async () => {
      const id = await this.idOf(state);
      return id === undefined ? undefined : this.toState(args, await this.client.folders.get(args.projectKey, id));
    });
  }

  async update(state: Record<string, unknown>, inputs: Record<string, unknown>): Promise<Record<string, unknown>> {
    const args = inputs as FolderArgs;
    return updateOrFail(`managed folder ${args.projectKey}.${args.name}`, async () => {
      const id = await this.idOf(state);
      if (id === undefined) throw goneOnUpdate();
      return this.converge(args, id);
    });
  }

  /** Removes the folder; its files stay unless `dropFilesOnDelete` (they are deleted one by one first). */
  async delete(state: Record<string, unknown>): Promise<void> {
    const args = state as FolderArgs;
    await deleteOrGone(`managed folder ${args.projectKey}.${args.name}`, async () => {
      const id = await this.idOf(state);
      if (id === undefined) return;
      if (args.dropFilesOnDelete === true) {
        for (const file of await this.client.folders.listFiles(args.projectKey, id)) {
          await this.client.folders.deleteFile(args.projectKey, id, file.path);
        }
      }
      await this.client.folders.delete(args.projectKey, id);
    });
  }

  private idOf(state: Record<string, unknown>): Promise<string | undefined> {
    return idInState(state, "folderId", () => this.client.folders.findByName(String(state.projectKey), String(state.name)));
  }

  private async converge(args: FolderArgs, id: string): Promise<Record<string, unknown>> {
    let def = await this.client.folders.get(args.projectKey, id);
    const desired = applyFolder(def, args);
    if (!deepEqual(def, desired)) {
      const reply = await this.client.folders.put(args.projectKey, id, desired);
      def = await readBack(reply, (r) => r.id === id && typeof r.name === "string", () =>
        this.client.folders.get(args.projectKey, id),
      );
    }
    return this.toState(args, def);
  }

  private toState(args: FolderArgs, def: FolderDefinition): Record<string, unknown> {
    return keepManaged(fromFolder(def), args as Record<string, unknown>, {
      alwaysKept: ALWAYS_KEPT,
      computed: { folderId: def.id, dssType: def.type },
    });
  }
}
