import type * as dynamic from "@pulumi/pulumi/dynamic";
import type { z } from "zod";
import { checkInputs } from "./checks";
import { PartialCreateError } from "./errors";
import { isUnknown } from "./unknowns";
import { clean, deepEqual } from "./values";

type Props = Record<string, unknown>;

/**
 * One resource type's DSS operations. Every method talks to DSS through the REST client and, after a
 * write, reads the object back: what it returns is what DSS holds (for the managed fields).
 */
export interface Executor {
  /** Creates the object, marked as created by `stack`. Throws `PartialCreateError` when the
   *  object exists but is incomplete; any other throw means nothing was created. An existing object is
   *  taken over instead with `adopt`, or when `stack` created it (a run killed before saving state). */
  create(inputs: Props, stack?: string): Promise<Props>;
  /** The object's current state for the fields `state` manages, or undefined when it is gone. */
  read(state: Props): Promise<Props | undefined>;
  /** Brings the object to `inputs` by read-modify-write: fields it does not manage are kept. */
  update(state: Props, inputs: Props, stack?: string): Promise<Props>;
  /** Deletes the object. An object that is already gone counts as deleted. */
  delete(state: Props): Promise<void>;
}

export interface ResourceKind {
  /** The zod schema of the inputs: the one source of truth for validation. */
  schema: z.ZodObject;
  /** Canonical form of valid inputs (type aliases resolved, tags sorted), so diffs compare like with like. */
  normalize(inputs: Props): Props;
  /** DSS id of the object the inputs describe. */
  idOf(inputs: Props): string;
  /** Inputs whose change replaces the object. */
  replaceKeys: readonly string[];
  executor(): Executor;
}

/** Pulumi's dynamic-provider interface, plus the stack that `create` and `update` work for. */
export interface KindProvider extends Required<Omit<dynamic.ResourceProvider, "configure" | "create" | "update">> {
  create(inputs: Props, stack?: string): Promise<dynamic.CreateResult>;
  update(id: string, olds: Props, news: Props, stack?: string): Promise<dynamic.UpdateResult>;
}

/** The dynamic provider of one resource kind, on top of its executor. */
export function dynamicProvider(kind: ResourceKind): KindProvider {
  const inputKeys = Object.keys(kind.schema.shape);
  return {
    async check(_olds: Props, news: Props): Promise<dynamic.CheckResult> {
      const failures = checkInputs(kind.schema, news);
      if (failures.length > 0) return { inputs: news, failures };
      return { inputs: clean(normalizeKnown(kind, news)) };
    },

    async diff(_id: string, olds: Props, news: Props): Promise<dynamic.DiffResult> {
      const changed = inputKeys.filter((key) => isUnknown(news[key]) || !deepEqual(olds[key], news[key]));
      const replaces = changed.filter((key) => kind.replaceKeys.includes(key));
      // The replacement reuses the DSS name (e.g. only the type changed): the old object must go first.
      const sameId = replaces.length > 0 && !isUnknown(news) && safeId(kind, olds) === safeId(kind, news);
      return { changes: changed.length > 0, replaces, deleteBeforeReplace: sameId };
    },

    async create(inputs: Props, stack?: string): Promise<dynamic.CreateResult> {
      const args = clean(inputs);
      try {
        const state = await kind.executor().create(args, stack);
        return { id: kind.idOf(args), outs: clean(state) };
      } catch (e) {
        if (e instanceof PartialCreateError) {
          // Keep __provider so a later refresh/delete of this half-created object can load us.
          throw new PartialCreateError(e.message, e.id, { ...clean(e.properties), __provider: inputs.__provider });
        }
        throw e;
      }
    },

    async read(id: string, props: Props): Promise<dynamic.ReadResult> {
      const state = await kind.executor().read(clean(props));
      // An object deleted out of band: an empty result tells the engine to drop it from state.
      if (state === undefined) return {};
      // Refreshed inputs too, so the next preview shows drift as `~ field: "in DSS" => "in code"`.
      const inputs = Object.fromEntries(Object.entries(state).filter(([key]) => inputKeys.includes(key)));
      return { id, props: clean(state), inputs: clean(inputs) };
    },

    async update(_id: string, olds: Props, news: Props, stack?: string): Promise<dynamic.UpdateResult> {
      return { outs: clean(await kind.executor().update(clean(olds), clean(news), stack)) };
    },

    async delete(_id: string, props: Props): Promise<void> {
      await kind.executor().delete(clean(props));
    },
  };
}

function normalizeKnown(kind: ResourceKind, news: Props): Props {
  // Values unknown during preview stay as they are; the rest is put in canonical form.
  const known = Object.fromEntries(Object.entries(news).filter(([, v]) => !isUnknown(v)));
  const normalized = kind.normalize(known);
  const out: Props = { ...news };
  for (const [key, value] of Object.entries(normalized)) {
    if (!isUnknown(news[key])) out[key] = value;
  }
  return out;
}

function safeId(kind: ResourceKind, props: Props): string | undefined {
  try {
    return kind.idOf(props);
  } catch {
    return undefined;
  }
}
