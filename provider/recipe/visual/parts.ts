// Pieces several visual kinds share: per-column aggregations (group, window, pivot), sort orders
// (sort, topn, window) and DSS filter expressions (split, sampling).
import { z } from "zod";
import { asList, compact, Json } from "./declared";
import type { CheckContext, Problem } from "./kind";

export const columnSchema = z.string().min(1, "a column name must not be empty");
export const columnsSchema = z.array(columnSchema);

/** Short name → the boolean flag of DSS's per-column aggregation document. */
export type FunctionFlags = Readonly<Record<string, string>>;

export const GROUP_FUNCTIONS: FunctionFlags = {
  count: "count", count_distinct: "countDistinct", sum: "sum", avg: "avg", min: "min", max: "max",
  stddev: "stddev", concat: "concat", first: "first", last: "last",
};

/** Aggregations DSS computes on numbers only (the client's note: strings have no mean or stddev). */
const NUMERIC_ONLY = new Set(["sum", "avg", "stddev"]);
const NUMERIC_TYPES = new Set(["tinyint", "smallint", "int", "bigint", "float", "double"]);

export function aggregationsSchema(flags: FunctionFlags) {
  const names = Object.keys(flags) as [string, ...string[]];
  return z
    .record(columnSchema, z.array(z.enum(names, { error: () => `unknown aggregation; use one of: ${names.join(", ")}` })).min(1, "list at least one aggregation"))
    .describe(`Column → aggregations computed on it: ${names.join(", ")}.`);
}

/** Functions in the table's order, each once: the order a user lists them in carries no meaning. */
export function normalizeAggregations(aggs: Record<string, string[]>, flags: FunctionFlags): Record<string, string[]> {
  const order = Object.keys(flags);
  return Object.fromEntries(Object.entries(aggs).map(([c, fns]) => [c, order.filter((f) => fns.includes(f))]));
}

/**
 * DSS's `values` list with the declared aggregations: declared columns get their flags (a flag DSS does
 * not hold and that stays off is not added), other columns keep their entry with every flag off.
 */
export function writeAggregations(current: unknown, aggs: Record<string, string[]>, flags: FunctionFlags): Json[] {
  const entries = asList(current).map((e) => ({ ...e }));
  const setFlags = (entry: Json, fns: readonly string[]) => {
    for (const [fn, flag] of Object.entries(flags)) {
      const on = fns.includes(fn);
      if (on || entry[flag] !== undefined) entry[flag] = on;
    }
  };
  for (const entry of entries) if (!(String(entry.column) in aggs)) setFlags(entry, []);
  for (const [column, fns] of Object.entries(aggs)) {
    let entry = entries.find((e) => e.column === column);
    if (!entry) entries.push((entry = { column }));
    setFlags(entry, fns);
  }
  return entries;
}

export function readAggregations(values: unknown, flags: FunctionFlags): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const entry of asList(values)) {
    const fns = Object.entries(flags).filter(([, flag]) => entry[flag] === true).map(([fn]) => fn);
    if (fns.length > 0 && typeof entry.column === "string") out[entry.column] = fns;
  }
  return out;
}

/**
 * Aggregations checked against the input's declared schema: the column must be one of it, and a
 * numeric-only aggregation needs a numeric column. Nothing is judged when no schema is declared.
 */
export function checkAggregationTypes(aggs: Record<string, string[]>, dataset: string | undefined, ctx: CheckContext, path: (string | number)[]): Problem[] {
  const columns = dataset ? ctx.columnsOf?.(dataset) : undefined;
  if (!dataset || !columns) return [];
  const problems: Problem[] = [];
  for (const [column, fns] of Object.entries(aggs)) {
    const type = columns.get(column);
    if (type === undefined) {
      problems.push({ path: [...path, column], message: `${dataset} declares no column "${column}" (its columns: ${[...columns.keys()].join(", ")}); fix the name or the dataset's schema` });
      continue;
    }
    if (NUMERIC_TYPES.has(type)) continue;
    const bad = fns.filter((f) => NUMERIC_ONLY.has(f));
    if (bad.length > 0) {
      problems.push({
        path: [...path, column],
        message: `${bad.join(", ")} needs a numeric column, but ${dataset}.${column} is ${type}; use count, count_distinct, min, max, first, last or concat, or change the column's type`,
      });
    }
  }
  return problems;
}

// ---- orders -------------------------------------------------------------------------------------

export const orderSchema = z.union([
  columnSchema,
  z.strictObject({ column: columnSchema, desc: z.boolean().optional().describe("Descending; default false.") }),
]);
export const ordersSchema = z.array(orderSchema).describe("Columns to sort by: a name (ascending) or {column, desc: true}.");

export type Order = z.infer<typeof orderSchema>;
export interface FullOrder {
  column: string;
  desc: boolean;
}

export function normalizeOrders(orders: readonly Order[]): FullOrder[] {
  return orders.map((o) => (typeof o === "string" ? { column: o, desc: false } : { column: o.column, desc: o.desc ?? false }));
}

export function writeOrders(current: unknown, orders: readonly Order[]): Json[] {
  const existing = asList(current);
  return normalizeOrders(orders).map((o) => ({ ...(existing.find((e) => e.column === o.column) ?? {}), ...o }));
}

export function readOrders(current: unknown): FullOrder[] {
  return asList(current).map((o) => ({ column: String(o.column), desc: o.desc === true }));
}

// ---- key columns -----------------------------------------------------------------------------

/** `[{column}]` lists (grouping and distinct keys): entries DSS has for a column keep their extra keys. */
export function writeKeys(current: unknown, columns: readonly string[]): Json[] {
  const existing = asList(current);
  return columns.map((column) => ({ ...(existing.find((e) => e.column === column) ?? {}), column }));
}

export function readKeys(current: unknown): string[] {
  return asList(current).map((k) => String(k.column));
}

// ---- virtual inputs ---------------------------------------------------------------------------

/** Join and stack: one virtual input per recipe input, in order; DSS's settings on each are kept. */
export function writeVirtualInputs(current: unknown, inputs: readonly string[]): Json[] {
  const existing = asList(current);
  const own = inputs.map((_, index) => ({ ...(existing[index]?.index === index ? existing[index] : existing.find((v) => v.index === index) ?? {}), index }));
  // Further virtual inputs (a self-join's second one) stay, so joins set in `payload` keep working.
  return [...own, ...existing.slice(inputs.length)];
}

// ---- filters ------------------------------------------------------------------------------------

/** A DSS filter holding a formula expression, as the UI's "custom formula" mode saves it. */
export function writeFilter(current: unknown, expression: string): Json {
  const old = current && typeof current === "object" ? (current as Json) : {};
  return { ...old, enabled: true, uiData: { ...((old.uiData as Json | undefined) ?? {}), mode: "CUSTOM" }, expression };
}

export function readFilter(current: unknown): string | undefined {
  const f = current as Json | undefined;
  return f && f.enabled === true && typeof f.expression === "string" ? f.expression : undefined;
}

export function notIn(list: readonly string[], name: string, role: "input" | "output"): string {
  const names = list.length > 0 ? list.join(", ") : "none";
  return `"${name}" is not an ${role} of this recipe (its ${role}s: ${names}); name one of them or add it to ${role}s`;
}

export { compact };
