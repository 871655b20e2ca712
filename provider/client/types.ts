// DSS documents as the client sees them. Known fields are typed; every document also keeps an index
// signature, because DSS PUTs replace whole documents: a read-modify-write must carry the fields we do
// not model back to DSS untouched (reference §8).

/** `versionTag` / `creationTag`: DSS bumps it on every save; nothing enforces it on PUT (reference §8). */
export interface VersionTag {
  versionNumber?: number;
  lastModifiedBy?: { login?: string; [k: string]: unknown };
  lastModifiedOn?: number;
  [k: string]: unknown;
}

/** `GET /auth/info`. */
export interface AuthInfo {
  authIdentifier: string;
  groups?: string[];
  [k: string]: unknown;
}

// ---- projects (reference §4) ----

/** Item of `GET /projects/` and body of `GET /projects/{key}`; read-only. */
export interface ProjectSummary {
  projectKey: string;
  name?: string;
  shortDesc?: string;
  ownerLogin?: string;
  tags?: string[];
  projectStatus?: string;
  versionTag?: VersionTag;
  creationTag?: VersionTag;
  [k: string]: unknown;
}

export interface ProjectCreateBody {
  projectKey: string;
  name: string;
  owner?: string;
  description?: string;
  tags?: string[];
  settings?: unknown;
  permissions?: unknown[];
}

/** The display name is `label` here but `name` in summaries (reference §4). */
export interface ProjectMetadata {
  label?: string;
  description?: string;
  shortDesc?: string;
  tags?: string[];
  custom?: { kv?: Record<string, unknown>; [k: string]: unknown };
  checklists?: { checklists?: unknown[]; [k: string]: unknown };
  customFields?: Record<string, unknown>;
  [k: string]: unknown;
}

export interface ProjectPermissionEntry {
  group?: string;
  user?: string;
  [flag: string]: unknown;
}

export interface ProjectPermissions {
  owner?: string;
  permissions?: ProjectPermissionEntry[];
  [k: string]: unknown;
}

/** DSS wants both keys on PUT (reference §4). */
export interface ProjectVariables {
  standard: Record<string, unknown>;
  local: Record<string, unknown>;
  [k: string]: unknown;
}

export interface ProjectDeleteOptions {
  clearManagedDatasets?: boolean;
  clearOutputManagedFolders?: boolean;
  clearJobAndScenarioLogs?: boolean;
}

// ---- datasets (reference §5) ----

export interface SchemaColumn {
  name: string;
  type: string;
  [k: string]: unknown;
}

export interface DatasetSchema {
  columns: SchemaColumn[];
  userModified?: boolean;
  [k: string]: unknown;
}

export interface DatasetDefinition {
  name: string;
  projectKey?: string;
  type?: string;
  managed?: boolean;
  params?: Record<string, unknown>;
  formatType?: string | null;
  formatParams?: Record<string, unknown>;
  schema?: DatasetSchema;
  partitioning?: { dimensions?: unknown[]; [k: string]: unknown };
  tags?: string[];
  description?: string;
  shortDesc?: string;
  customFields?: Record<string, unknown>;
  versionTag?: VersionTag;
  creationTag?: VersionTag;
  [k: string]: unknown;
}

export interface DatasetMetadata {
  label?: string;
  description?: string;
  tags?: string[];
  custom?: { kv?: Record<string, unknown>; [k: string]: unknown };
  checklists?: { checklists?: unknown[]; [k: string]: unknown };
  customFields?: Record<string, unknown>;
  [k: string]: unknown;
}

/** `creationSettings` of `POST /projects/{key}/datasets/managed` (reference §5.2). */
export interface ManagedCreationSettings {
  connectionId: string;
  typeOptionId?: string;
  partitioningOptionId?: string;
  specificSettings?: { formatOptionId?: string; overrideSQLSchema?: boolean; [k: string]: unknown };
  [k: string]: unknown;
}

export interface ManagedDatasetCreateBody {
  name: string;
  creationSettings: ManagedCreationSettings;
}

export interface DatasetDeleteOptions {
  dropData?: boolean;
}

// ---- recipes (reference §6) ----

/** `{ref, deps?}` for inputs, `{ref, appendMode?}` for outputs; DSS may add keys of its own. */
export interface RecipeRoleItem {
  ref?: string;
  deps?: unknown[];
  appendMode?: boolean;
  [k: string]: unknown;
}

/** Inputs and outputs are keyed by role name, `main` for nearly every recipe. */
export type RecipeRoles = Record<string, { items?: RecipeRoleItem[]; [k: string]: unknown }>;

export interface RecipePrototype {
  type: string;
  name: string;
  projectKey?: string;
  inputs?: RecipeRoles;
  outputs?: RecipeRoles;
  [k: string]: unknown;
}

export interface RecipeCreateBody {
  recipePrototype: RecipePrototype;
  creationSettings: Record<string, unknown>;
}

export interface RecipeDefinition {
  name: string;
  type: string;
  projectKey?: string;
  params?: Record<string, unknown>;
  inputs?: RecipeRoles;
  outputs?: RecipeRoles;
  tags?: string[];
  description?: string;
  shortDesc?: string;
  versionTag?: VersionTag;
  creationTag?: VersionTag;
  [k: string]: unknown;
}

/** `GET`/`PUT /projects/{key}/recipes/{name}`; `payload` is code or a serialised JSON document. */
export interface RecipeAndPayload {
  recipe: RecipeDefinition;
  payload: string;
  [k: string]: unknown;
}

export interface RecipeListItem {
  name: string;
  type?: string;
  projectKey?: string;
  tags?: string[];
  [k: string]: unknown;
}

// ---- managed folders (PY-project create_managed_folder, PY-managedfolder; not in the reference) ----

/** `GET`/`PUT /projects/{key}/managedfolders/{id}`: the folder's settings document. */
export interface FolderDefinition {
  /** DSS's 8-character id: recipes and scenario steps refer to the folder by it. */
  id: string;
  name: string;
  projectKey?: string;
  type?: string;
  params?: { connection?: string; path?: string; [k: string]: unknown };
  tags?: string[];
  description?: string;
  [k: string]: unknown;
}

export interface FolderCreateBody {
  name: string;
  projectKey: string;
  type: string | null;
  params: { connection: string; path: string };
}

export interface FolderFile {
  path: string;
  size?: number;
  lastModified?: number;
}

// ---- scenarios (PY-project create_scenario, PY-scenario; not in the reference) ----

/** `GET`/`PUT /projects/{key}/scenarios/{id}`. Steps are in `params.steps`, triggers top level. */
export interface ScenarioDefinition {
  id: string;
  name: string;
  type: string;
  projectKey?: string;
  active?: boolean;
  params?: { steps?: Record<string, unknown>[]; [k: string]: unknown };
  triggers?: Record<string, unknown>[];
  tags?: string[];
  description?: string;
  [k: string]: unknown;
}

export interface ScenarioListItem {
  id: string;
  name: string;
  [k: string]: unknown;
}

// ---- connections (reference §7) ----

export interface ConnectionDefinition {
  name?: string;
  type?: string;
  description?: string;
  params?: Record<string, unknown>;
  allowWrite?: boolean;
  allowManagedDatasets?: boolean;
  usableBy?: string;
  allowedGroups?: string[];
  [k: string]: unknown;
}
