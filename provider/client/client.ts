// The entry point: one DssClient per DSS instance and key.

import { ConnectionsApi } from "./connections";
import { DatasetsApi } from "./datasets";
import { FoldersApi } from "./folders";
import { DssClientOptions, DssTransport } from "./http";
import { ProjectsApi } from "./projects";
import { RecipesApi } from "./recipes";
import { ScenariosApi } from "./scenarios";
import { AuthInfo } from "./types";

export class DssClient {
  readonly projects: ProjectsApi;
  readonly datasets: DatasetsApi;
  readonly recipes: RecipesApi;
  readonly folders: FoldersApi;
  readonly scenarios: ScenariosApi;
  readonly connections: ConnectionsApi;
  /** Holds the key; private so it is never enumerable, serialised or inspected. */
  readonly #http: DssTransport;

  /** Throws a TypeError naming the setting when the URL, the key or a limit is unusable. */
  constructor(options: DssClientOptions) {
    this.#http = new DssTransport(options);
    this.projects = new ProjectsApi(this.#http);
    this.datasets = new DatasetsApi(this.#http);
    this.recipes = new RecipesApi(this.#http);
    this.folders = new FoldersApi(this.#http);
    this.scenarios = new ScenariosApi(this.#http);
    this.connections = new ConnectionsApi(this.#http);
  }

  /** Who the key authenticates as; a cheap probe of URL and key. */
  authInfo(): Promise<AuthInfo> {
    return this.#http.json<AuthInfo>({ method: "GET", route: "/auth/info", query: { withSecrets: false } });
  }
}
