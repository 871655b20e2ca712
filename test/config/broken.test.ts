// Every config under broken/ declares the problems it must produce, one comment line each:
//   # expect: [FILE:]LINE:COL PATH: message substring        (errors)
//   # expect-warning: [FILE:]LINE:COL PATH: message substring
// FILE is relative to a directory case ("." for the directory itself); single files omit it.
// Optional: `# stack: NAME` (default dev), `# secret: NAME=VALUE` / `# config: NAME=VALUE`.
// The test asserts each expected problem exactly (position, path, severity, message substring) and
// that nothing else is reported.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { ConfigError, ConfigProblem, loadConfig } from "../../provider/config";
import { repoRoot } from "./helpers";

interface Expected {
  file: string;
  line: number;
  column: number;
  path: string;
  message: string;
  severity: ConfigProblem["severity"];
}

const BROKEN = path.join(repoRoot(), "test", "config", "broken");

function yamlFiles(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => /\.ya?ml$/.test(f)).map((f) => path.join(dir, f));
}

function directives(casePath: string) {
  const isDir = fs.statSync(casePath).isDirectory();
  const lines = (isDir ? yamlFiles(casePath) : [casePath]).flatMap((f) => fs.readFileSync(f, "utf8").split("\n"));
  const expected: Expected[] = [];
  const config: Record<string, { value: string; secret: boolean }> = {};
  let stack = "dev";
  for (const line of lines) {
    const e = /^# expect(-warning)?: (?:(\S+):)?(\d+):(\d+) (\S+): (.+)$/.exec(line);
    if (e) {
      const file = isDir ? path.join(casePath, e[2] ?? "") : casePath;
      expected.push({ severity: e[1] ? "warning" : "error", file, line: +e[3], column: +e[4], path: e[5], message: e[6] });
    }
    const s = /^# stack: (\S+)$/.exec(line);
    if (s) stack = s[1];
    const c = /^# (secret|config): ([^=]+)=(.*)$/.exec(line);
    if (c) config[c[2]] = { value: c[3], secret: c[1] === "secret" };
  }
  return { expected, stack, config };
}

describe("broken config corpus", () => {
  const cases = fs.readdirSync(BROKEN).sort();

  it("holds at least 40 cases, each declaring what it expects", () => {
    assert.ok(cases.length >= 40, `only ${cases.length} cases`);
    for (const c of cases) assert.ok(directives(path.join(BROKEN, c)).expected.length > 0, `${c} declares no expected problem`);
  });

  for (const c of cases) {
    it(c, () => {
      const casePath = path.join(BROKEN, c);
      const { expected, stack, config } = directives(casePath);
      let error: unknown;
      try {
        loadConfig({ path: casePath, stack, env: {}, config: (name) => config[name] });
      } catch (e) {
        error = e;
      }
      assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
      const actual = error.problems.map((p) => ({ ...p, file: path.resolve(p.file) }));
      const unmatched = [...actual];
      for (const want of expected) {
        const i = unmatched.findIndex(
          (p) =>
            p.file === path.resolve(want.file) &&
            p.line === want.line &&
            p.column === want.column &&
            p.path === want.path &&
            p.severity === want.severity &&
            p.message.includes(want.message),
        );
        assert.ok(i >= 0, `missing ${JSON.stringify(want)}\nreported:\n${error.message}`);
        unmatched.splice(i, 1);
      }
      assert.deepStrictEqual(unmatched, [], `unexpected problems:\n${error.message}`);
      assert.ok(!error.message.includes("    at "), "the message must not hold a stack trace");
    });
  }
});
