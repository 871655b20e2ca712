// Engine events of a running update → one start and one end per resource, with durations and errors.
// Durations come from our clock when each event arrives: the engine's timestamps are whole seconds.
import type { EngineEvent } from "@pulumi/pulumi/automation";
import type { Action, ResourceKind } from "./events";
import { actionOfOp, idOfUrn, kindOfType, urnType } from "./resources";

export interface Step {
  resource: string;
  kind: ResourceKind;
  action: Action;
  urn: string;
  startedAt: number;
  endedAt?: number;
  status: "started" | "succeeded" | "failed";
  error?: string;
}

export interface ProgressListener {
  stepStarted(step: Step): void;
  stepEnded(step: Step): void;
  /** Engine diagnostics worth showing (warnings and errors), with the resource when there is one. */
  diagnostic(severity: "warning" | "error" | "info", message: string, resource: string | undefined): void;
}

/** Steps a replacement takes in an update; its row ends when all have. */
const REPLACE_STEPS = 3;

export class ProgressTracker {
  private readonly steps = new Map<string, Step>();
  private readonly replaceStepsDone = new Map<string, number>();
  private readonly seenDiagnostics = new Set<string>();

  constructor(
    private readonly listener: ProgressListener,
    private readonly now: () => number,
    /** Creates that take over an existing object: shown and counted as adoptions. */
    private readonly adopted: ReadonlySet<string> = new Set(),
  ) {}

  readonly handle = (event: EngineEvent): void => {
    if (event.resourcePreEvent) this.onPre(event.resourcePreEvent.metadata);
    else if (event.resOutputsEvent) this.onEnd(event.resOutputsEvent.metadata, undefined);
    else if (event.resOpFailedEvent) this.onEnd(event.resOpFailedEvent.metadata, "failed");
    else if (event.diagnosticEvent) this.onDiagnostic(event.diagnosticEvent);
  };

  /** Ends every step still running (the run stopped under it) as failed. */
  finish(reason: string): void {
    for (const step of this.steps.values()) {
      if (step.status === "started") this.fail(step, step.error ?? reason);
    }
  }

  /** After a successful run: a step whose end event was not seen still succeeded. */
  complete(): void {
    for (const step of this.steps.values()) {
      if (step.status !== "started") continue;
      step.status = "succeeded";
      step.endedAt = this.now();
      this.listener.stepEnded(step);
    }
  }

  get all(): Step[] {
    return [...this.steps.values()];
  }

  /** URNs whose create started in this run (adoptions excluded): what a rollback may remove. */
  get createdUrns(): string[] {
    return this.all.filter((s) => s.action === "create").map((s) => s.urn);
  }

  private onPre(meta: { op: string; urn: string; type: string }): void {
    const kind = kindOfType(meta.type);
    let action = actionOfOp(meta.op);
    if (!kind || !action) return;
    if (this.steps.has(meta.urn) && action === "replace") return; // a later step of the same replacement
    if (action === "create" && this.adopted.has(meta.urn)) action = "adopt";
    const step: Step = { resource: idOfUrn(meta.urn), kind, action, urn: meta.urn, startedAt: this.now(), status: "started" };
    this.steps.set(meta.urn, step);
    this.listener.stepStarted(step);
  }

  private onEnd(meta: { op: string; urn: string }, failed: "failed" | undefined): void {
    const step = this.steps.get(meta.urn);
    if (!step || step.status !== "started") return;
    if (failed) return this.fail(step, step.error ?? "the operation failed");
    if (step.action === "replace") {
      const done = (this.replaceStepsDone.get(meta.urn) ?? 0) + 1;
      this.replaceStepsDone.set(meta.urn, done);
      if (done < REPLACE_STEPS) return;
    }
    step.status = "succeeded";
    step.endedAt = this.now();
    this.listener.stepEnded(step);
  }

  private onDiagnostic(d: NonNullable<EngineEvent["diagnosticEvent"]>): void {
    if ((d.severity as string) === "debug" || d.ephemeral) return;
    const message = d.message.trim();
    const key = `${d.urn ?? ""}|${d.severity}|${message}`;
    if (this.seenDiagnostics.has(key)) return; // the engine repeats some diagnostics
    this.seenDiagnostics.add(key);
    const step = d.urn ? this.steps.get(d.urn) : undefined;
    // A failed step has no event of its own in the event log: its error diagnostic ends it.
    if (step && d.severity === "error" && step.status === "started") {
      step.error = message;
      this.fail(step, message);
      return;
    }
    if (isNoise(message)) return;
    const severity = d.severity === "error" ? "error" : d.severity === "warning" ? "warning" : "info";
    // The provider's stderr (its DSS request log under --verbose) arrives as `info#err` with no URN.
    if (severity === "info" && !d.urn && d.severity !== "info#err") return;
    this.listener.diagnostic(severity, message, d.urn && kindOfType(urnType(d.urn)) ? idOfUrn(d.urn) : undefined);
  }

  private fail(step: Step, error: string): void {
    step.status = "failed";
    step.error = error;
    step.endedAt = this.now();
    this.listener.stepEnded(step);
  }
}

/** Engine lines that only repeat what the command already says in its own words. */
export function isNoise(message: string): boolean {
  return (
    /^(update|preview|destroy|refresh) failed$/.test(message) ||
    /pending operations from previous deployment/.test(message) ||
    /^One or more errors occurred/.test(message)
  );
}
