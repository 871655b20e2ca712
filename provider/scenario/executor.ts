import { DssClient, ScenarioDefinition } from "../client";
import type { Executor } from "../common/dynamicProvider";
import { errors } from "../common/errors";
import { keepManaged } from "../common/model";
import { readBack } from "../common/readBack";
import { createOrAdopt, deleteOrGone, goneOnUpdate, idInState, readOrGone, updateOrFail } from "../common/steps";
import { deepEqual } from "../common/values";
import { applyScenario, creationBody, declaredOnly, fromScenario } from "./mapping";
import type { ScenarioArgs } from "./schema";

const ALWAYS_KEPT = ["projectKey", "name", "adopt"] as const;

/**
 * Step-based scenarios in DSS. The create carries the whole declared definition (create_scenario
 * takes one), so a create is a POST and a GET; DSS picks the id and the executor keeps it in state
 * (`scenarioId`), finding the scenario by name only when state has none.
 */
export class ScenarioExecutor implements Executor {
  constructor(
    private readonly client: DssClient,
    private readonly adoptIds: ReadonlySet<string> = new Set(),
  ) {}

  async create(inputs: Record<string, unknown>): Promise<Record<string, unknown>> {
    const args = inputs as ScenarioArgs;
    const id = `${args.projectKey}.${args.name}`;
    let scenarioId: string | undefined;
    return createOrAdopt({
      what: `scenario ${id}`,
      id,
      inputs,
      mayAdopt: args.adopt === true || this.adoptIds.has(`scenario:${id}`),
      post: async () => {
        scenarioId = await this.client.scenarios.create(args.projectKey, creationBody(args));
      },
      verifyAdoptable: async () => {
        const existing = await this.client.scenarios.findByName(args.projectKey, args.name);
        if (!existing) throw errors.dss("adopt", `scenario ${id}`, new Error("DSS says it exists, but no scenario has that name"));
        scenarioId = existing.id;
        const def = await this.client.scenarios.get(args.projectKey, existing.id);
        if (def.type !== "step_based") throw errors.adoptTypeMismatch(`Scenario ${id}`, "step_based", String(def.type));
      },
      converge: () => this.converge(args, scenarioId ?? args.name),
    });
  }

  async read(state: Record<string, unknown>): Promise<Record<string, unknown> | undefined> {
    const args = state as ScenarioArgs;
    return readOrGone(`scenario ${args.projectKey}.${args.name}`, async () => {
      const id = await this.idOf(state);
      return id === undefined ? undefined : this.toState(args, await this.client.scenarios.get(args.projectKey, id));
    });
  }

  async update(state: Record<string, unknown>, inputs: Record<string, unknown>): Promise<Record<string, unknown>> {
    const args = inputs as ScenarioArgs;
    return updateOrFail(`scenario ${args.projectKey}.${args.name}`, async () => {
      const id = await this.idOf(state);
      if (id === undefined) throw goneOnUpdate();
      return this.converge(args, id);
    });
  }

  async delete(state: Record<string, unknown>): Promise<void> {
    const args = state as ScenarioArgs;
    await deleteOrGone(`scenario ${args.projectKey}.${args.name}`, async () => {
      const id = await this.idOf(state);
      if (id !== undefined) await this.client.scenarios.delete(args.projectKey, id);
    });
  }

  private idOf(state: Record<string, unknown>): Promise<string | undefined> {
    return idInState(state, "scenarioId", () => this.client.scenarios.findByName(String(state.projectKey), String(state.name)));
  }

  private async converge(args: ScenarioArgs, id: string): Promise<Record<string, unknown>> {
    let def = await this.client.scenarios.get(args.projectKey, id);
    const desired = applyScenario(def, args);
    if (!deepEqual(def, desired)) {
      const reply = await this.client.scenarios.put(args.projectKey, id, desired);
      def = await readBack(reply, (r) => r.id === id && typeof r.type === "string", () =>
        this.client.scenarios.get(args.projectKey, id),
      );
    }
    return this.toState(args, def);
  }

  private toState(args: ScenarioArgs, def: ScenarioDefinition): Record<string, unknown> {
    const model = fromScenario(def);
    model.steps = declaredOnly(model.steps, args.steps);
    model.triggers = declaredOnly(model.triggers, args.triggers);
    return keepManaged(model, args as Record<string, unknown>, {
      alwaysKept: ALWAYS_KEPT,
      computed: { scenarioId: def.id },
    });
  }
}
