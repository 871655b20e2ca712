// Split: payload {mode, filterSplits | randomSplits | valueSplits: [{outputIndex, ...}], column?,
// defaultOutputIndex}. SplitRecipeSettings has no helpers; the shape is DSS's split payload, where an
// output is the index of a dataset in the recipe's `main` outputs.
import { z } from "zod";
import { asList, compact, Json } from "./declared";
import type { Problem, RecipeIo, VisualKind } from "./kind";
import { columnSchema, notIn, readFilter, writeFilter } from "./parts";

const MODES = { FILTER: "filterSplits", RANDOM: "randomSplits", VALUES: "valueSplits" } as const;
type Mode = keyof typeof MODES;

const ruleSchema = z.strictObject({
  output: z.string().min(1, "name an output dataset"),
  filter: z.string().optional().describe("mode FILTER: a DSS formula; rows matching it go to the output."),
  ratio: z.number().min(0).max(1).optional().describe("mode RANDOM: the share of rows (0..1)."),
  value: z.string().optional().describe("mode VALUES: rows whose column holds this value."),
});
type Rule = z.infer<typeof ruleSchema>;
const RULE_FIELD: Record<Mode, "filter" | "ratio" | "value"> = { FILTER: "filter", RANDOM: "ratio", VALUES: "value" };

const schema = z.strictObject({
  mode: z.enum(Object.keys(MODES) as [Mode, ...Mode[]]).describe("FILTER (a formula per output), RANDOM (a share per output), VALUES (a column value per output)."),
  column: columnSchema.optional().describe("mode VALUES: the column whose value picks the output."),
  rules: z.array(ruleSchema).optional().describe("One rule per output, checked in order."),
  otherwise: z.string().min(1).optional().describe("Output for the rows no rule takes; omit to drop them."),
});
type Split = z.infer<typeof schema>;

export const splitKind: VisualKind<Split> = {
  dssType: "split",
  key: "split",
  description: "Split recipe: mode and the rule sending rows to each output.",
  schema,
  normalize: (spec) => spec,
  write(current, spec, io) {
    const field = MODES[spec.mode];
    const existing = asList(current[field]);
    const rules = (spec.rules ?? []).map((r, i) => {
      const old = existing[i] ?? {};
      const rule: Json = { ...old, outputIndex: io.outputs.indexOf(r.output) };
      if (spec.mode === "FILTER") rule.filter = writeFilter(old.filter, r.filter ?? "");
      if (spec.mode === "RANDOM") rule.ratio = r.ratio ?? 0;
      if (spec.mode === "VALUES") rule.value = r.value ?? "";
      return rule;
    });
    const out: Json = { ...current, mode: spec.mode, defaultOutputIndex: spec.otherwise === undefined ? -1 : io.outputs.indexOf(spec.otherwise) };
    if (spec.rules) out[field] = rules;
    if (spec.column !== undefined) out.column = spec.column;
    return out;
  },
  read(payload, io) {
    const mode = (payload.mode as Mode) in MODES ? (payload.mode as Mode) : "FILTER";
    const rules = asList(payload[MODES[mode]]).map((r) =>
      compact<Rule>({
        output: outputName(io, r.outputIndex),
        filter: mode === "FILTER" ? (readFilter(r.filter) ?? "") : undefined,
        ratio: mode === "RANDOM" ? Number(r.ratio ?? 0) : undefined,
        value: mode === "VALUES" ? String(r.value ?? "") : undefined,
      }),
    );
    const otherwise = typeof payload.defaultOutputIndex === "number" && payload.defaultOutputIndex >= 0 ? outputName(io, payload.defaultOutputIndex) : undefined;
    return compact({ mode, column: typeof payload.column === "string" ? payload.column : undefined, rules, otherwise });
  },
  check(spec, io) {
    const problems: Problem[] = [];
    const field = RULE_FIELD[spec.mode];
    (spec.rules ?? []).forEach((r, i) => {
      if (!io.outputs.includes(r.output)) problems.push({ path: ["rules", i, "output"], message: notIn(io.outputs, r.output, "output") });
      if (r[field] === undefined) problems.push({ path: ["rules", i, field], message: `is required with mode ${spec.mode}` });
      for (const other of Object.values(RULE_FIELD)) {
        if (other !== field && r[other] !== undefined) problems.push({ path: ["rules", i, other], message: `is not used with mode ${spec.mode}: use ${field}, or change the mode` });
      }
    });
    if (spec.otherwise !== undefined && !io.outputs.includes(spec.otherwise)) problems.push({ path: ["otherwise"], message: notIn(io.outputs, spec.otherwise, "output") });
    if (spec.mode === "VALUES" && spec.column === undefined) problems.push({ path: ["column"], message: "is required with mode VALUES: the column whose value picks the output" });
    return problems;
  },
};

function outputName(io: RecipeIo, index: unknown): string {
  return io.outputs[Number(index)] ?? `#${String(index)}`;
}
