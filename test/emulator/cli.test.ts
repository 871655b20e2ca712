import * as assert from "assert";
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as readline from "readline";
import { optionsFromArgs } from "../../provider/emulator/cli";
import { API, request, tempDir } from "./helpers";

const CLI = path.join(__dirname, "..", "..", "provider", "emulator", "cli.js");
const SECRET = "cli-secret-7d1e";

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.on("exit", (code) => resolve(code)));
}

describe("emulator: CLI", () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir("emu-cli-");
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  describe("options", () => {
    it("reads the key from DATAIKU_API_KEY or --api-key-file, and refuses an --api-key flag", () => {
      assert.deepStrictEqual(optionsFromArgs([], { DATAIKU_API_KEY: "k" }).apiKeys, ["k"]);
      const file = path.join(dir, "key");
      fs.writeFileSync(file, "from-file\n");
      assert.deepStrictEqual(optionsFromArgs(["--api-key-file", file], { DATAIKU_API_KEY: "env" }).apiKeys, ["from-file"]);
      assert.throws(() => optionsFromArgs(["--api-key", "x"], {}), /not accepted.*DATAIKU_API_KEY/);
      assert.throws(() => optionsFromArgs(["--api-key=x"], {}), /not accepted/);
      assert.throws(() => optionsFromArgs([], {}), /No API key/);
    });

    it("maps flags to options, with defaults", () => {
      const o = optionsFromArgs(["--port", "8123", "--host", "0.0.0.0", "--latency-ms", "15"], { DATAIKU_API_KEY: "k" });
      assert.strictEqual(o.port, 8123);
      assert.strictEqual(o.host, "0.0.0.0");
      assert.deepStrictEqual(o.faults, { latencyMs: 15 });
      assert.strictEqual(optionsFromArgs([], { DATAIKU_API_KEY: "k" }).dataDir, ".emulator-data");
      assert.throws(() => optionsFromArgs(["--port", "abc"], { DATAIKU_API_KEY: "k" }), /--port must be a non-negative integer/);
      assert.throws(() => optionsFromArgs(["--tls-cert", "c"], { DATAIKU_API_KEY: "k" }), /go together/);
      const conns = path.join(dir, "c.json");
      fs.writeFileSync(conns, '{"not":"an array"}');
      assert.throws(() => optionsFromArgs(["--connections", conns], { DATAIKU_API_KEY: "k" }), /JSON array/);
    });
  });

  it("prints {url, dataDir} on stdout, logs to stderr without the key, and exits 0 on SIGTERM", async () => {
    const dataDir = path.join(dir, "data");
    const child = spawn(process.execPath, [CLI, "--data-dir", dataDir], {
      env: { ...process.env, DATAIKU_API_KEY: SECRET },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const exited = exitOf(child);
    let stdout = "";
    let stderr = "";
    child.stderr!.on("data", (c: Buffer) => (stderr += c.toString()));
    const firstLine = await new Promise<string>((resolve) => {
      readline.createInterface({ input: child.stdout! }).once("line", (l) => {
        stdout += l;
        resolve(l);
      });
    });
    const info = JSON.parse(firstLine);
    assert.deepStrictEqual(Object.keys(info).sort(), ["dataDir", "url"]);
    assert.strictEqual(info.dataDir, dataDir);

    const res = await request(info.url, "POST", `${API}/projects/`, { auth: `Bearer ${SECRET}`, body: { projectKey: "CLI", name: "c" } });
    assert.ok(!res.dropped);
    assert.strictEqual(res.status, 200);
    child.kill("SIGTERM");
    assert.strictEqual(await exited, 0);
    assert.match(stderr, /POST \/public\/api\/projects\/ 200/);
    assert.ok(!stdout.includes(SECRET) && !stderr.includes(SECRET));
    assert.ok(fs.existsSync(path.join(dataDir, "state", "projects", "CLI", "project.json")));
  }).timeout(20000);

  it("without a key, exits 2 with a message saying where the key comes from", async () => {
    const env = { ...process.env };
    delete env.DATAIKU_API_KEY;
    const child = spawn(process.execPath, [CLI, "--data-dir", path.join(dir, "data")], { env, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr!.on("data", (c: Buffer) => (stderr += c.toString()));
    assert.strictEqual(await exitOf(child), 2);
    assert.match(stderr, /No API key: set DATAIKU_API_KEY or pass --api-key-file/);
  }).timeout(20000);
});
