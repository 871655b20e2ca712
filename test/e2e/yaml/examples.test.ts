// Every example config deploys to DSS with the real engine, DSS then holds exactly the declared
// objects with DSS's own types, and a preview right after plans nothing. (examples/environments
// runs as two stacks in environments.test.ts.)
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { ConnectionDefinition } from "../../../provider/emulator";
import { startTestDss, TestDss } from "../../helpers/emulator";
import { PulumiProgram } from "../../helpers/pulumiCli";
import { DatasetShape, datasetShapes, EXAMPLES, ok, recipeTypes, yamlStack } from "./helpers";

interface ExampleExpectation {
  /** The config: a file, or a directory in directory mode. */
  config: string;
  projectKey: string;
  datasets: Record<string, DatasetShape>;
  recipes: Record<string, string>;
  /** Recipe name → [inputs, outputs] as DSS holds them, for the recipes worth wiring checks. */
  wiring?: Record<string, [string[], string[]]>;
}

const managed = (type: string, connection: string): DatasetShape => ({ type, connection, managed: true });
const external = (type: string, connection: string): DatasetShape => ({ type, connection, managed: false });

const EXPECTED: Record<string, ExampleExpectation> = {
  demo: {
    config: "demo/dataiku.yml",
    projectKey: "DEMO_IAC",
    datasets: { DEMO_DATA: managed("Filesystem", "filesystem_managed") },
    recipes: {},
  },
  pipeline: {
    config: "pipeline",
    projectKey: "ORDERS_PIPELINE",
    datasets: {
      RAW_ORDERS: external("PostgreSQL", "sql_dwh"),
      RAW_CUSTOMERS: external("Filesystem", "filesystem_managed"),
      ORDERS_CLEAN: managed("PostgreSQL", "sql_dwh"),
      CUSTOMER_SCORES: managed("Filesystem", "filesystem_managed"),
      TOP_CUSTOMERS: managed("Filesystem", "filesystem_managed"),
    },
    recipes: { clean_orders: "sql_query", score_customers: "python", top_customers: "topn" },
    wiring: { score_customers: [["ORDERS_CLEAN", "RAW_CUSTOMERS"], ["CUSTOMER_SCORES"]] },
  },
  flow: {
    config: "flow/dataiku.yml",
    projectKey: "SALES_FLOW",
    datasets: {
      orders: external("PostgreSQL", "sql_dwh"),
      customers: external("PostgreSQL", "sql_dwh"),
      orders_prepared: managed("Filesystem", "filesystem_managed"),
      orders_with_customers: managed("Filesystem", "filesystem_managed"),
      sales_by_customer: managed("Filesystem", "filesystem_managed"),
      customer_ranking: managed("Filesystem", "filesystem_managed"),
    },
    recipes: {
      prepare_orders: "shaker",
      join_orders_customers: "join",
      group_by_customer: "grouping",
      rank_customers: "window",
      write_report: "python",
    },
    wiring: { join_orders_customers: [["orders_prepared", "customers"], ["orders_with_customers"]] },
  },
  retail: {
    config: "retail/dataiku.yml",
    projectKey: "RETAIL_SALES",
    datasets: {
      RAW_ORDERS: external("Snowflake", "snowflake_dwh"),
      RAW_CUSTOMERS: external("PostgreSQL", "pg_crm"),
      STORE_TARGETS: external("Snowflake", "snowflake_dwh"),
      FX_RATES: external("Oracle", "oracle_ref"), // type `sql`: DSS's type comes from the connection
      STORE_MASTER: external("MySQL", "mysql_ops"),
      STORE_CATALOG: external("S3", "s3_landing"),
      CLICKSTREAM: external("HDFS", "hdfs_root"),
      PARTNER_FEED: external("Azure", "azure_partners"),
      DATE_DIM: managed("Filesystem", "filesystem_managed"),
      ORDERS_ENRICHED: managed("Snowflake", "snowflake_dwh"),
      HIGH_VALUE_ORDERS: managed("Filesystem", "filesystem_managed"),
      STANDARD_ORDERS: managed("Filesystem", "filesystem_managed"),
      DAILY_STORE_SALES: managed("Snowflake", "snowflake_dwh"),
      SALES_VS_TARGET: managed("Snowflake", "snowflake_dwh"),
      TOP_STORES: managed("Filesystem", "filesystem_managed"),
      WEB_ENGAGEMENT: managed("Filesystem", "filesystem_managed"),
      ENGAGEMENT_EXPORT: external("Filesystem", "filesystem_exports"),
    },
    recipes: {
      build_date_dim: "python",
      join_orders_customers: "join",
      split_orders_by_value: "split",
      group_daily_store_sales: "grouping",
      compare_to_target: "sql_query",
      top_stores: "topn",
      score_web_engagement: "python",
    },
    wiring: {
      build_date_dim: [[], ["DATE_DIM"]],
      // A join takes its inputs as DSS's "virtual inputs": each must arrive once, in order.
      join_orders_customers: [["RAW_ORDERS", "RAW_CUSTOMERS"], ["ORDERS_ENRICHED"]],
      split_orders_by_value: [["ORDERS_ENRICHED"], ["HIGH_VALUE_ORDERS", "STANDARD_ORDERS"]],
      score_web_engagement: [
        ["CLICKSTREAM", "PARTNER_FEED", "STORE_CATALOG", "STORE_MASTER", "DATE_DIM"],
        ["WEB_ENGAGEMENT", "ENGAGEMENT_EXPORT"],
      ],
    },
  },
  visual: {
    config: "visual/dataiku.yml",
    projectKey: "VISUAL_FLOW",
    datasets: {
      ORDERS: external("PostgreSQL", "sql_dwh"),
      CUSTOMERS: external("PostgreSQL", "sql_dwh"),
      ...Object.fromEntries(
        ["ORDERS_PREPARED", "ORDERS_JOINED", "SALES_BY_COUNTRY", "ORDERS_RUNNING", "HIGH_VALUE", "STANDARD", "ORDERS_RESTACKED",
          "ORDERS_SORTED", "TOP_ORDERS", "SEGMENTS", "AMOUNT_BY_COUNTRY", "ORDERS_SAMPLE"].map((n) => [n, managed("Filesystem", "filesystem_managed")]),
      ),
    },
    recipes: {
      prepare_orders: "shaker", join_customers: "join", group_by_country: "grouping", running_totals: "window",
      split_by_value: "split", restack: "vstack", sort_by_amount: "sort", top_orders: "topn",
      distinct_segments: "distinct", pivot_countries: "pivot", sample_orders: "sampling",
    },
    wiring: { join_customers: [["ORDERS_PREPARED", "CUSTOMERS"], ["ORDERS_JOINED"]], restack: [["HIGH_VALUE", "STANDARD"], ["ORDERS_RESTACKED"]] },
  },
};

