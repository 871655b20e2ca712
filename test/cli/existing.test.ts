// Planning against an empty state while DSS already holds the objects: the plan names each one with
// the adopt hint, counts them, and exits 1 before any write; one list call per kind, never one per object.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { z } from "zod";
import { PACKAGE_ROOT } from "../../provider/automation/offlineEnv";
import { isConflict } from "../../provider/cli/adoption";
import { EVENTS_SCHEMA_FILE } from "../../provider/cli/events";
import type { PlannedChange } from "../../provider/cli/plan";
import { startTestDss, TestDss } from "../helpers/emulator";
import { hasPulumi } from "../helpers/pulumiCli";
import { CliSandbox, jsonLines } from "./helpers";

const config = (adopt: boolean) => `project:
  key: EX
  name: Existing${adopt ? "\n  adopt: true" : ""}
datasets:
  - name: RAW
    type: managed${adopt ? "\n    adopt: true" : ""}
  - name: NEW
    type: managed
  - name: OTHER
    type: managed
recipes:
  - name: build_new
    type: python
    inputs: [RAW]
    outputs: [NEW]
    code: print(1)
`;

const change = (resource: string, inputs: Record<string, unknown> = {}): PlannedChange => ({
  resource,
  kind: resource.startsWith("project") ? "project" : "dataset",
  action: "create",
  urn: `urn:x::${resource}`,
  changes: [],
  inputs,
  attributes: {},
});

