// Seeded fuzzing of the YAML config loader: well over 1000 generated malformed configs (structural
// and textual mutations of the examples and of the broken corpus, random documents, alias bombs,
// directory configs, oversized input). Each must end in a valid load or a ConfigError whose every
// problem has a file, a line and a column, with no stack frame anywhere; never another exception.
// Then a handful of broken configs go through `pulumi preview` on the real engine against the
// emulator: a non-zero exit naming file:line, and not one DSS API call.
import * as assert from "assert";
import * as fc from "fast-check";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as util from "util";
import * as YAML from "yaml";
import { PACKAGE_ROOT } from "../../provider/automation/offlineEnv";
import { dynamicProvider, ResourceKind } from "../../provider/common/dynamicProvider";
import { ConfigError, LoadedConfig, loadConfig } from "../../provider/config";
import { datasetKind } from "../../provider/dataset/kind";
import { projectKind } from "../../provider/project/kind";
import { recipeKind } from "../../provider/recipe/kind";
import { startTestDss, TestDss } from "../helpers/emulator";
import { PulumiProgram, RunResult } from "../helpers/pulumiCli";
import { applyStructural, applyText, FUZZ_SEED, Json, runs, structuralOps, textOps } from "./mutate";

const EXAMPLES = path.join(PACKAGE_ROOT, "examples");
const BROKEN = path.join(PACKAGE_ROOT, "test", "config", "broken");
const YAML_PROGRAM = path.join(PACKAGE_ROOT, "test", "fuzz", "programs", "yaml-config");

/** A stack frame as Node prints it: "    at fn (file.js:1:2)". */
const STACK_FRAME = /^\s+at .+(:\d+:\d+\)?|\(native\)|<anonymous>\)?)$/m;

const CONFIG_VALUES: Record<string, { value: string; secret: boolean }> = {
  plain: { value: "plain_value", secret: false },
  secretThing: { value: "s3cr3t-value", secret: true },
  sqlConnection: { value: "sql_dwh", secret: false },
  warehousePassword: { value: "pw", secret: true },
};

type Outcome = "loaded" | "rejected";

interface Tally {
  loaded: number;
  rejected: number;
}

/** Single-file seeds: the examples and the broken corpus, as text. */
function seedTexts(): string[] {
  const files = [
    ...["demo", "environments", "retail"].map((d) => path.join(EXAMPLES, d, "dataiku.yml")),
    ...fs.readdirSync(BROKEN).filter((f) => f.endsWith(".yml")).sort().map((f) => path.join(BROKEN, f)),
  ];
  return files.map((f) => fs.readFileSync(f, "utf8"));
}

/** The seeds that parse as YAML, as plain documents for structural mutation. */
function seedDocuments(texts: string[]): Json[] {
  const docs: Json[] = [];
  for (const text of texts) {
    try {
      const doc = YAML.parse(text, { version: "1.2", uniqueKeys: true }) as Json;
      if (doc !== null && typeof doc === "object") docs.push(doc);
    } catch {
      // broken on purpose: used by the textual family only
    }
  }
  return docs;
}

