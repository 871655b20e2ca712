import * as fs from "fs";
import { DssClient, DssClientOptions, RequestLogEvent } from "../client";
import { errors } from "./errors";
import { CreateJournal, journalFile } from "./journal";

/**
 * Connection settings of the provider process. They come from stack config (`dataiku:*`, read in the
 * dynamic provider's `configure`) or, when unset there, from the environment. They are never resource
 * inputs, so neither the URL's credentials nor the API key can land in state.
 */
export interface ProviderSettings {
  url?: string;
  apiKey?: string;
  caCertFile?: string;
  insecure?: boolean;
  maxConcurrency?: number;
  requestsPerSecond?: number;
  timeoutMs?: number;
  maxRetries?: number;
  maxThrottleWaitMs?: number;
  /** Connection for managed datasets that name none. */
  defaultManagedConnection: string;
  /**
   * Objects to take over if they already exist, as `project:KEY`, `dataset:KEY.NAME` or
   * `recipe:KEY.NAME`. Set by `dataiku-iac` for one run to recover creates left pending by a killed
   * run: DSS may hold them, state does not. Regular programs use the `adopt` input instead.
   */
  adoptIds: ReadonlySet<string>;
  /** Log every DSS request (method, path, status, duration; never the key) to stderr. */
  logRequests: boolean;
  /** Where the create journal lives (journal.ts); default `$PULUMI_HOME/dataiku-journal`. */
  journalDir?: string;
}

type ConfigGetter = (key: string) => string | undefined;

const ENV: Record<string, string> = {
  url: "DATAIKU_DSS_URL",
  apiKey: "DATAIKU_API_KEY",
  caCertFile: "DATAIKU_CA_CERT_FILE",
  insecure: "DATAIKU_INSECURE",
  maxConcurrency: "DATAIKU_MAX_CONCURRENCY",
  requestsPerSecond: "DATAIKU_REQUESTS_PER_SECOND",
  timeoutMs: "DATAIKU_TIMEOUT_MS",
  maxRetries: "DATAIKU_MAX_RETRIES",
  maxThrottleWaitMs: "DATAIKU_MAX_THROTTLE_WAIT_MS",
  defaultManagedConnection: "DATAIKU_DEFAULT_MANAGED_CONNECTION",
  adoptIds: "DATAIKU_ADOPT_IDS",
  logRequests: "DATAIKU_LOG_REQUESTS",
  journalDir: "DATAIKU_JOURNAL_DIR",
};

export function readSettings(config: ConfigGetter, env: NodeJS.ProcessEnv = process.env): ProviderSettings {
  const get = (key: string) => nonEmpty(config(`dataiku:${key}`)) ?? nonEmpty(env[ENV[key]]);
  return {
    url: get("url"),
    apiKey: get("apiKey"),
    caCertFile: get("caCertFile"),
    insecure: parseBool("insecure", get("insecure")),
    maxConcurrency: parsePositiveInt("maxConcurrency", get("maxConcurrency")),
    requestsPerSecond: parsePositiveInt("requestsPerSecond", get("requestsPerSecond")),
    timeoutMs: parsePositiveInt("timeoutMs", get("timeoutMs")),
    maxRetries: parsePositiveInt("maxRetries", get("maxRetries"), true),
    maxThrottleWaitMs: parsePositiveInt("maxThrottleWaitMs", get("maxThrottleWaitMs"), true),
    defaultManagedConnection: get("defaultManagedConnection") ?? "filesystem_managed",
    adoptIds: parseIdList("adoptIds", get("adoptIds")),
    logRequests: parseBool("logRequests", get("logRequests")) ?? false,
    journalDir: get("journalDir"),
  };
}

