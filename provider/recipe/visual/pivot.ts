// Pivot: payload {explicitIdentifiers, identifierColumnsSelection, pivots: [{keyColumns, valueColumns}]}.
// PivotRecipeSettings has no helpers; the shape is DSS's pivot payload. Only the first pivot is modelled.
import { z } from "zod";
import { asList, compact, Json, strings } from "./declared";
import type { VisualKind } from "./kind";
import {
  aggregationsSchema, checkAggregationTypes, columnsSchema, GROUP_FUNCTIONS, normalizeAggregations, readAggregations,
  writeAggregations,
} from "./parts";

const schema = z.strictObject({
  rows: columnsSchema.optional().describe("Identifier columns: one output row per combination."),
  columns: columnsSchema.optional().describe("Columns whose values become output columns."),
  values: aggregationsSchema(GROUP_FUNCTIONS).optional(),
});
type Pivot = z.infer<typeof schema>;

export const pivotKind: VisualKind<Pivot> = {
  dssType: "pivot",
  key: "pivot",
  description: "Pivot recipe: row identifiers, pivoted columns, aggregated values.",
  schema,
  whole: ["values"],
  normalize: (spec) => compact({ ...spec, values: spec.values && normalizeAggregations(spec.values, GROUP_FUNCTIONS) }),
  write(current, spec) {
    const out: Json = { ...current };
    if (spec.rows) Object.assign(out, { explicitIdentifiers: [...spec.rows], identifierColumnsSelection: "EXPLICIT" });
    const pivots = asList(current.pivots).map((p) => ({ ...p }));
    const first: Json = pivots[0] ?? {};
    if (spec.columns) first.keyColumns = [...spec.columns];
    if (spec.values) first.valueColumns = writeAggregations(first.valueColumns, spec.values, GROUP_FUNCTIONS);
    if (spec.columns || spec.values) out.pivots = [first, ...pivots.slice(1)];
    return out;
  },
  read(payload) {
    const first = asList(payload.pivots)[0] ?? {};
    return { rows: strings(payload.explicitIdentifiers), columns: strings(first.keyColumns), values: readAggregations(first.valueColumns, GROUP_FUNCTIONS) };
  },
  check: (spec, ctx) => checkAggregationTypes(spec.values ?? {}, ctx.inputs[0], ctx, ["values"]),
};
