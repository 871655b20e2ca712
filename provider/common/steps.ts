// The error handling every executor shares, in one place: what "already exists", "not found" and a
// failure halfway through a create mean for Pulumi.
import { isAlreadyExists, isNotFound } from "../client";
import { errors, PartialCreateError } from "./errors";
import type { CreateJournal } from "./journal";
import { isOwnedBy } from "./ownership";

type Props = Record<string, unknown>;

export interface CreateSteps {
  /** `dataset P.NAME`: how messages name the object. */
  what: string;
  /** The Pulumi id of the object. */
  id: string;
  inputs: Props;
  /** Whether an existing object may be taken over (the `adopt` input, or a recovery run's list). */
  mayAdopt: boolean;
  /** The stack this create works for; an existing object it created is taken over, not refused. */
  stack?: string;
  /** The create journal of `stack` (see journal.ts), keyed by `journalId`. */
  journal?: CreateJournal;
  /** `kind:id`, the same form as `dataiku:adoptIds`. */
  journalId: string;
  /** The tags DSS holds on the existing object, to look for the ownership tag. */
  readTags(): Promise<unknown>;
  /** Sends the create. An "already exists" answer means the object was there before. */
  post(): Promise<unknown>;
  /** Throws when an existing object cannot be adopted (e.g. a different type). */
  verifyAdoptable?(): Promise<void>;
  /** Writes what the create could not carry and reads the object back; `created` says whether this
   *  stack made the object (which then gets the ownership tag) or adopts someone else's (left as is). */
  converge(created: boolean): Promise<Props>;
}

/**
 * Create, or adopt, then converge. An existing object is taken over when the program says so, or
 * when this stack created it: it carries the stack's ownership tag, or the journal shows this stack's
 * create of it cut off mid-flight (see ownership.ts and journal.ts). If the object exists but
 * converging fails, the error carries its id: Pulumi records the object, and the next `up` finishes
 * the job instead of creating it again.
 */
export async function createOrAdopt(steps: CreateSteps): Promise<Props> {
  const { journal, journalId } = steps;
  const cutOff = journal?.wasInFlight(journalId) ?? false;
  await journal?.record(journalId, "intent");
  let ours = true;
  try {
    await steps.post();
  } catch (e) {
    if (!isAlreadyExists(e)) {
      await journal?.record(journalId, "absent");
      throw errors.dss("create", steps.what, e);
    }
    ours = cutOff || isOwnedBy(await readExisting(steps), steps.stack);
    if (!ours && !steps.mayAdopt) {
      await journal?.record(journalId, "absent");
      throw errors.alreadyExists(capitalize(steps.what), "`adopt: true` on it");
    }
    await steps.verifyAdoptable?.();
  }
  try {
    const state = await steps.converge(ours);
    await journal?.record(journalId, "created");
    return state;
  } catch (e) {
    throw new PartialCreateError(
      `Created ${steps.what}, but could not finish setting it up: ${errors.dss("configure", steps.what, e).message}`,
      steps.id,
      { ...steps.inputs },
    );
  }
}

/** The object's state, or undefined when DSS no longer has it. */
export async function readOrGone(what: string, read: () => Promise<Props | undefined>): Promise<Props | undefined> {
  try {
    return await read();
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw errors.dss("read", what, e);
  }
}

export async function updateOrFail(what: string, converge: () => Promise<Props>): Promise<Props> {
  try {
    return await converge();
  } catch (e) {
    throw errors.dss("update", what, e);
  }
}

/** Deletes; an object already gone counts as deleted. */
export async function deleteOrGone(what: string, del: () => Promise<unknown>): Promise<void> {
  try {
    await del();
  } catch (e) {
    if (isNotFound(e)) return;
    throw errors.dss("delete", what, e);
  }
}

/** The existing object's tags; a failure to read them names the object, like every other step. */
async function readExisting(steps: CreateSteps): Promise<unknown> {
  try {
    return await steps.readTags();
  } catch (e) {
    throw errors.dss("read", steps.what, e);
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The id of an object whose id DSS picks (folders, scenarios): the one state keeps under `key`, or,
 * when state has none (a create that failed halfway), the id of the object found by name.
 */
export async function idInState(
  state: Props,
  key: string,
  findByName: () => Promise<{ id: string } | undefined>,
): Promise<string | undefined> {
  const id = state[key];
  if (typeof id === "string" && id !== "") return id;
  return (await findByName())?.id;
}

/** An update found no object to update: the fix is a refresh, then up. */
export function goneOnUpdate(): Error {
  return new Error("it no longer exists in DSS; run a refresh, then up to create it again");
}
