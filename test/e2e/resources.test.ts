import { strict as assert } from "assert";
import * as path from "path";
import { PACKAGE_ROOT } from "../../provider/automation/offlineEnv";
import { isNotFound } from "../../provider/client";
import { datasetData, startTestDss, TestDss } from "../helpers/emulator";
import { PulumiProgram, RunResult } from "../helpers/pulumiCli";

const PIPELINE = path.join(PACKAGE_ROOT, "test", "e2e", "programs", "pipeline");
const KEY = "E2E_PIPE";

async function deployProgram(dss: TestDss, stack: string): Promise<PulumiProgram> {
  const program = await PulumiProgram.create(PIPELINE, stack);
  await program.setConfig({
    "dataiku:url": { value: dss.url },
    "dataiku:apiKey": { value: dss.apiKey, secret: true },
  });
  return program;
}

function ok(result: RunResult): RunResult {
  assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`);
  return result;
}

async function gone(promise: Promise<unknown>): Promise<boolean> {
  try {
    await promise;
    return false;
  } catch (e) {
    if (isNotFound(e)) return true;
    throw e;
  }
}

describe("Project, Dataset and Recipe on the real engine", function () {
  let dss: TestDss;
  let program: PulumiProgram;
  const engineOutput: string[] = [];
  const run = async (p: Promise<RunResult>) => {
    const result = await p;
    engineOutput.push(result.stdout, result.stderr);
    return result;
  };

  before(async () => {
    dss = await startTestDss();
    program = await deployProgram(dss, "resources");
  });
  after(async () => {
    program?.cleanup();
    await dss?.close();
  });

  it("up creates the project, managed/SQL/filesystem datasets and python/SQL recipes", async () => {
    ok(await run(program.up()));
    const meta = await dss.client.projects.getMetadata(KEY);
    assert.equal(meta.label, "E2E pipeline");
    assert.equal(meta.description, "Pipeline under test");
    // The program's tags, and the stack's ownership tag that crash recovery relies on.
    assert.deepEqual(meta.tags, ["demo", "e2e", "pulumi-stack:pipeline/resources"]);
    const variables = await dss.client.projects.getVariables(KEY);
    assert.deepEqual(variables.standard, { env: "test" });
    assert.deepEqual(variables.local, { token: "s3cr3t-local" });

    const raw = await dss.client.datasets.get(KEY, "RAW");
    assert.equal(raw.managed, true);
    assert.equal(raw.formatType, "parquet");
    assert.equal(raw.description, "Raw data");
    const orders = await dss.client.datasets.get(KEY, "ORDERS");
    assert.equal(orders.type, "PostgreSQL", "type `sql` takes the connection's type");
    assert.equal((orders.params as Record<string, unknown>).table, "orders");
    assert.equal((orders.params as Record<string, unknown>).schema, "public");
    assert.deepEqual(
      (orders.schema as { columns: unknown[] }).columns.map((c) => (c as { name: string }).name),
      ["id", "amount"],
    );
    const exportsDs = await dss.client.datasets.get(KEY, "EXPORTS");
    assert.equal(exportsDs.type, "Filesystem");
    assert.equal((exportsDs.params as Record<string, unknown>).path, "/exports/e2e");

    const clean = await dss.client.recipes.get(KEY, "clean_raw");
    assert.equal(clean.recipe.type, "python");
    assert.deepEqual(clean.recipe.inputs?.main.items?.map((i) => i.ref), ["RAW", "ORDERS"]);
    assert.deepEqual(clean.recipe.outputs?.main.items?.map((i) => i.ref), ["CLEANED"]);
    assert.equal(clean.payload, "import dataiku\n# clean\n");
    const summarize = await dss.client.recipes.get(KEY, "summarize");
    assert.equal(summarize.recipe.type, "sql_query", "the `sql` alias maps to DSS's sql_query");

    const outputs = await program.outputs();
    assert.equal(outputs.rawType, "Filesystem");
    assert.deepEqual(outputs.recipeInputs, ["RAW", "ORDERS"]);
  });

  it("preview right after up plans no changes", async () => {
    ok(await run(program.preview("--expect-no-changes")));
  });

  it("refresh of an untouched stack finds no drift", async () => {
    ok(await run(program.refresh("--expect-no-changes")));
    ok(await run(program.preview("--expect-no-changes")));
  });

  it("a changed description is an in-place update of that dataset only", async () => {
    const before = await dss.client.datasets.get(KEY, "RAW");
    await program.setConfig({ "e2e:rawDescription": { value: "Raw data, v2" } });
    const preview = ok(await run(program.preview("--diff")));
    assert.match(preview.stdout, /~ description\s*: "Raw data" => "Raw data, v2"/);
    assert.match(preview.stdout, /1 to update/);
    assert.doesNotMatch(preview.stdout, /to (create|delete|replace)/);
    ok(await run(program.up()));
    const after = await dss.client.datasets.get(KEY, "RAW");
    assert.equal(after.description, "Raw data, v2");
    assert.deepEqual(after.creationTag, before.creationTag, "updated in place, not recreated");
  });

  it("renaming a dataset replaces it, keeps the old data, and rewires the recipe", async () => {
    await program.setConfig({ "e2e:rawName": { value: "RAW2" } });
    const preview = ok(await run(program.preview()));
    assert.match(preview.stdout, /1 to replace/);
    ok(await run(program.up()));
    assert.ok(await gone(dss.client.datasets.get(KEY, "RAW")));
    assert.equal((await dss.client.datasets.get(KEY, "RAW2")).managed, true);
    assert.equal((await datasetData(dss.url, KEY, "RAW")).exists, true, "data of the replaced dataset is kept");
    const clean = await dss.client.recipes.get(KEY, "clean_raw");
    assert.deepEqual(clean.recipe.inputs?.main.items?.map((i) => i.ref), ["RAW2", "ORDERS"]);
    ok(await run(program.preview("--expect-no-changes")));
  });

  it("refresh detects an out-of-band edit, and up puts it back", async () => {
    const meta = await dss.client.projects.getMetadata(KEY);
    await dss.client.projects.putMetadata(KEY, { ...meta, description: "edited in the UI", checklists: { checklists: [{ title: "keep me" }] } });
    const refresh = ok(await run(program.refresh()));
    assert.match(refresh.stdout, /1 updated/);
    const preview = ok(await run(program.preview("--diff")));
    assert.match(preview.stdout, /~ description\s*: "edited in the UI" => "Pipeline under test"/);
    ok(await run(program.up()));
    const restored = await dss.client.projects.getMetadata(KEY);
    assert.equal(restored.description, "Pipeline under test");
    assert.deepEqual(restored.checklists, { checklists: [{ title: "keep me" }] }, "unmanaged fields survive");
  });

  it("refresh drops an object deleted out of band, and up recreates it", async () => {
    await dss.client.recipes.delete(KEY, "summarize");
    const refresh = ok(await run(program.refresh()));
    assert.match(refresh.stdout, /1 deleted/);
    ok(await run(program.up()));
    assert.equal((await dss.client.recipes.get(KEY, "summarize")).recipe.type, "sql_query");
  });

  it("the API key never reaches the exported state or the engine output", async () => {
    const state = JSON.stringify(await program.exportState());
    assert.ok(!state.includes(dss.apiKey), "API key found in stack export");
    assert.ok(!engineOutput.join("\n").includes(dss.apiKey), "API key found in engine output");
    assert.ok(!state.includes("s3cr3t-local"), "local variables are secret in state");
    const project = (await program.exportState()).deployment.resources?.find((r) => String(r.type).endsWith(":Project"));
    const variables = (project?.outputs as { variables: { standard: unknown } }).variables;
    assert.deepEqual(variables.standard, { env: "test" }, "standard variables stay readable");
  });

  it("destroy removes every object but keeps managed data by default", async () => {
    ok(await run(program.destroy()));
    assert.ok(await gone(dss.client.projects.getMetadata(KEY)));
    assert.equal((await datasetData(dss.url, KEY, "RAW2")).exists, true);
    assert.equal((await datasetData(dss.url, KEY, "CLEANED")).exists, true);
  });
});

describe("Deleting with dropData, adopting, and partial failures", function () {
  let dss: TestDss;
  const programs: PulumiProgram[] = [];
  before(async () => {
    dss = await startTestDss();
  });
  after(async () => {
    programs.forEach((p) => p.cleanup());
    await dss?.close();
  });

  it("destroy drops managed data when the program opts in", async () => {
    const program = await deployProgram(dss, "dropdata");
    programs.push(program);
    await program.setConfig({ "e2e:projectKey": { value: "E2E_DROP" }, "e2e:dropData": { value: "true" } });
    ok(await program.up());
    assert.equal((await datasetData(dss.url, "E2E_DROP", "RAW")).exists, true);
    ok(await program.destroy());
    assert.equal((await datasetData(dss.url, "E2E_DROP", "RAW")).exists, false);
    assert.equal((await datasetData(dss.url, "E2E_DROP", "CLEANED")).exists, false);
  });

  it("an existing project fails with a hint to adopt, and adopt takes it over", async () => {
    await dss.client.projects.create({ projectKey: "E2E_ADOPT", name: "made by hand" });
    const program = await deployProgram(dss, "adopt");
    programs.push(program);
    await program.setConfig({ "e2e:projectKey": { value: "E2E_ADOPT" } });
    const refused = await program.up();
    assert.notEqual(refused.code, 0);
    assert.match(refused.stdout, /Project E2E_ADOPT already exists in DSS.*adopt: true/);
    assert.doesNotMatch(refused.stdout, /\n\s+at /, "no stack trace");

    await program.setConfig({ "e2e:adopt": { value: "true" } });
    ok(await program.up());
    const projects = (await dss.client.projects.list()).filter((p) => p.projectKey === "E2E_ADOPT");
    assert.equal(projects.length, 1);
    assert.equal((await dss.client.projects.getMetadata("E2E_ADOPT")).label, "E2E pipeline");
    ok(await program.preview("--expect-no-changes"));
  });

  it("a create whose response is lost ends with exactly one object in DSS and in state", async () => {
    const program = await deployProgram(dss, "lost");
    programs.push(program);
    await program.setConfig({ "e2e:projectKey": { value: "E2E_LOST" } });
    dss.emulator.setFaults({
      rules: [{ method: "POST", route: "POST /projects/{projectKey}/datasets/managed", fault: "lostResponse", times: 2 }],
    });
    try {
      ok(await program.up());
    } finally {
      dss.emulator.clearFaults();
    }
    assert.equal(dss.emulator.stats().faultsInjected.lostResponse, 2);
    const names = (await dss.client.datasets.list("E2E_LOST")).map((d) => d.name).sort();
    assert.deepEqual(names, ["CLEANED", "EXPORTS", "ORDERS", "RAW"]);
    const state = await program.exportState();
    const datasets = (state.deployment.resources ?? []).filter((r) => String(r.type).endsWith(":Dataset"));
    assert.equal(datasets.length, 4);
    ok(await program.preview("--expect-no-changes"));
  });

  it("a project created but not configured is kept in state, and the next up converges", async () => {
    const program = await deployProgram(dss, "partial");
    programs.push(program);
    await program.setConfig({ "e2e:projectKey": { value: "E2E_PART" } });
    dss.emulator.setFaults({
      rules: [{ method: "PUT", route: "PUT /projects/{projectKey}/variables/", fault: "error", status: 500, times: 100 }],
    });
    let failed: RunResult;
    try {
      failed = await program.up();
    } finally {
      dss.emulator.clearFaults();
    }
    assert.notEqual(failed.code, 0);
    assert.match(failed.stdout, /Created project E2E_PART, but could not finish setting it up/);
    const state = await program.exportState();
    const project = (state.deployment.resources ?? []).find((r) => String(r.type).endsWith(":Project"));
    assert.ok(project, "the half-created project is recorded in state");
    assert.equal(project.id, "E2E_PART");

    ok(await program.up());
    assert.deepEqual((await dss.client.projects.getVariables("E2E_PART")).standard, { env: "test" });
    assert.equal((await dss.client.projects.list()).filter((p) => p.projectKey === "E2E_PART").length, 1);
    ok(await program.preview("--expect-no-changes"));
  });
});
