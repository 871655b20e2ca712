// Group (DSS `grouping`): payload {keys: [{column}], values: [{column, sum, avg, ...}], globalCount}
// (GroupingRecipeSettings.add_grouping_key, set_column_aggregations, set_global_count_enabled).
import { z } from "zod";
import { compact } from "./declared";
import type { VisualKind } from "./kind";
import {
  aggregationsSchema, checkAggregationTypes, columnsSchema, GROUP_FUNCTIONS, normalizeAggregations,
  readAggregations, readKeys, writeAggregations, writeKeys,
} from "./parts";

const schema = z.strictObject({
  keys: columnsSchema.optional().describe("Columns to group by; none makes one group of all rows."),
  aggregations: aggregationsSchema(GROUP_FUNCTIONS).optional(),
  count: z.boolean().optional().describe("Add a `count` column: the number of rows in each group."),
});
type Group = z.infer<typeof schema>;

export const groupKind: VisualKind<Group> = {
  dssType: "grouping",
  key: "group",
  description: "Group recipe: keys, aggregations per column, count of rows per group.",
  schema,
  whole: ["aggregations"],
  normalize: (spec) => compact({ ...spec, aggregations: spec.aggregations && normalizeAggregations(spec.aggregations, GROUP_FUNCTIONS) }),
  write(current, spec) {
    const out = { ...current };
    if (spec.keys) out.keys = writeKeys(current.keys, spec.keys);
    if (spec.aggregations) out.values = writeAggregations(current.values, spec.aggregations, GROUP_FUNCTIONS);
    if (spec.count !== undefined) out.globalCount = spec.count;
    return out;
  },
  read: (payload) => ({
    keys: readKeys(payload.keys),
    aggregations: readAggregations(payload.values, GROUP_FUNCTIONS),
    count: payload.globalCount === true,
  }),
  check: (spec, ctx) => checkAggregationTypes(spec.aggregations ?? {}, ctx.inputs[0], ctx, ["aggregations"]),
};
