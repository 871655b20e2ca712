import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { providerContext } from "../../provider/common/settings";
import { DatasetExecutor } from "../../provider/dataset/executor";
import { FolderExecutor } from "../../provider/folder/executor";
import { ProjectExecutor } from "../../provider/project/executor";
import { RecipeExecutor } from "../../provider/recipe/executor";
import { ScenarioExecutor } from "../../provider/scenario/executor";
import { startTestDss, TestDss } from "../helpers/emulator";

/** The stack every create below works for, as a real run passes it: its tag rides on each create. */
const STACK = "budget/dev";

/**
 * DSS API calls per operation, read from the emulator's counters. These are the figures quoted in
 * docs/design.md; a change that adds a call shows up here first.
 */
describe("DSS API calls per operation", function () {
  let dss: TestDss;
  let journalDir: string;
  const table: string[] = [];

  before(async () => {
    dss = await startTestDss();
    journalDir = fs.mkdtempSync(path.join(os.tmpdir(), "budget-journal-"));
    providerContext.configure((key) => (key === "dataiku:journalDir" ? journalDir : undefined));
  });
  after(async () => {
    if (process.env.PRINT_CALL_BUDGET) console.log(table.join("\n"));
    await dss?.close();
    fs.rmSync(journalDir, { recursive: true, force: true });
  });

  async function count(label: string, op: () => Promise<unknown>): Promise<Record<string, number>> {
    dss.emulator.resetStats();
    await op();
    const byRoute = Object.fromEntries(Object.entries(dss.emulator.stats().byRoute).filter(([, n]) => n > 0));
    table.push(`${label}: ${dss.emulator.stats().total} ${JSON.stringify(byRoute)}`);
    return byRoute;
  }

  it("project: create 2, +2-3 per extra document; update 3; refresh 1; delete 1", async () => {
    const projects = new ProjectExecutor(dss.client);
    const plain = { projectKey: "BUDGET", name: "n", description: "d", tags: ["a"] };
    assert.deepEqual(await count("project create", () => projects.create(plain, STACK)), {
      "POST /projects/": 1,
      "GET /projects/{projectKey}/metadata": 1,
    });
    const withVariables = { ...plain, projectKey: "BUDGET2", variables: { standard: { a: 1 } } };
    assert.deepEqual(await count("project create + variables", () => projects.create(withVariables, STACK)), {
      "POST /projects/": 1,
      "GET /projects/{projectKey}/metadata": 1,
      // The emulator answers project PUTs with {"msg": ...}, so the read-back is a GET.
      "GET /projects/{projectKey}/variables/": 2,
      "PUT /projects/{projectKey}/variables/": 1,
    });
    assert.deepEqual(await count("project update", () => projects.update(plain, { ...plain, description: "e" })), {
      "GET /projects/{projectKey}/metadata": 2,
      "PUT /projects/{projectKey}/metadata": 1,
    });
    assert.deepEqual(await count("project refresh", () => projects.read(plain)), {
      "GET /projects/{projectKey}/metadata": 1,
    });
    assert.deepEqual(await count("project delete", () => projects.delete(withVariables)), { "DELETE /projects/{projectKey}": 1 });
  });

  it("dataset: create 2 (managed 3: its endpoint takes no tags); update 2; refresh 1; delete 1", async () => {
    const datasets = new DatasetExecutor(dss.client, "filesystem_managed");
    const sql = { projectKey: "BUDGET", name: "T", type: "PostgreSQL", connection: "sql_dwh", table: "t", description: "d" };
    assert.deepEqual(await count("dataset create (SQL)", () => datasets.create(sql, STACK)), {
      "POST /projects/{projectKey}/datasets/": 1,
      "GET /projects/{projectKey}/datasets/{datasetName}": 1,
    });
    const managed = { projectKey: "BUDGET", name: "M", type: "managed", formatType: "parquet" };
    // The ownership tag goes in the write after the POST: the managed-dataset endpoint takes no tags.
    assert.deepEqual(await count("dataset create (managed)", () => datasets.create(managed, STACK)), {
      "POST /projects/{projectKey}/datasets/managed": 1,
      "GET /projects/{projectKey}/datasets/{datasetName}": 1,
      "PUT /projects/{projectKey}/datasets/{datasetName}": 1,
    });
    const described = { ...managed, name: "M2", description: "d" };
    assert.deepEqual(await count("dataset create (managed + description)", () => datasets.create(described, STACK)), {
      "POST /projects/{projectKey}/datasets/managed": 1,
      "GET /projects/{projectKey}/datasets/{datasetName}": 1,
      "PUT /projects/{projectKey}/datasets/{datasetName}": 1,
    });
    assert.deepEqual(await count("dataset update", () => datasets.update(sql, { ...sql, description: "e" })), {
      "GET /projects/{projectKey}/datasets/{datasetName}": 1,
      "PUT /projects/{projectKey}/datasets/{datasetName}": 1,
    });
    assert.deepEqual(await count("dataset refresh", () => datasets.read(sql)), {
      "GET /projects/{projectKey}/datasets/{datasetName}": 1,
    });
    assert.deepEqual(await count("dataset delete", () => datasets.delete(managed)), {
      "DELETE /projects/{projectKey}/datasets/{datasetName}": 1,
    });
  });

  it("recipe: create 2 (tags ride in the create); update 2; refresh 1; delete 1", async () => {
    const recipes = new RecipeExecutor(dss.client);
    const recipe = { projectKey: "BUDGET", name: "r", type: "python", inputs: ["T"], outputs: ["M2"], code: "1" };
    assert.deepEqual(await count("recipe create", () => recipes.create(recipe, STACK)), {
      "POST /projects/{projectKey}/recipes/": 1,
      "GET /projects/{projectKey}/recipes/{recipeName}": 1,
    });
    assert.deepEqual(await count("recipe update", () => recipes.update(recipe, { ...recipe, code: "2" })), {
      "GET /projects/{projectKey}/recipes/{recipeName}": 1,
      "PUT /projects/{projectKey}/recipes/{recipeName}": 1,
    });
    assert.deepEqual(await count("recipe refresh", () => recipes.read(recipe)), {
      "GET /projects/{projectKey}/recipes/{recipeName}": 1,
    });
    assert.deepEqual(await count("recipe delete", () => recipes.delete(recipe)), {
      "DELETE /projects/{projectKey}/recipes/{recipeName}": 1,
    });
    const tagged = { ...recipe, name: "r2", tags: ["x"] };
    assert.deepEqual(await count("recipe create + tags", () => recipes.create(tagged, STACK)), {
      "POST /projects/{projectKey}/recipes/": 1,
      "GET /projects/{projectKey}/recipes/{recipeName}": 1,
    });
  });

  it("folder: create 5 (its tag needs a PUT; adopted 3); update 3; refresh 1; delete 1; a recipe naming it +1", async () => {
    const folders = new FolderExecutor(dss.client);
    const folder = { projectKey: "BUDGET", name: "f", connection: "filesystem_folders" };
    // DSS's folder create takes no tags: the ownership tag is a PUT, answered with a message, so a GET.
    const created = await count("folder create", () => folders.create(folder, STACK));
    assert.deepEqual(created, {
      "GET /projects/{projectKey}/managedfolders/": 1,
      "POST /projects/{projectKey}/managedfolders/": 1,
      "GET /projects/{projectKey}/managedfolders/{folderId}": 2,
      "PUT /projects/{projectKey}/managedfolders/{folderId}": 1,
    });
    const state = await folders.read(folder) as Record<string, unknown>;
    const described = { ...folder, name: "f2", description: "d" };
    assert.deepEqual(await count("folder create + description", () => folders.create(described, STACK)), {
      "GET /projects/{projectKey}/managedfolders/": 1,
      "POST /projects/{projectKey}/managedfolders/": 1,
      // DSS answers folder PUTs with {"msg": ...} (PY set_definition), so the read-back is a GET.
      "GET /projects/{projectKey}/managedfolders/{folderId}": 2,
      "PUT /projects/{projectKey}/managedfolders/{folderId}": 1,
    });
    assert.deepEqual(await count("folder update", () => folders.update(state, { ...folder, description: "e" })), {
      "GET /projects/{projectKey}/managedfolders/{folderId}": 2,
      "PUT /projects/{projectKey}/managedfolders/{folderId}": 1,
    });
    assert.deepEqual(await count("folder refresh", () => folders.read(state)), {
      "GET /projects/{projectKey}/managedfolders/{folderId}": 1,
    });
    const recipes = new RecipeExecutor(dss.client);
    const writer = { projectKey: "BUDGET", name: "w", type: "python", inputs: ["T"], outputs: ["f"], folders: ["f"], code: "1" };
    assert.deepEqual(await count("recipe create writing a folder", () => recipes.create(writer, STACK)), {
      "GET /projects/{projectKey}/managedfolders/": 1,
      "POST /projects/{projectKey}/recipes/": 1,
      "GET /projects/{projectKey}/recipes/{recipeName}": 1,
    });
    await recipes.delete(writer);
    assert.deepEqual(await count("folder delete", () => folders.delete(state)), {
      "DELETE /projects/{projectKey}/managedfolders/{folderId}": 1,
    });
  });

  it("scenario: create 2; update 2; refresh 1; delete 1", async () => {
    const scenarios = new ScenarioExecutor(dss.client);
    const scenario = { projectKey: "BUDGET", name: "s", active: true, steps: [{ build: ["T"] }], triggers: [{ cron: "0 2 * * *" }] };
    assert.deepEqual(await count("scenario create", () => scenarios.create(scenario, STACK)), {
      "POST /projects/{projectKey}/scenarios/": 1,
      "GET /projects/{projectKey}/scenarios/{scenarioId}": 1,
    });
    const state = await scenarios.read(scenario) as Record<string, unknown>;
    assert.deepEqual(await count("scenario update", () => scenarios.update(state, { ...scenario, active: false })), {
      "GET /projects/{projectKey}/scenarios/{scenarioId}": 1,
      "PUT /projects/{projectKey}/scenarios/{scenarioId}": 1,
    });
    assert.deepEqual(await count("scenario refresh", () => scenarios.read(state)), {
      "GET /projects/{projectKey}/scenarios/{scenarioId}": 1,
    });
    assert.deepEqual(await count("scenario delete", () => scenarios.delete(state)), {
      "DELETE /projects/{projectKey}/scenarios/{scenarioId}": 1,
    });
  });
});
