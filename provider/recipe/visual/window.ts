// Window: payload {windows: [{partitioningColumns, enablePartitioning, orders, enableOrdering, ...}],
// values: [{column, sum, avg, lag, ...}]}. The client has no helpers for it (WindowRecipeSettings is
// empty); the shape is DSS's window recipe payload. Only the first window is modelled.
import { z } from "zod";
import { asList, compact, Json } from "./declared";
import type { VisualKind } from "./kind";
import {
  aggregationsSchema, checkAggregationTypes, columnsSchema, FunctionFlags, normalizeAggregations, normalizeOrders,
  ordersSchema, readAggregations, readOrders, writeAggregations, writeOrders,
} from "./parts";

const WINDOW_FUNCTIONS: FunctionFlags = {
  count: "count", sum: "sum", avg: "avg", min: "min", max: "max", stddev: "stddev", concat: "concat",
  first: "first", last: "last", lag: "lag", lead: "lead",
};

const schema = z.strictObject({
  partitionBy: columnsSchema.optional().describe("Columns that split the rows into windows."),
  orderBy: ordersSchema.optional(),
  aggregations: aggregationsSchema(WINDOW_FUNCTIONS).optional(),
});
type Window = z.infer<typeof schema>;

export const windowKind: VisualKind<Window> = {
  dssType: "window",
  key: "window",
  description: "Window recipe: partitioning columns, ordering, aggregations per column.",
  schema,
  whole: ["aggregations"],
  normalize: (spec) =>
    compact({
      ...spec,
      orderBy: spec.orderBy && normalizeOrders(spec.orderBy),
      aggregations: spec.aggregations && normalizeAggregations(spec.aggregations, WINDOW_FUNCTIONS),
    }),
  write(current, spec) {
    const windows = asList(current.windows).map((w) => ({ ...w }));
    const first: Json = windows[0] ?? {};
    if (spec.partitionBy) Object.assign(first, { partitioningColumns: [...spec.partitionBy], enablePartitioning: spec.partitionBy.length > 0 });
    if (spec.orderBy) Object.assign(first, { orders: writeOrders(first.orders, spec.orderBy), enableOrdering: spec.orderBy.length > 0 });
    const out: Json = { ...current, windows: [first, ...windows.slice(1)] };
    if (spec.aggregations) out.values = writeAggregations(current.values, spec.aggregations, WINDOW_FUNCTIONS);
    return out;
  },
  read(payload) {
    const first = asList(payload.windows)[0] ?? {};
    return {
      partitionBy: first.enablePartitioning === false ? [] : (Array.isArray(first.partitioningColumns) ? first.partitioningColumns.map(String) : []),
      orderBy: first.enableOrdering === false ? [] : readOrders(first.orders),
      aggregations: readAggregations(payload.values, WINDOW_FUNCTIONS),
    };
  },
  check: (spec, ctx) => checkAggregationTypes(spec.aggregations ?? {}, ctx.inputs[0], ctx, ["aggregations"]),
};
