// Projects (reference §4). Collection paths end with "/", single objects do not, as the official
// client sends them.

import { createOnce, existsBy } from "./create";
import { DssTransport } from "./http";
import {
  ProjectCreateBody, ProjectDeleteOptions, ProjectMetadata, ProjectPermissions, ProjectSummary,
  ProjectVariables,
} from "./types";

const PROJECT = "/projects/{projectKey}";

export class ProjectsApi {
  readonly #http: DssTransport;

  constructor(transport: DssTransport) {
    this.#http = transport;
  }

  list(): Promise<ProjectSummary[]> {
    return this.#http.json<ProjectSummary[]>({ method: "GET", route: "/projects/" });
  }

  /**
   * Creates the project. Resolves once it exists, even if the answer was lost; rejects with an
   * `isAlreadyExists` error when the key was taken before this call. DSS answers with bare text,
   * which is ignored.
   */
  async create(body: ProjectCreateBody): Promise<void> {
    const projectKey = body.projectKey;
    await createOnce(this.#http, {
      attempt: async () => { await this.#http.call({ method: "POST", route: "/projects/", body }); },
      exists: existsBy(() => this.getMetadata(projectKey)),
      whenFound: () => undefined,
    });
  }

  /** The read-only summary. */
  get(projectKey: string): Promise<ProjectSummary> {
    return this.#http.json<ProjectSummary>({ method: "GET", route: PROJECT, params: { projectKey } });
  }

  getMetadata(projectKey: string): Promise<ProjectMetadata> {
    return this.#getDoc<ProjectMetadata>(`${PROJECT}/metadata`, projectKey);
  }

  putMetadata(projectKey: string, doc: ProjectMetadata): Promise<unknown> {
    return this.#putDoc(`${PROJECT}/metadata`, projectKey, doc);
  }

  getSettings(projectKey: string): Promise<Record<string, unknown>> {
    return this.#getDoc<Record<string, unknown>>(`${PROJECT}/settings`, projectKey);
  }

  putSettings(projectKey: string, doc: Record<string, unknown>): Promise<unknown> {
    return this.#putDoc(`${PROJECT}/settings`, projectKey, doc);
  }

  getPermissions(projectKey: string): Promise<ProjectPermissions> {
    return this.#getDoc<ProjectPermissions>(`${PROJECT}/permissions`, projectKey);
  }

  putPermissions(projectKey: string, doc: ProjectPermissions): Promise<unknown> {
    return this.#putDoc(`${PROJECT}/permissions`, projectKey, doc);
  }

  getVariables(projectKey: string): Promise<ProjectVariables> {
    return this.#getDoc<ProjectVariables>(`${PROJECT}/variables/`, projectKey);
  }

  putVariables(projectKey: string, doc: ProjectVariables): Promise<unknown> {
    return this.#putDoc(`${PROJECT}/variables/`, projectKey, doc);
  }

  /**
   * Deletes the project, waiting server-side for the deletion to finish (`wait=true`). Defaults follow
   * the official client: keep managed data and folders, clear job and scenario logs.
   */
  async delete(projectKey: string, opts: ProjectDeleteOptions = {}): Promise<void> {
    await this.#http.call({
      method: "DELETE", route: PROJECT, params: { projectKey },
      query: {
        clearManagedDatasets: opts.clearManagedDatasets ?? false,
        clearOutputManagedFolders: opts.clearOutputManagedFolders ?? false,
        clearJobAndScenarioLogs: opts.clearJobAndScenarioLogs ?? true,
        wait: true,
      },
    });
  }

  #getDoc<T>(route: string, projectKey: string): Promise<T> {
    return this.#http.json<T>({ method: "GET", route, params: { projectKey } });
  }

  #putDoc(route: string, projectKey: string, doc: unknown): Promise<unknown> {
    return this.#http.write({ method: "PUT", route, params: { projectKey }, body: doc });
  }
}
