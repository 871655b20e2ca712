// Scenarios (PY-project create_scenario, PY-scenario DSSScenarioSettings/StepBasedScenarioSettings):
// list, create, settings get/save, light status, payload, delete.
//
// DSS behaviour modelled here:
// - create_scenario POSTs {name, type, params, ...} and reads the new `id` from the answer. The id is
//   the name with every character outside [A-Za-z0-9_] replaced by "_" (reference §9, TF-fake), so
//   two scenarios with the same name collide (reference §8, TF-scen).
// - type is step_based or custom_python (PY create_scenario docstring); steps live in params.steps,
//   triggers in the top-level `triggers` list, reporters in `reporters` (PY raw_steps/raw_triggers).
// - DSS rewrites a scenario on save: each step and trigger gets an id and the envelope defaults the
//   UI shows (enabled, run condition, retries; trigger delay and grace delay), and a build step gets
//   jobType RECURSIVE_BUILD. Clients must compare only what they wrote (docs/design.md).
// - The settings PUT answers the saved document; `id` and `projectKey` are kept from the URL.
import * as crypto from "crypto";
import { firstVersionTag, nextVersionTag, taggableDefaults, withSortedTags } from "../documents";
import { alreadyExists, badScenarioType, blankName, invalidField, scenarioNotFound } from "../errors";
import { RequestContext, Router } from "../router";
import { DocumentRecord } from "../store";
import { JsonObject, cloneJson, isObject, optionalArray, optionalStringArray, requireObject, requireString } from "../validate";
import { RouteEnv, requireProject } from "./env";

const S = "/projects/{projectKey}/scenarios";
const ONE = `${S}/{scenarioId}`;
const SCENARIO_TYPES = ["step_based", "custom_python"];

export function registerScenarioRoutes(router: Router, env: RouteEnv): void {
  router.add("GET", `${S}/`, (ctx) => ({ json: listScenarios(env, ctx) }));
  router.add("POST", `${S}/`, (ctx) => createScenario(env, ctx));
  router.add("GET", ONE, (ctx) => ({ json: requireScenario(env, ctx).definition }));
  router.add("PUT", ONE, (ctx) => saveScenario(env, ctx));
  router.add("DELETE", ONE, (ctx) => deleteScenario(env, ctx));
  router.add("GET", `${ONE}/light`, (ctx) => ({ json: lightStatus(requireScenario(env, ctx).definition) }));
  router.add("GET", `${ONE}/payload`, (ctx) => ({ json: { script: String(requireScenario(env, ctx).definition.script ?? "") } }));
}

function requireScenario(env: RouteEnv, ctx: RequestContext): DocumentRecord {
  const { projectKey, scenarioId } = ctx.params;
  const record = requireProject(env, projectKey).scenarios.get(scenarioId);
  if (!record) throw scenarioNotFound(projectKey, scenarioId);
  return record;
}

/** List items: the summary fields DSSScenarioListItem reads (id, name, running, projectKey). */
function listScenarios(env: RouteEnv, ctx: RequestContext): JsonObject[] {
  const entry = requireProject(env, ctx.params.projectKey);
  return [...entry.scenarios.keys()].sort().map((id) => lightStatus(entry.scenarios.get(id)!.definition));
}

function lightStatus(d: JsonObject): JsonObject {
  return {
    projectKey: d.projectKey, id: d.id, name: d.name, type: d.type, active: d.active,
    tags: d.tags, running: false, nextRun: 0,
  };
}

function scenarioDefaults(): JsonObject {
  return {
    active: false,
    params: {},
    triggers: [],
    reporters: [],
    automationLocal: false,
    ...taggableDefaults(),
  };
}

async function createScenario(env: RouteEnv, ctx: RequestContext) {
  const projectKey = ctx.params.projectKey;
  const entry = requireProject(env, projectKey);
  const body = requireObject(ctx.body, "body");
  const name = requireString(body, "name");
  if (name.trim() === "") throw blankName("scenario");
  const type = requireString(body, "type");
  if (!SCENARIO_TYPES.includes(type)) throw badScenarioType(type);
  const id = name.replace(/[^A-Za-z0-9_]/g, "_");
  if (entry.scenarios.has(id)) throw alreadyExists("Scenario", `${projectKey}.${id}`);
  const tag = firstVersionTag(env.user, env.now());
  const definition = completeScenario({ ...scenarioDefaults(), ...cloneJson(body), projectKey, id, versionTag: tag, creationTag: tag });
  await env.store.putDocument(projectKey, "scenarios", id, { definition });
  return { json: definition };
}

