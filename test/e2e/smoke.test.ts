import { strict as assert } from "assert";
import * as path from "path";
import { PACKAGE_ROOT } from "../../provider/automation/offlineEnv";
import { PulumiProgram } from "../helpers/pulumiCli";

const PROGRAM = path.join(PACKAGE_ROOT, "test", "e2e", "programs", "smoke");

describe("Pulumi toolchain smoke test (real engine, file backend)", function () {
  let program: PulumiProgram;

  before(async () => {
    program = await PulumiProgram.create(PROGRAM, "smoke");
  });
  after(() => program?.cleanup());

  it("up creates the dynamic resource and records it in state", async () => {
    const up = await program.up();
    assert.equal(up.code, 0, up.stdout + up.stderr);
    assert.deepEqual(await program.outputs(), { letters: 5, id: "word-hello" });
    const state = await program.exportState();
    const resource = state.deployment.resources?.find((r) => String(r.urn).endsWith("::word"));
    assert.ok(resource, "the state file holds the resource");
    assert.equal(resource.id, "word-hello");
    assert.equal((resource.outputs as Record<string, unknown>).letters, 5);
  });

  it("preview after up plans no changes", async () => {
    const preview = await program.preview("--expect-no-changes");
    assert.equal(preview.code, 0, preview.stdout + preview.stderr);
  });

  it("preview shows a replace when an input changes", async () => {
    await program.setConfig({ "smoke:word": { value: "pulumi" } });
    const preview = await program.preview("--diff");
    assert.equal(preview.code, 0, preview.stderr);
    assert.match(preview.stdout, /\+-pulumi-nodejs:dynamic:Resource: \(replace\)/);
    assert.match(preview.stdout, /~ word\s*: "hello" => "pulumi"/);
    assert.match(preview.stdout, /1 to replace/);
  });

  it("destroy removes the resource from state", async () => {
    const destroy = await program.destroy();
    assert.equal(destroy.code, 0, destroy.stdout + destroy.stderr);
    const state = await program.exportState();
    assert.equal((state.deployment.resources ?? []).length, 0);
  });
});
