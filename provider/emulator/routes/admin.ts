// Test and demo controls outside the public API, under /__emulator: faults, stats, and the data
// directories of managed datasets. No auth (the emulator binds to loopback), not counted in stats,
// never faulted or delayed.
import { invalidField, notAManagedFilesystemDataset } from "../errors";
import { FaultConfig, FaultInjector } from "../faults";
import { Router } from "../router";
import { StatsCounter } from "../stats";
import { isObject, optionalString } from "../validate";
import { RouteEnv, requireDataset, requireProject } from "./env";
import { folderDir } from "./folders";
import { folderNotFound } from "../errors";
import { exists, fileNameFor, listDir } from "../files";
import * as fs from "fs";
import * as path from "path";

const SAMPLE_CONTENT = "id,value\n1,sample\n2,sample\n";

export function registerAdminRoutes(router: Router, env: RouteEnv, faults: FaultInjector, stats: StatsCounter): void {
  router.add("GET", "/__emulator/faults", () => ({ json: faults.describe() }));
  router.add("PUT", "/__emulator/faults", (ctx) => {
    faults.set(ctx.body as FaultConfig); // validated by set(), which throws a 400 naming the bad field
    return { json: faults.describe() };
  });
  router.add("DELETE", "/__emulator/faults", () => {
    faults.clear();
    return { json: faults.describe() };
  });

  router.add("GET", "/__emulator/stats", () => ({ json: stats.snapshot() }));
  router.add("DELETE", "/__emulator/stats", () => {
    stats.reset();
    return { json: stats.snapshot() };
  });

  const dataPath = "/__emulator/dataset-data/{projectKey}/{datasetName}";
  router.add("GET", dataPath, async (ctx) => ({
    json: await env.managedData.report(ctx.params.projectKey, ctx.params.datasetName),
  }));
  // Writes a sample file into the dataset's data directory, so a demo can show data surviving.
  router.add("PUT", dataPath, async (ctx) => {
    const { projectKey, datasetName } = ctx.params;
    const record = requireDataset(env, projectKey, datasetName);
    const dir = env.managedData.dirOf(projectKey, record.definition);
    if (!dir) throw notAManagedFilesystemDataset(`${projectKey}.${datasetName}`);
    const body = isObject(ctx.body) ? ctx.body : {};
    const fileName = optionalString(body, "fileName") ?? "sample.csv";
    if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(fileName)) {
      throw invalidField("fileName", "a plain file name such as sample.csv (no slashes)");
    }
    await env.managedData.writeFile(dir, fileName, optionalString(body, "content") ?? SAMPLE_CONTENT);
    return { json: await env.managedData.report(projectKey, datasetName) };
  });

  // A managed folder's files (they outlive the folder: DSS's delete keeps them). PUT writes one.
  const folderPath = "/__emulator/folder-files/{projectKey}/{folderId}";
  router.add("GET", folderPath, async (ctx) => ({ json: await folderFiles(env, ctx.params.projectKey, ctx.params.folderId) }));
  router.add("PUT", folderPath, async (ctx) => {
    const { projectKey, folderId } = ctx.params;
    const record = requireProject(env, projectKey).folders.get(folderId);
    if (!record) throw folderNotFound(projectKey, folderId);
    const body = isObject(ctx.body) ? ctx.body : {};
    const fileName = optionalString(body, "fileName") ?? "report.txt";
    if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(fileName)) {
      throw invalidField("fileName", "a plain file name such as report.txt (no slashes)");
    }
    await env.managedData.writeFile(folderDir(env, record.definition)!, fileName, optionalString(body, "content") ?? SAMPLE_CONTENT);
    return { json: await folderFiles(env, projectKey, folderId) };
  });
}

/** Where a folder's files are (or were), found by id under every connection once it is deleted. */
async function folderFiles(env: RouteEnv, projectKey: string, folderId: string) {
  const record = env.store.project(projectKey)?.folders.get(folderId);
  let dir = record ? folderDir(env, record.definition) : undefined;
  if (!dir) {
    const root = env.managedData.fsRoot();
    for (const conn of await listDir(root)) {
      const candidate = path.join(root, conn.name, fileNameFor(projectKey), fileNameFor(folderId));
      if (await exists(candidate)) dir = candidate;
    }
  }
  if (!dir || !(await exists(dir))) return { exists: false, path: dir ?? "", files: [] };
  return { exists: true, path: dir, files: (await fs.promises.readdir(dir)).sort() };
}
