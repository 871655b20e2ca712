// Scenarios (PY-project create_scenario, PY-scenario). DSS derives the id from the name and answers
// the create with it; the client reads it from the answer, as the official client does.

import { createWithId } from "./create";
import { DssTransport } from "./http";
import { ScenarioDefinition, ScenarioListItem } from "./types";

const SCENARIOS = "/projects/{projectKey}/scenarios/";
const SCENARIO = "/projects/{projectKey}/scenarios/{scenarioId}";

export class ScenariosApi {
  readonly #http: DssTransport;

  constructor(transport: DssTransport) {
    this.#http = transport;
  }

  list(projectKey: string): Promise<ScenarioListItem[]> {
    return this.#http.json<ScenarioListItem[]>({ method: "GET", route: SCENARIOS, params: { projectKey } });
  }

  async findByName(projectKey: string, name: string): Promise<ScenarioListItem | undefined> {
    return (await this.list(projectKey)).find((s) => s.name === name);
  }

  /** Creates the scenario from `{name, type, ...definition}` and resolves with its id. */
  async create(projectKey: string, body: Record<string, unknown> & { name: string; type: string }): Promise<string> {
    return createWithId(
      this.#http,
      () => this.#http.json<{ id?: unknown }>({ method: "POST", route: SCENARIOS, params: { projectKey }, body }),
      async () => (await this.findByName(projectKey, body.name))?.id,
    );
  }

  get(projectKey: string, scenarioId: string): Promise<ScenarioDefinition> {
    return this.#http.json<ScenarioDefinition>({ method: "GET", route: SCENARIO, params: { projectKey, scenarioId } });
  }

  /** Replaces the settings document (DSSScenarioSettings.save): read, modify, then put. */
  put(projectKey: string, scenarioId: string, definition: ScenarioDefinition): Promise<unknown> {
    return this.#http.write({ method: "PUT", route: SCENARIO, params: { projectKey, scenarioId }, body: definition });
  }

  async delete(projectKey: string, scenarioId: string): Promise<void> {
    await this.#http.call({ method: "DELETE", route: SCENARIO, params: { projectKey, scenarioId } });
  }
}
