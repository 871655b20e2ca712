import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { API, request, startTest, tempDir } from "./helpers";

/** A throwaway self-signed certificate for 127.0.0.1, made with openssl. */
function selfSigned(dir: string): { cert: string; key: string } {
  const keyFile = path.join(dir, "key.pem");
  const certFile = path.join(dir, "cert.pem");
  execFileSync("openssl", [
    "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
    "-keyout", keyFile, "-out", certFile, "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
  ], { stdio: "ignore" });
  return { cert: fs.readFileSync(certFile, "utf8"), key: fs.readFileSync(keyFile, "utf8") };
}

describe("emulator: HTTPS", () => {
  let dir: string;
  before(() => {
    dir = tempDir("emu-tls-");
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("serves the API over TLS with the given certificate; a client trusting it round-trips", async () => {
    const tls = selfSigned(dir);
    const t = await startTest({ tls });
    try {
      assert.match(t.emu.url, /^https:\/\/127\.0\.0\.1:\d+$/);
      const created = await request(t.emu.url, "POST", `${API}/projects/`, { body: { projectKey: "TLS", name: "Secure" }, ca: tls.cert });
      assert.ok(!created.dropped);
      assert.strictEqual(created.text, "TLS");
      const got = await request(t.emu.url, "GET", `${API}/projects/TLS`, { ca: tls.cert });
      assert.ok(!got.dropped);
      assert.strictEqual(got.json.name, "Secure");
      assert.ok(got.headers["dss-version"]);
      // A client that does not trust the certificate is refused by TLS, before any request is applied.
      await assert.rejects(request(t.emu.url, "GET", `${API}/projects/`), /self[- ]signed|certificate/i);
      assert.strictEqual(t.emu.stats().total, 2);
    } finally {
      await t.stop();
    }
  }).timeout(20000);
});
