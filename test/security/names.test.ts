// Names with path characters, dots, spaces or unicode: refused by validation (config loader and the
// resources' `check`) before anything reaches DSS, and URL-encoded by the client into exactly one
// path segment when they do reach it. No name, however crafted, reads or deletes another project's
// objects: every attempt below runs against an emulator holding a project OTHER, which must come out
// of it untouched.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DssClient } from "../../provider/client";
import { dynamicProvider, ResourceKind } from "../../provider/common/dynamicProvider";
import { ConfigError, loadConfig } from "../../provider/config";
import { DatasetExecutor } from "../../provider/dataset/executor";
import { datasetKind } from "../../provider/dataset/kind";
import { RunningEmulator, startEmulator } from "../../provider/emulator";
import { ProjectExecutor } from "../../provider/project/executor";
import { projectKind } from "../../provider/project/kind";
import { RecipeExecutor } from "../../provider/recipe/executor";
import { recipeKind } from "../../provider/recipe/kind";

// Built at run time: scripts/check-secrets.sh refuses key-shaped literals in tracked files.
const API_KEY = `dkuaps-${"names".repeat(8)}`;

/** Names that must never be accepted as a project key or an object name. */
const HOSTILE = [
  "../OTHER", "../../OTHER/datasets/X", "OTHER/datasets/X", "X%2F..", "%2e%2e", "..", ".", "a.b", "OTHER.X",
  "a b", " X", "X ", "a\tb", "a\nb", "é", "日本語", "😀", "Ａ", "a\\b", "a?b", "a#b", "a%b", "a;b", "a-b",
  "a\u0000b", "a\u202eb", "", "x".repeat(256),
];

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  assert.fail("expected a rejection");
}

describe("security: hostile names are refused by validation", () => {
  let dir: string;
  before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-dataiku-names-"))));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const load = (text: string) => {
    const file = path.join(dir, "dataiku.yml");
    fs.writeFileSync(file, text);
    try {
      loadConfig({ path: file, stack: "dev", env: {} });
    } catch (e) {
      assert.ok(e instanceof ConfigError, String(e));
      return e.problems;
    }
    assert.fail(`accepted:\n${text}`);
  };

  for (const name of HOSTILE) {
    const q = JSON.stringify(name);
    it(`config: ${q.slice(0, 40)} as project key, dataset name, recipe name and input is refused where it stands`, () => {
      const cases: Array<[string, string, string]> = [
        ["project.key", `version: "1.0"\nproject: {key: ${q}, name: n}\n`, "project.key"],
        ["datasets[0].name", `version: "1.0"\nproject: {key: P, name: n}\ndatasets:\n  - {name: ${q}, type: managed}\n`, "datasets[0].name"],
        [
          "recipes[0].name",
          `version: "1.0"\nproject: {key: P, name: n}\ndatasets:\n  - {name: A, type: managed}\n  - {name: B, type: managed}\nrecipes:\n  - {name: ${q}, type: python, code: x, inputs: [A], outputs: [B]}\n`,
          "recipes[0].name",
        ],
        [
          "recipes[0].inputs[0]",
          `version: "1.0"\nproject: {key: P, name: n}\ndatasets:\n  - {name: B, type: managed}\nrecipes:\n  - {name: r, type: python, code: x, inputs: [${q}], outputs: [B]}\n`,
          "recipes[0].inputs[0]",
        ],
      ];
      for (const [what, text, at] of cases) {
        const problems = load(text);
        assert.ok(problems.some((p) => p.path === at && p.severity === "error"), `${what}: ${JSON.stringify(problems)}`);
      }
    });
  }

  const checkFailures = async (kind: ResourceKind, inputs: Record<string, unknown>) =>
    (await dynamicProvider(kind).check({}, inputs)).failures ?? [];

  it("resource check: every hostile name fails the Project, Dataset and Recipe schemas, naming the property", async () => {
    for (const name of HOSTILE) {
      const project = await checkFailures(projectKind, { projectKey: name, name: "n" });
      assert.ok(project.some((f) => f.property === "projectKey"), `projectKey ${JSON.stringify(name)}: ${JSON.stringify(project)}`);
      const dataset = await checkFailures(datasetKind, { projectKey: "P", name, type: "managed" });
      assert.ok(dataset.some((f) => f.property === "name"), `dataset ${JSON.stringify(name)}: ${JSON.stringify(dataset)}`);
      const datasetKey = await checkFailures(datasetKind, { projectKey: name, name: "A", type: "managed" });
      assert.ok(datasetKey.some((f) => f.property === "projectKey"), `dataset projectKey ${JSON.stringify(name)}`);
      const recipe = await checkFailures(recipeKind, { projectKey: "P", name, type: "python", code: "x", inputs: ["A"], outputs: ["B"] });
      assert.ok(recipe.some((f) => f.property === "name"), `recipe ${JSON.stringify(name)}: ${JSON.stringify(recipe)}`);
      const refs = await checkFailures(recipeKind, { projectKey: "P", name: "r", type: "python", code: "x", inputs: [name], outputs: [name] });
      assert.ok(refs.some((f) => f.property === "inputs[0]") && refs.some((f) => f.property === "outputs[0]"), `recipe refs ${JSON.stringify(name)}: ${JSON.stringify(refs)}`);
    }
  });

  it("resource check: ordinary names with letters, digits and underscores pass", async () => {
    assert.deepEqual(await checkFailures(projectKind, { projectKey: "My_Project_2", name: "Any label é 日本" }), []);
    assert.deepEqual(await checkFailures(datasetKind, { projectKey: "P", name: "orders_2024", type: "managed" }), []);
  });
});

