// DSS's dataset definition <-> the Dataset model, in one place.
import type { DatasetDefinition } from "../client";
import { tagsToWrite, userTags } from "../common/ownership";
import { normalizeTags } from "../common/values";
import type { Column, DatasetArgs } from "./schema";
import { isSqlType, MANAGED, SQL_FROM_CONNECTION } from "./types";

/** Model fields that DSS keeps in `params` under the same name. */
export const TYPED_PARAMS = ["path", "bucket", "container", "table", "schema", "catalog"] as const;

/** DSS's format presets for new managed datasets, by format type. */
const FORMAT_PRESETS: Readonly<Record<string, string>> = {
  parquet: "PARQUET_HIVE",
  csv: "CSV_EXCEL_GZIP",
  avro: "AVRO",
  orc: "ORC",
};

/** Where DSS keeps a dataset's connection: upload datasets name theirs `uploadConnection` (§5.1). */
export function connectionParam(type: string | undefined): string {
  return type === "UploadedFiles" ? "uploadConnection" : "connection";
}

export function formatPreset(formatType: string | undefined): string | undefined {
  return formatType === undefined ? undefined : FORMAT_PRESETS[formatType.toLowerCase()];
}

/** Every model field as DSS holds it. `declaredType` keeps `sql` when the program wrote `sql`. */
export function fromDefinition(def: DatasetDefinition, declaredType: string | undefined): Record<string, unknown> {
  const params = { ...((def.params as Record<string, unknown> | undefined) ?? {}) };
  const connectionKey = connectionParam(String(def.type));
  const model: Record<string, unknown> = {
    projectKey: def.projectKey,
    name: def.name,
    type: modelType(def, declaredType),
    connection: params[connectionKey],
    formatType: def.formatType || undefined,
    columns: toColumns(def.schema),
    description: typeof def.description === "string" ? def.description : "",
    tags: normalizeTags(userTags(def.tags)),
  };
  delete params[connectionKey];
  for (const key of TYPED_PARAMS) {
    model[key] = params[key];
    delete params[key];
  }
  model.params = params;
  return model;
}

function modelType(def: DatasetDefinition, declaredType: string | undefined): string {
  if (def.managed === true) return MANAGED;
  if (declaredType === SQL_FROM_CONNECTION && isSqlType(String(def.type))) return SQL_FROM_CONNECTION;
  return String(def.type);
}

function toColumns(schema: unknown): Column[] {
  const columns = (schema as { columns?: unknown[] } | undefined)?.columns ?? [];
  return columns.map((c) => {
    const col = c as Record<string, unknown>;
    const out: Column = { name: String(col.name), type: String(col.type) };
    if (typeof col.comment === "string") out.comment = col.comment;
    return out;
  });
}

/** The params DSS should hold for `args`, written over `current`: unmodelled keys survive. */
export function desiredParams(current: Record<string, unknown> | undefined, args: DatasetArgs) {
  const out: Record<string, unknown> = { ...(current ?? {}) };
  if (args.connection !== undefined) out[connectionParam(args.type)] = args.connection;
  for (const key of TYPED_PARAMS) {
    if (args[key] !== undefined) out[key] = args[key];
  }
  return { ...out, ...(args.params ?? {}) };
}

/** The definition with the managed fields of `args`, and `stack`'s tag, written over what DSS holds. */
export function applyDefinition(def: DatasetDefinition, args: DatasetArgs, stack?: string): DatasetDefinition {
  const out: DatasetDefinition = { ...def, params: desiredParams(def.params as Record<string, unknown>, args) };
  if (args.formatType !== undefined) out.formatType = args.formatType;
  if (args.columns !== undefined) out.schema = { ...((def.schema as object) ?? {}), columns: args.columns };
  if (args.description !== undefined) out.description = args.description;
  out.tags = tagsToWrite(def.tags, args.tags, stack);
  return out;
}

/** The body of a generic (non-managed) create, tagged with `stack`, the stack creating it. */
export function newDefinition(args: DatasetArgs, dssType: string, stack?: string): DatasetDefinition {
  return {
    projectKey: args.projectKey,
    name: args.name,
    type: dssType,
    managed: false,
    params: desiredParams({}, args),
    formatType: args.formatType ?? null,
    formatParams: {},
    schema: { columns: args.columns ?? [], userModified: args.columns !== undefined },
    description: args.description,
    tags: tagsToWrite(undefined, args.tags, stack),
  };
}
