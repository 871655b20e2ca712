import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { startEmulator } from "../../provider/emulator";
import { ErrorTypes } from "../../provider/emulator/errors";
import { writeJsonAtomic } from "../../provider/emulator/files";
import { KEY, dssError, startTest, tempDir } from "./helpers";

function allFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? allFiles(path.join(dir, d.name)) : [path.join(dir, d.name)],
  );
}

describe("emulator: persistence and concurrency", () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = tempDir();
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it("a new emulator on the same data dir sees every object as it was left", async () => {
    const first = await startTest({ dataDir });
    const d = first.dss;
    await d.createProject("KEEP", { tags: ["b", "a"] });
    await d.ok("PUT", "/projects/KEEP/variables/", { standard: { x: 1 }, local: {} });
    await d.createManaged("KEEP", "in_ds");
    await d.ok("PUT", "/projects/KEEP/datasets/in_ds/schema", { columns: [{ name: "id", type: "int" }] });
    await d.ok("POST", "/projects/KEEP/recipes/", {
      recipePrototype: { type: "python", name: "r", inputs: { main: { items: [{ ref: "in_ds" }] } }, outputs: {} },
      creationSettings: { script: "code" },
    });
    await d.ok("POST", "/admin/connections/", { name: "extra_conn", type: "Filesystem" });
    await d.createProject("GONE");
    await d.ok("DELETE", "/projects/GONE");
    const before = {
      projects: await d.ok("GET", "/projects/"),
      dataset: await d.ok("GET", "/projects/KEEP/datasets/in_ds"),
      recipe: await d.ok("GET", "/projects/KEEP/recipes/r"),
      variables: await d.ok("GET", "/projects/KEEP/variables/"),
      connections: await d.ok("GET", "/admin/connections/"),
    };
    await first.stop();

    // Restart with different connections: they are ignored, connections persist from the first start.
    const second = await startTest({ dataDir, connections: [{ name: "other", type: "Filesystem" }] });
    try {
      const e = second.dss;
      assert.deepStrictEqual(await e.ok("GET", "/projects/"), before.projects);
      assert.deepStrictEqual(await e.ok("GET", "/projects/KEEP/datasets/in_ds"), before.dataset);
      assert.deepStrictEqual(await e.ok("GET", "/projects/KEEP/recipes/r"), before.recipe);
      assert.deepStrictEqual(await e.ok("GET", "/projects/KEEP/variables/"), before.variables);
      assert.deepStrictEqual(await e.ok("GET", "/admin/connections/"), before.connections);
      dssError(await e.call("GET", "/projects/GONE"), 404, ErrorTypes.notFound);
      // And it keeps working: versions continue from where they were.
      const saved = await e.ok("PUT", "/projects/KEEP/datasets/in_ds", before.dataset);
      assert.strictEqual(saved.versionTag.versionNumber, before.dataset.versionTag.versionNumber + 1);
    } finally {
      await second.stop();
    }
  });

  it("50 parallel dataset creates store exactly 50, each in its own complete file", async () => {
    const t = await startTest({ dataDir });
    try {
      await t.dss.createProject("PAR");
      const names = Array.from({ length: 50 }, (_, i) => `ds_${i}`);
      const results = await Promise.all(names.map((n) => t.dss.call("POST", "/projects/PAR/datasets/managed", {
        body: { name: n, creationSettings: { connectionId: "filesystem_managed" } },
      })));
      assert.ok(results.every((r) => r.status === 200));
      const listed = (await t.dss.ok("GET", "/projects/PAR/datasets/")).map((d: { name: string }) => d.name);
      assert.deepStrictEqual(listed, [...names].sort());
      const files = allFiles(path.join(dataDir, "state", "projects", "PAR", "datasets"));
      assert.strictEqual(files.length, 50);
      for (const f of files) {
        assert.ok(f.endsWith(".json"), `no temp file left: ${f}`);
        const rec = JSON.parse(fs.readFileSync(f, "utf8"));
        assert.strictEqual(`${rec.definition.name}.json`, path.basename(f));
      }
      assert.ok(allFiles(path.join(dataDir, "state")).every((f) => !f.endsWith(".tmp")));
    } finally {
      await t.stop();
    }
  });

  it("parallel creates of one name: exactly one wins, the rest are 'already exists'", async () => {
    const t = await startTest({ dataDir });
    try {
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) =>
        t.dss.call("POST", "/projects/", { body: { projectKey: "RACE", name: `attempt ${i}` } })));
      assert.strictEqual(results.filter((r) => r.status === 200).length, 1);
      for (const r of results.filter((x) => x.status !== 200)) {
        assert.match(dssError(r, 400, ErrorTypes.illegalArgument).message, /already exists/);
      }
      const winner = results.findIndex((r) => r.status === 200);
      assert.strictEqual((await t.dss.ok("GET", "/projects/RACE")).name, `attempt ${winner}`);
    } finally {
      await t.stop();
    }
  });

  it("parallel saves of one document leave a valid document whose version counts every save", async () => {
    const t = await startTest({ dataDir });
    try {
      await t.dss.createProject("SAVE");
      await t.dss.createManaged("SAVE", "d");
      const def = await t.dss.ok("GET", "/projects/SAVE/datasets/d");
      await Promise.all(Array.from({ length: 25 }, (_, i) => t.dss.ok("PUT", "/projects/SAVE/datasets/d", { ...def, description: `v${i}` })));
      const after = await t.dss.ok("GET", "/projects/SAVE/datasets/d");
      assert.strictEqual(after.versionTag.versionNumber, 26);
      const onDisk = JSON.parse(fs.readFileSync(path.join(dataDir, "state", "projects", "SAVE", "datasets", "d.json"), "utf8"));
      assert.deepStrictEqual(onDisk.definition, after);
    } finally {
      await t.stop();
    }
  });

  it("a state write creates a missing directory, and one that fails leaves no temp file behind", async () => {
    const file = path.join(dataDir, "state", "projects", "NEW", "datasets", "a.json");
    await writeJsonAtomic(file, { v: 1 });
    assert.deepStrictEqual(JSON.parse(fs.readFileSync(file, "utf8")), { v: 1 });
    // The target's place is taken by a directory: the rename fails after the temp file was written.
    const blocked = path.join(dataDir, "state", "blocked.json");
    fs.mkdirSync(path.join(blocked, "child"), { recursive: true });
    await assert.rejects(writeJsonAtomic(blocked, { v: 2 }));
    assert.deepStrictEqual(fs.readdirSync(path.dirname(blocked)).filter((f) => f.endsWith(".tmp")), []);
    await writeJsonAtomic(file, { v: 3 });
    assert.deepStrictEqual(fs.readdirSync(path.dirname(file)), ["a.json"]);
    assert.deepStrictEqual(JSON.parse(fs.readFileSync(file, "utf8")), { v: 3 });
  });

  it("leftover temp files and a half-deleted project from a crash are cleaned at start", async () => {
    const t = await startTest({ dataDir });
    await t.dss.createProject("OK");
    await t.stop();
    const projectDir = path.join(dataDir, "state", "projects", "OK");
    fs.writeFileSync(path.join(projectDir, "project.json.123.1.tmp"), "{ torn");
    fs.mkdirSync(path.join(dataDir, "state", "trash", "OLD-x"), { recursive: true });
    const again = await startTest({ dataDir });
    try {
      assert.deepStrictEqual((await again.dss.ok("GET", "/projects/")).map((p: { projectKey: string }) => p.projectKey), ["OK"]);
      assert.ok(!fs.existsSync(path.join(projectDir, "project.json.123.1.tmp")));
      assert.ok(!fs.existsSync(path.join(dataDir, "state", "trash")));
    } finally {
      await again.stop();
    }
  });

  it("a corrupt state file stops the start with a message naming the file", async () => {
    const t = await startTest({ dataDir });
    await t.dss.createProject("BROKEN");
    await t.stop();
    const file = path.join(dataDir, "state", "projects", "BROKEN", "project.json");
    fs.writeFileSync(file, "{ not json");
    await assert.rejects(startEmulator({ dataDir, apiKeys: [KEY] }), (err: Error) => err.message.includes(file) && /not valid JSON/.test(err.message));
  });

  it("stays quick with 2000 objects: starts and lists them all", async () => {
    const t = await startTest({ dataDir });
    try {
      for (let p = 0; p < 10; p++) {
        await t.dss.createProject(`BIG${p}`);
        await Promise.all(Array.from({ length: 200 }, (_, i) => t.dss.createSql(`BIG${p}`, `t_${i}`)));
      }
    } finally {
      await t.stop();
    }
    const again = await startTest({ dataDir });
    try {
      let total = 0;
      for (let p = 0; p < 10; p++) total += (await again.dss.ok("GET", `/projects/BIG${p}/datasets/`)).length;
      assert.strictEqual(total, 2000);
    } finally {
      await again.stop();
    }
  }).timeout(60000);
});