/** The connections the retail example names, with the types its datasets need. */
const RETAIL_CONNECTIONS: ConnectionDefinition[] = [
  { name: "snowflake_dwh", type: "Snowflake", allowManagedDatasets: true },
  { name: "pg_crm", type: "PostgreSQL" },
  { name: "oracle_ref", type: "Oracle" },
  { name: "mysql_ops", type: "MySQL" },
  { name: "s3_landing", type: "S3" },
  { name: "hdfs_root", type: "HDFS" },
  { name: "azure_partners", type: "Azure" },
  { name: "filesystem_exports", type: "Filesystem" },
];

describe("YAML adapter: every example deploys", function () {
  let dss: TestDss;
  const programs: PulumiProgram[] = [];
  before(async () => {
    dss = await startTestDss(RETAIL_CONNECTIONS);
  });
  after(async () => {
    programs.forEach((p) => p.cleanup());
    await dss?.close();
  });

  it("covers every example config in examples/", () => {
    const configs = fs.readdirSync(EXAMPLES).filter((d) => ["dataiku.yml", "project.yml"].some((f) => fs.existsSync(path.join(EXAMPLES, d, f))));
    assert.deepEqual(configs.sort(), [...Object.keys(EXPECTED), "environments"].sort());
  });

  for (const [example, expected] of Object.entries(EXPECTED)) {
    it(`${example}: up creates exactly the declared objects, and a preview right after plans nothing`, async () => {
      const { program } = await yamlStack(dss, example, path.join(EXAMPLES, expected.config));
      programs.push(program);
      ok(await program.up());
      assert.ok((await dss.client.projects.list()).some((p) => p.projectKey === expected.projectKey));
      assert.deepEqual(await datasetShapes(dss.client, expected.projectKey), expected.datasets);
      assert.deepEqual(await recipeTypes(dss.client, expected.projectKey), expected.recipes);
      for (const [name, [inputs, outputs]] of Object.entries(expected.wiring ?? {})) {
        const { recipe } = await dss.client.recipes.get(expected.projectKey, name);
        const refs = (role?: { items?: Array<{ ref?: string }> }) => (role?.items ?? []).map((i) => i.ref);
        assert.deepEqual([refs(recipe.inputs?.main), refs(recipe.outputs?.main)], [inputs, outputs], name);
      }
      ok(await program.preview("--expect-no-changes"));
    });
  }
});
