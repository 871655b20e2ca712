import * as assert from "assert";
import { ErrorTypes } from "../../provider/emulator/errors";
import { Started, dssError, startTest } from "./helpers";

describe("emulator: projects", () => {
  let t: Started;
  beforeEach(async () => {
    t = await startTest();
  });
  afterEach(() => t.stop());

  it("create answers a bare text body; the project appears in list and summary with the key's user as owner", async () => {
    const res = await t.dss.call("POST", "/projects/", {
      body: { projectKey: "SALES", name: "Sales", description: "d", settings: null, permissions: [], tags: ["b", "a"] },
    });
    assert.strictEqual(res.status, 200);
    assert.match(String(res.headers["content-type"]), /^text\/plain/);
    assert.strictEqual(res.text, "SALES");

    const summary = await t.dss.ok("GET", "/projects/SALES");
    assert.strictEqual(summary.name, "Sales");
    assert.strictEqual(summary.ownerLogin, "admin");
    assert.deepStrictEqual(summary.tags, ["a", "b"]);
    assert.strictEqual(summary.versionTag.versionNumber, 1);
    assert.deepStrictEqual(summary.creationTag.lastModifiedBy, { login: "admin" });
    const list = await t.dss.ok("GET", "/projects/");
    assert.deepStrictEqual(list.map((p: { projectKey: string }) => p.projectKey), ["SALES"]);
    assert.strictEqual((await t.dss.ok("GET", "/projects/SALES/metadata")).description, "d");
  });

  it("an explicit owner is kept; a minimal {projectKey, name, owner} body works", async () => {
    await t.dss.ok("POST", "/projects/", { projectKey: "MIN", name: "Min", owner: "alice" });
    assert.strictEqual((await t.dss.ok("GET", "/projects/MIN/permissions")).owner, "alice");
  });

  it("refuses a duplicate key (400 already exists) and keeps the original", async () => {
    await t.dss.createProject("DUP", { name: "First" });
    const res = await t.dss.call("POST", "/projects/", { body: { projectKey: "DUP", name: "Second" } });
    assert.match(dssError(res, 400, ErrorTypes.illegalArgument).message, /Project DUP already exists/);
    assert.strictEqual((await t.dss.ok("GET", "/projects/DUP")).name, "First");
  });

  it("refuses invalid keys with a 400 that says which characters are allowed", async () => {
    for (const key of ["has space", "dot.ted", "dash-ed", "", "é"]) {
      const res = await t.dss.call("POST", "/projects/", { body: { projectKey: key, name: "x" } });
      assert.match(dssError(res, 400, ErrorTypes.illegalArgument).message, /letters, digits and underscores/, key);
    }
    assert.deepStrictEqual(await t.dss.ok("GET", "/projects/"), []);
  });

  it("unknown project: 404 NotFoundException on every project route", async () => {
    for (const [method, path] of [
      ["GET", "/projects/NOPE"],
      ["GET", "/projects/NOPE/metadata"],
      ["PUT", "/projects/NOPE/settings"],
      ["GET", "/projects/NOPE/variables/"],
      ["DELETE", "/projects/NOPE"],
      ["GET", "/projects/NOPE/datasets/"],
    ]) {
      const res = await t.dss.call(method, path, { body: method === "PUT" ? {} : undefined });
      assert.strictEqual(dssError(res, 404, ErrorTypes.notFound).message, "project does not exist: NOPE");
    }
  });

  it("list filters by tags given repeated or comma-joined", async () => {
    await t.dss.createProject("A", { tags: ["red"] });
    await t.dss.createProject("B", { tags: ["blue"] });
    await t.dss.createProject("C", { tags: ["green"] });
    const keys = async (q: string) => (await t.dss.ok("GET", `/projects/?${q}`)).map((p: { projectKey: string }) => p.projectKey);
    assert.deepStrictEqual(await keys("tags=red&tags=blue"), ["A", "B"]);
    assert.deepStrictEqual(await keys("tags=green,blue"), ["B", "C"]);
    assert.deepStrictEqual(await keys("includeLocation=True"), ["A", "B", "C"]);
  });

  describe("metadata", () => {
    it("PUT replaces the whole document, sorts tags, keeps unmodelled fields, and renames the project", async () => {
      await t.dss.createProject("M");
      const md = await t.dss.ok("GET", "/projects/M/metadata");
      assert.deepStrictEqual(md.checklists, { checklists: [] });
      md.label = "Renamed";
      md.tags = ["zeta", "alpha", "zeta"];
      md.checklists = { checklists: [{ title: "go-live", items: [{ done: false, text: "review" }] }] };
      md.somethingNew = { nested: [1, 2] };
      await t.dss.ok("PUT", "/projects/M/metadata", md);

      const back = await t.dss.ok("GET", "/projects/M/metadata");
      assert.deepStrictEqual(back.tags, ["alpha", "zeta"]);
      assert.deepStrictEqual(back.somethingNew, { nested: [1, 2] });
      assert.strictEqual(back.checklists.checklists[0].title, "go-live");
      assert.strictEqual((await t.dss.ok("GET", "/projects/M")).name, "Renamed");

      // Whole-document replace: what is omitted is gone.
      await t.dss.ok("PUT", "/projects/M/metadata", { label: "Only label" });
      const replaced = await t.dss.ok("GET", "/projects/M/metadata");
      assert.deepStrictEqual(replaced, { label: "Only label", tags: [] });
    });

    it("bumps the project versionTag on each save and ignores a stale one in the body", async () => {
      await t.dss.createProject("V");
      const v = async () => (await t.dss.ok("GET", "/projects/V")).versionTag.versionNumber;
      assert.strictEqual(await v(), 1);
      await t.dss.ok("PUT", "/projects/V/metadata", { label: "a", versionTag: { versionNumber: 0 } });
      await t.dss.ok("PUT", "/projects/V/settings", { settings: {} });
      await t.dss.ok("PUT", "/projects/V/variables/", { standard: {}, local: {} });
      assert.strictEqual(await v(), 4);
    });

    it("refuses a non-string label and non-array tags", async () => {
      await t.dss.createProject("MT");
      assert.match(dssError(await t.dss.call("PUT", "/projects/MT/metadata", { body: { label: 3 } }), 400, ErrorTypes.illegalArgument).message, /'label'/);
      assert.match(dssError(await t.dss.call("PUT", "/projects/MT/metadata", { body: { tags: [1] } }), 400, ErrorTypes.illegalArgument).message, /'tags'/);
      assert.strictEqual((await t.dss.ok("GET", "/projects/MT/metadata")).label, "Project MT");
    });
  });

  describe("settings, permissions, variables, tag palette", () => {
    it("settings: defaults at create, unknown fields survive read-modify-write, PUT replaces", async () => {
      await t.dss.createProject("S");
      const settings = await t.dss.ok("GET", "/projects/S/settings");
      assert.strictEqual(settings.settings.codeEnvs.python.mode, "USE_BUILTIN_MODE");
      settings.settings.codeEnvs.python = { useBuiltinEnv: false, mode: "EXPLICIT_ENV", envName: "py311" };
      settings.unmodelled = { keep: "me" };
      await t.dss.ok("PUT", "/projects/S/settings", settings);
      const back = await t.dss.ok("GET", "/projects/S/settings");
      assert.strictEqual(back.settings.codeEnvs.python.envName, "py311");
      assert.deepStrictEqual(back.unmodelled, { keep: "me" });
      assert.deepStrictEqual(back.exposedObjects, { objects: [] });
      await t.dss.ok("PUT", "/projects/S/settings", { settings: {} });
      assert.deepStrictEqual(await t.dss.ok("GET", "/projects/S/settings"), { settings: {} });
    });

    it("create merges given settings over the defaults", async () => {
      await t.dss.createProject("S2", { settings: { custom: 1 } });
      const s = await t.dss.ok("GET", "/projects/S2/settings");
      assert.strictEqual(s.custom, 1);
      assert.ok(s.settings.codeEnvs);
    });

    it("permissions: entries replace the list, omitted flags keep their old value, owner kept when omitted", async () => {
      await t.dss.createProject("PERM", { permissions: [{ group: "readers", readProjectContent: true, admin: false }] });
      const perms = await t.dss.ok("GET", "/projects/PERM/permissions");
      assert.strictEqual(perms.owner, "admin");
      assert.deepStrictEqual(perms.permissions, [{ group: "readers", readProjectContent: true, admin: false }]);

      await t.dss.ok("PUT", "/projects/PERM/permissions", {
        permissions: [{ group: "readers", admin: true }, { user: "bob", writeProjectContent: true }],
        extra: "kept",
      });
      const back = await t.dss.ok("GET", "/projects/PERM/permissions");
      assert.strictEqual(back.owner, "admin");
      assert.strictEqual(back.extra, "kept");
      assert.deepStrictEqual(back.permissions, [
        { group: "readers", readProjectContent: true, admin: true },
        { user: "bob", writeProjectContent: true },
      ]);
      await t.dss.ok("PUT", "/projects/PERM/permissions", { owner: "carol", permissions: [] });
      assert.strictEqual((await t.dss.ok("GET", "/projects/PERM")).ownerLogin, "carol");
    });

    it("variables: both standard and local are required; values are arbitrary JSON", async () => {
      await t.dss.createProject("VAR");
      assert.deepStrictEqual(await t.dss.ok("GET", "/projects/VAR/variables/"), { standard: {}, local: {} });
      const value = { standard: { n: 1, list: [1, "a"], obj: { x: null } }, local: { path: "/tmp" } };
      await t.dss.ok("PUT", "/projects/VAR/variables", value);
      assert.deepStrictEqual(await t.dss.ok("GET", "/projects/VAR/variables"), value);
      const missing = await t.dss.call("PUT", "/projects/VAR/variables/", { body: { standard: {} } });
      assert.match(dssError(missing, 400, ErrorTypes.illegalArgument).message, /Missing 'local'/);
      const wrong = await t.dss.call("PUT", "/projects/VAR/variables/", { body: { standard: [], local: {} } });
      assert.match(dssError(wrong, 400, ErrorTypes.illegalArgument).message, /Invalid 'standard'/);
      assert.deepStrictEqual(await t.dss.ok("GET", "/projects/VAR/variables/"), value);
    });

    it("tag palette: GET/PUT round trip", async () => {
      await t.dss.createProject("TAGS");
      const palette = { tags: { gold: { color: "#ffd700" } } };
      await t.dss.ok("PUT", "/projects/TAGS/tags", palette);
      assert.deepStrictEqual(await t.dss.ok("GET", "/projects/TAGS/tags"), palette);
    });
  });

  describe("delete", () => {
    it("wait=true (default) answers a finished future state and removes everything", async () => {
      await t.dss.createProject("DEL");
      await t.dss.createManaged("DEL", "d");
      const state = await t.dss.ok("DELETE", "/projects/DEL");
      assert.strictEqual(state.hasResult, true);
      assert.strictEqual(state.result.success, true);
      assert.strictEqual(state.jobId, undefined);
      dssError(await t.dss.call("GET", "/projects/DEL"), 404, ErrorTypes.notFound);
      dssError(await t.dss.call("GET", "/projects/DEL/datasets/d"), 404, ErrorTypes.notFound);
      // A new project with the same key starts empty.
      await t.dss.createProject("DEL");
      assert.deepStrictEqual(await t.dss.ok("GET", "/projects/DEL/datasets/"), []);
    });

    it("wait=False answers a future that GET /futures/{jobId} resolves", async () => {
      await t.dss.createProject("ASYNC");
      const state = await t.dss.ok("DELETE", "/projects/ASYNC?wait=False&clearManagedDatasets=False");
      assert.strictEqual(state.hasResult, false);
      assert.ok(state.jobId);
      dssError(await t.dss.call("GET", "/projects/ASYNC"), 404, ErrorTypes.notFound);
      const polled = await t.dss.ok("GET", `/futures/${state.jobId}?peek=false`);
      assert.strictEqual(polled.hasResult, true);
      assert.strictEqual(polled.result.success, true);
      dssError(await t.dss.call("GET", "/futures/nope"), 404, ErrorTypes.notFound);
    });

    it("clearManagedDatasets=true removes managed data; false keeps it", async () => {
      await t.dss.createProject("KEEP");
      await t.dss.createManaged("KEEP", "kept");
      await t.dss.createProject("CLEAR");
      await t.dss.createManaged("CLEAR", "cleared");
      await t.dss.createSql("CLEAR", "table_ds");
      await t.dss.ok("DELETE", "/projects/KEEP?clearManagedDatasets=false");
      await t.dss.ok("DELETE", "/projects/CLEAR?clearManagedDatasets=true");
      const kept = await t.dss.dataDir("KEEP", "kept");
      assert.strictEqual(kept.exists, true);
      assert.deepStrictEqual(kept.files, ["out-s0.csv"]);
      assert.strictEqual((await t.dss.dataDir("CLEAR", "cleared")).exists, false);
    });

    it("the legacy dropData=true also clears managed data", async () => {
      await t.dss.createProject("LEGACY");
      await t.dss.createManaged("LEGACY", "d");
      await t.dss.ok("DELETE", "/projects/LEGACY?dropData=true");
      assert.strictEqual((await t.dss.dataDir("LEGACY", "d")).exists, false);
    });
  });
});
