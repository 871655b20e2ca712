import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { EngineEvent } from "@pulumi/pulumi/automation";
import { parseCliArgs } from "../../provider/cli/args";
import { KEEP_BACKUPS, pruneBackups } from "../../provider/cli/backup";
import { engineError } from "../../provider/cli/engine";
import { knownFailure, passphraseSet } from "../../provider/cli/failures";
import { isStale, lockHolders } from "../../provider/cli/locks";
import { describePending } from "../../provider/cli/pending";
import { Plan, summaryLine } from "../../provider/cli/plan";
import { ProgressTracker, Step } from "../../provider/cli/progress";
import { ConsoleReporter, JsonReporter } from "../../provider/cli/reporter";
import { adoptIdOf } from "../../provider/cli/resources";
import type { Terminal } from "../../provider/cli/terminal";

const URN = (type: string, name: string) => `urn:pulumi:dev::dataiku-iac::dataiku:index:DataikuProject$pulumi-nodejs:dynamic/dataiku:${type}::${name}`;
const pre = (op: string, type: string, name: string, extra: Record<string, unknown> = {}): EngineEvent =>
  ({ sequence: 0, timestamp: 0, resourcePreEvent: { metadata: { op, urn: URN(type, name), type: `pulumi-nodejs:dynamic/dataiku:${type}`, provider: "", ...extra } } }) as unknown as EngineEvent;
const outputs = (op: string, type: string, name: string): EngineEvent =>
  ({ sequence: 0, timestamp: 0, resOutputsEvent: { metadata: { op, urn: URN(type, name), type: `pulumi-nodejs:dynamic/dataiku:${type}`, provider: "" } } }) as unknown as EngineEvent;
const diagnostic = (severity: string, message: string, urn?: string): EngineEvent =>
  ({ sequence: 0, timestamp: 0, diagnosticEvent: { severity, message, color: "never", urn } }) as unknown as EngineEvent;

