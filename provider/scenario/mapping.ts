// DSS's scenario settings document <-> the Scenario model, in one place. DSS rewrites a scenario on
// save (ids, labels and run conditions on each step and trigger, a default jobType...), so:
// - writing merges each declared step/trigger over the one DSS holds at the same position, keeping
//   what DSS added;
// - reading yields, per step and trigger, only the fields the program declared (`declaredOnly`),
//   so DSS's additions are never compared (docs/design.md, "Scenarios").
import type { ScenarioDefinition } from "../client";
import { normalizeTags } from "../common/values";
import { cronOf, parseCron } from "./cron";
import type { ScenarioArgs, ScenarioStep, ScenarioTrigger } from "./schema";

type Doc = Record<string, unknown>;

const STEP_KINDS = ["build", "runScenario", "unsupported"];
const TRIGGER_KINDS = ["cron", "datasetChanged", "unsupported"];
/** A date in the past: DSS's time-based triggers need a start, the official client sets one too. */
const STARTING_FROM = "2020-01-01T00:00:00.000+0000";

/**
 * Other scenarios named by run-scenario steps: DSS refers to them by id, the model by name (known in
 * a preview, unlike an id that is an output). Both directions; empty when no step runs a scenario.
 */
export interface ScenarioRefs {
  idOf: ReadonlyMap<string, string>;
  nameOf: ReadonlyMap<string, string>;
}

export const NO_SCENARIOS: ScenarioRefs = { idOf: new Map(), nameOf: new Map() };

/** Every model field as DSS holds it. */
export function fromScenario(def: ScenarioDefinition, refs: ScenarioRefs = NO_SCENARIOS): Record<string, unknown> {
  return {
    projectKey: def.projectKey,
    name: def.name,
    active: def.active === true,
    steps: (def.params?.steps ?? []).map((step) => stepModel(step, refs)),
    triggers: (def.triggers ?? []).map(triggerModel),
    description: typeof def.description === "string" ? def.description : "",
    tags: normalizeTags(Array.isArray(def.tags) ? def.tags : []),
  };
}

/** Each element of `actual` cut down to the keys its declared counterpart has (plus its kind). */
export function declaredOnly(actual: unknown, declared: unknown): unknown {
  if (!Array.isArray(actual) || !Array.isArray(declared)) return actual;
  return actual.map((item: Doc, i) => {
    const want = declared[i] as Doc | undefined;
    if (!want) return item;
    const kinds = [...STEP_KINDS, ...TRIGGER_KINDS];
    return Object.fromEntries(Object.entries(item).filter(([k, v]) => v !== undefined && (k in want || kinds.includes(k))));
  });
}

/** The document with the managed fields of `args` written over what DSS holds (read-modify-write). */
export function applyScenario(def: ScenarioDefinition, args: ScenarioArgs, refs: ScenarioRefs = NO_SCENARIOS): ScenarioDefinition {
  const next: ScenarioDefinition = { ...def, params: { ...(def.params ?? {}) } };
  if (args.active !== undefined) next.active = args.active;
  if (args.description !== undefined) next.description = args.description;
  if (args.tags !== undefined) next.tags = normalizeTags(args.tags);
  if (args.steps !== undefined) {
    const current = def.params?.steps ?? [];
    next.params!.steps = args.steps.map((s, i) => stepDoc(s, current[i], refs));
  }
  if (args.triggers !== undefined) {
    const current = def.triggers ?? [];
    next.triggers = args.triggers.map((t, i) => triggerDoc(t, current[i]));
  }
  return next;
}

/** The body of create_scenario: a step-based scenario with the declared settings already in it. */
export function creationBody(args: ScenarioArgs, refs: ScenarioRefs = NO_SCENARIOS): Record<string, unknown> & { name: string; type: string } {
  const empty: ScenarioDefinition = { id: "", name: args.name, type: "step_based", active: false, params: { steps: [] }, triggers: [] };
  const { id: _id, ...body } = applyScenario(empty, args, refs);
  return { ...body, name: args.name, type: "step_based" };
}

// ---- steps ----------------------------------------------------------------------------------

