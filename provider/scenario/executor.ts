import { DssClient, ScenarioDefinition } from "../client";
import type { Executor } from "../common/dynamicProvider";
import { errors } from "../common/errors";
import { keepManaged } from "../common/model";
import { readBack } from "../common/readBack";
import { createOrAdopt, deleteOrGone, goneOnUpdate, idInState, readOrGone, updateOrFail } from "../common/steps";
import { deepEqual } from "../common/values";
import { applyScenario, creationBody, declaredOnly, fromScenario, NO_SCENARIOS, ScenarioRefs } from "./mapping";
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
    let refs: Promise<ScenarioRefs> | undefined;
    const scenarioRefs = () => (refs ??= this.scenarioRefs(args)); // one list call per create
    return createOrAdopt({
      what: `scenario ${id}`,
      id,
      inputs,
      mayAdopt: args.adopt === true || this.adoptIds.has(`scenario:${id}`),
      post: async () => {
        scenarioId = await this.client.scenarios.create(args.projectKey, creationBody(args, await scenarioRefs()));
      },
      verifyAdoptable: async () => {
        const existing = await this.client.scenarios.findByName(args.projectKey, args.name);
        if (!existing) throw errors.dss("adopt", `scenario ${id}`, new Error("DSS says it exists, but no scenario has that name"));
        scenarioId = existing.id;
        const def = await this.client.scenarios.get(args.projectKey, existing.id);
        if (def.type !== "step_based") throw errors.adoptTypeMismatch(`Scenario ${id}`, "step_based", String(def.type));
      },
      converge: async () => this.converge(args, scenarioId ?? args.name, await scenarioRefs()),
    });
  }

  async read(state: Record<string, unknown>): Promise<Record<string, unknown> | undefined> {
    const args = state as ScenarioArgs;
    return readOrGone(`scenario ${args.projectKey}.${args.name}`, async () => {
      const id = await this.idOf(state);
      if (id === undefined) return undefined;
      return this.toState(args, await this.client.scenarios.get(args.projectKey, id), await this.scenarioRefs(args));
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

  /** Ids of the scenarios that run-scenario steps name (one list call); nothing for other scenarios. */
  private async scenarioRefs(args: ScenarioArgs): Promise<ScenarioRefs> {
    const names = (args.steps ?? []).flatMap((s) => (s.runScenario === undefined ? [] : [s.runScenario]));
    if (names.length === 0) return NO_SCENARIOS;
    const all = await this.client.scenarios.list(args.projectKey);
    const idOf = new Map(all.map((s) => [s.name, s.id]));
    const missing = names.filter((n) => !idOf.has(n));
    if (missing.length > 0) throw new Error(`no scenario named ${missing.join(", ")} in project ${args.projectKey} to run; create it first`);
    return { idOf, nameOf: new Map(all.map((s) => [s.id, s.name])) };
  }

  private async converge(args: ScenarioArgs, id: string, known?: ScenarioRefs): Promise<Record<string, unknown>> {
    const refs = known ?? (await this.scenarioRefs(args));
    let def = await this.client.scenarios.get(args.projectKey, id);
    const desired = applyScenario(def, args, refs);
    if (!deepEqual(def, desired)) {
      const reply = await this.client.scenarios.put(args.projectKey, id, desired);
      def = await readBack(reply, (r) => r.id === id && typeof r.type === "string", () =>
        this.client.scenarios.get(args.projectKey, id),
      );
    }
    return this.toState(args, def, refs);
  }

  private toState(args: ScenarioArgs, def: ScenarioDefinition, refs: ScenarioRefs): Record<string, unknown> {
    const model = fromScenario(def, refs);
    model.steps = declaredOnly(model.steps, args.steps);
    model.triggers = declaredOnly(model.triggers, args.triggers);
    return keepManaged(model, args as Record<string, unknown>, {
      alwaysKept: ALWAYS_KEPT,
      computed: { scenarioId: def.id },
    });
  }
}
