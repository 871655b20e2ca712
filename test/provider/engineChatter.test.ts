import { strict as assert } from "assert";
import * as sinon from "sinon";
import { isOurRegistrationTrace, withoutOurTraces } from "../../provider/dynamic/quietRegistration";
import { startProviderEarly } from "../../provider/dynamic/startEarly";
import * as invokeModule from "@pulumi/pulumi/runtime/invoke";

// The SDK's own texts (runtime/resource.js), for one of ours and for anyone else's resource.
const OURS = "pulumi-nodejs:dynamic/dataiku:Dataset";
const traces = (t: string, name: string) => [
  `Registering resource: t=${t}, name=${name}, custom=true, remote=false`,
  `RegisterResource RPC prepared: t=${t}, name=${name}`,
  `RegisterResource RPC finished: resource:${name}[${t}]; err: null, resp: [object Object]`,
];

describe("the SDK's per-registration debug traces", () => {
  it("the three traces of one of our resources are recognised, and nothing else is", () => {
    for (const message of traces(OURS, "dataset.P.DS")) assert.equal(isOurRegistrationTrace(message), true, message);
    for (const message of traces("aws:s3/bucket:Bucket", "my-bucket")) assert.equal(isOurRegistrationTrace(message), false, message);
    for (const message of traces("pulumi:pulumi:Stack", "app-dev")) assert.equal(isOurRegistrationTrace(message), false, message);
    // A user's own debug line that mentions our type is theirs, and goes out.
    assert.equal(isOurRegistrationTrace(`about to register ${OURS}`), false);
    // A name that happens to contain our type does not fool the "finished" pattern's type slot.
    assert.equal(isOurRegistrationTrace(`RegisterResource RPC finished: resource:x[aws:s3:Bucket]; ${OURS}[`), false);
  });

  it("only ours are dropped before they reach the engine; the rest still go out", async () => {
    const sent: string[] = [];
    const debug = withoutOurTraces(async (message: string) => void sent.push(message));
    for (const message of [...traces(OURS, "dataset.P.DS"), ...traces("aws:s3/bucket:Bucket", "b"), "user line"]) {
      await debug(message);
    }
    assert.deepEqual(sent, [...traces("aws:s3/bucket:Bucket", "b"), "user line"]);
  });
});

describe("starting the provider early", () => {
  afterEach(() => sinon.restore());

  it("sends nothing without a real engine (unit tests with mocks, inline programs)", () => {
    const invoke = sinon.stub(invokeModule, "invoke").resolves({});
    const saved = process.env.PULUMI_NODEJS_MONITOR;
    delete process.env.PULUMI_NODEJS_MONITOR;
    try {
      startProviderEarly();
      sinon.assert.notCalled(invoke);
    } finally {
      if (saved !== undefined) process.env.PULUMI_NODEJS_MONITOR = saved;
    }
  });

  it("under a real engine, sends one invoke on the dynamic-provider package, once per process, and swallows its refusal", async () => {
    const invoke = sinon.stub(invokeModule, "invoke").rejects(new Error("unknown function pulumi-nodejs:dynamic:startProvider"));
    const saved = process.env.PULUMI_NODEJS_MONITOR;
    process.env.PULUMI_NODEJS_MONITOR = "127.0.0.1:1";
    try {
      startProviderEarly();
      startProviderEarly();
      sinon.assert.calledOnce(invoke);
      assert.match(invoke.firstCall.args[0], /^pulumi-nodejs:dynamic:/);
      await invoke.firstCall.returnValue.catch(() => undefined);
    } finally {
      if (saved === undefined) delete process.env.PULUMI_NODEJS_MONITOR;
      else process.env.PULUMI_NODEJS_MONITOR = saved;
    }
  });
});
