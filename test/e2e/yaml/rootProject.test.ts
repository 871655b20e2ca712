// The repository's own Pulumi.yaml, run as its header comment tells users: stack init, url, secret
// API key, optionally the config path, up. The temp copy holds the root's Pulumi.yaml verbatim and a
// link to the built dist/, which its `main` names.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PACKAGE_ROOT } from "../../../provider/automation/offlineEnv";
import { startTestDss, TestDss } from "../../helpers/emulator";
import { PulumiProgram } from "../../helpers/pulumiCli";
import { datasetShapes, editConfig, EXAMPLES, ok } from "./helpers";

/** A directory laid out like the repo root for Pulumi: Pulumi.yaml, dist/, and the demo config at `configAt`. */
function rootLikeDir(configAt: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-dataiku-root-"));
  fs.copyFileSync(path.join(PACKAGE_ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
  fs.symlinkSync(path.join(PACKAGE_ROOT, "dist"), path.join(dir, "dist"), "dir");
  fs.mkdirSync(path.dirname(path.join(dir, configAt)), { recursive: true });
  fs.copyFileSync(path.join(EXAMPLES, "demo", "dataiku.yml"), path.join(dir, configAt));
  return dir;
}

describe("YAML adapter: the repository root is a runnable Pulumi project", function () {
  let dss: TestDss;
  const programs: PulumiProgram[] = [];
  const sources: string[] = [];
  before(async () => {
    dss = await startTestDss();
  });
  after(async () => {
    programs.forEach((p) => p.cleanup());
    sources.forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
    await dss?.close();
  });

  async function rootStack(configAt: string): Promise<PulumiProgram> {
    const source = rootLikeDir(configAt);
    sources.push(source);
    const program = await PulumiProgram.create(source, "dev");
    programs.push(program);
    await program.setConfig({
      "dataiku:url": { value: dss.url },
      "dataiku:apiKey": { value: dss.apiKey, secret: true },
    });
    return program;
  }

  it("stack init, url, secret apiKey, configFile examples/demo/dataiku.yml, up: DSS holds DEMO_IAC", async () => {
    const program = await rootStack("examples/demo/dataiku.yml");
    await program.setConfig({ "dataiku:configFile": { value: "examples/demo/dataiku.yml" } });
    ok(await program.up());
    assert.equal((await dss.client.projects.getMetadata("DEMO_IAC")).label, "IaC Demo Project");
    assert.deepEqual(await datasetShapes(dss.client, "DEMO_IAC"), {
      DEMO_DATA: { type: "Filesystem", connection: "filesystem_managed", managed: true },
    });
    assert.deepEqual((await program.outputs()).projectKey, "DEMO_IAC");
    ok(await program.preview("--expect-no-changes"));
  });

  it("without dataiku:configFile it reads dataiku.yml next to Pulumi.yaml", async () => {
    const program = await rootStack("dataiku.yml");
    editConfig(path.join(program.dir, "dataiku.yml"), (t) => t.replace("key: DEMO_IAC", "key: DEMO_DEFAULT"));
    ok(await program.up());
    assert.equal((await dss.client.projects.getMetadata("DEMO_DEFAULT")).label, "IaC Demo Project");
    assert.deepEqual(Object.keys(await datasetShapes(dss.client, "DEMO_DEFAULT")), ["DEMO_DATA"]);
  });
});
