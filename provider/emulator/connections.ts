// Connection definitions: the defaults a fresh emulator starts with, DSS's fill-in of omitted
// fields, and the redaction of secrets on read.
import { VersionTag } from "./documents";
import { JsonObject, cloneJson, isObject } from "./validate";

export interface ConnectionDefinition {
  name: string;
  type: string;
  params?: Record<string, unknown>;
  allowManagedDatasets?: boolean;
  [k: string]: unknown;
}

/** A Filesystem connection for managed datasets and one SQL warehouse, as on a typical instance. */
export function defaultConnections(): ConnectionDefinition[] {
  return [
    {
      name: "filesystem_managed",
      type: "Filesystem",
      // The emulator keeps this connection's files under <dataDir>/fs/filesystem_managed.
      params: { root: "${dip.home}/managed_datasets" },
      allowManagedDatasets: true,
      allowManagedFolders: true,
    },
    {
      // The official client's default for create_managed_folder (PY-project; reference §5.2).
      name: "filesystem_folders",
      type: "Filesystem",
      params: { root: "${dip.home}/managed_folders" },
      allowManagedDatasets: false,
      allowManagedFolders: true,
    },
    {
      name: "sql_dwh",
      type: "PostgreSQL",
      params: {
        host: "localhost",
        port: 5432,
        db: "dwh",
        user: "dss",
        password: "emulator-not-a-secret",
        defaultSchema: "public",
      },
      allowManagedDatasets: true,
    },
  ];
}

/** Fields DSS fills in on a connection (PY-admin DSSConnectionSettings); given fields win. */
export function completeConnection(def: JsonObject, creationTag: VersionTag): JsonObject {
  return {
    description: "",
    params: {},
    allowWrite: true,
    allowManagedDatasets: false,
    allowManagedFolders: false,
    allowKnowledgeBanks: false,
    usableBy: "ALL",
    allowedGroups: [],
    detailsReadability: { readableBy: "NONE", allowedGroups: [] },
    credentialsMode: "GLOBAL",
    maxActivities: 0,
    useGlobalProxy: false,
    indexingSettings: {},
    creationTag,
    ...cloneJson(def),
  };
}

const SECRET_KEY = /(password|secret|token|privatekey|apikey|credential)/i;

/**
 * DSS never returns connection secrets in clear (they come back encrypted); the emulator masks
 * them. Applies to any key that looks secret, at any depth of `params`.
 */
export function redactConnection(def: JsonObject): JsonObject {
  const copy = cloneJson(def);
  if (isObject(copy.params)) copy.params = redact(copy.params) as JsonObject;
  return copy;
}

function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) && typeof v === "string" ? "********" : redact(v)]),
  );
}
