// The data directories owned by managed datasets on Filesystem connections. Real DSS writes a
// managed dataset's files under the connection root, in <projectKey>/<datasetName> (the dataset's
// params.path is "${projectKey}/<name>"); the emulator keeps the same shape under
// <dataDir>/fs/<connection>/, so tests and the demo can show what deletes keep or remove.
import * as fs from "fs";
import * as path from "path";
import { exists, fileNameFor, listDir } from "./files";
import { Store } from "./store";
import { JsonObject, isObject } from "./validate";

export interface DataDirReport {
  exists: boolean;
  path: string;
  files: string[];
}

export const FILESYSTEM_CONNECTION_TYPE = "Filesystem";

export class ManagedData {
  constructor(
    private readonly dataDir: string,
    private readonly store: Store,
  ) {}

  /** The directory a dataset owns, or undefined when it is not a managed Filesystem dataset. */
  dirOf(projectKey: string, definition: JsonObject): string | undefined {
    if (definition.managed !== true || !isObject(definition.params)) return undefined;
    const connection = definition.params.connection;
    if (typeof connection !== "string") return undefined;
    if (this.store.connection(connection)?.type !== FILESYSTEM_CONNECTION_TYPE) return undefined;
    return this.dirFor(connection, projectKey, definition.name as string);
  }

  dirFor(connection: string, projectKey: string, name: string): string {
    return path.join(this.rootOf(connection), fileNameFor(projectKey), fileNameFor(name));
  }

  /** The root directory of a connection's files (datasets and managed folders). */
  rootOf(connection: string): string {
    return path.join(this.fsRoot(), fileNameFor(connection));
  }

  /** The parent of every connection root. */
  fsRoot(): string {
    return path.join(this.dataDir, "fs");
  }

  /** Creates the directory with one small file, as if the dataset had been built once. */
  async create(dir: string, formatType: unknown): Promise<void> {
    // Synchronous, like the store's writes (files.ts): creates run one at a time anyway.
    fs.mkdirSync(dir, { recursive: true });
    const ext = typeof formatType === "string" && formatType !== "" ? formatType : "csv";
    fs.writeFileSync(path.join(dir, `out-s0.${ext}`), "# written by the DSS emulator at creation\n");
  }

  async remove(dir: string): Promise<void> {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }

  async writeFile(dir: string, fileName: string, content: string): Promise<void> {
    await fs.promises.mkdir(dir, { recursive: true });
    await fs.promises.writeFile(path.join(dir, fileName), content);
  }

  /**
   * Where a dataset's data is (or was). Works after the dataset is deleted, which is the point:
   * showing whether the data survived. Without a live definition, every connection is searched.
   */
  async report(projectKey: string, name: string): Promise<DataDirReport> {
    const definition = this.store.project(projectKey)?.datasets.get(name)?.definition;
    let dir = definition ? this.dirOf(projectKey, definition) : undefined;
    if (!dir) {
      for (const conn of await listDir(path.join(this.dataDir, "fs"))) {
        const candidate = path.join(this.dataDir, "fs", conn.name, fileNameFor(projectKey), fileNameFor(name));
        if (await exists(candidate)) {
          dir = candidate;
          break;
        }
      }
    }
    dir ??= this.dirFor(this.defaultManagedConnection() ?? "filesystem_managed", projectKey, name);
    if (!(await exists(dir))) return { exists: false, path: dir, files: [] };
    return { exists: true, path: dir, files: await filesUnder(dir) };
  }

  private defaultManagedConnection(): string | undefined {
    return this.store
      .listConnections()
      .find((c) => c.type === FILESYSTEM_CONNECTION_TYPE && c.allowManagedDatasets === true)?.name as
      | string
      | undefined;
  }
}

/** Relative paths of every file under dir, sorted, with "/" separators. */
async function filesUnder(dir: string, prefix = ""): Promise<string[]> {
  const out: string[] = [];
  for (const d of await listDir(dir)) {
    const rel = prefix ? `${prefix}/${d.name}` : d.name;
    if (d.isDirectory()) out.push(...(await filesUnder(path.join(dir, d.name), rel)));
    else out.push(rel);
  }
  return out.sort();
}
