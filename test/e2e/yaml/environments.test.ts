// One config, two stacks: examples/environments deployed as `dev` and `prod` to one DSS. The stack
// name picks the `environments:` section; stack config fills `{{ config.* }}`, secrets included.
import { strict as assert } from "assert";
import * as path from "path";
import { startTestDss, TestDss } from "../../helpers/emulator";
import { PulumiProgram, RunResult } from "../../helpers/pulumiCli";
import { datasetShapes, EXAMPLES, ok, recipeTypes, yamlStack } from "./helpers";

const CONFIG = path.join(EXAMPLES, "environments", "dataiku.yml");
// Pulumi's marker of a secret value in exported state.
const SECRET_SIG = "4dabf18193072939515e22adb298388d";

interface Environment {
  stack: string;
  projectKey: string;
  sqlConnection: string;
  password: string;
}

const DEV: Environment = { stack: "dev", projectKey: "SALES_DEV", sqlConnection: "sql_dwh", password: "dev-pw-4f1c9a" };
const PROD: Environment = { stack: "prod", projectKey: "SALES", sqlConnection: "sql_prod", password: "prod-pw-8e27d0" };

describe("YAML adapter: dev and prod stacks of one config", function () {
  let dss: TestDss;
  const programs: Record<string, PulumiProgram> = {};
  const ups: Record<string, RunResult> = {};

  before(async () => {
    // A second PostgreSQL connection, so the stacks' `sqlConnection` values differ.
    const sqlProd = { name: "sql_prod", type: "PostgreSQL", allowManagedDatasets: true };
    dss = await startTestDss([sqlProd]);
    for (const env of [DEV, PROD]) {
      const { program } = await yamlStack(dss, env.stack, CONFIG, {
        "yaml-adapter:sqlConnection": { value: env.sqlConnection },
        "yaml-adapter:warehousePassword": { value: env.password, secret: true },
      });
      programs[env.stack] = program;
      ups[env.stack] = ok(await program.up());
    }
  });
  after(async () => {
    Object.values(programs).forEach((p) => p.cleanup());
    await dss?.close();
  });

  it("each stack has its own project, named after the stack, with its own variables", async () => {
    const keys = (await dss.client.projects.list()).map((p) => p.projectKey).sort();
    assert.deepEqual(keys, ["SALES", "SALES_DEV"]);
    assert.equal((await dss.client.projects.getMetadata("SALES_DEV")).label, "Sales analytics (dev)");
    assert.equal((await dss.client.projects.getMetadata("SALES")).label, "Sales analytics (prod)");
    const dev = await dss.client.projects.getVariables("SALES_DEV");
    const prod = await dss.client.projects.getVariables("SALES");
    assert.deepEqual(dev.standard, { environment: "dev", sample_rows: 10000 });
    assert.deepEqual(prod.standard, { environment: "prod", sample_rows: 0 });
  });

  it("each stack's datasets use its own connections, with the right DSS types", async () => {
    assert.deepEqual(await datasetShapes(dss.client, "SALES_DEV"), {
      ORDERS: { type: "PostgreSQL", connection: "sql_dwh", managed: false },
      ORDERS_DAILY: { type: "Filesystem", connection: "filesystem_managed", managed: true },
    });
    assert.deepEqual(await datasetShapes(dss.client, "SALES"), {
      ORDERS: { type: "PostgreSQL", connection: "sql_prod", managed: false },
      ORDERS_DAILY: { type: "PostgreSQL", connection: "sql_dwh", managed: true },
    });
    assert.equal((await dss.client.datasets.get("SALES_DEV", "ORDERS_DAILY")).formatType, "parquet");
    for (const key of ["SALES_DEV", "SALES"]) {
      assert.deepEqual(await recipeTypes(dss.client, key), { aggregate_daily: "python" });
      const recipe = await dss.client.recipes.get(key, "aggregate_daily");
      assert.deepEqual(recipe.recipe.inputs?.main.items?.map((i) => i.ref), ["ORDERS"]);
      assert.deepEqual(recipe.recipe.outputs?.main.items?.map((i) => i.ref), ["ORDERS_DAILY"]);
    }
  });

  it("prod protects what its environment section protects; dev does not", async () => {
    const protectedNames = async (stack: string) => {
      const state = await programs[stack].exportState();
      return (state.deployment.resources ?? [])
        .filter((r) => r.protect === true)
        .map((r) => String(r.urn).slice(String(r.urn).lastIndexOf("::") + 2))
        .sort();
    };
    assert.deepEqual(await protectedNames("dev"), []);
    assert.deepEqual(await protectedNames("prod"), ["dataset.SALES.ORDERS_DAILY", "project.SALES"]);
  });

  it("the secret password reaches DSS but stays encrypted in the state and out of the engine output", async () => {
    for (const env of [DEV, PROD]) {
      const variables = await dss.client.projects.getVariables(env.projectKey);
      assert.deepEqual(variables.local, { warehouse_password: env.password });

      const exported = await programs[env.stack].exportState();
      assert.ok(!JSON.stringify(exported).includes(env.password), `${env.stack}: the password is in plain text in stack export`);
      const project = exported.deployment.resources?.find((r) =>
        String(r.urn).endsWith(`::project.${env.projectKey}`),
      );
      assert.ok(JSON.stringify(project?.inputs).includes(SECRET_SIG), `${env.stack}: project inputs hold a secret`);
      assert.ok(!`${ups[env.stack].stdout}${ups[env.stack].stderr}`.includes(env.password), `${env.stack}: password in output`);
    }
  });

  it("preview of each stack right after up plans no changes", async () => {
    for (const stack of ["dev", "prod"]) ok(await programs[stack].preview("--expect-no-changes"));
  });
});