describe("dataiku-iac plan: creates of objects DSS already holds", function () {
  this.timeout(180_000);
  let dss: TestDss;
  let sandbox: CliSandbox;

  before(async function () {
    if (!hasPulumi()) this.skip();
    dss = await startTestDss();
    sandbox = CliSandbox.create(dss);
    await dss.client.projects.create({ projectKey: "EX", name: "Made by hand" });
    await dss.client.datasets.createManaged("EX", { name: "RAW", creationSettings: { connectionId: "filesystem_managed" } });
    await dss.client.datasets.createManaged("EX", { name: "OTHER", creationSettings: { connectionId: "filesystem_managed" } });
  });
  after(async () => {
    sandbox?.cleanup();
    await dss?.close();
  });

  it("isConflict: an existing object blocks a create unless adopt, adoptIds, this stack's tag or its journal allow it", () => {
    const listed = { name: "RAW", type: "Filesystem", tags: ["pulumi-stack:dataiku-iac/prod"] };
    const none = { adoptIds: new Set<string>(), stack: "dataiku-iac/dev" };
    assert.equal(isConflict(listed, change("dataset.EX.RAW"), none), true, "another stack's object");
    assert.equal(isConflict(listed, change("dataset.EX.RAW", { adopt: true }), none), false);
    assert.equal(isConflict(listed, change("dataset.EX.RAW"), { ...none, adoptIds: new Set(["dataset:EX.RAW"]) }), false);
    assert.equal(isConflict({ ...listed, tags: ["pulumi-stack:dataiku-iac/dev"] }, change("dataset.EX.RAW"), none), false, "made by this stack");
    const journal = { wasInFlight: (id: string) => id === "dataset:EX.RAW" };
    assert.equal(isConflict({ name: "RAW" }, change("dataset.EX.RAW"), { ...none, journal }), false, "its create was cut off");
  });

  it("plan names each existing object with the adopt hint, counts them, exits 1; one list call per kind, no write", async () => {
    sandbox.write("dataiku.yml", config(false));
    dss.emulator.resetStats();
    const result = await sandbox.run(["plan"]);
    assert.equal(result.code, 1, result.stdout + result.stderr);
    const hint = "(already exists in DSS: set adopt: true to take it over)";
    assert.ok(result.stdout.includes(`+ project.EX ${hint}\n`), result.stdout);
    assert.ok(result.stdout.includes(`+ dataset.EX.RAW ${hint}\n`), result.stdout);
    assert.ok(result.stdout.includes(`+ dataset.EX.OTHER ${hint}\n`), result.stdout);
    assert.match(result.stdout, /^\+ dataset\.EX\.NEW$/m);
    assert.match(result.stdout, /^\+ recipe\.EX\.build_new$/m);
    assert.match(result.stdout, /^Plan: 5 to create \(3 already exist in DSS\), 0 to update, 0 to destroy\.$/m);
    for (const id of ["project.EX", "dataset.EX.RAW", "dataset.EX.OTHER"]) {
      assert.match(result.stderr, new RegExp(`Error: ${id.replace(/\./g, "\\.")}: this (project|dataset) already exists in DSS, and the config does not adopt it: add \`adopt: true\``));
    }
    assert.match(result.stderr, /3 planned creates meet objects DSS already holds \(project\.EX, dataset\.EX\.OTHER, dataset\.EX\.RAW\); nothing was changed/);

    const { byMethod, byRoute } = dss.emulator.stats();
    assert.deepEqual(Object.keys(byMethod), ["GET"], "nothing but reads");
    assert.deepEqual(byRoute, {
      "GET /projects/": 1,
      "GET /projects/{projectKey}/datasets/": 1,
      "GET /projects/{projectKey}/recipes/": 1,
    });
  });

  it("--output json: each conflict as a planned create marked conflict, an error message per object, valid lines", async () => {
    const result = await sandbox.run(["plan", "--output", "json"]);
    assert.equal(result.code, 1, result.stdout + result.stderr);
    const schema = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, "schema", EVENTS_SCHEMA_FILE), "utf8")) as Record<string, unknown>;
    const validate = z.fromJSONSchema(schema);
    const lines = jsonLines(result.stdout);
    for (const line of lines) assert.ok(validate.safeParse(line).success, `invalid line ${JSON.stringify(line)}`);
    const conflicts = lines.filter((l) => l.type === "resource" && l.conflict === true).map((l) => l.resource);
    assert.deepEqual(conflicts, ["project.EX", "dataset.EX.OTHER", "dataset.EX.RAW"]);
    const errors = lines.filter((l) => l.type === "message" && l.level === "error" && l.resource !== null).map((l) => l.resource);
    assert.deepEqual(errors, conflicts);
    const summary = lines[lines.length - 1];
    assert.equal(summary.status, "failed");
    assert.equal(summary.exitCode, 1);
    assert.deepEqual(summary.changes, { create: 5, adopt: 0, update: 0, replace: 0, delete: 0, conflict: 3 });
  });

  it("apply stops at the same plan, before asking and before any write", async () => {
    dss.emulator.resetStats();
    const result = await sandbox.run(["apply", "--auto-approve"]);
    assert.equal(result.code, 1, result.stdout + result.stderr);
    assert.match(result.stderr, /3 planned creates meet objects DSS already holds/);
    assert.deepEqual(Object.keys(dss.emulator.stats().byMethod), ["GET"]);
  });

  it("with adopt: true on them, the project and RAW are adoptions; OTHER is still named", async () => {
    sandbox.write("dataiku.yml", config(true));
    const result = await sandbox.run(["plan"]);
    assert.equal(result.code, 1, result.stdout + result.stderr);
    assert.match(result.stdout, /^= project\.EX \(exists in DSS: adopt\)$/m);
    assert.match(result.stdout, /^= dataset\.EX\.RAW \(exists in DSS: adopt\)$/m);
    assert.match(result.stdout, /^Plan: 3 to create \(1 already exists in DSS\), 2 to adopt, 0 to update, 0 to destroy\.$/m);
    assert.match(result.stderr, /1 planned create meets an object DSS already holds \(dataset\.EX\.OTHER\)/);
  });

  it("once nothing conflicts, plan exits 2 as usual", async () => {
    sandbox.write("dataiku.yml", config(true).replace("  - name: OTHER\n    type: managed\n", ""));
    const result = await sandbox.run(["plan"]);
    assert.equal(result.code, 2, result.stdout + result.stderr);
    assert.match(result.stdout, /^Plan: 2 to create, 2 to adopt, 0 to update, 0 to destroy\.$/m);
  });
});
