import type { z } from "zod";
import type { CheckFailure } from "@pulumi/pulumi/dynamic";
import { isUnknown } from "./unknowns";

/**
 * Validates inputs with a resource's zod schema and turns every issue into one check failure naming
 * the property and the fix. Properties still unknown during preview are not judged yet.
 */
export function checkInputs<T>(schema: z.ZodType<T>, news: Record<string, unknown>): CheckFailure[] {
  const unknownKeys = new Set(Object.keys(news).filter((k) => isUnknown(news[k])));
  const result = schema.safeParse(withoutProviderKey(news));
  if (result.success) return [];
  const failures: CheckFailure[] = [];
  for (const issue of result.error.issues) {
    const path = issue.path.map(String);
    if (path.length > 0 && unknownKeys.has(path[0])) continue;
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        failures.push({ property: key, reason: `unknown property "${key}": remove it or check its spelling` });
      }
      continue;
    }
    // A required property that is unknown in preview fails as "invalid type": skip it too.
    if (issue.code === "invalid_type" && path.length === 1 && unknownKeys.has(path[0])) continue;
    failures.push({ property: formatPath(path), reason: issue.message });
  }
  return failures;
}

function withoutProviderKey(news: Record<string, unknown>): Record<string, unknown> {
  const { __provider: _ignored, ...rest } = news;
  return rest;
}

function formatPath(path: string[]): string {
  return path.reduce((acc, part) => (/^\d+$/.test(part) ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part), "");
}
