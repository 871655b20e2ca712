// Visual recipe payloads as DSS holds them. The emulator's own table (it shares nothing with the
// provider): what a fresh recipe of each visual type starts with, so the official client's settings
// helpers find the lists they append to (GroupingRecipeSettings.add_grouping_key needs `keys` and
// `values`, PrepareRecipeSettings.add_processor_step needs `steps`, JoinRecipeSettings.raw_joins needs
// `joins`...), and what a save checks and fills in. DSS stores the payload as a JSON string.
import { invalidField } from "./errors";
import { JsonObject, isObject } from "./validate";

/** Column schemas of the recipe's inputs, in input order (missing schemas are empty). */
export type InputColumns = Array<Array<{ name: string; type: string }>>;

const noFilter = () => ({ distinct: false, enabled: false });

function columnAggregation(column: { name: string; type: string }, flags: readonly string[]): JsonObject {
  return { column: column.name, type: column.type, ...Object.fromEntries(flags.map((f) => [f, false])) };
}

const GROUP_FLAGS = ["count", "countDistinct", "sum", "avg", "min", "max", "stddev", "concat", "first", "last"];
const WINDOW_FLAGS = ["value", "count", "sum", "avg", "min", "max", "stddev", "concat", "first", "last", "lag", "lead"];

/** A join DSS proposes on creation: input 0 with each other input, on the column names they share. */
function guessedJoins(columns: InputColumns): JsonObject[] {
  const first = new Set((columns[0] ?? []).map((c) => c.name));
  return columns.slice(1).map((cols, k) => {
    const table2 = k + 1;
    const on = cols.filter((c) => first.has(c.name)).map((c) => ({
      type: "EQ",
      column1: { name: c.name, table: 0 },
      column2: { name: c.name, table: table2 },
      maxDistance: 0,
      caseInsensitive: false,
      normalizeText: false,
      strict: false,
    }));
    return { table1: 0, table2, type: "LEFT", conditionsMode: "AND", on, outerJoinOnTheLeft: true, rightLimit: {} };
  });
}

interface Creation {
  inputs: string[];
  columns: InputColumns;
  settings: JsonObject;
}

const DEFAULTS: Record<string, (c: Creation) => JsonObject> = {
  shaker: () => ({
    columnsSelection: { mode: "ALL" },
    explorationSampling: { selection: { samplingMethod: "HEAD_SEQUENTIAL", maxRecords: 10000 }, autoRefreshSample: false },
    vizSampling: { autoRefreshSample: false },
    exploreUIParams: {},
    globalSearchQuery: "",
    explorationFilters: [],
    previewMode: "ALL_ROWS",
    origin: "PREPARE_RECIPE",
    steps: [],
    maxProcessedMemTableBytes: -1,
    columnWidthsByName: {},
    sorting: [],
    analysisColumnData: {},
  }),
  grouping: (c) => {
    const groupKey = typeof c.settings.groupKey === "string" ? c.settings.groupKey : undefined;
    return {
      keys: groupKey ? [{ column: groupKey }] : [],
      // The UI lists every input column with its aggregations off.
      values: (c.columns[0] ?? []).filter((col) => col.name !== groupKey).map((col) => columnAggregation(col, GROUP_FLAGS)),
      globalCount: false,
      computedColumns: [],
      preFilter: noFilter(),
      postFilter: noFilter(),
      outputColumnNameOverrides: {},
    };
  },
  join: (c) => ({
    virtualInputs: c.inputs.map((_, index) => ({ index, preFilter: noFilter(), computedColumns: [], autoSelectColumns: true })),
    joins: guessedJoins(c.columns),
    selectedColumns: [],
    computedColumns: [],
    postFilter: noFilter(),
    enableAutoCastInJoinConditions: false,
  }),
  window: (c) => ({
    windows: [{ prefix: "", partitioningColumns: [], enablePartitioning: false, orders: [], enableOrdering: false, enableLimits: false }],
    values: (c.columns[0] ?? []).map((col) => ({ ...columnAggregation(col, WINDOW_FLAGS), value: true })),
    computedColumns: [],
    preFilter: noFilter(),
    postFilter: noFilter(),
  }),
  vstack: (c) => ({
    virtualInputs: c.inputs.map((ref, index) => ({ index, originLabel: ref, columnsMatch: [], preFilter: noFilter() })),
    mode: "UNION",
    selectedColumns: [],
    addOriginColumn: false,
    originColumnName: "original_dataset",
    postFilter: noFilter(),
  }),
  split: () => ({ mode: "FILTER", filterSplits: [], randomSplits: [], valueSplits: [], defaultOutputIndex: -1, computedColumns: [], preFilter: noFilter() }),
  sort: () => ({ orders: [], rowNumber: false, rank: false, denseRank: false, computedColumns: [], preFilter: noFilter() }),
  topn: () => ({ orders: [], firstRows: 10, lastRows: 0, keys: [], retrievedColumns: [], rowNumber: false, rank: false, denseRank: false, duplicateCount: false, computedColumns: [], preFilter: noFilter() }),
  distinct: () => ({ keys: [], globalCount: false, computedColumns: [], preFilter: noFilter(), postFilter: noFilter() }),
  pivot: () => ({
    pivots: [{ keyColumns: [], valueColumns: [], explicitValues: [], valueLimit: "TOP_N", topnLimit: 20, minOccLimit: 0, globalCount: false }],
    explicitIdentifiers: [],
    identifierColumnsSelection: "EXPLICIT",
    otherColumnsAggregation: {},
    computedColumns: [],
    preFilter: noFilter(),
  }),
  sampling: () => ({
    selection: { samplingMethod: "FULL", maxRecords: 10000, targetRatio: 0.02, partitionSelectionMethod: "ALL" },
    filter: noFilter(),
    computedColumns: [],
  }),
};

