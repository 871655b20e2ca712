// An embedded Dataiku DSS for the demo, tests and benchmarks: a real HTTP(S) server speaking DSS's
// public REST API (/work/shared/reference/dss-rest-api.md) for projects, datasets, recipes, managed
// folders, scenarios and connections, with state in a data directory. The official Python client works against it as is.
//
// DSS quirks copied on purpose (each also commented where it is implemented):
// - Settings PUTs replace the whole document; fields the emulator does not model are stored as given
//   and survive a read-modify-write (TF-fake `unmodelledFieldDropped`, TF-projects comments).
// - Tags are a set, returned sorted (TF-log 0.4.0).
// - versionTag {versionNumber, lastModifiedBy:{login}, lastModifiedOn} is bumped by the server on each
//   save and creationTag set at create; a stale versionTag in a PUT is not rejected (VSC remoteSaver).
// - POST /projects/ and POST /admin/connections/ answer a bare text body, not JSON (PY-client).
// - Project permission entries that omit a flag keep its previous value (TF-projects, DSS 15).
// - Connection secrets are masked on read; recipe GET always carries the payload.
// - Project delete answers a future state: finished when wait=true, a pollable future when false.
// - Unknown routes answer 404 "unhandled <METHOD> <PATH>" so gaps show up instead of passing.
//
// Choices where the reference is unsure:
// - Unknown project/dataset/recipe/connection/future: 404 com.dataiku.dip.server.controllers.NotFoundException
//   "<kind> does not exist: <ref>" (DSS is also seen answering 500 for some of these).
// - Duplicates: 400 java.lang.IllegalArgumentException "... already exists" (real body unknown).
// - Invalid key or name: 400 IllegalArgumentException (real DSS gives a "confusing 500" for keys).
// - Malformed JSON: 400 com.google.gson.JsonSyntaxException (DSS parses bodies with Gson).
// - Missing API key: 401 NotAuthenticatedException with a message saying how to send the key.
// - A generic dataset create naming an unknown connection is refused (400), so typos fail early.
// - A given recipe name is used exactly (a taken one is refused); only a missing one is generated.
// - A dataset may be the output of one recipe only: 400 naming the recipe that already builds it.
// - Missing recipe inputs (and, on PUT, outputs) are 400 IllegalArgumentException naming the ref.
// - Deleting a dataset leaves recipes that use it untouched; deleting a recipe leaves its datasets.
// - Recipe inputs and outputs may name managed folders by id (PY-recipe refs); folders and scenarios
//   are documented at the top of routes/folders.ts and routes/scenarios.ts.
// - Document PUTs answer the saved document (clients ignore or parse it as JSON); deletes answer
//   {"msg": ...}.
import * as fs from "fs";
import * as path from "path";
import { ApiKeyCheck } from "./auth";
import { ConnectionDefinition, completeConnection, defaultConnections } from "./connections";
import { firstVersionTag } from "./documents";
import { DssError } from "./errors";
import { FaultConfig, FaultInjector } from "./faults";
import { Futures } from "./futures";
import { ManagedData } from "./managedData";
import { Router } from "./router";
import { registerAdminRoutes } from "./routes/admin";
import { registerConnectionRoutes, checkConnectionName } from "./routes/connections";
import { registerDatasetRoutes } from "./routes/datasets";
import { registerFolderRoutes } from "./routes/folders";
import { RouteEnv } from "./routes/env";
import { registerProjectRoutes } from "./routes/projects";
import { registerRecipeRoutes } from "./routes/recipes";
import { registerScenarioRoutes } from "./routes/scenarios";
import { registerSystemRoutes } from "./routes/system";
import { EmulatorHttpServer } from "./server";
import { EmulatorStats, StatsCounter } from "./stats";
import { Store } from "./store";
import { JsonObject } from "./validate";

export type { ConnectionDefinition } from "./connections";
export type { FaultConfig, FaultRule, FaultKind } from "./faults";
export type { EmulatorStats } from "./stats";

export interface EmulatorOptions {
  /** Created if missing; all state lives here. */
  dataDir: string;
  /** Accepted API keys (at least one). */
  apiKeys: string[];
  /** Default 0 = pick a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Replaces the default connections when given (persisted on first start only). */
  connections?: ConnectionDefinition[];
  /** Initial faults. */
  faults?: FaultConfig;
  /** Serve HTTPS instead of HTTP. */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /** One line per request: method, path, status, ms. Never the key. */
  log?: (line: string) => void;
}

export interface RunningEmulator {
  /** e.g. http://127.0.0.1:43121 (no trailing slash, no /public/api). */
  url: string;
  port: number;
  dataDir: string;
  setFaults(f: FaultConfig): void;
  clearFaults(): void;
  stats(): EmulatorStats;
  resetStats(): void;
  /** Stops listening and destroys open sockets. */
  close(): Promise<void>;
}

/** Internal seams for tests (not part of the public contract). */
export interface EmulatorInternals {
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

const USER = "admin";

export async function startEmulator(opts: EmulatorOptions, internals: EmulatorInternals = {}): Promise<RunningEmulator> {
  const keys = new ApiKeyCheck(opts.apiKeys ?? []);
  const faults = new FaultInjector();
  try {
    if (opts.faults) faults.set(opts.faults);
  } catch (err) {
    throw new Error(`Invalid emulator faults option: ${(err as DssError).message}`, { cause: err });
  }
  const dataDir = path.resolve(opts.dataDir);
  await fs.promises.mkdir(dataDir, { recursive: true });
  const now = internals.now ?? Date.now;
  const store = await Store.open(dataDir, () => initialConnections(opts.connections, now()));

  const env: RouteEnv = { store, managedData: new ManagedData(dataDir, store), futures: new Futures(), user: USER, now };
  const stats = new StatsCounter();
  const publicRouter = new Router();
  registerSystemRoutes(publicRouter, env);
  registerProjectRoutes(publicRouter, env);
  registerDatasetRoutes(publicRouter, env);
  registerRecipeRoutes(publicRouter, env);
  registerFolderRoutes(publicRouter, env);
  registerScenarioRoutes(publicRouter, env);
  registerConnectionRoutes(publicRouter, env);
  const adminRouter = new Router();
  registerAdminRoutes(adminRouter, env, faults, stats);

  const server = new EmulatorHttpServer({
    publicRouter,
    adminRouter,
    keys,
    faults,
    stats,
    lock: store.lock,
    log: opts.log,
    sleep: internals.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))),
    tls: opts.tls,
  });
  const host = opts.host ?? "127.0.0.1";
  const port = await server.listen(opts.port ?? 0, host);
  const urlHost = host.includes(":") ? `[${host}]` : host;

  return {
    url: `${opts.tls ? "https" : "http"}://${urlHost}:${port}`,
    port,
    dataDir,
    setFaults: (f) => faults.set(f),
    clearFaults: () => faults.clear(),
    stats: () => stats.snapshot(),
    resetStats: () => stats.reset(),
    close: async () => {
      await server.close();
      await store.lock.idle();
    },
  };
}

function initialConnections(given: ConnectionDefinition[] | undefined, now: number): JsonObject[] {
  const defs = given ?? defaultConnections();
  const seen = new Set<string>();
  return defs.map((def, i) => {
    if (typeof def?.name !== "string" || typeof def.type !== "string") {
      throw new Error(`connections[${i}] needs a string 'name' and 'type'`);
    }
    checkConnectionName(def.name);
    if (seen.has(def.name)) throw new Error(`connections[${i}]: connection '${def.name}' is defined twice`);
    seen.add(def.name);
    return completeConnection(def as JsonObject, firstVersionTag(USER, now));
  });
}