export function clientOptions(settings: ProviderSettings): DssClientOptions {
  if (!settings.url) throw errors.missingUrl();
  if (!settings.apiKey) throw errors.missingApiKey();
  return {
    url: settings.url,
    apiKey: settings.apiKey,
    caCert: settings.caCertFile ? readCaCert(settings.caCertFile) : undefined,
    insecure: settings.insecure,
    maxConcurrency: settings.maxConcurrency,
    requestsPerSecond: settings.requestsPerSecond,
    timeoutMs: settings.timeoutMs,
    maxRetries: settings.maxRetries,
    maxThrottleWaitMs: settings.maxThrottleWaitMs,
    // The engine shows the provider process's stderr, so `pulumi up` (and `dataiku-iac -v`) see these.
    log: settings.logRequests ? logRequestToStderr : undefined,
  };
}

/**
 * The provider process's settings and client. Every dynamic-provider text (one per resource kind) calls
 * `configure` with the same stack config, so one shared client serves them all and the concurrency
 * limit holds across kinds.
 */
class ProviderContext {
  private settings: ProviderSettings | undefined;
  private client: DssClient | undefined;
  /** By file: every kind's provider text configures us again, and must share one journal. */
  private journals = new Map<string, CreateJournal>();

  configure(config: ConfigGetter): void {
    const next = readSettings(config);
    // Each kind's provider text configures us again with the same stack config: keep the one client,
    // or each kind would get a limiter of its own and DSS would see several times the configured
    // concurrency and request rate.
    if (this.settings && settingsKey(this.settings) === settingsKey(next)) return;
    this.settings = next;
    this.client = undefined;
  }

  getSettings(): ProviderSettings {
    // `pulumi refresh/destroy` on an old stack may reach us without configure: fall back to the env.
    if (!this.settings) this.settings = readSettings(() => undefined);
    return this.settings;
  }

  getClient(): DssClient {
    if (!this.client) this.client = new DssClient(clientOptions(this.getSettings()));
    return this.client;
  }

  /** The create journal of `stack` against the configured DSS; undefined without an owner. */
  journal(stack: string | undefined): CreateJournal | undefined {
    if (stack === undefined) return undefined;
    const settings = this.getSettings();
    const file = journalFile(settings.journalDir, stack, settings.url ?? "");
    let journal = this.journals.get(file);
    if (!journal) this.journals.set(file, (journal = new CreateJournal(file)));
    return journal;
  }
}

export const providerContext = new ProviderContext();

function settingsKey(settings: ProviderSettings): string {
  return JSON.stringify(settings, (_key, value) => (value instanceof Set ? [...value].sort() : value));
}

/** The PEM bundle of dataiku:caCertFile; an unreadable file is a setting error, not a bare ENOENT. */
function readCaCert(file: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw errors.badSetting("caCertFile", file, `a readable PEM file with the CA that signed DSS's certificate (${reason})`);
  }
}

function logRequestToStderr(e: RequestLogEvent): void {
  const outcome = e.status !== undefined ? String(e.status) : (e.error ?? "no answer");
  const retry = e.attempt > 1 ? ` (retry ${e.attempt - 1})` : "";
  process.stderr.write(`dataiku: ${e.method} ${e.path} ${outcome}${retry} ${Math.round(e.durationMs)}ms\n`);
}

function nonEmpty(v: string | undefined): string | undefined {
  return v === undefined || v === "" ? undefined : v;
}

function parseBool(key: string, v: string | undefined): boolean | undefined {
  if (v === undefined) return undefined;
  if (/^(true|1|yes)$/i.test(v)) return true;
  if (/^(false|0|no)$/i.test(v)) return false;
  throw errors.badSetting(key, v, "true or false");
}

function parseIdList(key: string, v: string | undefined): ReadonlySet<string> {
  if (v === undefined) return new Set();
  try {
    const ids: unknown = JSON.parse(v);
    if (Array.isArray(ids) && ids.every((id) => typeof id === "string")) return new Set(ids);
  } catch {
    // fall through to the error below
  }
  throw errors.badSetting(key, v, 'a JSON array of ids such as ["dataset:PROJ.NAME"]');
}

function parsePositiveInt(key: string, v: string | undefined, allowZero = false): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < (allowZero ? 0 : 1)) {
    throw errors.badSetting(key, v, allowZero ? "a whole number >= 0" : "a whole number >= 1");
  }
  return n;
}
