import { isPlainObject } from "./values";

export interface KeepOptions {
  /** Keys copied from the inputs as they are: identity and safety switches that DSS does not hold. */
  alwaysKept: readonly string[];
  /** Keys holding maps where only the entries the program set are managed, with the map depth. */
  maps?: Readonly<Record<string, number>>;
  /** Computed outputs, always kept. */
  computed?: Record<string, unknown>;
}

/**
 * What a resource keeps in state: the input keys the program set (the managed fields) as DSS holds
 * them, plus computed outputs. Fields the program leaves out are not managed, so a value DSS fills in
 * (or a user edits in the UI) never shows up as drift on them.
 */
export function keepManaged(
  fromDss: Record<string, unknown>,
  inputs: Record<string, unknown>,
  options: KeepOptions,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, input] of Object.entries(inputs)) {
    if (key === "__provider" || input === undefined) continue;
    if (options.alwaysKept.includes(key)) {
      out[key] = input;
      continue;
    }
    const depth = options.maps?.[key];
    const value = depth ? pickMap(fromDss[key], input, depth) : fromDss[key];
    if (value !== undefined) out[key] = value;
  }
  return { ...out, ...(options.computed ?? {}) };
}

/** The entries of `actual` at the keys of `managed`, `depth` levels deep. */
function pickMap(actual: unknown, managed: unknown, depth: number): unknown {
  if (depth === 0 || !isPlainObject(managed)) return actual;
  const source = isPlainObject(actual) ? actual : {};
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(managed)) {
    const value = pickMap(source[key], managed[key], depth - 1);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** Writes the managed entries of `desired` over `current`, `depth` levels deep, keeping all else. */
export function mergeMap(current: unknown, desired: unknown, depth: number): unknown {
  if (desired === undefined) return current;
  if (depth === 0 || !isPlainObject(desired)) return desired;
  const out: Record<string, unknown> = { ...(isPlainObject(current) ? current : {}) };
  for (const [key, value] of Object.entries(desired)) {
    out[key] = mergeMap(out[key], value, depth - 1);
  }
  return out;
}
