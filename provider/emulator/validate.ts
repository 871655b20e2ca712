// Shape checks for request bodies. Each throws a DssError naming the offending field, so a malformed
// request is answered with a clear 400 instead of crashing a handler or storing a broken document.
import { invalidField, missingField } from "./errors";

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function requireObject(value: unknown, field: string): JsonObject {
  if (value === undefined) throw missingField(field, "a JSON object");
  if (!isObject(value)) throw invalidField(field, "a JSON object");
  return value;
}

/** An object field that may be absent or null; returns undefined then. */
export function optionalObject(obj: JsonObject, key: string, field = key): JsonObject | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) throw invalidField(field, "a JSON object");
  return value;
}

export function requireString(obj: JsonObject, key: string, field = key): string {
  const value = obj[key];
  if (value === undefined || value === null) throw missingField(field, "a string");
  if (typeof value !== "string") throw invalidField(field, "a string");
  return value;
}

export function optionalString(obj: JsonObject, key: string, field = key): string | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw invalidField(field, "a string");
  return value;
}

export function optionalBoolean(obj: JsonObject, key: string, field = key): boolean | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "boolean") throw invalidField(field, "true or false");
  return value;
}

export function optionalStringArray(obj: JsonObject, key: string, field = key): string[] | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) {
    throw invalidField(field, "an array of strings");
  }
  return value as string[];
}

export function optionalArray(obj: JsonObject, key: string, field = key): unknown[] | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw invalidField(field, "an array");
  return value;
}

/** Deep copy of a JSON value, so stored documents never alias request bodies or replies. */
export function cloneJson<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}
