// Persistent state: one JSON file per object under <dataDir>/state, plus an in-memory copy loaded
// at start. Per-object files keep a save O(1) with thousands of objects; the memory copy keeps reads
// free of disk access. Records are treated as immutable: handlers build a new record and put it.
//
// Layout:
//   state/connections/<name>.json
//   state/projects/<KEY>/project.json
//   state/projects/<KEY>/datasets/<name>.json
//   state/projects/<KEY>/recipes/<name>.json
//   state/projects/<KEY>/managedfolders/<id>.json
//   state/projects/<KEY>/scenarios/<id>.json
//   state/trash/                      (project directories being deleted)
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { VersionTag } from "./documents";
import { exists, fileNameFor, listDir, nameFromFileName, readJsonFile, writeJsonAtomic } from "./files";
import { MutationLock } from "./lock";
import { JsonObject } from "./validate";

export interface ProjectRecord {
  projectKey: string;
  metadata: JsonObject;
  settings: JsonObject;
  permissions: JsonObject;
  variables: JsonObject;
  tagsPalette: JsonObject;
  versionTag: VersionTag;
  creationTag: VersionTag;
}

export interface DatasetRecord {
  definition: JsonObject;
  /** Metadata fields that have no home on the definition (label, unknown keys). */
  metadataExtras: JsonObject;
}

export interface RecipeRecord {
  recipe: JsonObject;
  payload: string;
  metadataExtras: JsonObject;
}

/** A managed folder or a scenario: one settings document, keyed by its DSS id. */
export interface DocumentRecord {
  definition: JsonObject;
}

export interface ProjectEntry {
  project: ProjectRecord;
  datasets: Map<string, DatasetRecord>;
  recipes: Map<string, RecipeRecord>;
  /** By folder id (DSS's 8-character odbId), not by name. */
  folders: Map<string, DocumentRecord>;
  /** By scenario id. */
  scenarios: Map<string, DocumentRecord>;
}