async function saveScenario(env: RouteEnv, ctx: RequestContext) {
  const record = requireScenario(env, ctx);
  const { projectKey, scenarioId } = ctx.params;
  const body = cloneJson(requireObject(ctx.body, "body"));
  if (requireString(body, "name").trim() === "") throw blankName("scenario");
  const type = requireString(body, "type");
  if (!SCENARIO_TYPES.includes(type)) throw badScenarioType(type);
  const definition = completeScenario({
    ...body,
    projectKey,
    id: scenarioId,
    versionTag: nextVersionTag(record.definition.versionTag, env.user, env.now()),
    creationTag: record.definition.creationTag,
  });
  await env.store.putDocument(projectKey, "scenarios", scenarioId, { definition });
  return { json: definition };
}

async function deleteScenario(env: RouteEnv, ctx: RequestContext) {
  requireScenario(env, ctx);
  const { projectKey, scenarioId } = ctx.params;
  await env.store.removeDocument(projectKey, "scenarios", scenarioId);
  return { json: { msg: `Deleted scenario ${projectKey}.${scenarioId}` } };
}

// ---- what DSS fills in on save --------------------------------------------------------------

function completeScenario(d: JsonObject): JsonObject {
  if (typeof d.active !== "boolean") throw invalidField("active", "true or false");
  optionalStringArray(d, "tags");
  const params = isObject(d.params) ? d.params : {};
  if (d.type === "step_based") {
    const steps = optionalArray(params, "steps", "params.steps") ?? [];
    params.steps = steps.map((s, i) => completeStep(s, i));
  }
  d.params = params;
  d.triggers = (optionalArray(d, "triggers") ?? []).map((t, i) => completeTrigger(t, i));
  d.reporters = optionalArray(d, "reporters") ?? [];
  return withSortedTags(d);
}

function completeStep(step: unknown, i: number): JsonObject {
  const where = `params.steps[${i}]`;
  if (!isObject(step)) throw invalidField(where, "a JSON object {type, params, ...}");
  const type = requireString(step, "type", `${where}.type`);
  const params = isObject(step.params) ? step.params : {};
  if (type === "build_flowitem") {
    const builds = optionalArray(params, "builds", `${where}.params.builds`) ?? [];
    builds.forEach((b, j) => {
      if (!isObject(b)) throw invalidField(`${where}.params.builds[${j}]`, "a JSON object {type, itemId}");
      requireString(b, "itemId", `${where}.params.builds[${j}].itemId`);
      b.type ??= "DATASET";
      b.partitionsSpec ??= "";
    });
    params.builds = builds;
    params.jobType ??= "RECURSIVE_BUILD";
  }
  return {
    id: `step_${shortId()}`,
    name: `Step #${i + 1}`,
    enabled: true,
    alwaysShowComment: false,
    runConditionType: "RUN_IF_STATUS_MATCH",
    runConditionStatuses: ["SUCCESS", "WARNING"],
    runConditionExpression: "",
    resetScenarioStatus: false,
    delayBetweenRetries: 10,
    maxRetriesOnFail: 0,
    ...step,
    params,
  };
}

function completeTrigger(trigger: unknown, i: number): JsonObject {
  const where = `triggers[${i}]`;
  if (!isObject(trigger)) throw invalidField(where, "a JSON object {type, params, ...}");
  const type = requireString(trigger, "type", `${where}.type`);
  return {
    id: shortId(),
    name: type === "temporal" ? "Time-based" : type === "ds_modified" ? "Dataset changed" : type,
    active: true,
    delay: type === "temporal" ? 5 : 900,
    graceDelaySettings: { delay: 0, checkAgainAfterGraceDelay: false },
    ...trigger,
    params: isObject(trigger.params) ? trigger.params : {},
  };
}

function shortId(): string {
  return crypto.randomBytes(4).toString("hex");
}
