import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { loadConfig } from "../../provider/config";
import { jsonSchemaFiles } from "../../provider/config/json-schema";
import { repoRoot } from "./helpers";

const examples = path.join(repoRoot(), "examples");
const values: Record<string, { value: string; secret: boolean }> = {
  sqlConnection: { value: "sql_dwh", secret: false },
  warehousePassword: { value: "not-a-real-password", secret: true },
};
const load = (p: string, stack = "dev") => loadConfig({ path: path.join(examples, p), stack, env: {}, config: (n) => values[n] });

describe("examples", () => {
  it("every YAML example loads without errors", () => {
    const configs = fs
      .readdirSync(examples)
      .flatMap((d) => ["dataiku.yml", "project.yml"].map((f) => path.join(d, f)).filter((f) => fs.existsSync(path.join(examples, f))))
      .map((f) => (f.endsWith("project.yml") ? path.dirname(f) : f));
    assert.ok(configs.length >= 4, configs.join(", "));
    for (const c of configs) assert.doesNotThrow(() => load(c), c);
  });

  it("demo: the Wave 4 demo project with one managed parquet dataset", () => {
    const l = load("demo/dataiku.yml");
    assert.strictEqual(l.project.projectKey, "DEMO_IAC");
    assert.deepStrictEqual(l.datasets, [{ projectKey: "DEMO_IAC", name: "DEMO_DATA", type: "managed", formatType: "parquet", description: "Demo dataset" }]);
    assert.deepStrictEqual(l.warnings, []);
  });

  it("pipeline: a directory config on the emulator's default connections", () => {
    const l = load("pipeline");
    assert.deepStrictEqual(new Set(l.datasets.map((d) => d.connection)), new Set(["sql_dwh", "filesystem_managed"]));
    assert.deepStrictEqual(l.recipes.map((r) => r.type), ["sql_query", "python", "topn"]);
    assert.strictEqual(l.files.length, 4);
  });

  it("environments: dev and prod differ in key, connection, variables and protection; the password stays secret", () => {
    const dev = load("environments/dataiku.yml", "dev");
    const prod = load("environments/dataiku.yml", "prod");
    assert.deepStrictEqual([dev.project.projectKey, prod.project.projectKey], ["SALES_DEV", "SALES"]);
    assert.deepStrictEqual([dev.datasets[1].connection, prod.datasets[1].connection], ["filesystem_managed", "sql_dwh"]);
    assert.deepStrictEqual([dev.datasets[1].formatType, prod.datasets[1].formatType], ["parquet", undefined]);
    assert.deepStrictEqual([dev.project.variables?.standard, prod.project.variables?.standard], [
      { environment: "dev", sample_rows: 10000 },
      { environment: "prod", sample_rows: 0 },
    ]);
    assert.deepStrictEqual([dev.protect.project, prod.protect.project], [false, true]);
    assert.deepStrictEqual(prod.secrets.project, [["variables", "local", "warehouse_password"]]);
  });

  it("retail: the reference's complete example, 1 project + 17 datasets + 7 recipes", () => {
    const l = load("retail/dataiku.yml");
    assert.deepStrictEqual([l.datasets.length, l.recipes.length], [17, 7]);
    assert.deepStrictEqual(l.warnings.map((w) => w.path), ["project.settings"]);
  });

  it("every example names the committed JSON Schema for editors", () => {
    const yamls = fs.readdirSync(examples, { recursive: true, encoding: "utf8" }).filter((f) => /\.ya?ml$/.test(f) && !f.includes("node_modules") && !/(^|\/)Pulumi(\.[^/]+)?\.yaml$/.test(f)); // Pulumi project files are not configs
    for (const f of yamls) {
      const first = fs.readFileSync(path.join(examples, f), "utf8").split("\n")[0];
      const m = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
      assert.ok(m, `${f} has no schema line`);
      const target = path.resolve(path.dirname(path.join(examples, f)), m[1]);
      assert.ok(fs.existsSync(target), `${f}: ${target} does not exist`);
    }
  });
});

describe("JSON Schema", () => {
  it("the committed schema/ files match the config zod schema (run `npm run schema` when this fails)", () => {
    for (const [name, content] of Object.entries(jsonSchemaFiles())) {
      const committed = fs.readFileSync(path.join(repoRoot(), "schema", name), "utf8");
      assert.strictEqual(committed, content, `schema/${name} is stale`);
    }
  });

  it("describes the format: strict keys, required project, dataset and recipe fields", () => {
    const schema = JSON.parse(jsonSchemaFiles()["dataiku-config.schema.json"]);
    assert.strictEqual(schema.additionalProperties, false);
    assert.deepStrictEqual(schema.required, ["project"]);
    const dataset = schema.properties.datasets.items;
    assert.deepStrictEqual(dataset.required, ["name", "type"]);
    assert.strictEqual(dataset.additionalProperties, false);
    assert.ok(dataset.properties.type.examples.includes("snowflake"));
    assert.deepStrictEqual(schema.properties.recipes.items.required, ["name", "type", "outputs"]);
    assert.ok(schema.properties.environments.additionalProperties);
  });
});
