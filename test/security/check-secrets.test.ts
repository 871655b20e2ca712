// The CI secret scan (scripts/check-secrets.sh, run first by .ci/run) fails on a tracked file holding
// a DSS API key, prints where with the key redacted, and passes once the key is gone.
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PACKAGE_ROOT } from "../../provider/automation/offlineEnv";

describe("security: the CI secret scan", () => {
  let repo: string;
  const git = (...args: string[]) => spawnSync("git", args, { cwd: repo, encoding: "utf8" });
  const scan = () => spawnSync("bash", [path.join(repo, "scripts", "check-secrets.sh")], { cwd: repo, encoding: "utf8" });

  before(() => {
    repo = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-dataiku-scan-"));
    fs.mkdirSync(path.join(repo, "scripts"));
    fs.copyFileSync(path.join(PACKAGE_ROOT, "scripts", "check-secrets.sh"), path.join(repo, "scripts", "check-secrets.sh"));
    git("init", "-q");
    fs.writeFileSync(path.join(repo, "ok.ts"), "const key = `dkuaps-${random()}`;\n");
    git("add", ".");
  });
  after(() => fs.rmSync(repo, { recursive: true, force: true }));

  it("passes on keys built at run time", () => {
    const result = scan();
    assert.equal(result.status, 0, result.stderr);
  });

  it("fails on a committed key, naming the file and line but not the key", () => {
    const key = `dkuaps-${"a1B2".repeat(8)}`;
    fs.writeFileSync(path.join(repo, "config.ts"), `// setup\nexport const apiKey = "${key}";\n`);
    git("add", "config.ts");
    const result = scan();
    assert.equal(result.status, 1);
    assert.match(result.stderr, /config\.ts:2:.*dkuaps-<redacted>/);
    assert.ok(!result.stderr.includes(key) && !result.stdout.includes(key));
    git("rm", "-q", "--cached", "config.ts");
    assert.equal(scan().status, 0, "untracked files are not scanned");
  });
});
