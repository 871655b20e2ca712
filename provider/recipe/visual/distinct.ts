// Distinct: payload {keys: [{column}], globalCount}. DistinctRecipeSettings has no helpers; the shape
// follows DSS's distinct payload (the same key list as grouping).
import { z } from "zod";
import { Json } from "./declared";
import type { VisualKind } from "./kind";
import { columnsSchema, readKeys, writeKeys } from "./parts";

const schema = z.strictObject({
  columns: columnsSchema.optional().describe("Columns that make a row distinct; none means all columns."),
  count: z.boolean().optional().describe("Add a column counting the duplicates of each row."),
});
type Distinct = z.infer<typeof schema>;

export const distinctKind: VisualKind<Distinct> = {
  dssType: "distinct",
  key: "distinct",
  description: "Distinct recipe: the columns that make a row distinct, and a duplicate count.",
  schema,
  normalize: (spec) => spec,
  write(current, spec) {
    const out: Json = { ...current };
    if (spec.columns) out.keys = writeKeys(current.keys, spec.columns);
    if (spec.count !== undefined) out.globalCount = spec.count;
    return out;
  },
  read: (payload) => ({ columns: readKeys(payload.keys), count: payload.globalCount === true }),
  check: () => [],
};