describe("security: the client keeps every name inside its own path segment", function () {
  this.timeout(60_000);
  let dataDir: string;
  let emulator: RunningEmulator;
  let client: DssClient;
  const logLines: string[] = [];
  let otherBefore: unknown;

  /** OTHER as the emulator serves it: what an escaped request would change. */
  const other = async () => ({
    metadata: await client.projects.getMetadata("OTHER"),
    variables: await client.projects.getVariables("OTHER"),
    datasets: await client.datasets.list("OTHER"),
    x: await client.datasets.get("OTHER", "X"),
    recipe: await client.recipes.get("OTHER", "r"),
  });

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-dataiku-names-dss-"));
    emulator = await startEmulator({ dataDir, apiKeys: [API_KEY], log: (line) => logLines.push(line) });
    client = new DssClient({ url: emulator.url, apiKey: API_KEY, maxRetries: 0 });
    for (const key of ["P", "OTHER"]) {
      await client.projects.create({ projectKey: key, name: key });
      await client.datasets.createManaged(key, { name: "X", creationSettings: { connectionId: "filesystem_managed" } });
      await client.datasets.createManaged(key, { name: "Y", creationSettings: { connectionId: "filesystem_managed" } });
      await client.recipes.create(key, {
        recipePrototype: { type: "python", name: "r", inputs: { main: { items: [{ ref: "X" }] } }, outputs: { main: { items: [{ ref: "Y" }] } } },
        creationSettings: { script: "x" },
      });
    }
    otherBefore = await other();
  });
  after(async () => {
    await emulator?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("sends each hostile name as one encoded segment and never reads or deletes OTHER's objects", async () => {
    const tricks = HOSTILE.filter((n) => n !== "" && n !== "." && n !== "..");
    for (const name of tricks) {
      logLines.length = 0;
      const encoded = encodeURIComponent(name);
      // Reads and deletes through a hostile dataset, recipe or project name find nothing.
      for (const attempt of [
        () => client.datasets.get("P", name),
        () => client.datasets.getSchema("P", name),
        () => client.datasets.delete("P", name, { dropData: true }),
        () => client.recipes.get("P", name),
        () => client.recipes.delete("P", name),
        () => client.projects.getMetadata(name),
        () => client.projects.delete(name, { clearManagedDatasets: true }),
      ]) {
        const e = await rejection(attempt());
        const status = (e as { status?: number }).status;
        assert.ok(status === 404 || status === 400, `${JSON.stringify(name)}: ${(e as Error).message}`);
      }
      // What went on the wire: the name, encoded, in exactly its own segment.
      assert.ok(logLines.length >= 7, logLines.join("\n"));
      for (const line of logLines) {
        const wirePath = line.split(" ")[1];
        const segments = wirePath.split("/");
        assert.ok(segments.includes(encoded), `${JSON.stringify(name)} not sent as ${encoded}: ${line}`);
        assert.ok(segments.every((s) => s !== ".." && s !== "." && !/%2e%2e/i.test(s) || s === encoded), line);
        assert.ok(!/\/OTHER(\/|$)/.test(wirePath), `a request reached OTHER's path: ${line}`);
      }
    }
    assert.deepStrictEqual(await other(), otherBefore);
  });

  it("refuses empty, '.' and '..' names before sending anything (URL parsers resolve dot segments)", async () => {
    emulator.resetStats();
    for (const name of ["", ".", ".."]) {
      for (const attempt of [
        () => client.datasets.get("P", name),
        () => client.datasets.delete("P", name),
        () => client.recipes.delete("P", name),
        () => client.projects.delete(name),
        () => client.datasets.delete(name, "X"),
      ]) {
        const e = await rejection(attempt());
        assert.match((e as Error).message, /\S/);
      }
    }
    assert.equal(emulator.stats().total, 0, "nothing reached DSS");
    assert.deepStrictEqual(await other(), otherBefore);
  });

  it("round-trips a connection whose name holds spaces, unicode, '?', '#', '%' and dots", async () => {
    const name = "prod dwh é 日本 ?#%2F.x %zz";
    const res = await fetch(`${emulator.url}/public/api/admin/connections/`, {
      method: "POST",
      headers: { Authorization: `Basic ${Buffer.from(`${API_KEY}:`).toString("base64")}`, "Content-Type": "application/json" },
      body: JSON.stringify({ name, type: "PostgreSQL", params: {} }),
    });
    assert.equal(res.status, 200, await res.text());
    const got = await client.connections.get(name);
    assert.equal(got.name, name);
    assert.ok(await rejection(client.connections.get("prod dwh é 日本 ?#/.x %zz")));
  });

  it("the provider's executors, given a tampered state, touch nothing outside their own project", async () => {
    const datasets = new DatasetExecutor(client, "filesystem_managed");
    const recipes = new RecipeExecutor(client);
    const projects = new ProjectExecutor(client);
    for (const name of ["../OTHER/datasets/X", "X%2F..%2F..%2FOTHER%2Fdatasets%2FX", "..%2FOTHER"]) {
      assert.equal(await datasets.read({ projectKey: "P", name, type: "managed" }), undefined);
      await datasets.delete({ projectKey: "P", name, type: "managed", dropDataOnDelete: true });
      assert.equal(await recipes.read({ projectKey: "P", name, type: "python", inputs: [], outputs: ["Y"] }), undefined);
      await recipes.delete({ projectKey: "P", name, type: "python", inputs: [], outputs: ["Y"] });
      assert.equal(await projects.read({ projectKey: `../${name}`, name: "n" }), undefined);
      await projects.delete({ projectKey: `P/../${name}`, name: "n", dropManagedDataOnDelete: true });
    }
    assert.deepStrictEqual(await other(), otherBefore);
    assert.equal((await client.datasets.get("P", "X")).name, "X", "P's own objects are untouched as well");
  });
});
