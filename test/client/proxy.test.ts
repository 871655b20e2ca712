// Proxies: a proxy named in the environment carries the requests, as axios does it; with none named,
// requests go straight to DSS.

import * as assert from "assert";
import { proxyInEnvironment } from "../../provider/client/http";
import { Stub, startStub, testClient } from "./stub";

const PROXY_VARIABLES = ["http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY", "no_proxy", "NO_PROXY"];

describe("client: proxies from the environment", () => {
  let dss: Stub;
  let proxy: Stub;
  let saved: Record<string, string | undefined>;

  before(async () => {
    dss = await startStub(() => ({ body: { authIdentifier: "direct" } }));
    // Answers as a forward proxy would relay DSS's answer; the request line shows it was proxied.
    proxy = await startStub(() => ({ body: { authIdentifier: "via proxy" } }));
  });
  after(async () => {
    await dss.close();
    await proxy.close();
  });
  beforeEach(() => {
    saved = Object.fromEntries(PROXY_VARIABLES.map((k) => [k, process.env[k]]));
    for (const k of PROXY_VARIABLES) delete process.env[k];
    dss.requests.length = 0;
    proxy.requests.length = 0;
  });
  afterEach(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  it("with no proxy variable, goes straight to DSS", async () => {
    const { client } = testClient(dss.url);
    assert.deepStrictEqual(await client.authInfo(), { authIdentifier: "direct" });
    assert.strictEqual(dss.requests.length, 1);
    assert.strictEqual(proxy.requests.length, 0);
  });

  for (const variable of ["HTTP_PROXY", "http_proxy", "ALL_PROXY"]) {
    it(`with ${variable} set, sends the request through the proxy, key and all`, async () => {
      process.env[variable] = proxy.url;
      const { client } = testClient(dss.url);
      assert.deepStrictEqual(await client.authInfo(), { authIdentifier: "via proxy" });
      assert.strictEqual(dss.requests.length, 0);
      assert.strictEqual(proxy.requests.length, 1);
      assert.strictEqual(proxy.requests[0].rawPath, `${dss.url}/public/api/auth/info`);
      assert.match(String(proxy.requests[0].headers.authorization), /^Basic /);
    });
  }

  it("NO_PROXY still wins over a proxy variable", async () => {
    process.env.HTTP_PROXY = proxy.url;
    process.env.NO_PROXY = "127.0.0.1";
    const { client } = testClient(dss.url);
    assert.deepStrictEqual(await client.authInfo(), { authIdentifier: "direct" });
    assert.strictEqual(proxy.requests.length, 0);
  });

  it("reads the variables as axios does: either case, per scheme or all_proxy", () => {
    assert.strictEqual(proxyInEnvironment({}), false);
    assert.strictEqual(proxyInEnvironment({ NO_PROXY: "*" }), false);
    assert.strictEqual(proxyInEnvironment({ https_proxy: "http://p:3128" }), true);
    assert.strictEqual(proxyInEnvironment({ HTTPS_PROXY: "http://p:3128" }), true);
    assert.strictEqual(proxyInEnvironment({ all_proxy: "p:3128" }), true);
    assert.strictEqual(proxyInEnvironment({ HTTP_PROXY: "" }), false);
  });
});
