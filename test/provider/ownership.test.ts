import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CreateJournal, journalFile } from "../../provider/common/journal";
import { ownerTag, tagsToWrite, userTags } from "../../provider/common/ownership";
import { providerContext } from "../../provider/common/settings";
import { DatasetExecutor } from "../../provider/dataset/executor";
import { FolderExecutor } from "../../provider/folder/executor";
import { ScenarioExecutor } from "../../provider/scenario/executor";
import { ProjectExecutor } from "../../provider/project/executor";
import { RecipeExecutor } from "../../provider/recipe/executor";
import { startTestDss, TestDss } from "../helpers/emulator";

const STACK = "flows/dev";

describe("ownership tags: which stack created a DSS object", () => {
  it("the user's tags never include ownership tags, and a write keeps exactly one: this stack's", () => {
    assert.deepEqual(userTags(["b", ownerTag("p/other"), "a"]), ["b", "a"]);
    assert.deepEqual(tagsToWrite(["x", ownerTag("p/other")], ["b", "a"], STACK), ["a", "b", ownerTag(STACK)].sort());
    // Tags the program does not manage stay as DSS has them.
    assert.deepEqual(tagsToWrite(["x"], undefined, STACK), [ownerTag(STACK), "x"].sort());
    // An old provider text passes no stack: ownership tags are kept, never dropped.
    assert.deepEqual(tagsToWrite(["x", ownerTag("p/other")], ["y"], undefined), [ownerTag("p/other"), "y"].sort());
  });
});

