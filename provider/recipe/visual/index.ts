// The registry of visual recipe kinds: a new kind is a new file here and one line in VISUAL_KINDS.
import { isPlainObject } from "../../common/values";
import { distinctKind } from "./distinct";
import { groupKind } from "./group";
import { joinKind } from "./join";
import type { CheckContext, Json, Problem, RecipeIo, VisualKind } from "./kind";
import { pivotKind } from "./pivot";
import { prepareKind } from "./prepare";
import { samplingKind } from "./sampling";
import { sortKind } from "./sort";
import { splitKind } from "./split";
import { stackKind } from "./stack";
import { topnKind } from "./topn";
import { windowKind } from "./window";

export type { CheckContext, Json, Problem, RecipeIo, VisualKind };
import { pickDeclared } from "./declared";

export const VISUAL_KINDS: readonly VisualKind[] = [
  prepareKind, joinKind, groupKind, windowKind, stackKind, splitKind, sortKind, topnKind, distinctKind, pivotKind, samplingKind,
];

/** The short-form keys (`group`, `join`, ...), each valid on one recipe type. */
export const VISUAL_KEYS: readonly string[] = VISUAL_KINDS.map((k) => k.key);

/**
 * What state keeps of a short form (or of the raw `payload`, key "payload"): the declared parts of
 * what DSS holds, with a kind's `whole` fields kept whole.
 */
export function declaredState(key: string, actual: unknown, declared: unknown): unknown {
  const picked = pickDeclared(actual, declared);
  const kind = VISUAL_KINDS.find((k) => k.key === key);
  if (!kind?.whole || !isPlainObject(picked) || !isPlainObject(actual) || !isPlainObject(declared)) return picked;
  const out = { ...picked };
  for (const field of kind.whole) if (declared[field] !== undefined) out[field] = actual[field];
  return out;
}

export function visualKindOf(dssType: string): VisualKind | undefined {
  return VISUAL_KINDS.find((k) => k.dssType === dssType);
}

/** A visual recipe's payload as JSON; DSS's empty payload of a fresh recipe reads as {}. */
export function parsePayload(payload: string | undefined): Json | undefined {
  if (payload === undefined || payload.trim() === "") return {};
  try {
    const parsed: unknown = JSON.parse(payload);
    return isPlainObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Every problem of the short forms of a recipe: a key set on the wrong recipe type, then the kind's
 * own checks (names of inputs and outputs, column types). Paths start at the recipe.
 */
export function checkVisual(type: string | undefined, fields: Record<string, unknown>, ctx: CheckContext): Problem[] {
  const problems: Problem[] = [];
  for (const kind of VISUAL_KINDS) {
    const spec = fields[kind.key];
    if (spec === undefined || spec === null) continue;
    if (type !== undefined && type !== kind.dssType) {
      const right = kind.dssType === kind.key ? kind.key : `${kind.key} (DSS ${kind.dssType})`;
      problems.push({ path: [kind.key], message: `is only for recipes of type ${right}; this recipe's DSS type is ${type}: remove ${kind.key}, or use payload for raw settings` });
      continue;
    }
    const parsed = kind.schema.safeParse(spec);
    if (!parsed.success) continue; // the schema reports these
    for (const p of kind.check(parsed.data, ctx)) problems.push({ path: [kind.key, ...p.path], message: p.message });
  }
  return problems;
}

export function normalizeVisual(fields: Record<string, unknown>, io: RecipeIo): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const kind of VISUAL_KINDS) {
    const spec = fields[kind.key];
    if (spec === undefined) continue;
    const parsed = kind.schema.safeParse(spec);
    out[kind.key] = parsed.success ? kind.normalize(parsed.data, io) : spec;
  }
  return out;
}

/** The short forms as optional fields, typed: spread into the Recipe args and the YAML recipe schema. */
export const visualShape = {
  prepare: prepareKind.schema.optional().describe(prepareKind.description),
  join: joinKind.schema.optional().describe(joinKind.description),
  group: groupKind.schema.optional().describe(groupKind.description),
  window: windowKind.schema.optional().describe(windowKind.description),
  stack: stackKind.schema.optional().describe(stackKind.description),
  split: splitKind.schema.optional().describe(splitKind.description),
  sort: sortKind.schema.optional().describe(sortKind.description),
  topn: topnKind.schema.optional().describe(topnKind.description),
  distinct: distinctKind.schema.optional().describe(distinctKind.description),
  pivot: pivotKind.schema.optional().describe(pivotKind.description),
  sampling: samplingKind.schema.optional().describe(samplingKind.description),
};
