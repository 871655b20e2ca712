// Runs lifecycle.py (the unmodified official Python client, dataikuapi) against an in-process
// emulator, then checks both the script's own verdicts and what the emulator holds at the end.
import * as assert from "assert";
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DssClient } from "../../provider/client";
import { RunningEmulator, startEmulator } from "../../provider/emulator";
import { FolderExecutor } from "../../provider/folder/executor";
import { RecipeExecutor } from "../../provider/recipe/executor";
import { ScenarioExecutor } from "../../provider/scenario/executor";

const REPO = path.resolve(__dirname, "..", "..", "..");
const PYTHON = process.env.DATAIKU_PYTHON ?? path.join(REPO, ".venv", "bin", "python");
const SCRIPT = path.join(REPO, "test", "conformance", "lifecycle.py");
const KEY = "conformance-key-51c0";
const PROJECT = "CONFORMANCE";

const EXPECTED_CHECKS = [
  "auth_info",
  "connections",
  "project_create",
  "project_metadata",
  "project_variables",
  "managed_dataset",
  "sql_dataset",
  "python_recipe",
  "recipe_code_update",
  "error_not_found",
  "error_duplicate_project",
  "error_output_suppressed",
  "delete_dataset_keep_data",
  "delete_dataset_drop_data",
  "delete_recipe",
  "managed_folder",
  "managed_folder_delete_keeps_files",
  "scenario",
  "provider_folder_read",
  "provider_scenario_read",
  "delete_project",
];
const PROVIDER_PROJECT = "PROVIDER_WRITTEN";

interface CheckLine {
  check: string;
  ok: boolean;
  detail: unknown;
}

