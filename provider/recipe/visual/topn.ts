// Top N: payload {orders, firstRows, lastRows, keys: [{column}]}. TopNRecipeSettings has no helpers;
// the shape is DSS's top-N payload.
import { z } from "zod";
import { compact, Json } from "./declared";
import type { VisualKind } from "./kind";
import { columnsSchema, normalizeOrders, ordersSchema, readKeys, readOrders, writeKeys, writeOrders } from "./parts";

const rows = z.number().int("must be a whole number").min(0, "must be 0 or more");

const schema = z.strictObject({
  orderBy: ordersSchema.optional(),
  top: rows.optional().describe("Rows kept from the top (DSS firstRows)."),
  bottom: rows.optional().describe("Rows kept from the bottom (DSS lastRows)."),
  groupBy: columnsSchema.optional().describe("Keep the top rows of each group of these columns."),
});
type TopN = z.infer<typeof schema>;

export const topnKind: VisualKind<TopN> = {
  dssType: "topn",
  key: "topn",
  description: "Top N recipe: ordering, rows kept from the top and bottom, per-group keys.",
  schema,
  normalize: (spec) => compact({ ...spec, orderBy: spec.orderBy && normalizeOrders(spec.orderBy) }),
  write(current, spec) {
    const out: Json = { ...current };
    if (spec.orderBy) out.orders = writeOrders(current.orders, spec.orderBy);
    if (spec.top !== undefined) out.firstRows = spec.top;
    if (spec.bottom !== undefined) out.lastRows = spec.bottom;
    if (spec.groupBy) out.keys = writeKeys(current.keys, spec.groupBy);
    return out;
  },
  read: (payload) => ({
    orderBy: readOrders(payload.orders),
    top: typeof payload.firstRows === "number" ? payload.firstRows : 0,
    bottom: typeof payload.lastRows === "number" ? payload.lastRows : 0,
    groupBy: readKeys(payload.keys),
  }),
  check: () => [],
};
