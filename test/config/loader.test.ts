import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { datasetArgsSchema } from "../../provider/dataset/schema";
import { projectArgsSchema } from "../../provider/project/schema";
import { recipeArgsSchema } from "../../provider/recipe/schema";
import { ConfigError, ConfigProblem, LoadedConfig, loadConfig, LoadOptions, MAX_RESOURCES, wrapSecrets } from "../../provider/config";
import { writeConfig, writeTree } from "./helpers";

type Config = Record<string, { value: string; secret: boolean }>;

function load(file: string, options: Partial<LoadOptions> & { values?: Config } = {}): LoadedConfig {
  const values = options.values ?? {};
  return loadConfig({ path: file, stack: options.stack ?? "dev", env: options.env ?? {}, config: (n) => values[n] });
}

function problemsOf(file: string, options: Partial<LoadOptions> & { values?: Config } = {}): ConfigProblem[] {
  try {
    load(file, options);
  } catch (e) {
    assert.ok(e instanceof ConfigError, `expected a ConfigError, got ${String(e)}`);
    return e.problems;
  }
  assert.fail("expected the config to be rejected");
}

const brief = (p: ConfigProblem) => `${p.line}:${p.column} ${p.path}: ${p.message}`;

describe("loadConfig", () => {
  describe("mapping to resource args", () => {
    const loaded = () =>
      load(
        writeConfig(`
version: "1.0"
metadata: {author: me, anything: [1, 2]}
project:
  key: SALES
  name: Sales
  description: Long text
  shortDesc: Short
  tags: [a, b]
  owner: admin
  variables: {standard: {rows: 10}, local: {token: abc}}
  adopt: true
  drop_data_on_delete: true
  protect: true
datasets:
  - name: ORDERS
    type: snowflake
    connection: sf
    params: {mode: table, schema: SALES, table: ORDERS, catalog: DB}
    schema:
      columns:
        - {name: ID, type: bigint, comment: key}
    description: Orders
    tags: [raw]
    adopt: true
  - name: FILES
    type: s3
    connection: s3c
    params: {bucket: b, path: /in, container: c}
    format_type: csv
    drop_data_on_delete: true
    protect: true
  - name: OUT
    type: managed
    connection: null
    format_type: null
    schema: null
recipes:
  - name: make_out
    type: sql
    inputs: [ORDERS]
    outputs: [OUT]
    code: SELECT 1
    params: {engine: SQL}
    description: Builds OUT
    tags: [t]
    adopt: true
  - name: group_files
    type: group
    outputs: [FILES]
    protect: true
`),
      );

    it("maps the project", () => {
      assert.deepStrictEqual(loaded().project, {
        projectKey: "SALES",
        name: "Sales",
        description: "Long text",
        shortDesc: "Short",
        tags: ["a", "b"],
        owner: "admin",
        variables: { standard: { rows: 10 }, local: { token: "abc" } },
        adopt: true,
        dropManagedDataOnDelete: true,
      });
    });

    it("maps datasets: DSS type, typed params, other params, columns, format and safety switches", () => {
      const [orders, files, out] = loaded().datasets;
      assert.deepStrictEqual(orders, {
        projectKey: "SALES",
        name: "ORDERS",
        type: "Snowflake",
        connection: "sf",
        schema: "SALES",
        table: "ORDERS",
        catalog: "DB",
        params: { mode: "table" },
        columns: [{ name: "ID", type: "bigint", comment: "key" }],
        description: "Orders",
        tags: ["raw"],
        adopt: true,
      });
      assert.deepStrictEqual(files, {
        projectKey: "SALES",
        name: "FILES",
        type: "S3",
        connection: "s3c",
        bucket: "b",
        path: "/in",
        container: "c",
        formatType: "csv",
        dropDataOnDelete: true,
      });
      assert.deepStrictEqual(out, { projectKey: "SALES", name: "OUT", type: "managed" }, "nulls mean unset");
    });

    it("maps recipes: DSS type, default inputs, code and params as written", () => {
      const [sql, group] = loaded().recipes;
      assert.deepStrictEqual(sql, {
        projectKey: "SALES",
        name: "make_out",
        type: "sql_query",
        inputs: ["ORDERS"],
        outputs: ["OUT"],
        code: "SELECT 1",
        params: { engine: "SQL" },
        description: "Builds OUT",
        tags: ["t"],
        adopt: true,
      });
      assert.deepStrictEqual(group, { projectKey: "SALES", name: "group_files", type: "grouping", inputs: [], outputs: ["FILES"] });
    });

    it("returns protect as a resource option per resource, not as an input", () => {
      assert.deepStrictEqual(loaded().protect, {
        project: true,
        datasets: { ORDERS: false, FILES: true, OUT: false },
        recipes: { make_out: false, group_files: true },
        folders: {},
        scenarios: {},
      });
    });

    it("produces args the resource schemas accept", () => {
      const l = loaded();
      assert.ok(projectArgsSchema.safeParse(l.project).success);
      for (const d of l.datasets) assert.ok(datasetArgsSchema.safeParse(d).success, d.name);
      for (const r of l.recipes) assert.ok(recipeArgsSchema.safeParse(r).success, r.name);
    });

    it("accepts DSS's own type names and DSS's wider name rules", () => {
      const l = load(writeConfig(`
project: {key: mixedCase_1, name: x}
datasets:
  - {name: lower_case, type: PostgreSQL, connection: pg, params: {table: t}}
  - {name: UPLOAD, type: UploadedFiles}
recipes:
  - {name: CamelRecipe, type: shaker, inputs: [lower_case], outputs: [UPLOAD]}
`));
      assert.strictEqual(l.project.projectKey, "mixedCase_1");
      assert.deepStrictEqual(l.datasets.map((d) => d.type), ["PostgreSQL", "UploadedFiles"]);
      assert.strictEqual(l.recipes[0].type, "shaker");
    });
  });

  describe("version", () => {
    for (const [text, ok] of [['"1.0"', true], ["1.0", true], ["'1.0'", true], ['"2.0"', false], ["2", false], ['"1"', false]] as const) {
      it(`${ok ? "accepts" : "refuses"} version: ${text}`, () => {
        const file = writeConfig(`version: ${text}\nproject: {key: P, name: P}\n`);
        if (ok) assert.strictEqual(load(file).project.projectKey, "P");
        else assert.deepStrictEqual(problemsOf(file).map(brief), [`1:1 version: unsupported version ${text.replace(/'/g, '"')}; this loader reads version "1.0" (or leave version out)`]);
      });
    }

    it("defaults a missing version", () => {
      assert.strictEqual(load(writeConfig("project: {key: P, name: P}\n")).project.name, "P");
    });
  });

  describe("YAML 1.2", () => {
    it("keeps yes/no/on/off and dates as strings, also as keys", () => {
      const l = load(writeConfig(`
metadata: {created: 2025-11-27}
project: {key: P, name: P}
datasets:
  - name: A
    type: managed
    params: {on: yes, off: no, flag: on, day: 2025-01-01, n: 1.5, t: true}
`));
      assert.deepStrictEqual(l.datasets[0].params, { on: "yes", off: "no", flag: "on", day: "2025-01-01", n: 1.5, t: true });
    });

    it("supports anchors and << merge keys (anchors may live in the free-form metadata)", () => {
      const l = load(writeConfig(`
metadata:
  defaults: &fs {type: managed, connection: filesystem_managed, format_type: parquet}
project: {key: P, name: P}
datasets:
  - {<<: *fs, name: A}
  - {<<: *fs, name: B, format_type: csv}
`));
      assert.deepStrictEqual(l.datasets.map((d) => [d.name, d.type, d.connection, d.formatType]), [
        ["A", "managed", "filesystem_managed", "parquet"],
        ["B", "managed", "filesystem_managed", "csv"],
      ]);
    });

    it("resolves << merge keys inside lists", () => {
      const l = load(writeConfig(`
project: {key: P, name: P}
datasets:
  - &base {name: A, type: managed, connection: filesystem_managed, format_type: parquet}
  - {<<: *base, name: B, format_type: csv}
`));
      assert.deepStrictEqual(l.datasets[1], { projectKey: "P", name: "B", type: "managed", connection: "filesystem_managed", formatType: "csv" });
    });

    it("refuses duplicate keys", () => {
      assert.deepStrictEqual(problemsOf(writeConfig("project: {key: P, name: P}\nproject: {key: Q, name: Q}\n")).map((p) => `${p.line}:${p.column} ${p.path}`), ["2:1 (yaml)"]);
    });

    it("refuses an alias bomb quickly", () => {
      const lines = ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]'];
      for (let i = 1; i < 12; i++) {
        const prev = String.fromCharCode(96 + i);
        const cur = String.fromCharCode(97 + i);
        lines.push(`${cur}: &${cur} [${Array(10).fill(`*${prev}`).join(", ")}]`);
      }
      const problems = problemsOf(writeConfig(`metadata:\n${lines.map((l) => `  ${l}`).join("\n")}\nproject: {key: P, name: P}\n`));
      assert.strictEqual(problems.length, 1);
      assert.match(problems[0].message, /aliases expand to too many values/);
    });

    it("refuses files over 4 MiB without parsing them", () => {
      const file = writeConfig(`project: {key: P, name: P}\nmetadata: {pad: "${"x".repeat(4 * 1024 * 1024)}"}\n`);
      assert.deepStrictEqual(problemsOf(file).map(brief), [
        `1:1 (root): the file is ${fs.statSync(file).size} bytes; config files are limited to 4194304 bytes (4 MiB), split it into a directory config`,
      ]);
    });

    it(`refuses more than ${MAX_RESOURCES} resources`, () => {
      const datasets = Array.from({ length: MAX_RESOURCES + 1 }, (_, i) => `  - {name: D${i}, type: managed}`).join("\n");
      const problems = problemsOf(writeConfig(`project: {key: P, name: P}\ndatasets:\n${datasets}\n`));
      assert.deepStrictEqual(problems.map((p) => p.message), [`${MAX_RESOURCES + 1} datasets, recipes, folders and scenarios; a config is limited to ${MAX_RESOURCES}, split the project`]);
    });
  });

  describe("directory mode", () => {
    const tree = () =>
      writeTree({
        "project.yml": "version: '1.0'\nproject: {key: P, name: P}\ndatasets:\n  - {name: FIRST, type: managed}\n",
        "datasets/b.yaml": "datasets:\n  - {name: B, type: managed}\n",
        "datasets/a.yml": "version: 1.0\nmetadata: {owner: me}\ndatasets:\n  - {name: A, type: managed}\n",
        "datasets/empty.yml": "# nothing yet\n",
        "datasets/README.md": "not read",
        "recipes/r.yml": "recipes:\n  - {name: copy, type: sync, inputs: [A], outputs: [B]}\n",
      });

    it("reads project.yml, then datasets/ and recipes/ files sorted by name", () => {
      const dir = tree();
      const l = load(dir);
      assert.deepStrictEqual(l.datasets.map((d) => d.name), ["FIRST", "A", "B"]);
      assert.deepStrictEqual(l.recipes.map((r) => r.name), ["copy"]);
      assert.deepStrictEqual(l.files.map((f) => path.relative(dir, f)), ["project.yml", "datasets/a.yml", "datasets/b.yaml", "datasets/empty.yml", "recipes/r.yml"]);
    });

    it("accepts project.yaml", () => {
      assert.strictEqual(load(writeTree({ "project.yaml": "project: {key: P, name: P}\n" })).project.projectKey, "P");
    });

    it("points at the file and line of an entry from a sub-file", () => {
      const dir = writeTree({
        "project.yml": "project: {key: P, name: P}\n",
        "recipes/r.yml": "recipes:\n  - name: copy\n    type: sync\n    outputs: [NOPE]\n",
      });
      const [p] = problemsOf(dir);
      assert.deepStrictEqual([path.relative(dir, p.file), brief(p)], ["recipes/r.yml", '4:15 recipes[0].outputs[0]: no dataset named "NOPE" in this config; declare it under datasets']);
    });
  });

  describe("environments", () => {
    const file = () =>
      writeConfig(`
project:
  key: SALES
  name: Sales
  variables: {standard: {a: 1, b: 2}}
datasets:
  - name: ORDERS
    type: postgresql
    connection: pg_dev
    params: {table: orders, schema: dev}
  - {name: OUT, type: managed}
recipes:
  - {name: copy, type: sync, inputs: [ORDERS], outputs: [OUT]}
environments:
  dev:
    project: {key: SALES_DEV}
  prod:
    project:
      variables: {standard: {b: 3}}
    datasets:
      - name: ORDERS
        connection: pg_prod
        params: {schema: prod}
      - name: EXTRA
        type: managed
    recipes:
      - name: copy
        protect: true
  test:
`);

    it("deep-merges the stack's overrides; lists merge by name and new names add resources", () => {
      const l = load(file(), { stack: "prod" });
      assert.deepStrictEqual(l.project.variables, { standard: { a: 1, b: 3 } });
      assert.strictEqual(l.project.projectKey, "SALES");
      assert.deepStrictEqual(l.datasets.map((d) => [d.name, d.connection, d.schema, d.table]), [
        ["ORDERS", "pg_prod", "prod", "orders"],
        ["OUT", undefined, undefined, undefined],
        ["EXTRA", undefined, undefined, undefined],
      ]);
      assert.deepStrictEqual(l.protect.recipes, { copy: true });
      assert.deepStrictEqual(l.recipes[0].inputs, ["ORDERS"]);
    });

    it("applies only the selected stack's section", () => {
      const l = load(file(), { stack: "dev" });
      assert.strictEqual(l.project.projectKey, "SALES_DEV");
      assert.strictEqual(l.datasets[0].connection, "pg_dev");
      assert.strictEqual(l.datasets.length, 2);
    });

    it("accepts an empty section", () => {
      assert.strictEqual(load(file(), { stack: "test" }).project.projectKey, "SALES");
    });

    it("refuses a stack that has no section, listing the known ones", () => {
      assert.deepStrictEqual(problemsOf(file(), { stack: "staging" }).map(brief), [
        '14:1 environments: stack "staging" is not one of the environments of this config (dev, prod, test). Select one of them with `pulumi stack select`, or add environments.staging',
      ]);
    });

    it("accepts any stack when the config has no environments", () => {
      assert.strictEqual(load(writeConfig("project: {key: P, name: P}\n"), { stack: "whatever" }).project.projectKey, "P");
    });

    it("points at the override's line after merging", () => {
      const problems = problemsOf(
        writeConfig(`
project: {key: P, name: P}
datasets: [{name: A, type: managed}]
environments:
  prod:
    datasets:
      - name: A
        format_type: 42
`),
        { stack: "prod" },
      );
      assert.deepStrictEqual(problems.map(brief), ["8:9 environments.prod.datasets[0].format_type: must be a string, not number 42"]);
    });

    it("reports a wrong merged result at the override (a new dataset without type)", () => {
      const problems = problemsOf(
        writeConfig(`
project: {key: P, name: P}
environments:
  prod:
    datasets:
      - name: NEW
        connection: c
`),
        { stack: "prod" },
      );
      assert.deepStrictEqual(problems.map(brief), ["6:9 datasets[0].type: is required: for example managed, filesystem, postgresql or a DSS type"]);
    });
  });

  describe("templating", () => {
    it("resolves env, config and stack, whole and embedded", () => {
      const l = load(
        writeConfig(`
project:
  key: "P_{{ stack }}"
  name: "{{ env.TEAM }} project"
  description: "{{config.desc}}"
datasets:
  - {name: A, type: postgresql, connection: "{{ env.PG }}", params: {table: "t_{{ stack }}_{{ env.TEAM }}"}}
`),
        { stack: "dev", env: { TEAM: "data", PG: "pg1" }, values: { desc: { value: "from config", secret: false } } },
      );
      assert.deepStrictEqual([l.project.projectKey, l.project.name, l.project.description], ["P_dev", "data project", "from config"]);
      assert.deepStrictEqual([l.datasets[0].connection, l.datasets[0].table], ["pg1", "t_dev_data"]);
      assert.deepStrictEqual(l.secrets, { project: [], datasets: {}, recipes: {}, managed_folders: {}, scenarios: {} });
    });

    it("reports every unset variable with its exact position", () => {
      const problems = problemsOf(writeConfig(`project:\n  key: P\n  name: "{{ env.A }} and {{ config.b }}"\n`));
      assert.deepStrictEqual(problems.map((p) => `${p.line}:${p.column} ${p.path}`), ["3:10 project.name", "3:26 project.name"]);
      assert.match(problems[0].message, /environment variable A is not set/);
      assert.match(problems[1].message, /Pulumi config b is not set for stack "dev"/);
    });

    it("treats an empty environment variable as set", () => {
      assert.strictEqual(load(writeConfig(`project: {key: P, name: "x{{ env.E }}"}\n`), { env: { E: "" } }).project.name, "x");
    });

    it("leaves other {{ }} in recipe code alone but resolves ours", () => {
      const l = load(
        writeConfig(`
project: {key: P, name: P}
datasets: [{name: A, type: managed}]
recipes:
  - name: r
    type: python
    outputs: [A]
    code: |
      print(f"{{{{x}}}} {{ value }}")
      env = "{{ stack }}"
`),
        { stack: "prod" },
      );
      assert.strictEqual(l.recipes[0].code, 'print(f"{{{{x}}}} {{ value }}")\nenv = "prod"\n');
    });

    it("returns the args paths of secret-derived values per resource", () => {
      const l = load(
        writeConfig(`
project:
  key: P
  name: P
  variables: {local: {pw: "{{ config.pw }}"}, standard: {plain: "{{ config.plain }}"}}
  settings: {s: "{{ config.pw }}"}
datasets:
  - name: A
    type: postgresql
    connection: "{{ config.conn }}"
    params: {table: t, password: "x-{{ config.pw }}", schema: "{{ config.pw }}"}
    schema: {columns: [{name: C, type: string, comment: "{{ config.pw }}"}]}
  - {name: B, type: managed}
recipes:
  - {name: r, type: python, inputs: [A], outputs: [B], code: "key = '{{ config.pw }}'"}
`),
        { values: { pw: { value: "hunter2", secret: true }, conn: { value: "pg", secret: true }, plain: { value: "p", secret: false } } },
      );
      assert.deepStrictEqual(l.secrets.project, [["variables", "local", "pw"]], "settings is not sent, plain config is not secret");
      assert.deepStrictEqual(l.secrets.datasets, { A: [["connection"], ["params", "password"], ["schema"], ["columns", 0, "comment"]] });
      assert.deepStrictEqual(l.secrets.recipes, { r: [["code"]] });
      assert.strictEqual(l.datasets[0].params?.password, "x-hunter2");
      assert.strictEqual(l.recipes[0].code, "key = 'hunter2'");
    });

    it("refuses a secret in a name, type or reference", () => {
      const problems = problemsOf(writeConfig(`project: {key: "{{ config.k }}", name: P}\n`), { values: { k: { value: "P", secret: true } } });
      assert.deepStrictEqual(problems.map((p) => p.path), ["project.key"]);
      assert.match(problems[0].message, /^cannot use a secret config value here: names and types appear in resource names/);
    });
  });

  describe("wrapSecrets", () => {
    it("wraps the values at the given paths in a copy", () => {
      const args = { a: { b: [1, 2] }, c: "x", d: "y" };
      const out = wrapSecrets(args, [["a", "b", 1], ["c"], ["missing", "z"]], (v) => ({ secret: v }));
      assert.deepStrictEqual(out, { a: { b: [1, { secret: 2 }] }, c: { secret: "x" }, d: "y" });
      assert.deepStrictEqual(args, { a: { b: [1, 2] }, c: "x", d: "y" }, "the input is not changed");
    });
  });

  describe("warnings and errors", () => {
    it("warns that project.settings is not sent to DSS, and still loads", () => {
      const l = load(writeConfig("project:\n  key: P\n  name: P\n  settings: {owner: x}\n"));
      assert.deepStrictEqual(l.warnings.map(brief), ["4:3 project.settings: project.settings is accepted for compatibility but not sent to DSS; use description, shortDesc, tags or variables"]);
      assert.strictEqual(l.warnings[0].severity, "warning");
    });

    it("reports every problem at once, as readable lines without stack frames", () => {
      const file = writeConfig(`project:\n  key: bad key\n  name: P\ndatasets:\n  - {name: A, type: nope}\n  - {name: A, type: managed}\n`);
      let error: unknown;
      try {
        load(file);
      } catch (e) {
        error = e;
      }
      assert.ok(error instanceof ConfigError);
      assert.deepStrictEqual(error.message.split("\n"), [
        "The Dataiku config has 3 errors; nothing was sent to DSS.",
        `${file}:2:3 project.key: may contain only letters, digits and underscores, for example MY_PROJECT; got "bad key"`,
        `${file}:5:15 datasets[0].type: unknown dataset type "nope". Use one of: managed, sql, filesystem, upload, snowflake, postgresql, mysql, s3, hdfs, azure_blob, gcs, or a DSS type such as PostgreSQL`,
        `${file}:6:6 datasets[1].name: duplicate dataset name "A", first declared at ${file}:5; rename or remove one`,
      ]);
      assert.ok(!String(error.stack).includes("    at "));
      assert.ok(!error.message.includes("    at "));
    });

    it("reports a missing path clearly", () => {
      assert.deepStrictEqual(problemsOf("/nonexistent/dataiku.yml").map(brief), ["1:1 (root): no such file or directory; give the path of a config file or of a directory holding project.yml"]);
    });
  });
});
