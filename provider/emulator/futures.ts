// Futures (long-running tasks). The emulator finishes every task before answering, so a future is
// only a finished result kept for clients that asked not to wait (project delete with wait=false)
// and then poll GET /futures/{jobId}. Kept in memory: a restart forgets them, as tasks would be.
import * as crypto from "crypto";

export interface FutureState {
  jobId?: string;
  hasResult: boolean;
  result?: unknown;
  alive: boolean;
  aborted: boolean;
  progress: { states: unknown[] };
}

export class Futures {
  private readonly done = new Map<string, unknown>();

  /** State for a task that already finished, as a start call that waited returns it. */
  static finished(result: unknown): FutureState {
    return { hasResult: true, result, alive: false, aborted: false, progress: { states: [] } };
  }

  /** Registers a finished task and returns the not-yet-polled state a non-waiting start returns. */
  startFinished(result: unknown): FutureState {
    const jobId = crypto.randomBytes(6).toString("hex");
    this.done.set(jobId, result);
    return { jobId, hasResult: false, alive: true, aborted: false, progress: { states: [] } };
  }

  /** State of a registered future, or undefined when unknown. */
  state(jobId: string): FutureState | undefined {
    if (!this.done.has(jobId)) return undefined;
    return { ...Futures.finished(this.done.get(jobId)), jobId };
  }

  forget(jobId: string): boolean {
    return this.done.delete(jobId);
  }
}
