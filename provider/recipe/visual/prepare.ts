// Prepare (DSS `shaker`): payload {steps: [{metaType: "PROCESSOR", type, params, disabled, name?}], ...}
// (PrepareRecipeSettings.raw_steps, add_processor_step). The rest of the payload (sampling of the
// design screen, column widths...) is DSS's UI state: kept, never managed.
import { z } from "zod";
import { asList, asObject, compact, Json } from "./declared";
import type { VisualKind } from "./kind";

const GROUP = "GROUP";

const stepSchema = z.strictObject({
  type: z.string().min(1, "a step needs its processor type, for example ColumnRenamer or FillEmptyWithValue"),
  params: z.record(z.string(), z.unknown()).optional().describe("The processor's own parameters."),
  disabled: z.boolean().optional(),
  name: z.string().optional().describe("Label of the step."),
  comment: z.string().optional(),
});
type Step = z.infer<typeof stepSchema>;

const schema = z.strictObject({
  steps: z.array(stepSchema).describe("The script's steps, in order: {type, params, disabled?, name?, comment?}; {type: GROUP} keeps a group of steps as DSS holds it."),
});
type Prepare = z.infer<typeof schema>;

export const prepareKind: VisualKind<Prepare> = {
  dssType: "shaker",
  key: "prepare",
  description: "Prepare recipe: the script's processor steps.",
  schema,
  normalize: (spec) => ({ steps: spec.steps.map((s) => (s.type === GROUP ? s : compact({ ...s, params: s.params ?? {}, disabled: s.disabled ?? false }))) }),
  write(current, spec) {
    const existing = asList(current.steps);
    const steps = spec.steps.map((step, i) => {
      // A group of steps is opaque in the short form: `{type: GROUP}` keeps the one DSS has there.
      if (step.type === GROUP && existing[i]?.metaType === GROUP) return existing[i];
      // A step DSS holds at the same place for the same processor keeps its own fields and params.
      const kept = existing[i]?.type === step.type;
      const same = kept ? existing[i] : {};
      return compact({
        ...same,
        metaType: same.metaType ?? "PROCESSOR",
        type: step.type,
        params: { ...asObject(same.params), ...(step.params ?? {}) },
        // A step the client added without the flag stays without it while it is enabled.
        disabled: step.disabled || !kept || same.disabled !== undefined ? (step.disabled ?? false) : undefined,
        name: step.name ?? same.name,
        comment: step.comment ?? same.comment,
      });
    });
    return { ...current, steps };
  },
  read: (payload) => ({ steps: asList(payload.steps).map(readStep) }),
  check: () => [],
};

function readStep(s: Json): Step {
  if (s.metaType === GROUP) return compact({ type: GROUP, name: typeof s.name === "string" ? s.name : undefined });
  return compact({
    type: String(s.type),
    params: asObject(s.params),
    disabled: s.disabled === true,
    name: typeof s.name === "string" ? s.name : undefined,
    comment: typeof s.comment === "string" ? s.comment : undefined,
  });
}
