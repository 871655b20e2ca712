import { strict as assert } from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { PACKAGE_ROOT } from "../provider/automation/offlineEnv";

const pkg = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, "package.json"), "utf8"));

describe("package.json", () => {
  it("declares Node >= 22, and the tests run on a Node it supports", () => {
    assert.equal(pkg.engines.node, ">=22");
    assert.ok(Number(process.versions.node.split(".")[0]) >= 22, `running on Node ${process.versions.node}`);
  });

  it("takes @pulumi/pulumi as a peer, from the version whose dynamic providers have configure", () => {
    assert.equal(pkg.peerDependencies["@pulumi/pulumi"], "^3.139.0");
    assert.equal(pkg.dependencies["@pulumi/pulumi"], undefined);
  });

  it("pins TypeScript 5 (@pulumi/pulumi does not support 7)", () => {
    assert.match(pkg.devDependencies.typescript, /^~5\./);
  });

  it("has no Pulumi plugin section, so the engine never tries to download a plugin for it", () => {
    assert.equal(pkg.pulumi, undefined);
  });

  it("exports the implementation the serialized shim loads by package name", () => {
    assert.equal(pkg.exports["./dynamic"], "./dist/provider/dynamic/index.js");
    const impl = require(path.join(PACKAGE_ROOT, pkg.exports["./dynamic"]));
    assert.deepEqual(Object.keys(impl.providers).sort(), ["dataset", "folder", "project", "recipe", "scenario"]);
  });

  it("publishes every file the package reads at run time (npm pack)", function () {
    this.timeout(60_000);
    const [packed] = JSON.parse(execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
      cwd: PACKAGE_ROOT,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }));
    const files = new Set((packed.files as Array<{ path: string }>).map((f) => f.path));
    for (const needed of [
      "dist/provider/index.js",
      "dist/provider/dynamic/index.js",
      "dist/provider/cli/main.js",
      "dist/provider/emulator/cli.js",
      "scripts/pulumi-offline.env", // read by the CLI's workspace settings
      "schema/dataiku-config.schema.json",
    ]) {
      assert.ok(files.has(needed), `${needed} is not in the published package`);
    }
    assert.ok(![...files].some((f) => f.startsWith("dist/test/")), "tests are not published");
  });
});
