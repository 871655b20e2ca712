// Managed folders (PY-project create_managed_folder, PY-managedfolder). A folder is addressed by its
// id, which DSS picks; its name is only a label, so lookups by name go through the list.

import { createWithId } from "./create";
import { DssTransport } from "./http";
import { FolderCreateBody, FolderDefinition, FolderFile } from "./types";

const FOLDERS = "/projects/{projectKey}/managedfolders/";
const FOLDER = "/projects/{projectKey}/managedfolders/{folderId}";

export class FoldersApi {
  readonly #http: DssTransport;

  constructor(transport: DssTransport) {
    this.#http = transport;
  }

  list(projectKey: string): Promise<FolderDefinition[]> {
    return this.#http.json<FolderDefinition[]>({ method: "GET", route: FOLDERS, params: { projectKey } });
  }

  /** The folder called `name`, or undefined. */
  async findByName(projectKey: string, name: string): Promise<FolderDefinition | undefined> {
    return (await this.list(projectKey)).find((f) => f.name === name);
  }

  /** Creates the folder and resolves with its id; after a lost answer the folder is found by name. */
  async create(projectKey: string, body: FolderCreateBody): Promise<string> {
    return createWithId(
      this.#http,
      () => this.#http.json<{ id?: unknown }>({ method: "POST", route: FOLDERS, params: { projectKey }, body }),
      async () => (await this.findByName(projectKey, body.name))?.id,
    );
  }

  get(projectKey: string, folderId: string): Promise<FolderDefinition> {
    return this.#http.json<FolderDefinition>({ method: "GET", route: FOLDER, params: { projectKey, folderId } });
  }

  /** Replaces the settings document: read, modify, then put. DSS answers {"msg": ...}. */
  put(projectKey: string, folderId: string, definition: FolderDefinition): Promise<unknown> {
    return this.#http.write({ method: "PUT", route: FOLDER, params: { projectKey, folderId }, body: definition });
  }

  /** Removes the folder from the flow. DSS keeps its files (PY-managedfolder delete). */
  async delete(projectKey: string, folderId: string): Promise<void> {
    await this.#http.call({ method: "DELETE", route: FOLDER, params: { projectKey, folderId } });
  }

  async listFiles(projectKey: string, folderId: string): Promise<FolderFile[]> {
    const reply = await this.#http.json<{ items?: FolderFile[] }>({ method: "GET", route: `${FOLDER}/contents`, params: { projectKey, folderId } });
    return reply?.items ?? [];
  }

  async deleteFile(projectKey: string, folderId: string, filePath: string): Promise<void> {
    await this.#http.call({
      method: "DELETE", route: `${FOLDER}/contents/{filePath}`, params: { projectKey, folderId, filePath: filePath.replace(/^\/+/, "") },
    });
  }
}