function runScript(url: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      PYTHON,
      [SCRIPT],
      { env: { ...process.env, DATAIKU_URL: url, DATAIKU_API_KEY: KEY, CONFORMANCE_PROJECT_KEY: PROJECT, CONFORMANCE_PROVIDER_PROJECT_KEY: PROVIDER_PROJECT } },
      (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe("conformance: the official dataikuapi client against the emulator", function () {
  this.timeout(120000);
  let emu: RunningEmulator;
  let dataDir: string;
  let run: { code: number; stdout: string; stderr: string };
  let checks: CheckLine[];
  const logLines: string[] = [];
  let scriptLog: string[];

  before(async () => {
    if (!fs.existsSync(PYTHON)) {
      throw new Error(`No Python with dataikuapi at ${PYTHON}: run scripts/setup.sh or set DATAIKU_PYTHON`);
    }
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "emu-conformance-"));
    emu = await startEmulator({ dataDir, apiKeys: [KEY], log: (l) => logLines.push(l) });
    await writeWithProvider(new DssClient({ url: emu.url, apiKey: KEY, maxRetries: 0 }));
    logLines.length = 0;
    run = await runScript(emu.url);
    scriptLog = [...logLines];
    checks = run.stdout
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l))
      .filter((l) => "check" in l);
  });

  after(async () => {
    await emu?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("runs every expected check, and every one passes", () => {
    const failed = checks.filter((c) => !c.ok);
    assert.deepStrictEqual(failed, [], `failed checks:\n${JSON.stringify(failed, null, 1)}\nstderr:\n${run.stderr}`);
    assert.deepStrictEqual(checks.map((c) => c.check), EXPECTED_CHECKS);
    assert.strictEqual(run.code, 0, run.stderr);
  });

  it("the errors the client saw carry DSS's error types", () => {
    const detail = (name: string) => String(checks.find((c) => c.check === name)?.detail);
    assert.match(detail("error_not_found"), /^com\.dataiku\.dip\.server\.controllers\.NotFoundException: dataset does not exist/);
    assert.match(detail("error_duplicate_project"), /^java\.lang\.IllegalArgumentException: .*already exists/);
  });

  it("leaves the emulator as the lifecycle says: project gone, kept data kept, dropped data gone", async () => {
    const projects = await fetchJson(`${emu.url}/public/api/projects/`);
    assert.deepStrictEqual(projects.map((p: { projectKey: string }) => p.projectKey), [PROVIDER_PROJECT]);
    const data = async (name: string) => fetchJson(`${emu.url}/__emulator/dataset-data/${PROJECT}/${name}`);
    const kept = await data("orders_clean");
    assert.strictEqual(kept.exists, true, "deleted with drop_data=False: data stays");
    assert.ok(kept.path.startsWith(dataDir));
    assert.strictEqual((await data("raw_orders")).exists, false, "deleted with drop_data=True");
    assert.strictEqual((await data("scratch")).exists, false, "project deleted with clear_managed_datasets=True");
    assert.ok(!fs.existsSync(path.join(dataDir, "state", "projects", PROJECT)), "no project state left on disk");
  });

  it("the client only used routes the emulator serves, through its /dip/publicapi prefix", () => {
    const stats = emu.stats();
    assert.ok(stats.total > 30, `total ${stats.total}`);
    assert.ok(!Object.keys(stats.byRoute).some((k) => k.includes("(unhandled)")), JSON.stringify(stats.byRoute));
    const apiLines = scriptLog.filter((l) => !l.includes(" /__emulator/"));
    assert.ok(apiLines.length > 0 && apiLines.every((l) => / \/dip\/publicapi\//.test(l)), apiLines.join("\n"));
    assert.ok(logLines.every((l) => !l.includes(KEY)), "the key never reaches the log");
    for (const route of [
      "POST /projects/",
      "PUT /projects/{projectKey}/metadata",
      "PUT /projects/{projectKey}/variables/",
      "POST /projects/{projectKey}/datasets/managed",
      "POST /projects/{projectKey}/datasets/",
      "POST /projects/{projectKey}/recipes/",
      "PUT /projects/{projectKey}/recipes/{recipeName}",
      "DELETE /projects/{projectKey}/datasets/{datasetName}",
      "DELETE /projects/{projectKey}/recipes/{recipeName}",
      "DELETE /projects/{projectKey}",
      "POST /projects/{projectKey}/managedfolders/",
      "PUT /projects/{projectKey}/managedfolders/{folderId}",
      "DELETE /projects/{projectKey}/managedfolders/{folderId}",
      "POST /projects/{projectKey}/scenarios/",
      "PUT /projects/{projectKey}/scenarios/{scenarioId}",
    ]) {
      assert.ok((stats.byRoute[route] ?? 0) >= 1, `expected the client to call ${route}`);
    }
  });
});

/** What the provider's executors write, for the client to read back (provider_*_read checks). */
async function writeWithProvider(client: DssClient): Promise<void> {
  const projectKey = PROVIDER_PROJECT;
  await client.projects.create({ projectKey, name: "Written by the provider" });
  for (const name of ["in_ds", "out_ds"]) {
    await client.datasets.createManaged(projectKey, { name, creationSettings: { connectionId: "filesystem_managed" } });
  }
  await new FolderExecutor(client).create({ projectKey, name: "reports", connection: "filesystem_folders", description: "written by the provider", tags: ["flow"] });
  await new RecipeExecutor(client).create({ projectKey, name: "write_report", type: "python", inputs: ["in_ds"], outputs: ["reports"], folders: ["reports"], code: "pass\n" });
  await new ScenarioExecutor(client).create({
    projectKey,
    name: "nightly",
    active: true,
    steps: [{ build: ["out_ds"], buildMode: "RECURSIVE_FORCED_BUILD" }],
    triggers: [{ cron: "30 6 * * MON,FRI", timezone: "Europe/Paris" }, { datasetChanged: ["in_ds"] }],
  });
}

async function fetchJson(url: string): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const auth = `Basic ${Buffer.from(`${KEY}:`).toString("base64")}`;
  const res = await fetch(url, { headers: { Authorization: auth } });
  return res.json();
}
