// What every command gets, and the summary every run ends with.
import type { CliOptions } from "../args";
import type { PlanCounts } from "../plan";
import type { Reporter, RunSummary } from "../reporter";
import type { Terminal } from "../terminal";

export interface RunContext {
  options: CliOptions;
  terminal: Terminal;
  reporter: Reporter;
  startedAt: number;
}

export const NO_CHANGES: PlanCounts = { create: 0, adopt: 0, update: 0, replace: 0, delete: 0, conflict: 0 };

/** Ends the run: writes the summary and returns its exit code. */
export function finish(ctx: RunContext, summary: Partial<RunSummary> & Pick<RunSummary, "status" | "exitCode">): number {
  ctx.reporter.summary({
    command: ctx.options.command,
    environment: ctx.options.command === "generate" ? null : ctx.options.environment,
    durationMs: Math.max(0, ctx.terminal.now() - ctx.startedAt),
    changes: NO_CHANGES,
    completed: 0,
    failed: 0,
    recovered: [],
    rollback: null,
    backup: null,
    error: null,
    ...summary,
  });
  return summary.exitCode;
}
