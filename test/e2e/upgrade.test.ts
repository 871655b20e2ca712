import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PACKAGE_ROOT } from "../../provider/automation/offlineEnv";
import { isNotFound } from "../../provider/client";
import { startTestDss, TestDss } from "../helpers/emulator";
import { PulumiProgram } from "../helpers/pulumiCli";

const PROGRAM = path.join(PACKAGE_ROOT, "test", "e2e", "programs", "project-only");

/**
 * A copy of the built package (as npm would install it) and a node_modules that resolves
 * `pulumi-dataiku` to it, so the test can change "the installed version" under a stack.
 */
function installCopy(root: string): { pkg: string; nodeModules: string } {
  const pkg = path.join(root, "pulumi-dataiku");
  fs.mkdirSync(pkg, { recursive: true });
  fs.copyFileSync(path.join(PACKAGE_ROOT, "package.json"), path.join(pkg, "package.json"));
  fs.cpSync(path.join(PACKAGE_ROOT, "dist", "provider"), path.join(pkg, "dist", "provider"), { recursive: true });
  fs.symlinkSync(path.join(PACKAGE_ROOT, "node_modules"), path.join(pkg, "node_modules"));
  const nodeModules = path.join(root, "node_modules");
  fs.mkdirSync(nodeModules);
  for (const entry of fs.readdirSync(path.join(PACKAGE_ROOT, "node_modules"))) {
    if (entry === "pulumi-dataiku") continue;
    fs.symlinkSync(path.join(PACKAGE_ROOT, "node_modules", entry), path.join(nodeModules, entry));
  }
  fs.symlinkSync(pkg, path.join(nodeModules, "pulumi-dataiku"));
  return { pkg, nodeModules };
}

describe("the serialized provider is a thin shim", function () {
  let dss: TestDss;
  let program: PulumiProgram;
  let root: string;

  before(async () => {
    dss = await startTestDss();
    root = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-dataiku-upgrade-"));
  });
  after(async () => {
    program?.cleanup();
    fs.rmSync(root, { recursive: true, force: true });
    await dss?.close();
  });

  it("a delete fixed in a newer installed version reaches a resource created by the older one", async () => {
    const { pkg, nodeModules } = installCopy(root);
    program = await PulumiProgram.create(PROGRAM, "upgrade", {}, nodeModules);
    await program.setConfig({ "dataiku:url": { value: dss.url }, "dataiku:apiKey": { value: dss.apiKey, secret: true } });
    const up = await program.up();
    assert.equal(up.code, 0, up.stdout + up.stderr);

    // State holds the shim, not the implementation.
    const state = JSON.stringify(await program.exportState());
    assert.match(state, /pulumi-dataiku\/dynamic/);
    assert.doesNotMatch(state, /ProjectExecutor|clearManagedDatasets/);

    // "Upgrade": the installed package's delete now leaves a mark before deleting.
    const marker = path.join(root, "new-delete-ran");
    const impl = path.join(pkg, "dist", "provider", "dynamic", "index.js");
    fs.appendFileSync(
      impl,
      `\nconst v1Delete = exports.providers.project.delete;\n` +
        `exports.providers.project.delete = async (id, props) => {\n` +
        `  require("fs").writeFileSync(${JSON.stringify(marker)}, id);\n` +
        `  return v1Delete(id, props);\n};\n`,
    );

    const destroy = await program.destroy();
    assert.equal(destroy.code, 0, destroy.stdout + destroy.stderr);
    assert.equal(fs.readFileSync(marker, "utf8"), "UPGRADE", "the newer delete ran");
    await assert.rejects(dss.client.projects.getMetadata("UPGRADE"), (e) => isNotFound(e));
  });
});
