// A whole pipeline from the library: stack config switches what each e2e test changes.
const pulumi = require("@pulumi/pulumi");
const dataiku = require("pulumi-dataiku");

const config = new pulumi.Config("e2e");
const key = config.get("projectKey") || "E2E_PIPE";
const dropData = config.getBoolean("dropData") || false;
const adopt = config.getBoolean("adopt") || false;

const project = new dataiku.Project("project", {
  projectKey: key,
  name: "E2E pipeline",
  description: config.get("projectDescription") || "Pipeline under test",
  tags: ["e2e", "demo"],
  variables: { standard: { env: "test" }, local: { token: "s3cr3t-local" } },
  adopt,
  dropManagedDataOnDelete: dropData,
});

const raw = new dataiku.Dataset("raw", {
  projectKey: project.projectKey,
  name: config.get("rawName") || "RAW",
  type: "managed",
  formatType: "parquet",
  description: config.get("rawDescription") || "Raw data",
  adopt,
  dropDataOnDelete: dropData,
});

const orders = new dataiku.Dataset("orders", {
  projectKey: project.projectKey,
  name: "ORDERS",
  type: "sql",
  connection: "sql_dwh",
  table: "orders",
  schema: "public",
  columns: [{ name: "id", type: "bigint" }, { name: "amount", type: "double" }],
  adopt,
});

const exportsDs = new dataiku.Dataset("exports", {
  projectKey: project.projectKey,
  name: "EXPORTS",
  type: "filesystem",
  connection: "filesystem_managed",
  path: "/exports/e2e",
  formatType: "csv",
  tags: ["out"],
  adopt,
});

const cleaned = new dataiku.Dataset("cleaned", {
  projectKey: project.projectKey,
  name: "CLEANED",
  type: "managed",
  formatType: "parquet",
  adopt,
  dropDataOnDelete: dropData,
});

const clean = new dataiku.Recipe("clean", {
  projectKey: project.projectKey,
  name: "clean_raw",
  type: "python",
  inputs: [raw, orders],
  outputs: [cleaned],
  code: config.get("code") || "import dataiku\n# clean\n",
  adopt,
});

const summarize = new dataiku.Recipe("summarize", {
  projectKey: project.projectKey,
  name: "summarize",
  type: "sql",
  inputs: [orders],
  outputs: [exportsDs],
  code: "SELECT * FROM orders",
  adopt,
});

exports.projectKey = project.projectKey;
exports.rawType = raw.dssType;
exports.recipeInputs = clean.inputs;
exports.summarizeType = summarize.type;
