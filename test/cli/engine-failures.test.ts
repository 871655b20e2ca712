// Failures of the Pulumi engine and its workspace, as a user meets them: each is one message that says
// what happened and the command that fixes it, never the Automation API's `code: -2` dump; --verbose
// still shows the engine's own output.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startTestDss, TestDss } from "../helpers/emulator";
import { hasPulumi } from "../helpers/pulumiCli";
import { CliResult, CliSandbox } from "./helpers";

const CONFIG = "project: {key: FAILS, name: Engine failures}\n";

/** The run failed with exactly one clear error line, and nothing of the raw engine output. */
function oneCleanError(result: CliResult, pattern: RegExp): string {
  assert.equal(result.code, 1, result.stdout + result.stderr);
  const errors = result.stderr.split("\n").filter((l) => l.startsWith("Error: "));
  assert.equal(errors.length, 1, result.stderr);
  assert.match(errors[0], pattern);
  assert.doesNotMatch(result.stdout + result.stderr, /code: -?\d|stdout:|stderr:|err\?:|\n\s+at /, "no raw engine output, no stack trace");
  return errors[0];
}

describe("dataiku-iac: engine and workspace failures become one clear message", function () {
  this.timeout(180_000);
  let dss: TestDss;
  const sandboxes: CliSandbox[] = [];
  const sandbox = () => {
    const s = CliSandbox.create(dss);
    sandboxes.push(s);
    s.write("dataiku.yml", CONFIG);
    return s;
  };

  before(async function () {
    if (!hasPulumi()) this.skip();
    dss = await startTestDss();
  });
  after(async () => {
    sandboxes.forEach((s) => s.cleanup());
    await dss?.close();
  });

  describe("an environment created with a passphrase", () => {
    let s: CliSandbox;
    before(async () => {
      s = sandbox();
      const created = await s.run(["plan"], { PULUMI_CONFIG_PASSPHRASE: "first" });
      assert.equal(created.code, 2, created.stdout + created.stderr);
    });

    it("a wrong passphrase: says so and how to set the right one; --verbose shows the engine's output", async () => {
      oneCleanError(
        await s.run(["plan"], { PULUMI_CONFIG_PASSPHRASE: "second" }),
        /^Error: The passphrase in PULUMI_CONFIG_PASSPHRASE does not decrypt environment dev: .* `export PULUMI_CONFIG_PASSPHRASE=<passphrase>`\.$/,
      );
      const verbose = await s.run(["plan", "--verbose"], { PULUMI_CONFIG_PASSPHRASE: "second" });
      assert.equal(verbose.code, 1);
      assert.match(verbose.stderr, /error: incorrect passphrase/, "the underlying output under --verbose");
    });

    it("a missing passphrase: says it is not set and how to set it", async () => {
      // spawn leaves out variables whose value is undefined
      const unset = await s.run(["plan"], { PULUMI_CONFIG_PASSPHRASE: undefined });
      oneCleanError(unset, /^Error: Environment dev was created with a passphrase, and PULUMI_CONFIG_PASSPHRASE is not set\. .*`export PULUMI_CONFIG_PASSPHRASE=<passphrase>`\.$/);
    });
  });

  it("a stale workspace (its state gone, its settings from another passphrase): names the file and the rm that fixes it", async () => {
    const s = sandbox();
    assert.equal((await s.run(["plan"], { PULUMI_CONFIG_PASSPHRASE: "old" })).code, 2);
    fs.rmSync(path.join(s.dir, ".dataiku-iac", "state"), { recursive: true });
    const stackFile = path.join(s.dir, ".dataiku-iac", "workspace", "Pulumi.dev.yaml");
    const line = oneCleanError(await s.run(["plan"], { PULUMI_CONFIG_PASSPHRASE: "new" }), /^Error: The backend holds no state for environment dev, but the workspace still has its settings/);
    assert.ok(line.endsWith(`\`rm ${stackFile}\`.`), line);
    fs.rmSync(stackFile);
    const fixed = await s.run(["plan"], { PULUMI_CONFIG_PASSPHRASE: "new" });
    assert.equal(fixed.code, 2, "the command it names fixes it");
  });

  it("a stack locked by a run on another machine: who holds it, and the pulumi cancel that removes the lock", async () => {
    const s = sandbox();
    assert.equal((await s.run(["plan"])).code, 2);
    const locks = path.join(s.dir, ".dataiku-iac", "state", ".pulumi", "locks", "organization", "dataiku-iac", "dev");
    fs.mkdirSync(locks, { recursive: true });
    const lock = { pid: 4242, username: "ci", hostname: "build-agent-7", timestamp: new Date(0).toISOString() };
    fs.writeFileSync(path.join(locks, "5b1c2f0e-0000-4000-8000-000000000000.json"), JSON.stringify(lock));
    const workDir = path.join(s.dir, ".dataiku-iac", "workspace");
    // A preview takes no lock; an update does.
    const line = oneCleanError(await s.run(["apply", "--auto-approve"]), /^Error: The state of environment dev is locked by another run \(pid 4242 on build-agent-7\)\./);
    assert.ok(line.endsWith(`\`cd ${workDir} && pulumi cancel --yes --stack dev\`.`), line);
    assert.ok(fs.readdirSync(locks).length === 1, "a lock held elsewhere is left alone");
    assert.equal((await dss.client.projects.list()).some((p) => p.projectKey === "FAILS"), false, "nothing was created");
  });

  it("a --state-backend directory that does not exist: no empty state is made up; mkdir -p is the fix", async () => {
    const s = sandbox();
    const dir = path.join(s.dir, "typo-state");
    const line = oneCleanError(await s.run(["plan", "--state-backend", `file://${dir}`]), /^Error: The state backend directory .* does not exist\./);
    assert.ok(line.includes(`\`mkdir -p ${dir}\``), line);
    assert.equal(fs.existsSync(dir), false);
  });

  it("a backend directory that is not writable (a file; a read-only place): says why and what to do", async () => {
    const s = sandbox();
    const file = path.join(s.dir, "not-a-dir");
    fs.writeFileSync(file, "");
    oneCleanError(
      await s.run(["plan", "--state-backend", `file://${file}`]),
      /^Error: The state backend directory .*not-a-dir is not writable \(it is not a directory\): .* pass another --state-backend\.$/,
    );
    // /sys refuses new entries even to root; skip that half where it does not.
    let sysWritable = true;
    try {
      fs.rmdirSync(fs.mkdtempSync(path.join("/sys", "probe-")));
    } catch {
      sysWritable = false;
    }
    if (!sysWritable) {
      oneCleanError(await s.run(["plan", "--state-backend", "file:///sys"]), /^Error: The state backend directory \/sys is not writable \(permission denied\): .*`chmod u\+w \/sys`/);
    }
  });

  it("no pulumi on PATH: says so and how to install it", async () => {
    const s = sandbox();
    const bare = fs.mkdtempSync(path.join(os.tmpdir(), "no-pulumi-"));
    try {
      oneCleanError(await s.run(["plan"], { PATH: bare }), /^Error: The `pulumi` command was not found on PATH\. Install the Pulumi CLI \(`curl -fsSL https:\/\/get\.pulumi\.com \| sh`/);
    } finally {
      fs.rmSync(bare, { recursive: true, force: true });
    }
  });
});
