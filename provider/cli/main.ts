#!/usr/bin/env node
// `dataiku-iac`: the package's bin (see docs/cli.md).
import { runCli } from "./cli";
import { processTerminal } from "./terminal";

runCli(process.argv.slice(2), processTerminal()).then((code) => {
  process.exitCode = code;
});