type ObjectKind = "datasets" | "recipes" | "managedfolders" | "scenarios";
const DOCUMENT_KINDS = { managedfolders: "folders", scenarios: "scenarios" } as const;

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export class Store {
  readonly lock = new MutationLock();
  private readonly projects = new Map<string, ProjectEntry>();
  private readonly connections = new Map<string, JsonObject>();

  private constructor(readonly stateDir: string) {}

  /** Loads everything under <dataDir>/state; seeds connections only when none were ever stored. */
  static async open(dataDir: string, initialConnections: () => JsonObject[]): Promise<Store> {
    const store = new Store(path.join(dataDir, "state"));
    await fs.promises.mkdir(store.stateDir, { recursive: true });
    await fs.promises.rm(store.trashDir(), { recursive: true, force: true });
    await store.loadConnections(initialConnections);
    await store.loadProjects();
    return store;
  }

  // ---- reads ----------------------------------------------------------------------------------

  project(projectKey: string): ProjectEntry | undefined {
    return this.projects.get(projectKey);
  }

  listProjects(): ProjectEntry[] {
    return [...this.projects.keys()].sort(byName).map((k) => this.projects.get(k)!);
  }

  connection(name: string): JsonObject | undefined {
    return this.connections.get(name);
  }

  listConnections(): JsonObject[] {
    return [...this.connections.keys()].sort(byName).map((k) => this.connections.get(k)!);
  }

  // ---- writes (callers hold the lock; disk first, then memory, so a failed write changes nothing)

  async putProject(record: ProjectRecord): Promise<void> {
    await writeJsonAtomic(path.join(this.projectDir(record.projectKey), "project.json"), record);
    const entry = this.projects.get(record.projectKey);
    if (entry) entry.project = record;
    else this.projects.set(record.projectKey, emptyEntry(record));
  }

  async removeProject(projectKey: string): Promise<void> {
    const dir = this.projectDir(projectKey);
    // Rename first (atomic), so a crash mid-delete never leaves a half-deleted project that loads.
    const doomed = path.join(this.trashDir(), `${fileNameFor(projectKey)}-${crypto.randomUUID()}`);
    await fs.promises.mkdir(this.trashDir(), { recursive: true });
    await fs.promises.rename(dir, doomed);
    this.projects.delete(projectKey);
    await fs.promises.rm(doomed, { recursive: true, force: true });
  }

  async putDataset(projectKey: string, name: string, record: DatasetRecord): Promise<void> {
    await writeJsonAtomic(this.objectFile(projectKey, "datasets", name), record);
    this.requireEntry(projectKey).datasets.set(name, record);
  }

  async removeDataset(projectKey: string, name: string): Promise<void> {
    await fs.promises.rm(this.objectFile(projectKey, "datasets", name), { force: true });
    this.requireEntry(projectKey).datasets.delete(name);
  }

  async putRecipe(projectKey: string, name: string, record: RecipeRecord): Promise<void> {
    await writeJsonAtomic(this.objectFile(projectKey, "recipes", name), record);
    this.requireEntry(projectKey).recipes.set(name, record);
  }

  async removeRecipe(projectKey: string, name: string): Promise<void> {
    await fs.promises.rm(this.objectFile(projectKey, "recipes", name), { force: true });
    this.requireEntry(projectKey).recipes.delete(name);
  }

  /** Folders and scenarios, by id. */
  async putDocument(projectKey: string, kind: keyof typeof DOCUMENT_KINDS, id: string, record: DocumentRecord): Promise<void> {
    await writeJsonAtomic(this.objectFile(projectKey, kind, id), record);
    this.requireEntry(projectKey)[DOCUMENT_KINDS[kind]].set(id, record);
  }

  async removeDocument(projectKey: string, kind: keyof typeof DOCUMENT_KINDS, id: string): Promise<void> {
    await fs.promises.rm(this.objectFile(projectKey, kind, id), { force: true });
    this.requireEntry(projectKey)[DOCUMENT_KINDS[kind]].delete(id);
  }

  async putConnection(definition: JsonObject): Promise<void> {
    const name = definition.name as string;
    await writeJsonAtomic(path.join(this.stateDir, "connections", `${fileNameFor(name)}.json`), definition);
    this.connections.set(name, definition);
  }

  // ---- internals ------------------------------------------------------------------------------

  private requireEntry(projectKey: string): ProjectEntry {
    const entry = this.projects.get(projectKey);
    if (!entry) throw new Error(`store: project ${projectKey} vanished while being written`);
    return entry;
  }

  private projectDir(projectKey: string): string {
    return path.join(this.stateDir, "projects", fileNameFor(projectKey));
  }

  private objectFile(projectKey: string, kind: ObjectKind, name: string): string {
    return path.join(this.projectDir(projectKey), kind, `${fileNameFor(name)}.json`);
  }

  private trashDir(): string {
    return path.join(this.stateDir, "trash");
  }

  private async loadConnections(initial: () => JsonObject[]): Promise<void> {
    const dir = path.join(this.stateDir, "connections");
    if (!(await exists(dir))) {
      for (const definition of initial()) await this.putConnection(definition);
      return;
    }
    for (const file of await jsonFiles(dir)) {
      const definition = (await readJsonFile(path.join(dir, file))) as JsonObject;
      this.connections.set(definition.name as string, definition);
    }
  }

  private async loadProjects(): Promise<void> {
    const root = path.join(this.stateDir, "projects");
    for (const dirent of await listDir(root)) {
      if (!dirent.isDirectory()) continue;
      const dir = path.join(root, dirent.name);
      const projectFile = path.join(dir, "project.json");
      if (!(await exists(projectFile))) continue;
      const entry = emptyEntry((await readJsonFile(projectFile)) as ProjectRecord);
      await removeTempFiles(dir);
      for (const file of await jsonFiles(path.join(dir, "datasets"))) {
        entry.datasets.set(stem(file), (await readJsonFile(path.join(dir, "datasets", file))) as DatasetRecord);
      }
      for (const file of await jsonFiles(path.join(dir, "recipes"))) {
        entry.recipes.set(stem(file), (await readJsonFile(path.join(dir, "recipes", file))) as RecipeRecord);
      }
      for (const [kind, field] of Object.entries(DOCUMENT_KINDS)) {
        for (const file of await jsonFiles(path.join(dir, kind))) {
          entry[field].set(stem(file), (await readJsonFile(path.join(dir, kind, file))) as DocumentRecord);
        }
      }
      this.projects.set(entry.project.projectKey, entry);
    }
  }
}

function emptyEntry(project: ProjectRecord): ProjectEntry {
  return { project, datasets: new Map(), recipes: new Map(), folders: new Map(), scenarios: new Map() };
}

function stem(file: string): string {
  return nameFromFileName(file.slice(0, -".json".length));
}

/** The *.json files of a directory; leftover temp files from an interrupted write are removed. */
async function jsonFiles(dir: string): Promise<string[]> {
  await removeTempFiles(dir);
  return (await listDir(dir)).filter((d) => d.isFile() && d.name.endsWith(".json")).map((d) => d.name);
}

async function removeTempFiles(dir: string): Promise<void> {
  for (const d of await listDir(dir)) {
    if (d.isFile() && d.name.endsWith(".tmp")) await fs.promises.rm(path.join(dir, d.name), { force: true });
  }
}
