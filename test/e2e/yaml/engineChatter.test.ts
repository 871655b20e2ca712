// What the program sends the engine besides its resources, on the real engine: the SDK's
// per-registration debug traces stay off the wire for our resources (others keep theirs), and the
// invoke that starts the provider early is silent unless the user asks for debug output.
import { strict as assert } from "assert";
import * as path from "path";
import { startTestDss, TestDss } from "../../helpers/emulator";
import { EXAMPLES, ok, yamlStack, YamlStack } from "./helpers";

const OUR_TRACE = /Registering resource: t=pulumi-nodejs:dynamic\/dataiku:/;
const COMPONENT_TRACE = /Registering resource: t=dataiku:index:DataikuProject/;
const WARM_UP = /tok=pulumi-nodejs:dynamic:startProvider/;

describe("YAML adapter: what the program tells the engine besides its resources", function () {
  let dss: TestDss;
  let demo: YamlStack;
  before(async () => {
    dss = await startTestDss();
    demo = await yamlStack(dss, "dev", path.join(EXAMPLES, "demo", "dataiku.yml"));
  });
  after(async () => {
    demo?.program.cleanup();
    await dss?.close();
  });

  it("up --debug shows other resources' registration traces and the warm-up invoke, not our resources' traces", async () => {
    const up = ok(await demo.program.up("--debug"));
    const out = up.stdout + up.stderr;
    assert.match(out, COMPONENT_TRACE, "the SDK's traces of other resources still reach the engine");
    assert.doesNotMatch(out, OUR_TRACE);
    assert.match(out, WARM_UP, "the provider was started by the warm-up invoke");
    assert.match(out, /\+ 4 created/);
    // What DSS holds is the config, however the provider was started.
    assert.equal((await dss.client.projects.getMetadata("DEMO_IAC")).label, "IaC Demo Project");
    assert.deepEqual((await dss.client.datasets.list("DEMO_IAC")).map((d) => d.name), ["DEMO_DATA"]);
  });

  it("without --debug, the warm-up's 'unknown function' answer prints nothing", async () => {
    const preview = ok(await demo.program.preview("--expect-no-changes"));
    assert.doesNotMatch(preview.stdout + preview.stderr, /unknown function|startProvider|error/i);
  });

  it("DATAIKU_SDK_TRACE=1 gives every trace back", async () => {
    const preview = ok(await demo.program.run(["preview", "--debug", "--expect-no-changes"], { DATAIKU_SDK_TRACE: "1" }));
    assert.match(preview.stdout + preview.stderr, OUR_TRACE);
  });
});
