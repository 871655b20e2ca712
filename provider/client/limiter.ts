// Small limiters for one client: at most N requests in flight, and optionally at most R per second.
// Both are a few lines, so no dependency is pulled in for them.

/** A counting semaphore; `acquire` resolves with the function that gives the slot back. */
export class Semaphore {
  #free: number;
  readonly #waiting: Array<() => void> = [];

  constructor(limit: number) {
    this.#free = limit;
  }

  async acquire(): Promise<() => void> {
    if (this.#free > 0) {
      this.#free--;
    } else {
      // The releasing caller hands its slot straight to us, so #free is not touched.
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#waiting.shift();
      if (next) next();
      else this.#free++;
    };
  }
}

/**
 * A rate limit in its GCRA form: each request books the next free slot on a virtual timeline and
 * sleeps until then, so the limiter needs no timer and behaves identically under an injected clock.
 * Slots are evenly spaced with no burst allowance, so no window of one second ever holds more than
 * `rps` requests: a DSS shared by several stacks, each given its share, stays under its budget.
 */
export class RateLimiter {
  readonly #intervalMs: number;
  readonly #now: () => number;
  readonly #sleep: (ms: number) => Promise<void>;
  #theoreticalArrival = -Infinity;

  constructor(requestsPerSecond: number, now: () => number, sleep: (ms: number) => Promise<void>) {
    this.#intervalMs = 1000 / requestsPerSecond;
    this.#now = now;
    this.#sleep = sleep;
  }

  async take(): Promise<void> {
    const now = this.#now();
    const arrival = Math.max(this.#theoreticalArrival, now);
    const waitMs = arrival - now;
    this.#theoreticalArrival = arrival + this.#intervalMs;
    if (waitMs > 0) await this.#sleep(waitMs);
  }
}