export function isVisualType(type: string): boolean {
  return type in DEFAULTS;
}

/** DSS pretty-prints the JSON payloads it stores. */
function serialize(payload: JsonObject): string {
  return JSON.stringify(payload, null, 2);
}

/** The payload of a freshly created visual recipe; undefined for other types. */
export function creationPayload(type: string, creation: Creation): string | undefined {
  const make = DEFAULTS[type];
  return make ? serialize(make(creation)) : undefined;
}

/**
 * Checks a saved payload the way DSS's recipe loader would fail on it, and fills in what DSS adds:
 * the column type of each aggregation, read from the input's schema. An empty payload stays empty.
 */
export function savedPayload(type: string, payload: string, roles: { inputs: number; outputs: number }, columns: InputColumns): string {
  if (!isVisualType(type) || payload.trim() === "") return payload;
  let doc: unknown;
  try {
    doc = JSON.parse(payload);
  } catch {
    throw invalidField("payload", `the JSON settings of a ${type} recipe (the string did not parse as JSON)`);
  }
  if (!isObject(doc)) throw invalidField("payload", `the JSON settings of a ${type} recipe, as an object`);
  const list = (v: unknown): JsonObject[] => (Array.isArray(v) ? v.filter(isObject) : []);
  const index = (value: unknown, count: number, field: string, what: string) => {
    if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value >= count) {
      throw invalidField(field, `the index of ${what} (0..${count - 1}), not ${JSON.stringify(value)}`);
    }
  };
  if (type === "join" || type === "vstack") {
    const vis = list(doc.virtualInputs);
    vis.forEach((v, i) => index(v.index, roles.inputs, `payload.virtualInputs[${i}].index`, "a recipe input"));
    list(doc.joins).forEach((j, i) => {
      index(j.table1, vis.length, `payload.joins[${i}].table1`, "a virtual input");
      index(j.table2, vis.length, `payload.joins[${i}].table2`, "a virtual input");
    });
  }
  if (type === "split") {
    for (const field of ["filterSplits", "randomSplits", "valueSplits"]) {
      list(doc[field]).forEach((s, i) => index(s.outputIndex, roles.outputs, `payload.${field}[${i}].outputIndex`, "a recipe output"));
    }
  }
  const typeOf = new Map((columns[0] ?? []).map((c) => [c.name, c.type]));
  const fillTypes = (values: unknown) => {
    for (const v of list(values)) if (v.type === undefined && typeof v.column === "string" && typeOf.has(v.column)) v.type = typeOf.get(v.column);
  };
  if (type === "grouping" || type === "window") fillTypes(doc.values);
  if (type === "pivot") for (const p of list(doc.pivots)) fillTypes(p.valueColumns);
  return serialize(doc);
}
