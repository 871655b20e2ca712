// Format presets of managed dataset creation (formatOptionId), mapped to the formatType and
// formatParams DSS fills in. The ids are the ones the official client lists (PY-dataset).
import { JsonObject } from "./validate";

interface FormatPreset {
  formatType: string;
  formatParams: JsonObject;
}

const csv = (style: string, separator: string, compress: string): FormatPreset => ({
  formatType: "csv",
  formatParams: {
    style,
    charset: "utf8",
    separator,
    quoteChar: '"',
    escapeChar: "\\",
    dateSerializationFormat: "ISO",
    arrayMapFormat: "json",
    parseHeaderRow: false,
    skipRowsBeforeHeader: 0,
    skipRowsAfterHeader: 0,
    compress,
  },
});

export const FORMAT_PRESETS: Readonly<Record<string, FormatPreset>> = {
  CSV_ESCAPING_NOGZIP_FORHIVE: csv("escape_only_no_quote", "\t", ""),
  CSV_UNIX_GZIP: csv("unix", ",", "gz"),
  CSV_EXCEL_GZIP: csv("excel", ",", "gz"),
  CSV_EXCEL_GZIP_BIGQUERY: csv("excel", ",", "gz"),
  CSV_NOQUOTING_NOGZIP_FORPIG: csv("escape_only_no_quote", "\t", ""),
  PARQUET_HIVE: {
    formatType: "parquet",
    formatParams: { parquetCompressionMethod: "SNAPPY", parquetFlavor: "HIVE", parquetBlockSizeMB: 128 },
  },
  AVRO: { formatType: "avro", formatParams: {} },
  ORC: { formatType: "orc", formatParams: {} },
};

/** DSS's default for files-based managed datasets: Hive-compatible CSV. */
export const DEFAULT_FORMAT_OPTION = "CSV_ESCAPING_NOGZIP_FORHIVE";
