// The `--output json` stream: one JSON object per line. These zod schemas are its contract: they give
// the TypeScript types the reporter writes and `schema/cli-events.schema.json`, which tools (and our
// tests) validate each line against.

import { z } from "zod";

export const RESOURCE_KINDS = ["project", "dataset", "recipe", "folder", "scenario"] as const;
/** `adopt` is a create that takes over an object DSS already holds. */
export const ACTIONS = ["create", "adopt", "update", "replace", "delete", "refresh"] as const;
export const PHASES = ["plan", "apply", "destroy", "refresh", "rollback"] as const;
export const COMMANDS = ["plan", "apply", "destroy", "refresh", "generate"] as const;

const timestamp = z.iso.datetime().describe("When the event happened (ISO 8601, UTC).");
const resourceId = z
  .string()
  .regex(/^(project|dataset|recipe|folder|scenario)\.[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)?$/)
  .describe("Resource id, e.g. dataset.DEMO_IAC.DEMO_DATA.");

export const resourceEventSchema = z
  .strictObject({
    type: z.literal("resource"),
    phase: z.enum(PHASES).describe("plan: what would happen; rollback: undoing this apply's creations."),
    resource: resourceId,
    kind: z.enum(RESOURCE_KINDS),
    action: z.enum(ACTIONS),
    status: z.enum(["planned", "started", "succeeded", "failed"]),
    timestamp,
    durationMs: z.number().int().nonnegative().nullable().describe("Set when status is succeeded or failed."),
    error: z.string().nullable().describe("Set when status is failed."),
    changedFields: z.array(z.string()).optional().describe("Planned updates and replaces: the fields that differ."),
    conflict: z.literal(true).optional().describe("A planned create of an object DSS already holds, without adopt: the apply would fail on it."),
    attributes: z
      .record(z.string(), z.unknown())
      .optional()
      .describe('Planned creates and adoptions: the attributes that will be sent, by name. Secrets are "[secret]"; values known only after an earlier step are "(known after apply)".'),
  })
  .describe("One resource step: planned, started, or finished.");

export const messageEventSchema = z
  .strictObject({
    type: z.literal("message"),
    level: z.enum(["info", "warning", "error"]),
    message: z.string(),
    resource: resourceId.nullable(),
    timestamp,
  })
  .describe("A notice: recovery, backup, rollback outcome, a warning or an error from the engine or DSS.");

export const summaryEventSchema = z
  .strictObject({
    type: z.literal("summary"),
    command: z.enum(COMMANDS),
    environment: z.string().nullable(),
    status: z.enum(["succeeded", "failed", "no-changes", "changes", "refused"]),
    exitCode: z.number().int(),
    timestamp,
    durationMs: z.number().int().nonnegative(),
    changes: z.strictObject({
      create: z.number().int().nonnegative(),
      adopt: z.number().int().nonnegative(),
      update: z.number().int().nonnegative(),
      replace: z.number().int().nonnegative(),
      delete: z.number().int().nonnegative(),
      conflict: z.number().int().nonnegative().describe("Creates (also counted in create) of objects DSS already holds, without adopt."),
    }).describe("The plan's counts."),
    completed: z.number().int().nonnegative().describe("Resource steps that succeeded."),
    failed: z.number().int().nonnegative().describe("Resource steps that failed."),
    recovered: z.array(resourceId).describe("Creates left pending by an interrupted run, recovered by adopting."),
    rollback: z
      .strictObject({ removed: z.array(resourceId), manualCleanup: z.array(resourceId) })
      .nullable()
      .describe("What the rollback removed and what still needs manual cleanup; null when none ran."),
    backup: z.string().nullable().describe("The state backup written before the run."),
    error: z.string().nullable(),
  })
  .describe("The last line of every run.");

export const cliEventSchema = z
  .discriminatedUnion("type", [resourceEventSchema, messageEventSchema, summaryEventSchema])
  .describe("One line of `dataiku-iac --output json`.");

export type ResourceKind = (typeof RESOURCE_KINDS)[number];
export type Action = (typeof ACTIONS)[number];
export type Phase = (typeof PHASES)[number];
export type Command = (typeof COMMANDS)[number];
export type ResourceEvent = z.infer<typeof resourceEventSchema>;
export type MessageEvent = z.infer<typeof messageEventSchema>;
export type SummaryEvent = z.infer<typeof summaryEventSchema>;
export type CliEvent = z.infer<typeof cliEventSchema>;

export const EVENTS_SCHEMA_FILE = "cli-events.schema.json";

/** The committed `schema/cli-events.schema.json`; a test fails when it is stale. */
export function cliEventsJsonSchema(): string {
  const schema = { title: "dataiku-iac --output json line", ...z.toJSONSchema(cliEventSchema, { target: "draft-7" }) };
  return `${JSON.stringify(schema, null, 2)}\n`;
}