function lineCount(file: string): number | undefined {
  try {
    return fs.statSync(file).isFile() ? fs.readFileSync(file, "utf8").split("\n").length : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Loads `casePath` and checks the outcome: a load whose args each resource's `check` accepts, or a
 * ConfigError with located problems and no stack frame. Throws (with the case) on anything else.
 */
async function judge(casePath: string, stack = "dev"): Promise<Outcome> {
  let loaded: LoadedConfig;
  try {
    loaded = loadConfig({ path: casePath, stack, env: {}, config: (name) => CONFIG_VALUES[name] });
  } catch (e) {
    if (!(e instanceof ConfigError)) {
      throw new Error(`not a ConfigError (${util.inspect(e)}) for:\n${describeCase(casePath)}`, { cause: e });
    }
    checkConfigError(e, casePath);
    return "rejected";
  }
  // A config the loader accepts must never fail the resources' own validation.
  const checks: Array<[ResourceKind, object]> = [
    [projectKind, loaded.project],
    ...loaded.datasets.map((d): [ResourceKind, object] => [datasetKind, d]),
    ...loaded.recipes.map((r): [ResourceKind, object] => [recipeKind, r]),
  ];
  for (const [kind, args] of checks) {
    const result = await dynamicProvider(kind).check({}, args as Record<string, unknown>);
    if ((result.failures ?? []).length > 0) {
      assert.fail(`the resource check refused args the loader accepted: ${JSON.stringify(result.failures)}\n${describeCase(casePath)}`);
    }
  }
  return "loaded";
}

function checkConfigError(e: ConfigError, casePath: string): void {
  const expect = (ok: boolean, what: string) => {
    if (!ok) assert.fail(`${what}\n${e.message.slice(0, 2000)}\n${describeCase(casePath)}`);
  };
  expect(e.problems.length > 0, "a ConfigError without problems");
  expect(e.problems.some((p) => p.severity === "error"), "a ConfigError with warnings only");
  for (const p of e.problems) {
    const p1 = JSON.stringify(p).slice(0, 300);
    expect(typeof p.file === "string" && p.file.length > 0, `problem without a file: ${p1}`);
    expect(p.file === casePath || p.file.startsWith(`${casePath}${path.sep}`), `problem in a foreign file: ${p1}`);
    expect(Number.isInteger(p.line) && p.line >= 1, `line < 1: ${p1}`);
    expect(Number.isInteger(p.column) && p.column >= 1, `column < 1: ${p1}`);
    const lines = lineCount(p.file);
    expect(lines === undefined || p.line <= lines + 1, `line past the end of the file (${lines} lines): ${p1}`);
    expect(typeof p.path === "string" && p.path.length > 0, `problem without a path: ${p1}`);
    expect(typeof p.message === "string" && p.message.trim().length > 0, `problem without a message: ${p1}`);
    expect(p.severity === "error" || p.severity === "warning", `bad severity: ${p1}`);
    expect(!STACK_FRAME.test(p.message), `a stack frame in a problem message: ${p1}`);
  }
  for (const text of [e.message, e.stack ?? "", util.inspect(e), String(e)]) {
    expect(!STACK_FRAME.test(text), "a stack frame in the error");
  }
}

function describeCase(casePath: string): string {
  if (!fs.existsSync(casePath)) return `(${casePath} does not exist)`;
  const files = fs.statSync(casePath).isDirectory()
    ? fs.readdirSync(casePath, { recursive: true, encoding: "utf8" }).map((f) => path.join(casePath, f)).filter((f) => fs.statSync(f).isFile())
    : [casePath];
  return files.map((f) => `--- ${f}\n${fs.readFileSync(f, "utf8").slice(0, 1500)}`).join("\n");
}

function serialize(doc: Json, style: "block" | "flow" | "json"): string {
  if (style === "json") return JSON.stringify(doc, null, 1);
  return YAML.stringify(doc, { collectionStyle: style === "flow" ? "flow" : "block", aliasDuplicateObjects: false, lineWidth: 0 });
}

/** Anchors and aliases: plain reuse, merges of the wrong kind, self reference, unknown aliases, bombs. */
function aliasDocument(): fc.Arbitrary<string> {
  const bomb = fc.record({ depth: fc.integer({ min: 2, max: 12 }), width: fc.integer({ min: 2, max: 10 }) }).map(({ depth, width }) => {
    const lines = ["a0: &a0 [\"lol\"]"];
    for (let i = 1; i < depth; i++) lines.push(`a${i}: &a${i} [${Array(width).fill(`*a${i - 1}`).join(", ")}]`);
    return `${lines.join("\n")}\nversion: "1.0"\nproject: {key: P, name: *a${depth - 1}}\n`;
  });
  const shapes = fc.constantFrom(
    "defaults: &d {type: managed, format_type: parquet}\nversion: \"1.0\"\nproject: {key: P, name: n}\ndatasets:\n  - <<: *d\n    name: A\n  - {<<: *d, name: B}\n",
    "version: \"1.0\"\nproject: &p {key: P, name: n, self: *p}\n",
    "version: \"1.0\"\nproject: {key: P, name: *missing}\n",
    "x: &l [a, b]\nversion: \"1.0\"\nproject: {key: P, name: n}\ndatasets:\n  - <<: *l\n    name: A\n    type: managed\n",
    "version: \"1.0\"\nproject: {key: P, name: n}\ndatasets: &ds\n  - {name: A, type: managed}\nrecipes: *ds\n",
    "k: &k key\nversion: \"1.0\"\nproject: {*k : P, name: n}\n",
    "version: &v \"1.0\"\nproject: {key: *v, name: *v}\n",
    "version: \"1.0\"\nproject: {key: P, name: n}\ndatasets:\n  - &a {name: A, type: managed}\n  - *a\n",
  );
  return fc.oneof(bomb, shapes);
}

describe("fuzz: YAML config loader", function () {
  this.timeout(600_000);
  const texts = seedTexts();
  const docs = seedDocuments(texts);
  const tally: Tally = { loaded: 0, rejected: 0 };
  let dir: string;
  let cases = 0;

  const record = (outcome: Outcome) => {
    cases++;
    tally[outcome]++;
  };
  const writeCase = (text: string, name = "dataiku.yml"): string => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  };

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-dataiku-config-fuzz-"));
    assert.ok(docs.length >= 30, `only ${docs.length} seed documents parsed`);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("structural mutations of the examples and the corpus (delete, duplicate, retype, bad names, templates, unicode)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: docs.length - 1 }),
        structuralOps(),
        fc.constantFrom("block" as const, "flow" as const, "json" as const),
        fc.constantFrom("dev", "prod", "test"),
        async (base, ops, style, stack) => {
          record(await judge(writeCase(serialize(applyStructural(docs[base], ops), style)), stack));
        },
      ),
      { seed: FUZZ_SEED, numRuns: runs(700) },
    );
  });

  it("textual mutations (broken syntax, indentation, tabs, duplicate keys, control characters, truncation)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: texts.length - 1 }), textOps(), async (base, ops) => {
        record(await judge(writeCase(applyText(texts[base], ops))));
      }),
      { seed: FUZZ_SEED + 1, numRuns: runs(500) },
    );
  });

  it("random documents and random bytes", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue({ maxDepth: 4 }).map((v) => YAML.stringify(v)),
          fc.record({ version: fc.jsonValue(), project: fc.jsonValue(), datasets: fc.jsonValue(), recipes: fc.jsonValue() }).map((v) => YAML.stringify(v)),
          fc.string({ unit: "binary", maxLength: 400 }),
          fc.uint8Array({ maxLength: 400 }).map((bytes) => Buffer.from(bytes).toString("latin1")),
        ),
        async (text) => {
          record(await judge(writeCase(text)));
        },
      ),
      { seed: FUZZ_SEED + 2, numRuns: runs(200) },
    );
  });

  it("anchors, aliases, merge keys and alias bombs", async () => {
    await fc.assert(
      fc.asyncProperty(aliasDocument(), textOps(), fc.boolean(), async (text, ops, mutate) => {
        record(await judge(writeCase(mutate ? applyText(text, ops) : text)));
      }),
      { seed: FUZZ_SEED + 3, numRuns: runs(80) },
    );
  });

  it("directory configs with one mutated or misplaced part file", async () => {
    const source = path.join(EXAMPLES, "pipeline");
    const parts = fs.readdirSync(source, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".yml")).sort();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: parts.length - 1 }),
        fc.oneof(
          textOps().map((ops) => ({ text: ops })),
          structuralOps().map((ops) => ({ structure: ops })),
        ),
        fc.constantFrom("", "extra.yml", "datasets/zz.yaml", "recipes/datasets.yml", "datasets/sub/x.yml", "project.yaml"),
        async (index, mutation, extra) => {
          const caseDir = path.join(dir, `dir-${n++}`);
          fs.cpSync(source, caseDir, { recursive: true });
          const target = path.join(caseDir, parts[index]);
          const text = fs.readFileSync(target, "utf8");
          const mutated = "text" in mutation
            ? applyText(text, mutation.text)
            : serialize(applyStructural(YAML.parse(text) as Json, mutation.structure), "block");
          fs.writeFileSync(target, mutated);
          if (extra) {
            fs.mkdirSync(path.dirname(path.join(caseDir, extra)), { recursive: true });
            fs.writeFileSync(path.join(caseDir, extra), mutated);
          }
          try {
            record(await judge(caseDir));
          } finally {
            fs.rmSync(caseDir, { recursive: true, force: true });
          }
        },
      ),
      { seed: FUZZ_SEED + 4, numRuns: runs(120) },
    );
  });

  it("oversized and odd inputs: > 4 MiB file, > 5000 resources, huge values, no file, a directory, binary", async () => {
    const many = ["version: \"1.0\"", "project: {key: P, name: n}", "datasets:"];
    for (let i = 0; i < 5001; i++) many.push(`  - {name: D${i}, type: managed}`);
    const huge = `version: "1.0"\nproject:\n  key: P\n  name: "${"n".repeat(3_000_000)}"\n  description: ${"d".repeat(500_000)}\n`;
    const inputs: Array<[string, string]> = [
      ["big.yml", `# ${"x".repeat(4 * 1024 * 1024)}\nversion: "1.0"\n`],
      ["many.yml", many.join("\n")],
      ["huge-values.yml", huge],
      ["deep.yml", `version: "1.0"\nproject: {key: P, name: n, tags: ${"[".repeat(5000)}${"]".repeat(5000)}}\n`],
      ["binary.yml", Buffer.from([0xff, 0xfe, 0x00, 0x41, 0x80, 0x0a, 0xc3]).toString("latin1")],
      ["bom.yml", "\ufeffversion: \"1.0\"\nproject: {key: P, name: n}\n"],
      ["crlf.yml", "version: \"1.0\"\r\nproject:\r\n  key: P\r\n\tname: n\r\n"],
    ];
    for (const [name, text] of inputs) record(await judge(writeCase(text, name)));
    record(await judge(path.join(dir, "does-not-exist.yml")));
    const emptyDir = path.join(dir, "empty-dir");
    fs.mkdirSync(emptyDir);
    record(await judge(emptyDir));
  });

  // Found by this fuzzer (seeds 2 and 3 at FUZZ_SCALE=5): a mapping key named like an Object method
  // made String() throw a TypeError, and a `__proto__` key became the prototype instead of a key.
  it("regression: `toString` and `__proto__` keys are reported as unknown keys", async () => {
    const file = writeCase([
      "version: \"1.0\"",
      "project: {key: P, name: n}",
      "datasets:",
      "  - name: A",
      "    __proto__: {type: managed}",
      "environments:",
      "  prod:",
      "    project:",
      "      toString: null",
      "  dev: {}",
    ].join("\n"), "object-keys.yml");
    assert.equal(await judge(file), "rejected");
    const problems = (() => {
      try {
        loadConfig({ path: file, stack: "dev", env: {} });
      } catch (e) {
        return (e as ConfigError).problems.map((p) => `${p.line}:${p.column} ${p.path}: ${p.message.split(";")[0]}`);
      }
      return [];
    })();
    assert.deepEqual(problems, [
      "4:5 datasets[0].type: is required: for example managed, filesystem, postgresql or a DSS type",
      "5:5 datasets[0].__proto__: unknown key \"__proto__\"",
      "9:7 environments.prod.project.toString: unknown key \"toString\"",
    ]);
  });

  it("ran at least 1000 cases, most of them rejected", () => {
    if (process.env.FUZZ_VERBOSE) console.log(`config fuzz: ${cases} cases, ${JSON.stringify(tally)}, seed ${FUZZ_SEED}`);
    assert.ok(STACK_FRAME.test(new Error("probe").stack ?? ""), "the stack-frame pattern recognises a real frame");
    assert.ok(cases >= 1000, `only ${cases} cases ran`);
    assert.ok(tally.rejected >= cases * 0.6, `only ${tally.rejected} of ${cases} cases were malformed: ${JSON.stringify(tally)}`);
    assert.ok(tally.loaded > 0, "some mutations are harmless and must still load");
  });
});