function stepModel(step: Doc, refs: ScenarioRefs): Record<string, unknown> {
  const params = (step.params ?? {}) as Doc;
  const name = typeof step.name === "string" ? step.name : undefined;
  if (step.type === "build_flowitem") {
    const builds = Array.isArray(params.builds) ? (params.builds as Doc[]) : [];
    return { build: builds.map((b) => String(b.itemId)), buildMode: params.jobType, name };
  }
  if (step.type === "run_scenario") {
    const id = String(params.scenarioId);
    return { runScenario: refs.nameOf.get(id) ?? id, name };
  }
  return { unsupported: String(step.type), name };
}

function stepDoc(step: ScenarioStep, current: Doc | undefined, refs: ScenarioRefs): Doc {
  const type = step.build !== undefined ? "build_flowitem" : "run_scenario";
  const base: Doc = current?.type === type ? current : { type };
  const params = { ...((base.params ?? {}) as Doc) };
  if (step.build !== undefined) {
    const existing = new Map(((params.builds ?? []) as Doc[]).map((b) => [String(b.itemId), b]));
    params.builds = step.build.map((id) => existing.get(id) ?? { type: "DATASET", itemId: id, partitionsSpec: "" });
    if (step.buildMode !== undefined || params.jobType === undefined) params.jobType = step.buildMode ?? "RECURSIVE_BUILD";
  } else {
    params.scenarioId = refs.idOf.get(step.runScenario as string) ?? step.runScenario;
  }
  const doc: Doc = { ...base, params };
  if (step.name !== undefined) doc.name = step.name;
  else if (doc.name === undefined) doc.name = step.build ? `Build ${step.build.join(", ")}` : `Run ${step.runScenario}`;
  return doc;
}

// ---- triggers -------------------------------------------------------------------------------

function triggerModel(trigger: Doc): Record<string, unknown> {
  const params = (trigger.params ?? {}) as Doc;
  const common = { active: trigger.active !== false, name: typeof trigger.name === "string" ? trigger.name : undefined };
  if (trigger.type === "temporal") {
    const cron = cronOf(params);
    const timezone = typeof params.timezone === "string" ? params.timezone : "SERVER";
    return cron ? { cron, timezone, ...common } : { unsupported: `temporal ${String(params.frequency)}`, ...common };
  }
  if (trigger.type === "ds_modified") {
    const watches = Array.isArray(params.watches) ? (params.watches as Doc[]) : [];
    return { datasetChanged: watches.map((w) => String(w.itemId)), ...common };
  }
  return { unsupported: String(trigger.type), ...common };
}

const TEMPORAL_KEYS = ["frequency", "hour", "minute", "repeatFrequency", "daysOfWeek"];

function triggerDoc(trigger: ScenarioTrigger, current: Doc | undefined): Doc {
  const type = trigger.cron !== undefined ? "temporal" : "ds_modified";
  const base: Doc = current?.type === type ? current : { type, active: true };
  let params = { ...((base.params ?? {}) as Doc) };
  if (trigger.cron !== undefined) {
    const parsed = parseCron(trigger.cron);
    if ("error" in parsed) throw new Error(parsed.error); // check() refused it already
    // Fields of another frequency would linger (daysOfWeek after weekly → daily): drop them.
    params = Object.fromEntries(Object.entries(params).filter(([k]) => !TEMPORAL_KEYS.includes(k)));
    Object.assign(params, parsed.params);
    params.timezone = trigger.timezone ?? (params.timezone as string | undefined) ?? "SERVER";
    params.startingFrom ??= STARTING_FROM;
  } else {
    const existing = new Map(((params.watches ?? []) as Doc[]).map((w) => [String(w.itemId), w]));
    params.watches = (trigger.datasetChanged ?? []).map((id) => existing.get(id) ?? { type: "DATASET", itemId: id, partitionsSpec: "" });
    params.triggerWhenAllFire ??= false;
  }
  const doc: Doc = { ...base, params };
  if (trigger.active !== undefined) doc.active = trigger.active;
  if (trigger.name !== undefined) doc.name = trigger.name;
  return doc;
}
