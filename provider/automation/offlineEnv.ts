import * as fs from "fs";
import * as path from "path";

/** The package root, whether running from dist/ or installed under node_modules. */
export const PACKAGE_ROOT = path.resolve(__dirname, "..", "..", "..");

/**
 * The project's Pulumi settings, from scripts/pulumi-offline.env: the fast mode (checkpoints skipped,
 * crash safety from ownership tags and the create journal) and the settings for machines with no
 * internet. The one place that the tests, the demo, the benchmarks and the dataiku-iac command share.
 */
export function offlinePulumiEnv(): Record<string, string> {
  const file = path.join(PACKAGE_ROOT, "scripts", "pulumi-offline.env");
  const env: Record<string, string> = {};
  for (const line of fs.readFileSync(file, "utf8").split("\n")) {
    const match = /^\s*([A-Z0-9_]+)=(.*)$/.exec(line);
    if (match) env[match[1]] = match[2].trim();
  }
  return env;
}
