// A bad config stops `pulumi preview` and `pulumi up` before anything reaches DSS: the engine prints
// every problem with its file:line:col, no stack trace, and the emulator counts zero requests, even
// on a stack that already holds resources (which must survive the failed run).
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { PACKAGE_ROOT } from "../../../provider/automation/offlineEnv";
import { startTestDss, TestDss } from "../../helpers/emulator";
import { RunResult } from "../../helpers/pulumiCli";
import { EXAMPLES, ok, yamlStack, YamlStack } from "./helpers";

const BROKEN = path.join(PACKAGE_ROOT, "test", "config", "broken");

/** A few of the config corpus's cases, one per kind of check, each with the problems it declares. */
const CASES = [
  "01-yaml-unclosed-flow.yml", // YAML syntax
  "13-unknown-top-level-key.yml", // unknown key, with a "did you mean"
  "34-cycle-three.yml", // a cycle through three recipes
  "38-unset-config.yml", // a template naming Pulumi config this stack does not set
  "50-many-problems.yml", // five errors, all reported at once, and a warning
  "51-scenario-bad-input.yml", // scenario steps and triggers naming unknown datasets, bad cron
  "d4-dir-errors-in-part-files", // directory mode: problems in part files
];

interface ExpectedProblem {
  /** Relative to the config: "" for a single file, "datasets/sources.yml" in a directory. */
  file: string;
  line: number;
  column: number;
  path: string;
  message: string;
}

/** The `# expect: [FILE:]LINE:COL PATH: message` lines of a case (the format of test/config/broken). */
function expectedProblems(casePath: string): ExpectedProblem[] {
  const files = fs.statSync(casePath).isDirectory()
    ? fs.readdirSync(casePath, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".yml")).map((f) => path.join(casePath, f))
    : [casePath];
  return files
    .flatMap((f) => fs.readFileSync(f, "utf8").split("\n"))
    .map((line) => /^# expect: (?:(\S+):)?(\d+):(\d+) (\S+): (.+)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ file: m[1] ?? "", line: +m[2], column: +m[3], path: m[4], message: m[5] }));
}

/** The config's problems printed as `FILE:LINE:COL PATH: message`, each on a line of its own. */
function assertReports(result: RunResult, configPath: string, expected: ExpectedProblem[]): void {
  const output = `${result.stdout}\n${result.stderr}`;
  assert.notEqual(result.code, 0, output);
  const errors = expected.length;
  assert.match(output, new RegExp(`The Dataiku config has ${errors} errors?; nothing was sent to DSS\\.`));
  const lines = output.split("\n");
  for (const want of expected) {
    const location = `${path.join(configPath, want.file)}:${want.line}:${want.column} ${want.path}: `;
    assert.ok(
      lines.some((l) => l.includes(location) && l.includes(want.message)),
      `no line with ${location}...${want.message} in:\n${output}`,
    );
  }
  assert.doesNotMatch(output, /^\s+at /m, "no stack trace");
}

describe("YAML adapter: a bad config fails preview and up with the problem list and no DSS call", function () {
  let dss: TestDss;
  let stack: YamlStack;
  before(async () => {
    dss = await startTestDss();
    // A stack that already holds the demo project: a broken run must leave it alone.
    stack = await yamlStack(dss, "dev", path.join(EXAMPLES, "demo", "dataiku.yml"));
    ok(await stack.program.up());
  });
  after(async () => {
    stack?.program.cleanup();
    await dss?.close();
  });

  for (const name of CASES) {
    it(name, async () => {
      const casePath = path.join(BROKEN, name);
      const expected = expectedProblems(casePath);
      assert.ok(expected.length > 0, `${name} declares no problem`);
      fs.rmSync(stack.configPath, { recursive: true, force: true });
      fs.cpSync(casePath, stack.configPath, { recursive: true });

      dss.emulator.resetStats();
      assertReports(await stack.program.preview(), stack.configPath, expected);
      assertReports(await stack.program.up(), stack.configPath, expected);
      assert.equal(dss.emulator.stats().total, 0, JSON.stringify(dss.emulator.stats().byRoute));

      assert.equal((await dss.client.datasets.get("DEMO_IAC", "DEMO_DATA")).description, "Demo dataset", "DSS keeps what it held");
      const state = await stack.program.exportState();
      const names = (state.deployment.resources ?? []).map((r) => String(r.urn).slice(String(r.urn).lastIndexOf("::") + 2));
      assert.ok(names.includes("dataset.DEMO_IAC.DEMO_DATA"), "the state keeps the deployed resources");
    });
  }
});
