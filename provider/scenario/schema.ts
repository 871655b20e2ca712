import { z } from "zod";
import { objectNameSchema, projectKeySchema, tagsSchema } from "../common/names";
import { parseCron } from "./cron";

/** Build modes of a build step (`jobType` in DSS's build_flowitem step). */
export const BUILD_MODES = ["RECURSIVE_BUILD", "NON_RECURSIVE_FORCED_BUILD", "RECURSIVE_FORCED_BUILD", "RECURSIVE_MISSING_ONLY_BUILD"] as const;

/** Checks a cron expression the way the provider maps it to DSS; the message says what to write. */
export const cronSchema = z.string().superRefine((text, ctx) => {
  const parsed = parseCron(text);
  if ("error" in parsed) ctx.addIssue({ code: "custom", message: parsed.error });
});

/**
 * One step: `build` (datasets to build, DSS's build_flowitem step) or `runScenario` (DSS's
 * run_scenario step, naming the other scenario of the project by name). Exactly one of the two.
 */
export const stepSchema = z
  .strictObject({
    build: z.array(objectNameSchema).min(1, "list at least one dataset to build").optional(),
    /** How a build step builds: DSS's `jobType`. Default RECURSIVE_BUILD (DSS's default). */
    buildMode: z.enum(BUILD_MODES).optional(),
    runScenario: objectNameSchema.optional(),
    /** Step label shown in DSS. When omitted, DSS's own label is not managed. */
    name: z.string().min(1, "must not be empty").optional(),
  })
  .superRefine((step, ctx) => {
    const kinds = [step.build, step.runScenario].filter((v) => v !== undefined).length;
    if (kinds !== 1) ctx.addIssue({ code: "custom", message: "a step is either build: [datasets] or runScenario: <scenario name>, exactly one of them" });
    if (step.buildMode !== undefined && step.build === undefined) ctx.addIssue({ code: "custom", path: ["buildMode"], message: "only a build step has a build mode" });
  });

/** One trigger: `cron` (DSS's time-based trigger) or `datasetChanged` (DSS's ds_modified trigger). */
export const triggerSchema = z
  .strictObject({
    cron: cronSchema.optional(),
    /** Time zone of a cron trigger: an IANA name such as Europe/Paris, or SERVER (DSS's default). */
    timezone: z.string().min(1, "must not be empty").optional(),
    datasetChanged: z.array(objectNameSchema).min(1, "list at least one dataset to watch").optional(),
    /** Default true. */
    active: z.boolean().optional(),
    name: z.string().min(1, "must not be empty").optional(),
  })
  .superRefine((t, ctx) => {
    const kinds = [t.cron, t.datasetChanged].filter((v) => v !== undefined).length;
    if (kinds !== 1) ctx.addIssue({ code: "custom", message: "a trigger is either cron: \"<expression>\" or datasetChanged: [datasets], exactly one of them" });
    if (t.timezone !== undefined && t.cron === undefined) ctx.addIssue({ code: "custom", path: ["timezone"], message: "only a cron trigger has a time zone" });
  });

/** Inputs of a `Scenario`. The single source of truth for its args type, `check` and JSON Schema. */
export const scenarioArgsSchema = z.strictObject({
  projectKey: projectKeySchema,
  /** Scenario name; DSS derives the scenario id from it. Immutable. */
  name: objectNameSchema,
  /** Whether the triggers run automatically. When omitted, not managed (DSS creates scenarios inactive). */
  active: z.boolean().optional(),
  /** Steps, in order. When omitted, DSS's steps are not managed. */
  steps: z.array(stepSchema).optional(),
  /** Triggers. When omitted, DSS's triggers are not managed. */
  triggers: z.array(triggerSchema).optional(),
  description: z.string().optional(),
  tags: tagsSchema.optional(),
  adopt: z.boolean().optional(),
});

export type ScenarioArgs = z.infer<typeof scenarioArgsSchema>;
export type ScenarioStep = z.infer<typeof stepSchema>;
export type ScenarioTrigger = z.infer<typeof triggerSchema>;
