// Sample/Filter (DSS `sampling`): payload {selection: {samplingMethod, maxRecords, targetRatio}, filter}.
// SamplingRecipeSettings has no helpers; the shape is DSS's sampling payload (the same `selection`
// document as a dataset's sampling settings).
import { z } from "zod";
import { asObject, compact, Json } from "./declared";
import type { VisualKind } from "./kind";
import { readFilter, writeFilter } from "./parts";

const METHODS = ["FULL", "HEAD_SEQUENTIAL", "RANDOM_FIXED_NB", "RANDOM_FIXED_RATIO", "TAIL_SEQUENTIAL"] as const;

const schema = z.strictObject({
  method: z.enum(METHODS).optional().describe("DSS sampling method; FULL keeps every row."),
  records: z.number().int().min(1).optional().describe("Rows kept by HEAD_SEQUENTIAL, TAIL_SEQUENTIAL or RANDOM_FIXED_NB."),
  ratio: z.number().min(0).max(1).optional().describe("Share of rows kept by RANDOM_FIXED_RATIO."),
  filter: z.string().optional().describe("A DSS formula; only matching rows are kept."),
});
type Sampling = z.infer<typeof schema>;

export const samplingKind: VisualKind<Sampling> = {
  dssType: "sampling",
  key: "sampling",
  description: "Sample/Filter recipe: sampling method, size, and a filter formula.",
  schema,
  normalize: (spec) => spec,
  write(current, spec) {
    const selection: Json = { ...asObject(current.selection) };
    if (spec.method) selection.samplingMethod = spec.method;
    if (spec.records !== undefined) selection.maxRecords = spec.records;
    if (spec.ratio !== undefined) selection.targetRatio = spec.ratio;
    const out: Json = { ...current, selection };
    if (spec.filter !== undefined) out.filter = writeFilter(current.filter, spec.filter);
    return out;
  },
  read(payload) {
    const selection = asObject(payload.selection);
    return compact({
      method: (typeof selection.samplingMethod === "string" ? selection.samplingMethod : "FULL") as Sampling["method"],
      records: typeof selection.maxRecords === "number" && selection.maxRecords > 0 ? selection.maxRecords : undefined,
      ratio: typeof selection.targetRatio === "number" ? selection.targetRatio : undefined,
      filter: readFilter(payload.filter),
    });
  },
  check: () => [],
};
