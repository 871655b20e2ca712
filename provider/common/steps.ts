// The error handling every executor shares, in one place: what "already exists", "not found" and a
// failure halfway through a create mean for Pulumi.
import { isAlreadyExists, isNotFound } from "../client";
import { errors, PartialCreateError } from "./errors";

type Props = Record<string, unknown>;

export interface CreateSteps {
  /** `dataset P.NAME`: how messages name the object. */
  what: string;
  /** The Pulumi id of the object. */
  id: string;
  inputs: Props;
  /** Whether an existing object may be taken over (the `adopt` input, or a recovery run's list). */
  mayAdopt: boolean;
  /** Sends the create. An "already exists" answer means the object was there before. */
  post(): Promise<unknown>;
  /** Throws when an existing object cannot be adopted (e.g. a different type). */
  verifyAdoptable?(): Promise<void>;
  /** Writes what the create could not carry and reads the object back. */
  converge(): Promise<Props>;
}

/**
 * Create, or adopt, then converge. If the object exists but converging fails, the error carries its
 * id: Pulumi records the object, and the next `up` finishes the job instead of creating it again.
 */
export async function createOrAdopt(steps: CreateSteps): Promise<Props> {
  try {
    await steps.post();
  } catch (e) {
    if (!isAlreadyExists(e)) throw errors.dss("create", steps.what, e);
    if (!steps.mayAdopt) throw errors.alreadyExists(capitalize(steps.what), "`adopt: true` on it");
    await steps.verifyAdoptable?.();
  }
  try {
    return await steps.converge();
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
