// Command-line entry: `npm run emulator -- --port 8080`. The API key comes from the environment
// (DATAIKU_API_KEY) or a file (--api-key-file), never from a flag: flags are visible in `ps`.
// Prints one JSON line {"url","dataDir"} on stdout once listening, then logs requests to stderr.
import * as fs from "fs";
import { parseArgs } from "util";
import { ConnectionDefinition, EmulatorOptions, startEmulator } from "./index";

const USAGE = `Usage: node dist/provider/emulator/cli.js [options]
  --port <n>              port to listen on (default: a free port)
  --host <addr>           address to bind (default: 127.0.0.1)
  --data-dir <dir>        state directory (default: .emulator-data)
  --connections <file>    JSON array of connection definitions (used on first start only)
  --latency-ms <n>        delay added to every API request
  --tls-cert <file>       serve HTTPS with this certificate (PEM) ...
  --tls-key <file>        ... and this private key (PEM)
  --api-key-file <file>   file holding the accepted API key (else env DATAIKU_API_KEY)`;

class UsageError extends Error {}

function readText(file: string, what: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new UsageError(`Cannot read ${what} file ${file}: ${(err as Error).message}`);
  }
}

function number(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`${flag} must be a non-negative integer, got '${value}'`);
  return n;
}

export function optionsFromArgs(argv: string[], env: NodeJS.ProcessEnv): EmulatorOptions {
  if (argv.some((a) => a === "--api-key" || a.startsWith("--api-key="))) {
    throw new UsageError("--api-key is not accepted (flags show in `ps`): set DATAIKU_API_KEY or use --api-key-file");
  }
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: "string" },
        host: { type: "string" },
        "data-dir": { type: "string" },
        connections: { type: "string" },
        "latency-ms": { type: "string" },
        "tls-cert": { type: "string" },
        "tls-key": { type: "string" },
        "api-key-file": { type: "string" },
        help: { type: "boolean" },
      },
    }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (values.help) throw new UsageError("");

  const key = values["api-key-file"] ? readText(values["api-key-file"], "API key").trim() : env.DATAIKU_API_KEY?.trim();
  if (!key) throw new UsageError("No API key: set DATAIKU_API_KEY or pass --api-key-file <file>");

  if (Boolean(values["tls-cert"]) !== Boolean(values["tls-key"])) {
    throw new UsageError("--tls-cert and --tls-key go together");
  }
  let connections: ConnectionDefinition[] | undefined;
  if (values.connections) {
    try {
      connections = JSON.parse(readText(values.connections, "connections")) as ConnectionDefinition[];
    } catch (err) {
      if (err instanceof UsageError) throw err;
      throw new UsageError(`${values.connections} is not valid JSON: ${(err as Error).message}`);
    }
    if (!Array.isArray(connections)) throw new UsageError(`${values.connections} must hold a JSON array of connections`);
  }
  const latencyMs = number(values["latency-ms"], "--latency-ms");
  return {
    dataDir: values["data-dir"] ?? ".emulator-data",
    apiKeys: [key],
    port: number(values.port, "--port") ?? 0,
    host: values.host ?? "127.0.0.1",
    connections,
    faults: latencyMs ? { latencyMs } : undefined,
    tls: values["tls-cert"]
      ? { cert: readText(values["tls-cert"], "TLS certificate"), key: readText(values["tls-key"]!, "TLS key") }
      : undefined,
    log: (line) => process.stderr.write(`${line}\n`),
  };
}

async function main(): Promise<void> {
  let opts: EmulatorOptions;
  try {
    opts = optionsFromArgs(process.argv.slice(2), process.env);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    if (err.message) process.stderr.write(`${err.message}\n\n`);
    process.stderr.write(`${USAGE}\n`);
    process.exit(err.message ? 2 : 0);
  }
  if (!["127.0.0.1", "localhost", "::1"].includes(opts.host ?? "127.0.0.1")) {
    // /__emulator/* has no auth because the emulator normally listens on loopback only.
    process.stderr.write(`warning: listening on ${opts.host}: the /__emulator admin routes are reachable without a key\n`);
  }
  const emulator = await startEmulator(opts);
  process.stdout.write(`${JSON.stringify({ url: emulator.url, dataDir: emulator.dataDir })}\n`);
  let closing = false;
  const stop = (signal: string) => {
    if (closing) return;
    closing = true;
    process.stderr.write(`${signal}: closing the emulator\n`);
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

if (require.main === module) {
  main().catch((err: Error) => {
    process.stderr.write(`The emulator could not start: ${err.message}\n`);
    process.exit(1);
  });
}