describe("fuzz: broken configs on the real engine make no DSS API call", function () {
  this.timeout(600_000);
  let dss: TestDss;
  let program: PulumiProgram;

  // Corpus cases (and one fuzz-style mutant) with the location the error must name.
  const CASES: Array<{ name: string; text: () => string; location: RegExp }> = [
    { name: "01-yaml-unclosed-flow", text: () => corpus("01-yaml-unclosed-flow.yml"), location: expected("01-yaml-unclosed-flow.yml") },
    { name: "09-project-key-invalid", text: () => corpus("09-project-key-invalid.yml"), location: expected("09-project-key-invalid.yml") },
    { name: "30-recipe-input-unknown", text: () => corpus("30-recipe-input-unknown.yml"), location: expected("30-recipe-input-unknown.yml") },
    { name: "37-unset-env", text: () => corpus("37-unset-env.yml"), location: expected("37-unset-env.yml") },
    {
      name: "a dataset named ../OTHER",
      text: () => "version: \"1.0\"\nproject: {key: FUZZ_E2E, name: n}\ndatasets:\n  - name: ../OTHER\n    type: managed\n",
      location: /dataiku\.yml:4:\d+/,
    },
  ];

  before(async () => {
    dss = await startTestDss();
    program = await PulumiProgram.create(YAML_PROGRAM, "dev");
    await program.setConfig({
      "dataiku:url": { value: dss.url },
      "dataiku:apiKey": { value: dss.apiKey, secret: true },
    });
  });
  after(async () => {
    program?.cleanup();
    await dss?.close();
  });

  for (const c of CASES) {
    it(`${c.name}: preview fails with file:line, no stack trace, and 0 calls`, async () => {
      fs.writeFileSync(path.join(program.dir, "dataiku.yml"), c.text());
      dss.emulator.resetStats();
      const result = await program.preview();
      const output = `${result.stdout}\n${result.stderr}`;
      assert.notEqual(result.code, 0, output);
      assert.match(output, c.location, output);
      assert.match(output, /nothing was sent to DSS/, output);
      assert.doesNotMatch(output, /^ {4}at /m, `a stack frame in:\n${output}`);
      assert.equal(dss.emulator.stats().total, 0, `DSS API calls for a broken config:\n${JSON.stringify(dss.emulator.stats())}`);
    });
  }

  it("the same program with a valid config does reach DSS (the zero above is not a wiring accident)", async () => {
    fs.writeFileSync(path.join(program.dir, "dataiku.yml"), "version: \"1.0\"\nproject: {key: FUZZ_E2E, name: Fuzz}\ndatasets:\n  - {name: OK, type: managed}\n");
    dss.emulator.resetStats();
    const up: RunResult = await program.up();
    assert.equal(up.code, 0, `${up.stdout}\n${up.stderr}`);
    assert.ok(dss.emulator.stats().total > 0);
    assert.equal((await dss.client.datasets.get("FUZZ_E2E", "OK")).name, "OK");
  });
});

function corpus(name: string): string {
  return fs.readFileSync(path.join(BROKEN, name), "utf8");
}

/** `dataiku.yml:LINE:COL` of the first `# expect:` line of a corpus case. */
function expected(name: string): RegExp {
  const m = /^# expect: (\d+):(\d+) /m.exec(corpus(name));
  assert.ok(m, `${name} has no expect line`);
  return new RegExp(`dataiku\\.yml:${m[1]}:${m[2]} `);
}
