// One-at-a-time execution for mutations. Requests arrive concurrently; serialising every change
// means handlers can check-then-write without races (50 parallel creates of distinct datasets all
// land, two creates of the same name yield one success and one "already exists").
export class MutationLock {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work, work);
    // The chain must continue whether or not this piece of work failed.
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Resolves once every mutation queued so far has finished. */
  idle(): Promise<void> {
    return this.tail.then(() => undefined);
  }
}
