// What a run tells its user, in two renderings: console text (Wave 4 style) or JSON lines
// (`events.ts` is their schema). Commands only call the Reporter interface.
import { SECRET, UNKNOWN } from "./attributes";
import type { Action, Command, MessageEvent, Phase, ResourceEvent, SummaryEvent } from "./events";
import { Plan, PlannedChange, summaryLine } from "./plan";
import type { Step } from "./progress";
import { SYMBOLS } from "./resources";
import { paint, Style, Terminal } from "./terminal";

export type Level = MessageEvent["level"];
export type RunSummary = Omit<SummaryEvent, "type" | "timestamp">;

export interface Reporter {
  plan(plan: Plan, title: string): void;
  stepStarted(step: Step, phase: Phase): void;
  stepEnded(step: Step, phase: Phase): void;
  message(level: Level, message: string, resource?: string): void;
  /** Only shown with --verbose. */
  detail(message: string): void;
  summary(summary: RunSummary): void;
}

export function createReporter(format: "console" | "json", terminal: Terminal, verbose: boolean): Reporter {
  return format === "json" ? new JsonReporter(terminal, verbose) : new ConsoleReporter(terminal, verbose);
}

const ACTION_STYLE: Record<Action, Style> = {
  create: "green",
  adopt: "cyan",
  update: "yellow",
  replace: "yellow",
  delete: "red",
  refresh: "cyan",
};

const TITLES: Record<Command, string> = {
  plan: "Plan",
  apply: "Apply",
  destroy: "Destroy",
  refresh: "Refresh",
  generate: "Generate",
};

export class ConsoleReporter implements Reporter {
  private readonly style: ReturnType<typeof paint>;
  private stepsShown = false;

  constructor(
    private readonly terminal: Terminal,
    private readonly verbose: boolean,
  ) {
    this.style = paint(terminal.color);
  }

  plan(plan: Plan, title: string): void {
    const out = (line: string) => this.terminal.out(line);
    out(this.style("bold", title));
    out("");
    for (const change of plan.changes) {
      out(`${this.symbol(change.action)} ${change.resource}${suffix(change)}`);
      for (const [field, value] of Object.entries(change.attributes)) out(`    ${field}: ${show(value)}`);
      for (const field of change.changes) {
        const forces = change.action === "replace" && isReplaceKey(field.field) ? " (forces replacement)" : "";
        out(`    ~ ${field.field}: ${show(field.old)} => ${show(field.new)}${forces}`);
      }
    }
    if (plan.hasChanges) out("");
    out(this.style("bold", summaryLine(plan.counts)));
  }

  stepStarted(step: Step): void {
    if (!this.stepsShown) this.terminal.out(""); // progress starts below the plan
    this.stepsShown = true;
    this.terminal.out(`⏳ ${this.symbol(step.action)} ${step.resource}`);
  }

  stepEnded(step: Step): void {
    const ms = `(${(step.endedAt ?? step.startedAt) - step.startedAt}ms)`;
    if (step.status === "succeeded") {
      this.terminal.out(`${this.style("green", "✓")} ${this.symbol(step.action)} ${step.resource} ${ms}`);
    } else {
      const error = this.verbose ? (step.error ?? "") : firstLine(step.error ?? "");
      this.terminal.out(`${this.style("red", "✗")} ${this.symbol(step.action)} ${step.resource} ${ms}: ${error}`);
    }
  }

  message(level: Level, message: string, resource?: string): void {
    const text = resource ? `${resource}: ${message}` : message;
    if (level === "error") this.terminal.err(this.style("red", `Error: ${text}`));
    else if (level === "warning") this.terminal.err(this.style("yellow", `Warning: ${text}`));
    else this.terminal.out(text);
  }

  detail(message: string): void {
    if (this.verbose) this.terminal.err(this.style("dim", message));
  }