describe("dataiku-iac building blocks", () => {
  describe("arguments", () => {
    it("defaults: dataiku.yml, environment dev, console output, rollback on", () => {
      const parsed = parseCliArgs(["apply"]);
      assert.ok(!parsed.help);
      assert.equal(parsed.config, "dataiku.yml");
      assert.equal(parsed.environment, "dev");
      assert.equal(parsed.output, "console");
      assert.equal(parsed.rollback, true);
      assert.equal(parsed.autoApprove, false);
    });

    it("reads every flag", () => {
      const parsed = parseCliArgs(["apply", "-c", "cfg/", "-e", "prod", "--state-backend", "s3://b/p", "--auto-approve", "--no-rollback", "--output", "json", "-v"]);
      assert.ok(!parsed.help);
      assert.deepEqual(
        [parsed.config, parsed.environment, parsed.stateBackend, parsed.autoApprove, parsed.rollback, parsed.output, parsed.verbose],
        ["cfg/", "prod", "s3://b/p", true, false, "json", true],
      );
    });

    it("refuses what makes no sense, naming the flag and the fix", () => {
      assert.throws(() => parseCliArgs(["generate"]), /generate needs the DSS project to read: -p\/--project KEY/);
      assert.throws(() => parseCliArgs(["plan", "-p", "X"]), /only apply to generate/);
      assert.throws(() => parseCliArgs(["plan", "-e", "a b"]), /-e\/--environment "a b"/);
      assert.throws(() => parseCliArgs(["plan", "--bogus"]), /Unknown option '--bogus'[\s\S]*--help/);
      assert.throws(() => parseCliArgs(["plan", "extra"]), /Unexpected argument "extra"/);
    });

    it("no command or -h is help", () => {
      assert.deepEqual(parseCliArgs([]), { help: true, command: undefined });
      assert.equal(parseCliArgs(["apply", "-h"]).help, true);
    });
  });

  describe("plan", () => {
    it("summary line: the Wave 4 wording, adopt and replace only when present", () => {
      const zero = { create: 0, adopt: 0, update: 0, replace: 0, delete: 0, conflict: 0 };
      assert.equal(summaryLine(zero), "No changes. Infrastructure is up-to-date.");
      assert.equal(summaryLine({ ...zero, create: 1, update: 1, delete: 1 }), "Plan: 1 to create, 1 to update, 1 to destroy.");
      assert.equal(summaryLine({ ...zero, adopt: 2, replace: 1 }), "Plan: 0 to create, 2 to adopt, 0 to update, 1 to replace, 0 to destroy.");
      assert.equal(summaryLine({ ...zero, create: 3, conflict: 2 }), "Plan: 3 to create (2 already exist in DSS), 0 to update, 0 to destroy.");
      assert.equal(summaryLine({ ...zero, create: 1, conflict: 1 }), "Plan: 1 to create (1 already exists in DSS), 0 to update, 0 to destroy.");
    });

    it("folds a replacement's three engine steps into one row, with the field that forces it", () => {
      const plan = new Plan();
      const meta = { old: { inputs: { type: "managed" }, outputs: { type: "managed", name: "A" } }, new: { inputs: { type: "Filesystem", name: "A" } }, keys: ["type"] };
      plan.add(pre("delete-replaced", "Dataset", "dataset.P.A", meta));
      plan.add(pre("replace", "Dataset", "dataset.P.A", meta));
      plan.add(pre("create-replacement", "Dataset", "dataset.P.A", meta));
      plan.add(pre("same", "Project", "project.P"));
      assert.equal(plan.changes.length, 1);
      assert.equal(plan.changes[0].action, "replace");
      assert.deepEqual(plan.changes[0].changes, [{ field: "type", old: "managed", new: "Filesystem" }]);
      assert.deepEqual(plan.counts, { create: 0, adopt: 0, update: 0, replace: 1, delete: 0, conflict: 0 });

      const lines: string[] = [];
      new ConsoleReporter(fakeTerminal(lines), false).plan(plan, "T");
      assert.deepEqual(lines, ["T", "", "-/+ dataset.P.A", '    ~ type: "managed" => "Filesystem" (forces replacement)', "", "Plan: 0 to create, 0 to update, 1 to replace, 0 to destroy."]);
    });

    it("a create lists what it will send: sorted, secrets masked, the id's parts where the engine does not know them yet", () => {
      const plan = new Plan();
      const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
      const secret = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: "hunter2" };
      plan.add(pre("create", "Project", "project.P", { new: { inputs: { projectKey: "P", name: "Sales", variables: { local: secret } } } }));
      plan.add(pre("create", "Dataset", "dataset.P.A", { new: { inputs: { __provider: "exports.handler = ...", projectKey: unknown, name: "A", type: "managed", connection: unknown } } }));
      const lines: string[] = [];
      new ConsoleReporter(fakeTerminal(lines), false).plan(plan, "T");
      assert.deepEqual(lines, [
        "T",
        "",
        "+ project.P",
        '    name: "Sales"',
        '    projectKey: "P"',
        '    variables: {"local":"[secret]"}',
        "+ dataset.P.A",
        "    connection: (known after apply)",
        '    name: "A"',
        '    projectKey: "P"',
        '    type: "managed"',
        "",
        "Plan: 2 to create, 0 to update, 0 to destroy.",
      ]);
      const json: string[] = [];
      new JsonReporter(fakeTerminal(json), false).plan(plan);
      const events = json.map((l) => JSON.parse(l) as { attributes?: Record<string, unknown> });
      assert.deepEqual(events[0].attributes, { name: "Sales", projectKey: "P", variables: { local: "[secret]" } });
      assert.deepEqual(events[1].attributes, { connection: "(known after apply)", name: "A", projectKey: "P", type: "managed" });
      assert.ok(!json.join("\n").includes("hunter2"), "a secret never reaches the plan");
    });
  });

  describe("progress", () => {
    it("one start and one end per resource; an error diagnostic ends a step as failed", () => {
      let clock = 1000;
      const seen: string[] = [];
      const tracker = new ProgressTracker(
        {
          stepStarted: (s: Step) => seen.push(`start ${s.action} ${s.resource}`),
          stepEnded: (s: Step) => seen.push(`${s.status} ${s.action} ${s.resource} ${s.endedAt! - s.startedAt}ms${s.error ? ` ${s.error}` : ""}`),
          diagnostic: (sev, msg) => seen.push(`${sev}: ${msg}`),
        },
        () => clock,
        new Set([URN("Dataset", "dataset.P.OLD")]),
      );
      tracker.handle(pre("create", "Project", "project.P"));
      clock += 20;
      tracker.handle(outputs("create", "Project", "project.P"));
      tracker.handle(pre("create", "Dataset", "dataset.P.OLD"));
      clock += 5;
      tracker.handle(outputs("create", "Dataset", "dataset.P.OLD"));
      tracker.handle(pre("create", "Recipe", "recipe.P.r"));
      clock += 7;
      tracker.handle(diagnostic("error", "Could not create recipe P.r: boom\n", URN("Recipe", "recipe.P.r")));
      tracker.handle(diagnostic("error", "Could not create recipe P.r: boom\n", URN("Recipe", "recipe.P.r")));
      tracker.handle(diagnostic("error", "update failed"));
      tracker.handle(diagnostic("warning", "heads up"));
      assert.deepEqual(seen, [
        "start create project.P",
        "succeeded create project.P 20ms",
        "start adopt dataset.P.OLD",
        "succeeded adopt dataset.P.OLD 5ms",
        "start create recipe.P.r",
        "failed create recipe.P.r 7ms Could not create recipe P.r: boom",
        "warning: heads up",
      ]);
      assert.deepEqual(tracker.createdUrns, [URN("Project", "project.P"), URN("Recipe", "recipe.P.r")], "adoptions are not rollback targets");
    });

    it("steps still running when the run stops end as failed, with the reason", () => {
      const ended: Step[] = [];
      const tracker = new ProgressTracker({ stepStarted: () => {}, stepEnded: (s) => ended.push(s), diagnostic: () => {} }, () => 0);
      tracker.handle(pre("update", "Dataset", "dataset.P.A"));
      tracker.finish("interrupted");
      assert.deepEqual(ended.map((s) => [s.resource, s.status, s.error]), [["dataset.P.A", "failed", "interrupted"]]);
    });
  });

  describe("recovery helpers", () => {
    it("parses the engine's lock message; a lock of a dead local process is stale, others are not", () => {
      const message =
        "error: the stack is currently locked by 1 lock(s). Either wait for the other process(es) to end or delete the lock file with `pulumi cancel`.\n" +
        "  file:///s/.pulumi/locks/organization/dataiku-iac/dev/x.json?no_tmp_dir=true: created by root@vm (pid 32045) at 2026-11-27T17:10:53Z";
      assert.deepEqual(lockHolders(message), [{ user: "root", host: "vm", pid: 32045 }]);
      assert.equal(lockHolders("error: something else"), undefined);
      assert.equal(isStale({ user: "u", host: os.hostname(), pid: process.pid }), false, "we are alive");
      assert.equal(isStale({ user: "u", host: "another-machine", pid: 999999 }), false, "never judge another host");
      assert.equal(isStale({ user: "u", host: os.hostname(), pid: 2 ** 22 + 12345 }), true);
    });

    it("adoptIds come from resource ids", () => {
      assert.equal(adoptIdOf("project.P"), "project:P");
      assert.equal(adoptIdOf("dataset.P.RAW"), "dataset:P.RAW");
      assert.equal(adoptIdOf("recipe.P.clean_raw"), "recipe:P.clean_raw");
    });

    it("describes what an interrupted run left", () => {
      const text = describePending([
        { type: "creating", urn: "u1", resource: "dataset.P.A" },
        { type: "updating", urn: "u2", resource: "project.P" },
      ]);
      assert.match(text, /interrupted while creating dataset\.P\.A\. apply recovers them/);
      assert.match(text, /during project\.P \(updating\); apply repeats/);
    });

    it("engine failures a user can fix are recognised from the engine's output, the raw text kept for --verbose", () => {
      const ctx = { environment: "dev", workDir: "/w", passphraseSet: true };
      const cmd = (command: string, error: string) => Object.assign(new Error(`code: -2\n stdout: \n stderr: Command failed with exit code 1: ${command}\nerror: ${error}\n`), { name: "CommandError" });
      const wrong = knownFailure(cmd("pulumi config --show-secrets --json --stack dev", "incorrect passphrase"), ctx);
      assert.match(wrong?.message ?? "", /^The passphrase in PULUMI_CONFIG_PASSPHRASE does not decrypt environment dev/);
      assert.match(wrong?.detail ?? "", /error: incorrect passphrase/);
      const missing = knownFailure(cmd("pulumi config --show-secrets --json --stack dev", "incorrect passphrase"), { ...ctx, passphraseSet: false });
      assert.match(missing?.message ?? "", /PULUMI_CONFIG_PASSPHRASE is not set/);
      const stale = knownFailure(cmd("pulumi stack init dev", "could not create secrets manager for new stack: incorrect passphrase"), ctx);
      assert.match(stale?.message ?? "", /`rm \/w\/Pulumi\.dev\.yaml`\.$/);
      const other = knownFailure(cmd("pulumi up --yes", "something else broke"), ctx);
      assert.equal(other?.message, "Pulumi failed: something else broke\nRe-run with --verbose for its full output.");
      assert.equal(knownFailure(new Error("plain"), ctx), undefined);
      assert.equal(passphraseSet({ PULUMI_CONFIG_PASSPHRASE: "" }), false);
      assert.equal(passphraseSet({ PULUMI_CONFIG_PASSPHRASE_FILE: "/p" }), true);
    });

    it("a failed pulumi command becomes its error lines, without the command line", () => {
      const e = new Error("code: 255\n stdout: \n stderr: Command failed with exit code 255: pulumi up --yes --client=x\nerror: bad thing happened\nerror: update failed\n");
      assert.equal(engineError(e), "bad thing happened");
    });
  });

  describe("backups", () => {
    it(`keeps the newest ${KEEP_BACKUPS} of an environment and leaves other environments alone`, () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cli-backups-"));
      try {
        const names = Array.from({ length: 13 }, (_, i) => `dev-20260101T0000${String(i).padStart(2, "0")}000Z.json`);
        for (const name of [...names, "dev-20260101T000005000Z-1.json", "prod-20250101T000000000Z.json", "notes.txt"]) {
          fs.writeFileSync(path.join(dir, name), "{}");
        }
        pruneBackups(dir, "dev", KEEP_BACKUPS);
        const left = fs.readdirSync(dir).sort();
        assert.ok(left.includes("prod-20250101T000000000Z.json") && left.includes("notes.txt"));
        const dev = left.filter((n) => n.startsWith("dev-"));
        assert.equal(dev.length, KEEP_BACKUPS);
        // 14 dev backups in time order: 00..04, 05, 05-1, 06..12; the 4 oldest go.
        assert.deepEqual(dev, [...names.slice(4, 6), "dev-20260101T000005000Z-1.json", ...names.slice(6)].sort());
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});

function fakeTerminal(lines: string[]): Terminal {
  return {
    out: (l) => lines.push(l),
    err: (l) => lines.push(`ERR ${l}`),
    interactive: false,
    color: false,
    ask: async () => "",
    env: {},
    cwd: "/",
    now: () => 0,
  };
}
