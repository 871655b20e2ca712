// Stack (DSS `vstack`): payload {virtualInputs: [{index, originLabel?}], mode,
// copySchemaFromDatasetWithName?, addOriginColumn, originColumnName} (StackRecipeSettings).
import { z } from "zod";
import { compact, Json } from "./declared";
import type { Problem, VisualKind } from "./kind";
import { notIn, writeVirtualInputs } from "./parts";

const MODES = ["UNION", "INTERSECT", "FROM_DATASET", "FROM_INDEX", "REMAP", "CUSTOM"] as const;

const schema = z.strictObject({
  mode: z.enum(MODES).optional().describe("How the output columns are chosen (StackRecipeSettings.columns_selection_mode)."),
  schemaFrom: z.string().min(1).optional().describe("With mode FROM_DATASET: the input whose schema the output takes."),
  originColumn: z.union([z.string().min(1), z.literal(false)]).optional().describe("Name of a column telling which input each row came from; false for none."),
});
type Stack = z.infer<typeof schema>;

export const stackKind: VisualKind<Stack> = {
  dssType: "vstack",
  key: "stack",
  description: "Stack recipe: column selection mode and an origin column.",
  schema,
  normalize: (spec) => spec,
  write(current, spec, io) {
    const virtualInputs = writeVirtualInputs(current.virtualInputs, io.inputs);
    const out: Json = { ...current, virtualInputs };
    if (spec.mode) out.mode = spec.mode;
    if (spec.schemaFrom) out.copySchemaFromDatasetWithName = spec.schemaFrom;
    if (spec.originColumn === false) out.addOriginColumn = false;
    else if (spec.originColumn) Object.assign(out, { addOriginColumn: true, originColumnName: spec.originColumn });
    return out;
  },
  read: (payload) =>
    compact({
      mode: (typeof payload.mode === "string" ? payload.mode : "UNION") as Stack["mode"],
      schemaFrom: payload.mode === "FROM_DATASET" && typeof payload.copySchemaFromDatasetWithName === "string" ? payload.copySchemaFromDatasetWithName : undefined,
      originColumn: payload.addOriginColumn === true && typeof payload.originColumnName === "string" ? payload.originColumnName : false,
    }),
  check(spec, io) {
    const problems: Problem[] = [];
    if (spec.schemaFrom !== undefined && !io.inputs.includes(spec.schemaFrom)) problems.push({ path: ["schemaFrom"], message: notIn(io.inputs, spec.schemaFrom, "input") });
    if (spec.schemaFrom !== undefined && spec.mode !== "FROM_DATASET") problems.push({ path: ["schemaFrom"], message: "is only used with mode FROM_DATASET: set mode: FROM_DATASET, or remove schemaFrom" });
    if (spec.mode === "FROM_DATASET" && spec.schemaFrom === undefined) problems.push({ path: ["schemaFrom"], message: "is required with mode FROM_DATASET: name the input whose schema the output takes" });
    return problems;
  },
};
