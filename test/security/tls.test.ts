// TLS verification is on by default. The client against the emulator serving HTTPS with a
// self-signed certificate: refused without the CA (with a message naming the setting to use),
// trusted with `caCert`, and unverified only when `insecure: true` is asked for. The same through the
// provider's settings: `dataiku:caCertFile` / DATAIKU_CA_CERT_FILE and `dataiku:insecure`.
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DssApiError, DssClient } from "../../provider/client";
import { clientOptions, readSettings } from "../../provider/common/settings";
import { RunningEmulator, startEmulator } from "../../provider/emulator";

// Built at run time: scripts/check-secrets.sh refuses key-shaped literals in tracked files.
const API_KEY = `dkuaps-${"tls".repeat(12)}`;

function selfSigned(dir: string, name: string): { cert: string; key: string; certFile: string } {
  const certFile = path.join(dir, `${name}.pem`);
  const keyFile = path.join(dir, `${name}-key.pem`);
  execFileSync("openssl", [
    "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
    "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", keyFile, "-out", certFile,
  ], { stdio: "ignore" });
  return { cert: fs.readFileSync(certFile, "utf8"), key: fs.readFileSync(keyFile, "utf8"), certFile };
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (e) {
    return e as Error;
  }
  assert.fail("expected a rejection");
}

describe("security: TLS against the emulator over HTTPS with a self-signed certificate", function () {
  this.timeout(60_000);
  let dir: string;
  let emulator: RunningEmulator;
  let server: { cert: string; certFile: string };
  let unrelated: { cert: string; certFile: string };

  const client = (extra: Partial<ConstructorParameters<typeof DssClient>[0]> = {}) =>
    new DssClient({ url: emulator.url, apiKey: API_KEY, maxRetries: 0, ...extra });

  /** The request is refused in the TLS handshake: DSS's handlers never see it. */
  async function refusedByTls(c: DssClient): Promise<void> {
    emulator.resetStats();
    const e = await rejection(c.authInfo());
    assert.ok(e instanceof DssApiError, String(e));
    assert.equal(e.status, undefined);
    assert.equal(e.retryable, false, "a certificate problem is not retried");
    assert.match(e.message, /^TLS verification of https:\/\/127\.0\.0\.1:\d+ failed on GET \/auth\/info \(/);
    assert.match(e.message, /set dataiku:caCertFile \/ DATAIKU_CA_CERT_FILE to the PEM of the CA/);
    assert.match(e.message, /dataiku:insecure/);
    assert.ok(!e.message.includes(API_KEY));
    assert.equal(emulator.stats().total, 0, "nothing reached the API");
  }

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-dataiku-tls-"));
    const pair = selfSigned(dir, "server");
    server = pair;
    unrelated = selfSigned(dir, "unrelated");
    emulator = await startEmulator({ dataDir: path.join(dir, "data"), apiKeys: [API_KEY], tls: { cert: pair.cert, key: pair.key } });
    assert.match(emulator.url, /^https:\/\/127\.0\.0\.1:\d+$/);
  });
  after(async () => {
    await emulator?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("refuses the certificate by default, naming the settings that fix it", async () => {
    await refusedByTls(client());
  });

  it("refuses it when a CA that did not sign it is given", async () => {
    await refusedByTls(client({ caCert: unrelated.cert }));
  });

  it("trusts it with caCert, for reads and writes", async () => {
    const c = client({ caCert: server.cert });
    assert.equal((await c.authInfo()).authIdentifier, "admin");
    await c.projects.create({ projectKey: "TLS_OK", name: "over TLS" });
    assert.equal((await c.projects.getMetadata("TLS_OK")).label, "over TLS");
  });

  it("skips verification only with insecure: true, never for false, absent or merely truthy values", async () => {
    assert.equal((await client({ insecure: true }).authInfo()).authIdentifier, "admin");
    await refusedByTls(client({ insecure: false }));
    await refusedByTls(client({ insecure: "true" as unknown as boolean }));
    await refusedByTls(client({ insecure: 1 as unknown as boolean }));
  });

  describe("through the provider settings", () => {
    const configOf = (values: Record<string, string>) => (key: string) => values[key];
    const settingsClient = (config: Record<string, string>, env: NodeJS.ProcessEnv = {}) =>
      new DssClient({ ...clientOptions(readSettings(configOf({ "dataiku:url": emulator.url, "dataiku:apiKey": API_KEY, "dataiku:maxRetries": "0", ...config }), env)) });

    it("verifies by default", async () => {
      const settings = readSettings(configOf({ "dataiku:url": emulator.url, "dataiku:apiKey": API_KEY }), {});
      assert.equal(settings.insecure, undefined);
      assert.equal(clientOptions(settings).insecure, undefined);
      await refusedByTls(settingsClient({}));
    });

    it("dataiku:caCertFile trusts the certificate", async () => {
      assert.equal((await settingsClient({ "dataiku:caCertFile": server.certFile }).authInfo()).authIdentifier, "admin");
    });

    it("DATAIKU_CA_CERT_FILE trusts it when the stack config sets no CA", async () => {
      assert.equal((await settingsClient({}, { DATAIKU_CA_CERT_FILE: server.certFile }).authInfo()).authIdentifier, "admin");
      // The stack config wins over the environment.
      await refusedByTls(settingsClient({ "dataiku:caCertFile": unrelated.certFile }, { DATAIKU_CA_CERT_FILE: server.certFile }));
    });

    it("dataiku:insecure=true skips verification; false does, and wins over DATAIKU_INSECURE", async () => {
      assert.equal((await settingsClient({ "dataiku:insecure": "true" }).authInfo()).authIdentifier, "admin");
      assert.equal((await settingsClient({}, { DATAIKU_INSECURE: "true" }).authInfo()).authIdentifier, "admin");
      await refusedByTls(settingsClient({ "dataiku:insecure": "false" }));
      await refusedByTls(settingsClient({ "dataiku:insecure": "false" }, { DATAIKU_INSECURE: "true" }));
    });

    it("a value of dataiku:insecure that is not a boolean is an error naming the setting", () => {
      assert.throws(() => readSettings(configOf({ "dataiku:insecure": "maybe" }), {}), (e: Error) => /Invalid setting dataiku:insecure="maybe": expected true or false/.test(e.message));
    });

    it("a caCertFile that cannot be read is an error naming the setting and the file", () => {
      const missing = path.join(dir, "missing.pem");
      assert.throws(
        () => clientOptions(readSettings(configOf({ "dataiku:url": emulator.url, "dataiku:apiKey": API_KEY, "dataiku:caCertFile": missing }), {})),
        (e: Error) => e.message.includes("dataiku:caCertFile") && e.message.includes(missing) && !e.message.includes(API_KEY),
      );
    });
  });
});
