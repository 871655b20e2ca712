// Datasets (reference §5).

import { createOnce, existsBy } from "./create";
import { DssTransport } from "./http";
import {
  DatasetDefinition, DatasetDeleteOptions, DatasetMetadata, DatasetSchema, ManagedDatasetCreateBody,
} from "./types";

const DATASETS = "/projects/{projectKey}/datasets/";
const DATASET = "/projects/{projectKey}/datasets/{datasetName}";

export class DatasetsApi {
  readonly #http: DssTransport;

  constructor(transport: DssTransport) {
    this.#http = transport;
  }

  list(projectKey: string): Promise<DatasetDefinition[]> {
    return this.#http.json<DatasetDefinition[]>({ method: "GET", route: DATASETS, params: { projectKey } });
  }

  /**
   * Creates a dataset from a full definition (`definition.name` names it). Resolves once it exists,
   * even if the answer was lost; an `isAlreadyExists` error means the name was taken before.
   */
  async create(projectKey: string, definition: DatasetDefinition): Promise<void> {
    await this.#createOnce(projectKey, definition.name, DATASETS, definition);
  }

  /** Creates a managed dataset; DSS fills connection details, path and format itself. */
  async createManaged(projectKey: string, body: ManagedDatasetCreateBody): Promise<void> {
    await this.#createOnce(projectKey, body.name, `${DATASETS}managed`, body);
  }

  get(projectKey: string, name: string): Promise<DatasetDefinition> {
    return this.#http.json<DatasetDefinition>({ method: "GET", route: DATASET, params: { projectKey, datasetName: name } });
  }

  /** Replaces the whole definition: read, modify, then put. */
  /** Returns DSS's answer (the saved definition on some versions), or undefined. */
  put(projectKey: string, name: string, definition: DatasetDefinition): Promise<unknown> {
    return this.#http.write({ method: "PUT", route: DATASET, params: { projectKey, datasetName: name }, body: definition });
  }

  getSchema(projectKey: string, name: string): Promise<DatasetSchema> {
    return this.#http.json<DatasetSchema>({ method: "GET", route: `${DATASET}/schema`, params: { projectKey, datasetName: name } });
  }

  async putSchema(projectKey: string, name: string, schema: DatasetSchema): Promise<void> {
    await this.#http.call({ method: "PUT", route: `${DATASET}/schema`, params: { projectKey, datasetName: name }, body: schema });
  }

  getMetadata(projectKey: string, name: string): Promise<DatasetMetadata> {
    return this.#http.json<DatasetMetadata>({ method: "GET", route: `${DATASET}/metadata`, params: { projectKey, datasetName: name } });
  }

  async putMetadata(projectKey: string, name: string, metadata: DatasetMetadata): Promise<void> {
    await this.#http.call({ method: "PUT", route: `${DATASET}/metadata`, params: { projectKey, datasetName: name }, body: metadata });
  }

  /** Deletes the dataset; its stored data too only with `dropData: true`. */
  async delete(projectKey: string, name: string, opts: DatasetDeleteOptions = {}): Promise<void> {
    await this.#http.call({
      method: "DELETE", route: DATASET, params: { projectKey, datasetName: name },
      query: { dropData: opts.dropData ?? false },
    });
  }

  async #createOnce(projectKey: string, name: string, route: string, body: unknown): Promise<void> {
    await createOnce(this.#http, {
      attempt: async () => { await this.#http.call({ method: "POST", route, params: { projectKey }, body }); },
      exists: existsBy(() => this.get(projectKey, name)),
      whenFound: () => undefined,
    });
  }
}
