// Sort: payload {orders: [{column, desc}], rowNumber, rank, denseRank} (SortRecipeSettings).
import { z } from "zod";
import { compact, Json } from "./declared";
import type { VisualKind } from "./kind";
import { normalizeOrders, ordersSchema, readOrders, writeOrders } from "./parts";

const FLAGS = ["rowNumber", "rank", "denseRank"] as const;

const schema = z.strictObject({
  orderBy: ordersSchema.optional(),
  rowNumber: z.boolean().optional().describe("Add a row number column."),
  rank: z.boolean().optional().describe("Add a rank column."),
  denseRank: z.boolean().optional().describe("Add a dense rank column."),
});
type Sort = z.infer<typeof schema>;

export const sortKind: VisualKind<Sort> = {
  dssType: "sort",
  key: "sort",
  description: "Sort recipe: sort columns, and row number / rank / dense rank columns.",
  schema,
  normalize: (spec) => compact({ ...spec, orderBy: spec.orderBy && normalizeOrders(spec.orderBy) }),
  write(current, spec) {
    const out: Json = { ...current };
    if (spec.orderBy) out.orders = writeOrders(current.orders, spec.orderBy);
    for (const flag of FLAGS) if (spec[flag] !== undefined) out[flag] = spec[flag];
    return out;
  },
  read: (payload) => ({
    orderBy: readOrders(payload.orders),
    ...Object.fromEntries(FLAGS.map((f) => [f, payload[f] === true])),
  }),
  check: () => [],
};
