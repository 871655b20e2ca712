// TLS: verification is on unless asked otherwise; caCert trusts a private CA.

import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DssApiError } from "../../provider/client";
import { Stub, rejectionOf, startStub, testClient } from "./stub";

describe("client: TLS", function () {
  this.timeout(20_000);
  let dir: string;
  let cert: string;
  let stub: Stub;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "dss-client-tls-"));
    execFileSync("openssl", [
      "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
      "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
      "-keyout", path.join(dir, "key.pem"), "-out", path.join(dir, "cert.pem"),
    ], { stdio: "ignore" });
    cert = fs.readFileSync(path.join(dir, "cert.pem"), "utf8");
    const key = fs.readFileSync(path.join(dir, "key.pem"), "utf8");
    stub = await startStub(() => ({ body: { authIdentifier: "admin" } }), { key, cert });
  });
  after(async () => {
    await stub.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("refuses a self-signed certificate by default, saying how to trust it", async () => {
    const { client } = testClient(stub.url);
    const e = await rejectionOf(client.authInfo());
    assert.ok(e instanceof DssApiError);
    assert.strictEqual(e.retryable, false);
    assert.strictEqual(e.attempts, 1, "a certificate problem is not retried");
    assert.match(e.message, /^TLS verification of https:\/\/localhost:\d+ failed on GET \/auth\/info \((DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN).*set dataiku:caCertFile/);
    assert.strictEqual(stub.requests.length, 0);
  });

  it("trusts the certificate given as caCert", async () => {
    const { client } = testClient(stub.url, { caCert: cert });
    assert.deepStrictEqual(await client.authInfo(), { authIdentifier: "admin" });
  });

  it("skips verification only with insecure: true", async () => {
    const { client } = testClient(stub.url, { insecure: true });
    assert.deepStrictEqual(await client.authInfo(), { authIdentifier: "admin" });
    const notAsked = testClient(stub.url, { insecure: false }).client;
    await rejectionOf(notAsked.authInfo());
    const truthyButNotTrue = testClient(stub.url, { insecure: "yes" as unknown as boolean }).client;
    await rejectionOf(truthyButNotTrue.authInfo());
  });
});
