// Join: payload {virtualInputs: [{index, autoSelectColumns, prefix?}], joins: [{table1, table2, type,
// conditionsMode, on: [{type, column1: {name, table}, column2: {name, table}}]}], selectedColumns,
// computedColumns, postFilter} (JoinRecipeSettings.raw_virtual_inputs, raw_joins, add_join,
// add_condition_to_join). The short form names datasets: virtual input i is the recipe's input i, so
// self-joins need the raw `payload`.
import { z } from "zod";
import { asList, asObject, compact, Json } from "./declared";
import type { Problem, RecipeIo, VisualKind } from "./kind";
import { columnSchema, columnsSchema, notIn, writeVirtualInputs } from "./parts";

const JOIN_TYPES = ["LEFT", "INNER", "RIGHT", "FULL", "CROSS", "LEFT_ANTI", "RIGHT_ANTI"] as const;
const CONDITION_TYPES = ["EQ", "NE", "LT", "LTE", "GT", "GTE"] as const;
const dataset = z.string().min(1, "name an input dataset");

const conditionSchema = z.strictObject({
  left: columnSchema.describe("Column of the left dataset."),
  right: columnSchema.describe("Column of the right dataset."),
  op: z.enum(CONDITION_TYPES).optional().describe("Comparison; default EQ."),
});

const joinSchema = z.strictObject({
  left: dataset.optional().describe("Left input dataset; default: the first input."),
  right: dataset.optional().describe("Right input dataset; default: the input after this join's index."),
  type: z.enum(JOIN_TYPES).optional().describe("Join type; default LEFT."),
  conditions: z.array(conditionSchema).optional().describe("Conditions, all of which must hold (AND)."),
});

const schema = z.strictObject({
  joins: z.array(joinSchema).optional().describe("The joins, in order: {left, right, type, conditions: [{left, right, op}]}."),
  columns: z.record(dataset, columnsSchema).optional().describe("Input dataset → the columns kept from it; inputs not listed keep all."),
  prefixes: z.record(dataset, z.string().min(1, "a prefix must not be empty; leave the input out for none")).optional().describe("Input dataset → prefix of its columns in the output."),
});
type Join = z.infer<typeof schema>;
type OneJoin = z.infer<typeof joinSchema>;

export const joinKind: VisualKind<Join> = {
  dssType: "join",
  key: "join",
  description: "Join recipe: joins between inputs with their conditions, selected columns, prefixes.",
  schema,
  normalize: (spec, io) => compact({ ...spec, joins: spec.joins?.map((j, i) => fullJoin(j, i, io)) }),
  write(current, spec, io) {
    const virtualInputs = writeVirtualInputs(current.virtualInputs, io.inputs);
    const existingJoins = asList(current.joins);
    const joins = (spec.joins ?? []).map((j, i) => {
      const full = fullJoin(j, i, io);
      const [t1, t2] = [io.inputs.indexOf(full.left), io.inputs.indexOf(full.right)];
      const old = existingJoins[i] ?? {};
      const oldOn = asList(old.on);
      return {
        ...old,
        table1: t1,
        table2: t2,
        type: full.type,
        conditionsMode: old.conditionsMode ?? "AND",
        on: full.conditions.map((c, k) => ({
          ...(oldOn[k] ?? {}),
          type: c.op,
          column1: { ...asObject(oldOn[k]?.column1), name: c.left, table: t1 },
          column2: { ...asObject(oldOn[k]?.column2), name: c.right, table: t2 },
        })),
      };
    });
    const out: Json = { ...current, virtualInputs };
    if (spec.joins) out.joins = joins;
    if (spec.columns) {
      const selected = asList(current.selectedColumns);
      let kept = selected;
      for (const [name, cols] of Object.entries(spec.columns)) {
        const table = io.inputs.indexOf(name);
        virtualInputs[table].autoSelectColumns = false;
        const now = kept.filter((c) => c.table === table).map((c) => c.name);
        if (now.length === cols.length && now.every((c, k) => c === cols[k])) continue;
        kept = [...kept.filter((c) => c.table !== table), ...cols.map((col) => ({ ...(selected.find((c) => c.table === table && c.name === col) ?? {}), name: col, table }))];
      }
      out.selectedColumns = kept;
    }
    for (const [name, prefix] of Object.entries(spec.prefixes ?? {})) virtualInputs[io.inputs.indexOf(name)].prefix = prefix;
    return out;
  },
  // Virtual input i must be input i: a self-join (two virtual inputs on one dataset) needs `payload`.
  expressible: (payload, io) => {
    const vis = asList(payload.virtualInputs);
    return vis.length <= io.inputs.length && vis.every((v, i) => v.index === i);
  },
  read(payload, io) {
    const vis = asList(payload.virtualInputs);
    const datasetOf = (table: unknown) => io.inputs[Number(vis[Number(table)]?.index ?? table)] ?? `#${String(table)}`;
    const joins = asList(payload.joins).map((j) => ({
      left: datasetOf(j.table1),
      right: datasetOf(j.table2),
      type: String(j.type ?? "LEFT") as OneJoin["type"] & string,
      conditions: asList(j.on).map((c) => ({
        left: String(asObject(c.column1).name),
        right: String(asObject(c.column2).name),
        op: String(c.type ?? "EQ") as (typeof CONDITION_TYPES)[number],
      })),
    }));
    const columns: Record<string, string[]> = {};
    const prefixes: Record<string, string> = {};
    vis.forEach((v, i) => {
      const name = datasetOf(i);
      if (v.autoSelectColumns === false) {
        columns[name] = asList(payload.selectedColumns).filter((c) => c.table === i).map((c) => String(c.name));
      }
      if (typeof v.prefix === "string" && v.prefix !== "") prefixes[name] = v.prefix;
    });
    return compact({
      joins,
      columns: Object.keys(columns).length > 0 ? columns : undefined,
      prefixes: Object.keys(prefixes).length > 0 ? prefixes : undefined,
    });
  },
  check(spec, io) {
    const problems: Problem[] = [];
    const mustBeInput = (name: string | undefined, path: (string | number)[]) => {
      if (name !== undefined && !io.inputs.includes(name)) problems.push({ path, message: notIn(io.inputs, name, "input") });
    };
    (spec.joins ?? []).forEach((j, i) => {
      mustBeInput(j.left, ["joins", i, "left"]);
      mustBeInput(j.right, ["joins", i, "right"]);
      if (j.right === undefined && io.inputs[i + 1] === undefined) {
        problems.push({ path: ["joins", i], message: `join ${i} has no right dataset: name it with right: <input>, or add an input` });
      }
    });
    for (const name of Object.keys(spec.columns ?? {})) mustBeInput(name, ["columns", name]);
    for (const name of Object.keys(spec.prefixes ?? {})) mustBeInput(name, ["prefixes", name]);
    return problems;
  },
};

function fullJoin(j: OneJoin, i: number, io: RecipeIo) {
  return {
    left: j.left ?? io.inputs[0],
    right: j.right ?? io.inputs[i + 1],
    type: j.type ?? "LEFT",
    conditions: (j.conditions ?? []).map((c) => ({ left: c.left, right: c.right, op: c.op ?? "EQ" })),
  };
}