describe("a create that meets an existing object (the killed-run recovery)", function () {
  let dss: TestDss;
  let journalDir: string;
  let projects: ProjectExecutor;
  let datasets: DatasetExecutor;
  let recipes: RecipeExecutor;

  before(async () => {
    dss = await startTestDss();
    journalDir = fs.mkdtempSync(path.join(os.tmpdir(), "ownership-journal-"));
    providerContext.configure((key) => ({ "dataiku:journalDir": journalDir, "dataiku:url": dss.url })[key]);
    projects = new ProjectExecutor(dss.client);
    datasets = new DatasetExecutor(dss.client, "filesystem_managed");
    recipes = new RecipeExecutor(dss.client);
    await projects.create({ projectKey: "OWN", name: "Ownership", tags: ["team"] }, STACK);
  });
  after(async () => {
    await dss?.close();
    fs.rmSync(journalDir, { recursive: true, force: true });
  });

  it("writes this stack's tag on every kind, and never shows it as a managed tag", async () => {
    const meta = await dss.client.projects.getMetadata("OWN");
    assert.deepEqual(meta.tags, [ownerTag(STACK), "team"]);
    assert.deepEqual((await projects.read({ projectKey: "OWN", name: "Ownership", tags: ["team"] }))?.tags, ["team"]);

    const sql = { projectKey: "OWN", name: "SRC", type: "PostgreSQL", connection: "sql_dwh", table: "t" };
    const managed = { projectKey: "OWN", name: "OUT", type: "managed", formatType: "parquet", tags: ["gold"] };
    await datasets.create(sql, STACK);
    const state = await datasets.create(managed, STACK);
    assert.deepEqual(state.tags, ["gold"]);
    assert.deepEqual((await dss.client.datasets.get("OWN", "SRC")).tags, [ownerTag(STACK)]);
    assert.deepEqual((await dss.client.datasets.get("OWN", "OUT")).tags, ["gold", ownerTag(STACK)].sort());

    await recipes.create({ projectKey: "OWN", name: "build", type: "python", inputs: ["SRC"], outputs: ["OUT"], code: "1" }, STACK);
    assert.deepEqual((await dss.client.recipes.get("OWN", "build")).recipe.tags, [ownerTag(STACK)]);
  });

  it("takes over an object its own stack created (state lost), with no second object", async () => {
    // What a killed run leaves: the object in DSS, tagged, and nothing in state. Creating again adopts it.
    const args = { projectKey: "OWN", name: "build", type: "python", inputs: ["SRC"], outputs: ["OUT"], code: "2" };
    const state = await recipes.create(args, STACK);
    assert.equal(state.code, "2", "the adopted object converges on the program");
    const all = await dss.client.recipes.list("OWN");
    assert.equal(all.filter((r) => r.name === "build").length, 1);
  });

  it("refuses an object another stack, or nobody, created: the error names adopt", async () => {
    await dss.client.datasets.create("OWN", {
      projectKey: "OWN", name: "COLLEAGUE", type: "PostgreSQL", params: { connection: "sql_dwh", table: "c" }, tags: ["theirs"],
    });
    const mine = { projectKey: "OWN", name: "COLLEAGUE", type: "PostgreSQL", connection: "sql_dwh", table: "mine" };
    await assert.rejects(datasets.create(mine, STACK), { message: /already exists in DSS and is not managed by this stack.*adopt: true/ });
    await assert.rejects(datasets.create(mine, "flows/prod"), { message: /already exists/ });
    const kept = await dss.client.datasets.get("OWN", "COLLEAGUE");
    assert.deepEqual([kept.params?.table, kept.tags], ["c", ["theirs"]], "the colleague's dataset is untouched");

    await datasets.create({ ...mine, name: "OTHER_STACK" }, "flows/prod");
    await assert.rejects(datasets.create({ ...mine, name: "OTHER_STACK" }, STACK), { message: /already exists/ });
  });

  it("takes over an untagged object whose create the journal shows cut off mid-flight", async () => {
    // A managed dataset gets its tag in the write after its POST. A run killed between the two leaves
    // it untagged; the journal line an earlier process wrote before the POST is what proves it ours.
    const stack = "flows/half";
    await dss.client.datasets.createManaged("OWN", { name: "HALF", creationSettings: { connectionId: "filesystem_managed" } });
    const file = journalFile(journalDir, stack, dss.url);
    fs.writeFileSync(file, `${JSON.stringify({ id: "dataset:OWN.HALF", t: "intent", run: "killed-1" })}\n{"id":"torn`);
    const state = await datasets.create({ projectKey: "OWN", name: "HALF", type: "managed", description: "d" }, stack);
    assert.equal(state.description, "d");
    assert.deepEqual((await dss.client.datasets.get("OWN", "HALF")).tags, [ownerTag(stack)]);
    // The journal now says the create finished, so nothing else of that name is ever taken over.
    assert.equal(new CreateJournal(file, "later-run").wasInFlight("dataset:OWN.HALF"), false);
  });

  it("folders and scenarios: this stack's own object is taken over, anyone else's refused", async () => {
    const folders = new FolderExecutor(dss.client);
    const scenarios = new ScenarioExecutor(dss.client);
    const folder = { projectKey: "OWN", name: "files", connection: "filesystem_folders" };
    const scenario = { projectKey: "OWN", name: "nightly", steps: [{ build: ["OUT"] }] };
    const first = await folders.create(folder, STACK);
    await scenarios.create(scenario, STACK);
    // State lost (a killed run): creating again takes both over, with no second object.
    assert.equal((await folders.create(folder, STACK)).folderId, first.folderId);
    await scenarios.create(scenario, STACK);
    assert.equal((await dss.client.folders.list("OWN")).filter((f) => f.name === "files").length, 1);
    assert.equal((await dss.client.scenarios.list("OWN")).filter((x) => x.name === "nightly").length, 1);
    await assert.rejects(folders.create(folder, "flows/prod"), { message: /already exists in DSS.*adopt: true/ });
    await assert.rejects(scenarios.create(scenario, "flows/prod"), { message: /already exists in DSS.*adopt: true/ });
  });

  it("an update keeps the ownership tag while the user's tags change", async () => {
    const args = { projectKey: "OWN", name: "OUT", type: "managed", formatType: "parquet", tags: ["silver"] };
    const state = await datasets.update(args, args);
    assert.deepEqual(state.tags, ["silver"]);
    assert.deepEqual((await dss.client.datasets.get("OWN", "OUT")).tags, ["silver", ownerTag(STACK)].sort());
  });

  it("adopting someone else's object leaves its tags alone: adoption alone changes nothing in DSS", async () => {
    await dss.client.datasets.create("OWN", {
      projectKey: "OWN", name: "ADOPTED", type: "PostgreSQL", params: { connection: "sql_dwh", table: "a" }, tags: ["theirs"],
    });
    const before = await dss.client.datasets.get("OWN", "ADOPTED");
    await datasets.create({ projectKey: "OWN", name: "ADOPTED", type: "PostgreSQL", connection: "sql_dwh", table: "a", adopt: true }, STACK);
    assert.deepEqual(await dss.client.datasets.get("OWN", "ADOPTED"), before, "not even a version bump");
  });
});

