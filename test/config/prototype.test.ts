// The Python prototype's own configs (examples, test fixtures, documented snippets) as a corpus:
// every config the prototype accepts loads here; every difference is a deliberate change listed in
// docs/config.md. test/fixtures/prototype/corpus.json records, per config, what the prototype does
// with it (found by running the prototype's parser, validator and builder on it) and what we do.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { ConfigError, ConfigProblem, loadConfig } from "../../provider/config";
import { repoRoot } from "./helpers";

interface Entry {
  source: string;
  prototype: "accepts" | "rejects";
  prototypeError?: string;
  here: "loads" | "rejects";
  /** Id of the row of docs/config.md's "Deliberate changes" table that explains a difference. */
  change?: string;
}

const CORPUS = path.join(repoRoot(), "test", "fixtures", "prototype");
const manifest = JSON.parse(fs.readFileSync(path.join(CORPUS, "corpus.json"), "utf8")) as {
  env: Record<string, string>;
  configs: Record<string, Entry>;
};
const configDoc = fs.readFileSync(path.join(repoRoot(), "docs", "config.md"), "utf8");

// Warnings the loader may give on a prototype config: both say what is not managed, neither blocks.
const EXPECTED_WARNINGS = [/^recipes\[\d+\]\.code$/, /^project\.settings$/];

function load(entry: string, env: Record<string, string>) {
  return loadConfig({ path: path.join(CORPUS, entry), stack: "dev", env });
}

function errorsOf(e: unknown): ConfigProblem[] {
  assert.ok(e instanceof ConfigError, `expected a ConfigError, got ${String(e)}`);
  return e.problems.filter((p) => p.severity === "error");
}

/** Corpus entries on disk: YAML files, and directories holding project.yml (one directory config). */
function entriesOnDisk(): string[] {
  const files = fs.readdirSync(CORPUS, { recursive: true, encoding: "utf8" }).filter((f) => /\.ya?ml$/.test(f));
  const dirs = new Set(
    files.filter((f) => path.basename(f) === "project.yml" && /test_\w+\/test_\w+\/project\.yml$/.test(f)).map((f) => path.dirname(f)),
  );
  const inDir = (f: string) => [...dirs].some((d) => f.startsWith(d + path.sep));
  return [...files.filter((f) => !inDir(f)), ...dirs].sort();
}

describe("the prototype's configs (test/fixtures/prototype)", () => {
  const entries = Object.entries(manifest.configs);

  it("corpus.json lists every config of the folder, and each has a source", () => {
    assert.deepStrictEqual(Object.keys(manifest.configs).sort(), entriesOnDisk());
    assert.ok(entries.filter(([, e]) => e.prototype === "accepts").length >= 30);
    for (const [name, e] of entries) assert.ok(e.source, name);
    const readme = fs.readFileSync(path.join(CORPUS, "README.md"), "utf8");
    assert.ok(readme.includes("65fe055"), "the README names the prototype's commit");
  });

  for (const [name, entry] of entries) {
    const verdict = entry.here === "loads" ? "loads" : "is rejected";
    it(`${name}: prototype ${entry.prototype}, here it ${verdict}`, () => {
      if (entry.here === "loads") {
        const loaded = load(name, manifest.env);
        for (const w of loaded.warnings) {
          assert.ok(EXPECTED_WARNINGS.some((re) => re.test(w.path)), `unexpected warning ${w.path}: ${w.message}`);
        }
      } else {
        assert.throws(() => load(name, manifest.env), (e: unknown) => errorsOf(e).length > 0);
      }
      // A difference from the prototype must be a documented, deliberate change.
      const differs = (entry.prototype === "accepts") !== (entry.here === "loads");
      if (differs) {
        assert.ok(entry.change, `${name} differs from the prototype but names no change`);
        assert.ok(configDoc.includes(`| \`${entry.change}\` |`), `docs/config.md lists no deliberate change \`${entry.change}\``);
      }
    });
  }

  it("without the variables its comments tell users to export, a config fails only on those variables, at their line", () => {
    // The prototype sent `{{ env.X }}` to DSS as literal text; an unset variable is an error here.
    assert.ok(configDoc.includes("| `unset-variable` |"));
    let failing = 0;
    for (const [name] of entries.filter(([, e]) => e.prototype === "accepts")) {
      let problems: ConfigProblem[];
      try {
        load(name, {});
        continue;
      } catch (e) {
        problems = errorsOf(e);
      }
      failing++;
      for (const p of problems) assert.match(p.message, /^environment variable \w+ is not set/, `${name}: ${p.path}: ${p.message}`);
      const text = fs.readFileSync(fs.statSync(path.join(CORPUS, name)).isDirectory() ? path.join(CORPUS, name, "project.yml") : path.join(CORPUS, name), "utf8");
      for (const p of problems) assert.match(text.split("\n")[p.line - 1], /\{\{ env\.\w+ \}\}/, `${name}:${p.line}`);
    }
    assert.ok(failing >= 4, `only ${failing} configs use variables`);
  });

  it("code recipes without code load with one warning each, naming the file and line; their code is not managed", () => {
    const dir = "tests/iac/test_config_parser/test_parse_directory";
    const loaded = load(dir, manifest.env);
    assert.deepStrictEqual(loaded.recipes.map((r) => [r.name, r.code]), [["prep_recipe", undefined]]);
    const warnings = loaded.warnings.filter((w) => w.path === "recipes[0].code");
    assert.strictEqual(warnings.length, 1);
    assert.strictEqual(path.relative(path.join(CORPUS, dir), warnings[0].file), path.join("recipes", "recipe1.yml"));
    assert.strictEqual(warnings[0].line, 3);
    assert.match(warnings[0].message, /does not manage it; add code/);
  });
});
