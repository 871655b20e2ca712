// The one table that maps the documented config's dataset types (and a few friendly aliases) to the
// types DSS itself uses. DSS's own type names are accepted as they are.

/** A managed dataset: DSS picks its storage type from the connection and owns its data. */
export const MANAGED = "managed";
/** A SQL table whose concrete DSS type (PostgreSQL, Snowflake...) is read from its connection. */
export const SQL_FROM_CONNECTION = "sql";

export const DATASET_TYPE_ALIASES: Readonly<Record<string, string>> = {
  managed: MANAGED,
  sql: SQL_FROM_CONNECTION,
  filesystem: "Filesystem",
  upload: "UploadedFiles",
  snowflake: "Snowflake",
  postgresql: "PostgreSQL",
  mysql: "MySQL",
  s3: "S3",
  hdfs: "HDFS",
  azure_blob: "Azure",
  gcs: "GCS",
};

export const SQL_TABLE_TYPES = [
  "JDBC", "PostgreSQL", "MySQL", "Vertica", "Snowflake", "Redshift", "Greenplum", "Teradata", "Oracle",
  "SQLServer", "SAPHANA", "Netezza", "BigQuery", "Athena", "hiveserver2", "Synapse", "FabricWarehouse",
  "Databricks", "DatabricksLakebase",
] as const;

export const FILESYSTEM_LIKE_TYPES = [
  "Filesystem", "S3", "GCS", "Azure", "HDFS", "FTP", "SCP", "SFTP", "UploadedFiles",
] as const;

export const DSS_DATASET_TYPES: readonly string[] = [...SQL_TABLE_TYPES, ...FILESYSTEM_LIKE_TYPES];

/** Every spelling a user may write, for error messages and "did you mean" hints. */
export const ACCEPTED_DATASET_TYPES: readonly string[] = [
  ...Object.keys(DATASET_TYPE_ALIASES),
  ...DSS_DATASET_TYPES,
];

/** Normalises a user-written type to `managed`, `sql` or a DSS type; undefined when unknown. */
export function normalizeDatasetType(type: string): string | undefined {
  if (DSS_DATASET_TYPES.includes(type)) return type;
  return DATASET_TYPE_ALIASES[type.toLowerCase()];
}

export function isSqlType(type: string): boolean {
  return type === SQL_FROM_CONNECTION || (SQL_TABLE_TYPES as readonly string[]).includes(type);
}

export function isFilesystemLike(type: string): boolean {
  return (FILESYSTEM_LIKE_TYPES as readonly string[]).includes(type);
}

/** Types whose DSS object cannot exist without a connection. Upload defaults to the instance's. */
export function needsConnection(type: string): boolean {
  return type !== MANAGED && type !== "UploadedFiles";
}
