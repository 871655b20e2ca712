// Running Pulumi operations for a command: previews into a Plan, updates into live progress, and
// failures into one readable message (the engine's own error lines, never a stack trace).
import type { EngineEvent, Stack } from "@pulumi/pulumi/automation";
import { CliError, messageOf } from "./errors";
import type { Phase } from "./events";
import { errorLines, isSetupFailure } from "./failures";
import { withStaleLockRecovery } from "./locks";
import { Plan } from "./plan";
import { isNoise, ProgressTracker } from "./progress";
import type { Reporter } from "./reporter";
import { idOfUrn, kindOfType, urnType } from "./resources";
import { exportState } from "./state";

/** Previews an update and returns its plan; a failed preview throws one CliError. */
export async function previewPlan(stack: Stack, reporter: Reporter): Promise<Plan> {
  const plan = new Plan();
  const diagnostics = new Diagnostics(reporter);
  const onEvent = (event: EngineEvent) => {
    plan.add(event);
    diagnostics.handle(event);
  };
  try {
    await withStaleLockRecovery(stack, (m) => reporter.message("warning", m), () =>
      stack.preview({ onEvent, color: "never" }),
    );
  } catch (e) {
    if (e instanceof CliError || isSetupFailure(e)) throw e;
    reporter.detail(messageOf(e));
    throw new CliError(diagnostics.errors.length > 0 ? diagnostics.errors.join("\n") : engineError(e));
  }
  return plan;
}

/** A destroy deletes every resource of ours in state (no preview needed, nor the program). */
export async function destroyPlan(stack: Stack): Promise<Plan> {
  const plan = new Plan();
  for (const resource of (await exportState(stack)).deployment.resources ?? []) plan.addDelete(resource.urn, resource.type);
  return plan;
}

export interface UpdateOutcome {
  ok: boolean;
  /** The errors the engine reported, one per line; empty when ok. */
  errors: string[];
}

/** Runs an update-like operation with live progress; never throws for a failed deployment. */
export async function runWithProgress(
  stack: Stack,
  reporter: Reporter,
  tracker: ProgressTracker,
  run: (onEvent: (event: EngineEvent) => void) => Promise<unknown>,
): Promise<UpdateOutcome> {
  try {
    await withStaleLockRecovery(stack, (m) => reporter.message("warning", m), () => run(tracker.handle));
    tracker.complete();
    return { ok: true, errors: [] };
  } catch (e) {
    if (e instanceof CliError || isSetupFailure(e)) throw e;
    reporter.detail(messageOf(e));
    tracker.finish("the run stopped before this step finished");
    const failed = tracker.all.filter((s) => s.status === "failed").map((s) => `${s.resource}: ${s.error}`);
    return { ok: false, errors: failed.length > 0 ? failed : [engineError(e)] };
  }
}

/** Progress wiring from tracker to reporter for one phase. */
export function trackerFor(reporter: Reporter, phase: Phase, now: () => number, adopted?: ReadonlySet<string>): ProgressTracker {
  return new ProgressTracker(
    {
      stepStarted: (s) => reporter.stepStarted(s, phase),
      stepEnded: (s) => reporter.stepEnded(s, phase),
      // Info lines tied to no resource (the provider's DSS request log) are details: --verbose only.
      diagnostic: (severity, message, resource) =>
        severity === "info" && !resource ? reporter.detail(message) : reporter.message(severity, message, resource),
    },
    now,
    adopted,
  );
}

/** Engine diagnostics during a preview: warnings shown at once, errors kept for the failure message. */
class Diagnostics {
  readonly errors: string[] = [];
  private readonly seen = new Set<string>();

  constructor(private readonly reporter: Reporter) {}

  handle(event: EngineEvent): void {
    const d = event.diagnosticEvent;
    if (!d || (d.severity as string) === "debug" || d.ephemeral) return;
    const message = d.message.trim();
    if (this.seen.has(message) || isNoise(message)) return;
    this.seen.add(message);
    const resource = d.urn && kindOfType(urnType(d.urn)) ? idOfUrn(d.urn) : undefined;
    if (d.severity === "error") this.errors.push(resource ? `${resource}: ${message}` : message);
    else if (d.severity === "warning") this.reporter.message("warning", message, resource);
  }
}

/** The `error:` lines of a failed pulumi command, without the command line and its flags. */
export function engineError(e: unknown): string {
  return errorLines(messageOf(e), (l) => !isNoise(l));
}
