import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { startTestDss, TestDss } from "../helpers/emulator";
import { hasPulumi } from "../helpers/pulumiCli";
import { CliSandbox, dssContents } from "./helpers";

const DEMO = `version: "1.0"
project:
  key: DEMO_IAC
  name: IaC Demo Project
  description: Created via apply command
datasets:
  - name: DEMO_DATA
    type: managed
    format_type: parquet
    description: Demo dataset
`;

const ANSI = new RegExp(String.fromCharCode(27) + "\\[");

describe("dataiku-iac plan and apply (subprocess, emulator)", function () {
  this.timeout(180_000);
  let dss: TestDss;
  let sandbox: CliSandbox;

  before(async function () {
    if (!hasPulumi()) this.skip();
    dss = await startTestDss();
    sandbox = CliSandbox.create(dss);
  });
  after(async () => {
    sandbox?.cleanup();
    await dss?.close();
  });

  it("--help prints the usage and exits 0", async () => {
    const result = await sandbox.run(["--help"]);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /Usage: dataiku-iac <command>/);
    assert.match(result.stdout, /--state-backend URL/);
  });

  it("a bad config fails with file:line, exit 1, and not one DSS call", async () => {
    sandbox.write("broken.yml", "version: \"1.0\"\nproject:\n  key: BAD KEY\n  name: Broken\ndatasets:\n  - name: X\n    type: nosuchtype\n");
    dss.emulator.resetStats();
    const result = await sandbox.run(["plan", "-c", "broken.yml"]);
    assert.equal(result.code, 1, result.stdout + result.stderr);
    assert.match(result.stderr, /broken\.yml:3:\d+ project\.key: /);
    assert.match(result.stderr, /broken\.yml:7:\d+ datasets\[0\]\.type: unknown dataset type "nosuchtype"/);
    assert.doesNotMatch(result.stderr, /\n\s+at /, "no stack trace");
    assert.equal(dss.emulator.stats().total, 0, "nothing reached DSS");
  });

  it("a missing config file is one clear error", async () => {
    const result = await sandbox.run(["plan", "-c", "nope.yml"]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /Config nope\.yml not found: pass -c\/--config/);
  });

  it("plan shows the creates and exits 2; nothing is written to DSS", async () => {
    sandbox.write("dataiku.yml", DEMO);
    const result = await sandbox.run(["plan"]);
    assert.equal(result.code, 2, result.stdout + result.stderr);
    assert.match(result.stdout, /^\+ project\.DEMO_IAC$/m);
    assert.match(result.stdout, /^\+ dataset\.DEMO_IAC\.DEMO_DATA$/m);
    assert.match(result.stdout, /^Plan: 2 to create, 0 to update, 0 to destroy\.$/m);
    // Under each create, every attribute it will send (the demo config's).
    const block = (id: string) => result.stdout.split(`+ ${id}\n`)[1].split(/\n(?! {4})/)[0].split("\n");
    assert.deepEqual(block("project.DEMO_IAC"), ['    description: "Created via apply command"', '    name: "IaC Demo Project"', '    projectKey: "DEMO_IAC"']);
    assert.deepEqual(block("dataset.DEMO_IAC.DEMO_DATA"), [
      '    description: "Demo dataset"',
      '    formatType: "parquet"',
      '    name: "DEMO_DATA"',
      '    projectKey: "DEMO_IAC"',
      '    type: "managed"',
    ]);
    assert.doesNotMatch(result.stdout, ANSI, "no colour without a terminal");
    assert.equal(await dssContents(dss.client, "DEMO_IAC"), undefined);
  });

  it("apply without a terminal and without --auto-approve refuses, and changes nothing", async () => {
    dss.emulator.resetStats();
    const result = await sandbox.run(["apply"]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /Refusing to apply without confirmation: there is no terminal to ask on.*--auto-approve/);
    assert.equal(await dssContents(dss.client, "DEMO_IAC"), undefined);
    const writes = Object.entries(dss.emulator.stats().byMethod).filter(([m]) => m !== "GET");
    assert.deepEqual(writes, [], "no write reached DSS");
  });

  it("apply --auto-approve shows live progress, a summary, backs up state, and DSS holds the config", async () => {
    const result = await sandbox.run(["apply", "--auto-approve"]);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    const lines = result.stdout.split("\n");
    const started = lines.indexOf("⏳ + dataset.DEMO_IAC.DEMO_DATA");
    const done = lines.findIndex((l) => /^✓ \+ dataset\.DEMO_IAC\.DEMO_DATA \(\d+ms\)$/.test(l));
    assert.ok(started >= 0 && done > started, result.stdout);
    assert.ok(lines.indexOf("⏳ + project.DEMO_IAC") < started, "the project starts first");
    assert.match(result.stdout, /✓ Apply completed successfully!\n- Actions completed: 2\n- Duration: \d+\.\d\ds/);

    const meta = await dss.client.projects.getMetadata("DEMO_IAC");
    assert.equal(meta.label, "IaC Demo Project");
    assert.equal(meta.description, "Created via apply command");
    const ds = await dss.client.datasets.get("DEMO_IAC", "DEMO_DATA");
    assert.equal(ds.managed, true);
    assert.equal(ds.description, "Demo dataset");

    const backups = fs.readdirSync(path.join(sandbox.dir, ".dataiku-iac", "backups"));
    assert.equal(backups.length, 1);
    assert.match(backups[0], /^dev-\d{8}T\d{9}Z\.json$/);
  });

  it("plan after apply: no changes, exit 0", async () => {
    const result = await sandbox.run(["plan"]);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /^No changes\. Infrastructure is up-to-date\.$/m);
  });

  it("plan shows updates with the changed field, and deletes; apply converges", async () => {
    sandbox.write("dataiku.yml", DEMO.replace("Created via apply command", "Now managed").replace(/datasets:[\s\S]*$/, "datasets: []\n"));
    const result = await sandbox.run(["plan"]);
    assert.equal(result.code, 2, result.stdout + result.stderr);
    assert.match(result.stdout, /^~ project\.DEMO_IAC\n {4}~ description: "Created via apply command" => "Now managed"$/m);
    assert.match(result.stdout, /^- dataset\.DEMO_IAC\.DEMO_DATA$/m);
    assert.match(result.stdout, /^Plan: 0 to create, 1 to update, 1 to destroy\.$/m);

    const applied = await sandbox.run(["apply", "--auto-approve"]);
    assert.equal(applied.code, 0, applied.stdout + applied.stderr);
    assert.equal((await dss.client.projects.getMetadata("DEMO_IAC")).description, "Now managed");
    assert.deepEqual(await dssContents(dss.client, "DEMO_IAC"), { datasets: [], recipes: [] });
  });

  it("--verbose shows the provider's DSS calls; without it they stay hidden", async () => {
    sandbox.write("dataiku.yml", DEMO.replace("Created via apply command", "Verbose run").replace(/datasets:[\s\S]*$/, "datasets: []\n"));
    const verbose = await sandbox.run(["apply", "--auto-approve", "--verbose"]);
    assert.equal(verbose.code, 0, verbose.stdout + verbose.stderr);
    const output = verbose.stdout + verbose.stderr;
    assert.match(output, /dataiku: GET \/projects\/DEMO_IAC\/metadata 200/);
    assert.match(output, /dataiku: PUT \/projects\/DEMO_IAC\/metadata 200/);
    assert.ok(!output.includes(dss.apiKey));

    sandbox.write("dataiku.yml", DEMO.replace("Created via apply command", "Quiet run").replace(/datasets:[\s\S]*$/, "datasets: []\n"));
    const quiet = await sandbox.run(["apply", "--auto-approve"]);
    assert.equal(quiet.code, 0, quiet.stdout + quiet.stderr);
    assert.doesNotMatch(quiet.stdout + quiet.stderr, /dataiku: (GET|PUT) /);

    // Back to the config the next tests start from.
    sandbox.write("dataiku.yml", DEMO.replace("Created via apply command", "Now managed").replace(/datasets:[\s\S]*$/, "datasets: []\n"));
    assert.equal((await sandbox.run(["apply", "--auto-approve"])).code, 0);
  });

  it("the API key appears in no output and no file under .dataiku-iac", async () => {
    const result = await sandbox.run(["plan", "--verbose"]);
    assert.ok(!(result.stdout + result.stderr).includes(dss.apiKey));
    for (const file of walk(path.join(sandbox.dir, ".dataiku-iac"))) {
      assert.ok(!fs.readFileSync(file, "utf8").includes(dss.apiKey), `${file} holds the key`);
    }
  });

  it("refresh reads drift from DSS into state; the next plan shows it and apply repairs it", async () => {
    const meta = await dss.client.projects.getMetadata("DEMO_IAC");
    await dss.client.projects.putMetadata("DEMO_IAC", { ...meta, description: "Edited in the UI" });
    const refreshed = await sandbox.run(["refresh"]);
    assert.equal(refreshed.code, 0, refreshed.stdout + refreshed.stderr);
    assert.match(refreshed.stdout, /1 resource\(s\) differed from DSS; state now matches DSS\./);
    const plan = await sandbox.run(["plan"]);
    assert.equal(plan.code, 2);
    assert.match(plan.stdout, /^ {4}~ description: "Edited in the UI" => "Now managed"$/m);
    assert.equal((await sandbox.run(["apply", "--auto-approve"])).code, 0);
    assert.equal((await dss.client.projects.getMetadata("DEMO_IAC")).description, "Now managed");
  });

  it("destroy --auto-approve removes the project and leaves the state empty", async () => {
    const result = await sandbox.run(["destroy", "--auto-approve"]);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /^- project\.DEMO_IAC$/m);
    assert.match(result.stdout, /✓ Destroy completed successfully!/);
    assert.equal(await dssContents(dss.client, "DEMO_IAC"), undefined);
    const again = await sandbox.run(["plan"]);
    assert.equal(again.code, 2, "everything is to create again");
  });

  it("unknown commands and flags are usage errors (exit 1)", async () => {
    const bad = await sandbox.run(["deploy"]);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /Unknown command "deploy": use one of plan, apply, destroy, refresh, generate/);
    const flag = await sandbox.run(["plan", "--output", "yaml"]);
    assert.equal(flag.code, 1);
    assert.match(flag.stderr, /--output must be console or json/);
  });
});

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)],
  );
}
