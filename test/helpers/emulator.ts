import { randomBytes } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DssClient } from "../../provider/client";
import { RunningEmulator, startEmulator } from "../../provider/emulator";

export interface TestDss {
  emulator: RunningEmulator;
  apiKey: string;
  url: string;
  /** A client for asserting what DSS holds, with no retries so faults stay visible. */
  client: DssClient;
  close(): Promise<void>;
}

/** A fresh emulator on a temp data dir with a random API key in DSS's `dkuaps-` format. */
export async function startTestDss(extraConnections: Array<{ name: string; type: string }> = []): Promise<TestDss> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-dataiku-dss-"));
  const apiKey = `dkuaps-${randomBytes(24).toString("hex")}`;
  const emulator = await startEmulator({
    dataDir,
    apiKeys: [apiKey],
    ...(extraConnections.length > 0
      ? {
          connections: [
            { name: "filesystem_managed", type: "Filesystem", allowManagedDatasets: true },
            { name: "sql_dwh", type: "PostgreSQL", allowManagedDatasets: true },
            { name: "filesystem_folders", type: "Filesystem", allowManagedFolders: true },
            ...extraConnections,
          ],
        }
      : {}),
  });
  const client = new DssClient({ url: emulator.url, apiKey, maxRetries: 0 });
  return {
    emulator,
    apiKey,
    url: emulator.url,
    client,
    async close() {
      await emulator.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The files of a managed folder (they outlive the folder), from the emulator's admin route. */
export async function folderFiles(url: string, projectKey: string, folderId: string): Promise<{ exists: boolean; files: string[] }> {
  const res = await fetch(`${url}/__emulator/folder-files/${projectKey}/${folderId}`);
  return (await res.json()) as { exists: boolean; files: string[] };
}

/** Writes a file into a managed folder, as a recipe run would. */
export async function writeFolderFile(url: string, projectKey: string, folderId: string, fileName: string): Promise<void> {
  const res = await fetch(`${url}/__emulator/folder-files/${projectKey}/${folderId}`, { method: "PUT", body: JSON.stringify({ fileName }) });
  if (!res.ok) throw new Error(`writing ${fileName} into folder ${folderId}: ${res.status} ${await res.text()}`);
}

/** What the emulator's admin route says about a managed dataset's data directory. */
export async function datasetData(url: string, projectKey: string, name: string): Promise<{ exists: boolean }> {
  const res = await fetch(`${url}/__emulator/dataset-data/${projectKey}/${name}`);
  return (await res.json()) as { exists: boolean };
}
