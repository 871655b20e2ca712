// Runs the config zod schema and turns its issues into located problems that say what to fix.

import { z } from "zod";
import { ProblemList } from "./problems";
import { didYouMean } from "./suggest";
import { formatPath, locate, PathSegment, PlainConfig } from "./tree";

/**
 * Validates `plain.value` (found at `base` in the whole config) against `schema`; returns the parsed
 * value when valid. `keep` can drop issues (for environments that are not deployed now).
 */
export function checkSchema<T extends z.ZodType>(
  schema: T,
  plain: PlainConfig,
  base: PathSegment[],
  problems: ProblemList,
  keep: (issue: z.core.$ZodIssue) => boolean = () => true,
): z.infer<T> | undefined {
  const result = schema.safeParse(plain.value, { reportInput: true });
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    if (!keep(issue)) continue;
    const path = [...base, ...(issue.path as PathSegment[])];
    if (issue.code === "unrecognized_keys") {
      const known = objectKeysAt(schema, issue.path as PathSegment[]);
      for (const key of issue.keys) {
        const keyPath = [...path, key];
        problems.add(locate(plain, keyPath), formatPath(keyPath), unknownKeyMessage(key, known));
      }
      continue;
    }
    problems.add(locate(plain, path), formatPath(path), issueMessage(issue, path));
  }
  return undefined;
}

function unknownKeyMessage(key: string, known: string[]): string {
  const hint = didYouMean(key, known);
  if (hint) return `unknown key "${key}"${hint}`;
  return `unknown key "${key}"; the keys allowed here are: ${known.join(", ")}`;
}

function issueMessage(issue: z.core.$ZodIssue, path: PathSegment[]): string {
  const input = (issue as { input?: unknown }).input;
  const custom = !issue.message.startsWith("Invalid input") && !issue.message.startsWith("Too ") && !issue.message.startsWith("Invalid ");
  if (issue.code === "invalid_type") {
    if (input === undefined) return `is required${requiredHint(path)}`;
    return `must be ${describeExpected(issue.expected)}, not ${describeValue(input)}`;
  }
  if (custom) {
    const shown = typeof input === "string" && issue.code !== "custom" && !issue.message.includes(JSON.stringify(input));
    const got = shown ? `; got ${JSON.stringify(input)}` : "";
    return issue.message + got;
  }
  if (issue.code === "too_small" && issue.origin === "array") return `must list at least ${issue.minimum} item${issue.minimum === 1 ? "" : "s"}`;
  return issue.message;
}

function requiredHint(path: PathSegment[]): string {
  const field = path[path.length - 1];
  const collection = path.find((s) => s === "datasets" || s === "recipes");
  if (field === "project") return ": a config describes exactly one project; add a project: section with key and name";
  if (field === "key") return ": the DSS project key, for example MY_PROJECT";
  if (field === "type" && collection === "datasets") return ": for example managed, filesystem, postgresql or a DSS type";
  if (field === "type" && collection === "recipes") return ": for example python, sql, join or group";
  if (field === "outputs") return ": list the datasets the recipe writes";
  return "";
}

function describeExpected(expected: string): string {
  switch (expected) {
    case "object":
    case "record":
      return "a mapping (key: value pairs)";
    case "array":
      return "a list";
    case "boolean":
      return "true or false";
    case "string":
      return "a string";
    case "number":
      return "a number";
    default:
      return expected;
  }
}

/** String(v) that never throws: a YAML mapping may hold a `toString` key, which String() would try to call. */
export function safeString(v: unknown): string {
  try {
    return String(v);
  } catch {
    return Array.isArray(v) ? "(a list)" : "(a mapping)";
  }
}

export function describeValue(v: unknown): string {
  if (v === null) return "empty (null)";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "a mapping";
  if (typeof v === "string") return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}...` : v)}`;
  return `${typeof v} ${String(v)}`;
}

/** The keys an object schema allows at `path`, for "did you mean" hints. */
function objectKeysAt(schema: z.ZodType, path: readonly PathSegment[]): string[] {
  let s: unknown = schema;
  const unwrap = () => {
    while (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault) s = s.unwrap();
  };
  for (const seg of path) {
    unwrap();
    if (s instanceof z.ZodObject) s = s.shape[seg as string];
    else if (s instanceof z.ZodArray) s = s.element;
    else if (s instanceof z.ZodRecord) s = s.valueType;
    else return [];
  }
  unwrap();
  return s instanceof z.ZodObject ? Object.keys(s.shape) : [];
}
