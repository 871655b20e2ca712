// What a planned create will send, as a reader should see it: the resource's inputs from the engine,
// with secrets masked and values unknown until apply named as such.
import { naturalKeyOf } from "./resources";

/** How a secret input shows in plans (text and JSON). Secrets never leave the engine unmasked. */
export const SECRET = "[secret]";
/** How an input shows that is only known once an earlier step has run. */
export const UNKNOWN = "(known after apply)";

// The engine's markers, as they appear in preview event inputs.
const UNKNOWN_SENTINEL = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const SPECIAL_SIG = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
// Engine plumbing of dynamic resources, not an attribute of the DSS object.
const INTERNAL = new Set(["__provider"]);

/**
 * The attributes of a create, sorted by name. `projectKey` and `name` are the resource id's own parts
 * and shown as such when the engine does not know them yet (a child of a project being created).
 */
export function createAttributes(resource: string, inputs: Record<string, unknown>): Record<string, unknown> {
  const id = naturalKeyOf(resource);
  // A project's `name` is its label, not part of its id.
  const fromId: Record<string, string | undefined> = { projectKey: id.projectKey, name: id.name };
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(inputs).sort()) {
    if (INTERNAL.has(key)) continue;
    const value = displayValue(inputs[key]);
    out[key] = value === UNKNOWN && fromId[key] !== undefined ? fromId[key] : value;
  }
  return out;
}

/** An engine value with secrets and unknowns replaced by their markers, everything else as is. */
export function displayValue(v: unknown): unknown {
  if (v === UNKNOWN_SENTINEL) return UNKNOWN;
  if (Array.isArray(v)) return v.map(displayValue);
  if (v !== null && typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (o[SPECIAL_SIG] === SECRET_SIG) return SECRET;
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, displayValue(x)]));
  }
  return v;
}
