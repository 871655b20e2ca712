// A code recipe without `code` (the prototype's directory example has one): it deploys with DSS's own
// script, the loader warns that the code is not managed, and a later `code` is applied as an update.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startTestDss, TestDss } from "../../helpers/emulator";
import { editConfig, ok, previewPlan, yamlStack, YamlStack } from "./helpers";

const KEY = "CODELESS";
const CONFIG = `version: "1.0"
project: {key: ${KEY}, name: Codeless recipe}
datasets:
  - {name: SOURCE, type: managed}
  - {name: TARGET, type: managed}
recipes:
  - name: prep_recipe
    type: python
    inputs: [SOURCE]
    outputs: [TARGET]
`;
const CODE = 'print("managed from now on")\n';

describe("YAML adapter: a python recipe without code", function () {
  let dss: TestDss;
  let stack: YamlStack;
  let dir: string;
  before(async () => {
    dss = await startTestDss();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "codeless-"));
    fs.writeFileSync(path.join(dir, "dataiku.yml"), CONFIG);
    stack = await yamlStack(dss, "dev", path.join(dir, "dataiku.yml"));
  });
  after(async () => {
    stack?.program.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
    await dss?.close();
  });

  let defaultScript: string;

  it("up deploys it with DSS's own script and warns once, with file and line, that the code is not managed", async () => {
    const up = ok(await stack.program.up());
    // Pulumi shows a warning live and again under Diagnostics: the latter lists each one once. The
    // duration reads "(2s)" or "(0.87s)" depending on how fast the run was, so match both.
    assert.match(up.stdout, /Stack \S+ created \([\d.]+s\) 1 warning/);
    const warnings = up.stdout.split("Diagnostics:")[1].split("\n").filter((l) => l.includes("recipes[0].code"));
    assert.equal(warnings.length, 1, up.stdout);
    assert.match(warnings[0], /dataiku\.yml:7:5 recipes\[0\]\.code: no code: DSS keeps the python recipe's own script/);
    const recipe = await dss.client.recipes.get(KEY, "prep_recipe");
    assert.equal(recipe.recipe.type, "python");
    defaultScript = recipe.payload ?? "";
    const state = await stack.program.exportState();
    const inState = state.deployment.resources?.find((r) => String(r.urn).endsWith("::recipe.CODELESS.prep_recipe"));
    assert.ok(inState);
    assert.equal("code" in (inState.outputs as Record<string, unknown>), false, "unmanaged code stays out of state");
  });

  it("a preview after up plans nothing, even when the script changes in DSS", async () => {
    const doc = await dss.client.recipes.get(KEY, "prep_recipe");
    await dss.client.recipes.put(KEY, "prep_recipe", { ...doc, payload: `${defaultScript}# edited in DSS\n` });
    ok(await stack.program.preview("--expect-no-changes"));
  });

  it("adding code later is an update of that recipe only; DSS then runs the config's code", async () => {
    editConfig(stack.configPath, (t) => `${t}    code: |\n      ${CODE}`);
    const plan = await previewPlan(stack.program);
    assert.deepEqual(plan.dataiku, { update: [`recipe.${KEY}.prep_recipe`] });
    const up = ok(await stack.program.up());
    assert.doesNotMatch(up.stdout, /recipes\[0\]\.code/);
    assert.equal((await dss.client.recipes.get(KEY, "prep_recipe")).payload, CODE);
  });

  it("and the preview after that plans no changes", async () => {
    ok(await stack.program.preview("--expect-no-changes"));
  });
});