describe("the create journal", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "journal-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("writes one line per record, and its own in-flight creates are not 'cut off'", async () => {
    const journal = new CreateJournal(path.join(dir, "j.jsonl"));
    await Promise.all([journal.record("dataset:P.A", "intent"), journal.record("dataset:P.B", "intent")]);
    await journal.record("dataset:P.A", "created");
    const lines = fs.readFileSync(path.join(dir, "j.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
    assert.deepEqual(lines.map((l) => [l.id, l.t]), [["dataset:P.A", "intent"], ["dataset:P.B", "intent"], ["dataset:P.A", "created"]]);
    assert.equal(journal.wasInFlight("dataset:P.B"), false, "this process's own create is not an earlier one's");
    // The next process sees B's create cut off, and A's finished.
    const next = new CreateJournal(path.join(dir, "j.jsonl"), "next-process");
    assert.equal(next.wasInFlight("dataset:P.B"), true);
    assert.equal(next.wasInFlight("dataset:P.A"), false);
  });

  it("compacts a long file to the creates still in flight", () => {
    const file = path.join(dir, "j.jsonl");
    const lines = Array.from({ length: 2500 }, (_, i) => JSON.stringify({ id: `dataset:P.D${i}`, t: "created", run: "old" }));
    lines.push(JSON.stringify({ id: "dataset:P.CUT", t: "intent", run: "old" }));
    fs.writeFileSync(file, `${lines.join("\n")}\n`);
    const journal = new CreateJournal(file, "next-process");
    assert.equal(journal.wasInFlight("dataset:P.CUT"), true);
    assert.deepEqual(fs.readFileSync(file, "utf8").trim().split("\n").map((l) => JSON.parse(l).id), ["dataset:P.CUT"]);
  });

  it("a journal that cannot be written fails the create with what to do", async () => {
    const blocker = path.join(dir, "file");
    fs.writeFileSync(blocker, "");
    const journal = new CreateJournal(path.join(blocker, "j.jsonl"));
    await assert.rejects(journal.record("project:P", "intent"), { message: /Could not write the create journal .* set dataiku:journalDir/ });
  });

  it("names files by stack and a hash of the DSS URL, never the URL itself", () => {
    const file = journalFile(dir, "my proj/dev", "https://user:secret@dss.example.com");
    assert.equal(path.dirname(file), dir);
    assert.match(path.basename(file), /^my_proj_dev@[0-9a-f]{12}\.jsonl$/);
  });
});

describe("the provider process's one client", () => {
  it("every kind's configure with the same stack config keeps one client, so limits hold across kinds", () => {
    const config = (key: string) => ({ "dataiku:url": "http://127.0.0.1:1", "dataiku:apiKey": "k", "dataiku:maxConcurrency": "4" })[key];
    providerContext.configure(config);
    const first = providerContext.getClient();
    providerContext.configure(config); // the dataset kind's text
    providerContext.configure(config); // the recipe kind's text
    assert.equal(providerContext.getClient(), first);
    providerContext.configure((key) => (key === "dataiku:maxConcurrency" ? "8" : config(key)));
    assert.notEqual(providerContext.getClient(), first, "other settings make a new client");
  });
});
