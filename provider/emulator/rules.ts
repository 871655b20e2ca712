// DSS's own rules and tables, written down here from the reference and the official client, not
// borrowed from the provider: a mistake in the provider's rules must show up as a DSS error in the
// tests, not be mirrored by an emulator that shares its code.

/**
 * Keys and object names: letters, digits and underscores (dss-rest-api.md §9: Terraform validates
 * `^[A-Za-z0-9_]+$` "mirroring what DSS accepts"; PY-recipe `set_name` "alphanum letters and
 * underscores. Cannot contain dots").
 */
export const KEY_PATTERN = /^[A-Za-z0-9_]+$/;
export const NAME_PATTERN = /^[A-Za-z0-9_]+$/;
/** DSS documents no length limit; the emulator caps names so a runaway client shows up. */
export const MAX_NAME_CHARS = 255;

/** SQL dataset types (PY-dataset `_SQL_TYPES`, reference §5.1). */
export const SQL_DATASET_TYPES: readonly string[] = [
  "JDBC", "PostgreSQL", "MySQL", "Vertica", "Snowflake", "Redshift", "Greenplum", "Teradata", "Oracle",
  "SQLServer", "SAPHANA", "Netezza", "BigQuery", "Athena", "hiveserver2", "Synapse", "FabricWarehouse",
  "Databricks", "DatabricksLakebase",
];
