// "Only what is declared is managed", for nested short forms: state keeps the parts of DSS's value
// that the program declared, so fields DSS fills in never show as drift.
import { isPlainObject } from "../../common/values";

export type Json = Record<string, unknown>;

/**
 * `actual` cut down to the shape of `declared`: objects keep only the declared keys, lists of the same
 * length are cut item by item. A list of another length is kept whole: that difference is drift.
 */
export function pickDeclared(actual: unknown, declared: unknown): unknown {
  if (isPlainObject(declared) && isPlainObject(actual)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(declared)) {
      if (declared[key] === undefined) continue;
      const value = pickDeclared(actual[key], declared[key]);
      if (value !== undefined) out[key] = value;
    }
    return out;
  }
  if (Array.isArray(declared) && Array.isArray(actual) && declared.length === actual.length) {
    return actual.map((item, i) => pickDeclared(item, declared[i]));
  }
  return actual;
}

/** `o` without its undefined values, so optional fields that are absent stay absent. */
export function compact<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

export function asObject(v: unknown): Record<string, unknown> {
  return isPlainObject(v) ? v : {};
}

export function asList(v: unknown): Record<string, unknown>[] {
  return Array.isArray(v) ? v.filter(isPlainObject) : [];
}

export function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((s): s is string => typeof s === "string") : [];
}
