// One create, even when the answer to it is lost.
//
// A POST that fails ambiguously (5xx, reset, timeout) may or may not have been applied by DSS. Blindly
// repeating it could create a second object or report a spurious "already exists"; giving up could
// leave an object Pulumi does not know about. So after such a failure we look: if the object exists
// now, the create worked; if not, we try again, a bounded number of times.

import { DssApiError, isAlreadyExists, isAmbiguousWrite, isNotFound } from "./errors";
import { DssTransport } from "./http";

export interface CreateOnceSteps<T> {
  /** Sends the create once; the transport has already retried what is safe to repeat (429, refused). */
  attempt: () => Promise<T>;
  /** Whether the object exists now; a not-found answer means false, other failures propagate. */
  exists: () => Promise<boolean>;
  /** The create's result when the object turned out to exist after an ambiguous failure. */
  whenFound: () => T;
}

/**
 * Runs `attempt`; after an ambiguous failure checks `exists` and either returns `whenFound()` or tries
 * again (up to maxRetries more times). An "already exists" answer to the *first* attempt is thrown
 * unchanged: the object was there before, and the caller decides whether to adopt it.
 */
export async function createOnce<T>(transport: DssTransport, steps: CreateOnceSteps<T>): Promise<T> {
  for (let round = 1; ; round++) {
    let failure: unknown;
    try {
      return await steps.attempt();
    } catch (e) {
      failure = e;
    }
    // A later round's "already exists" is our own earlier attempt landing after the check looked.
    if (round > 1 && isAlreadyExists(failure) && await checkExists(steps, failure)) return steps.whenFound();
    if (!isAmbiguousWrite(failure)) throw failure;
    const ambiguous = failure as DssApiError;
    if (await checkExists(steps, ambiguous)) return steps.whenFound();
    if (round > transport.settings.maxRetries) {
      throw ambiguous.withMessage(
        `${ambiguous.message}; the object was still absent after ${round} attempts, so nothing was created`,
        { attempts: round },
      );
    }
    await transport.waitBeforeRetry(round - 1, ambiguous);
  }
}

async function checkExists<T>(steps: CreateOnceSteps<T>, failure: unknown): Promise<boolean> {
  try {
    return await steps.exists();
  } catch (e) {
    if (!(e instanceof DssApiError)) throw e;
    const cause = failure instanceof DssApiError ? failure.message : String(failure);
    throw e.withMessage(
      `${cause}; checking whether the object was created anyway also failed (${e.message}), so it may or may not exist: run a refresh, then retry`,
    );
  }
}

/** `exists` from a GET: resolved means present, a not-found error means absent. */
export function existsBy(get: () => Promise<unknown>): () => Promise<boolean> {
  return async () => {
    try {
      await get();
      return true;
    } catch (e) {
      if (isNotFound(e)) return false;
      throw e;
    }
  };
}

/**
 * A create whose object DSS names with an id of its own (folders, scenarios): resolves with the id
 * from the answer, or, after an ambiguous failure, the id of the object found under `name`.
 */
export async function createWithId(
  transport: DssTransport,
  post: () => Promise<{ id?: unknown } | undefined>,
  findId: () => Promise<string | undefined>,
): Promise<string> {
  let found: string | undefined;
  return createOnce(transport, {
    attempt: async () => String((await post())?.id ?? ""),
    exists: async () => (found = await findId()) !== undefined,
    whenFound: () => found as string,
  });
}