  summary(s: RunSummary): void {
    const out = (line: string) => this.terminal.out(line);
    if (s.command === "plan" || s.command === "generate" || s.status === "refused") return;
    const seconds = `${(s.durationMs / 1000).toFixed(2)}s`;
    const title = TITLES[s.command];
    out("");
    if (s.status === "succeeded" || s.status === "no-changes") {
      out(this.style("green", `✓ ${title} completed successfully!`));
    } else {
      out(this.style("red", `✗ ${title} failed.`));
    }
    out(`- Actions completed: ${s.completed}`);
    if (s.failed > 0) out(`- Actions failed: ${s.failed}`);
    out(`- Duration: ${seconds}`);
    if (s.recovered.length > 0) out(`- Recovered from the interrupted run: ${s.recovered.join(", ")}`);
    if (s.rollback) {
      out(`- Rolled back (removed): ${s.rollback.removed.length > 0 ? s.rollback.removed.join(", ") : "nothing"}`);
      if (s.rollback.manualCleanup.length > 0) {
        out(this.style("red", `- Needs manual cleanup in DSS: ${s.rollback.manualCleanup.join(", ")}`));
      }
    }
    if (s.backup) out(`- State backup: ${s.backup}`);
  }

  private symbol(action: Action): string {
    return this.style(ACTION_STYLE[action], SYMBOLS[action]);
  }
}

export class JsonReporter implements Reporter {
  constructor(
    private readonly terminal: Terminal,
    private readonly verbose: boolean,
  ) {}

  plan(plan: Plan): void {
    for (const change of plan.changes) {
      const event: ResourceEvent = {
        type: "resource",
        phase: "plan",
        resource: change.resource,
        kind: change.kind,
        action: change.action,
        status: "planned",
        timestamp: this.timestamp(),
        durationMs: null,
        error: null,
      };
      if (change.changes.length > 0) event.changedFields = change.changes.map((c) => c.field);
      if (change.conflict) event.conflict = true;
      if (Object.keys(change.attributes).length > 0) event.attributes = change.attributes;
      this.write(event);
    }
  }

  stepStarted(step: Step, phase: Phase): void {
    this.write(this.stepEvent(step, phase));
  }

  stepEnded(step: Step, phase: Phase): void {
    this.write(this.stepEvent(step, phase));
  }

  message(level: Level, message: string, resource?: string): void {
    this.write({ type: "message", level, message, resource: resource ?? null, timestamp: this.timestamp() });
  }

  detail(message: string): void {
    if (this.verbose) this.message("info", message);
  }

  summary(s: RunSummary): void {
    this.write({ type: "summary", timestamp: this.timestamp(), ...s });
  }

  private stepEvent(step: Step, phase: Phase): ResourceEvent {
    const ended = step.status !== "started";
    return {
      type: "resource",
      phase,
      resource: step.resource,
      kind: step.kind,
      action: step.action,
      status: step.status,
      timestamp: new Date(ended ? (step.endedAt ?? step.startedAt) : step.startedAt).toISOString(),
      durationMs: ended ? (step.endedAt ?? step.startedAt) - step.startedAt : null,
      error: step.status === "failed" ? (step.error ?? "failed") : null,
    };
  }

  private timestamp(): string {
    return new Date(this.terminal.now()).toISOString();
  }

  private write(event: object): void {
    this.terminal.out(JSON.stringify(event));
  }
}

function suffix(change: PlannedChange): string {
  if (change.conflict) return " (already exists in DSS: set adopt: true to take it over)";
  return change.action === "adopt" ? " (exists in DSS: adopt)" : "";
}

const REPLACE_KEYS = new Set(["projectKey", "name", "type"]);
function isReplaceKey(field: string): boolean {
  return REPLACE_KEYS.has(field);
}

/** A value as one short line: strings quoted, structures as compact JSON, long text cut; markers bare. */
export function show(value: unknown): string {
  if (value === undefined) return "(unset)";
  if (value === SECRET || value === UNKNOWN) return value;
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function firstLine(text: string): string {
  return text.split("\n")[0];
}
