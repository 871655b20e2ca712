// The transport under the typed APIs: authentication, TLS, timeouts, limits, retries and logging.
// Everything that could reveal the API key (the key itself, the Authorization header, the axios
// instance and its agents) lives in #private fields, which JSON.stringify, util.inspect and
// Object.keys do not see; errors and log events are built from plain values and redacted.

import axios, { AxiosInstance, AxiosResponse } from "axios";
import * as http from "http";
import * as https from "https";
import * as tls from "tls";
import {
  DssApiError, afterAttempts, httpError, networkError, unexpectedResponseError,
} from "./errors";
import { RateLimiter, Semaphore } from "./limiter";
import { RouteParams, fillRoute, queryString } from "./paths";
import { BackoffSettings, isRetryable, parseRetryAfter, retryDelay } from "./retry";

export interface RequestLogEvent {
  method: string;
  /** Path under `/public/api`, without query string. */
  path: string;
  status?: number;
  /** 1 for the first try, 2 for the first retry... */
  attempt: number;
  durationMs: number;
  /** The failure, worded for people; never contains the API key. */
  error?: string;
}

export interface DssClientOptions {
  /** DSS base URL, e.g. https://dss.example.com:11200 (without /public/api). */
  url: string;
  /** Never logged, never in errors, never an enumerable field of the client. */
  apiKey: string;
  /** Per request; default 30000. */
  timeoutMs?: number;
  /** Retries after the first attempt, for failures other than 429; default 5. */
  maxRetries?: number;
  /**
   * How long one request may keep waiting on 429 "slow down" answers, in total; default 120000. A
   * 429 says DSS is busy, not broken, so it does not use up maxRetries.
   */
  maxThrottleWaitMs?: number;
  /** Backoff base; default 250. Exponential with full jitter, capped by retryMaxDelayMs. */
  retryBaseDelayMs?: number;
  /** Backoff cap; default 10000. */
  retryMaxDelayMs?: number;
  /** Requests in flight at once for this client; default 16. */
  maxConcurrency?: number;
  /** Optional rate limit (token bucket); default unlimited. */
  requestsPerSecond?: number;
  /** PEM bundle trusted in addition to the system CAs. */
  caCert?: string;
  /** Disables TLS verification; explicit opt-in only. */
  insecure?: boolean;
  log?: (event: RequestLogEvent) => void;
  /** Injectable for tests; default setTimeout. */
  sleep?: (ms: number) => Promise<void>;
  /** Injectable jitter source for tests; default Math.random. */
  random?: () => number;
  /** Injectable clock for Retry-After dates, the rate limit and log durations; default Date.now. */
  now?: () => number;
}

export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";

export interface RequestSpec {
  method: HttpMethod;
  /** Route template under /public/api, e.g. `/projects/{projectKey}`; see fillRoute. */
  route: string;
  params?: RouteParams;
  query?: Readonly<Record<string, string | boolean | undefined>>;
  /** Sent as JSON when defined. */
  body?: unknown;
}

export interface DssResponse {
  method: HttpMethod;
  path: string;
  status: number;
  /** The raw body: DSS answers some calls with bare text or nothing at all. */
  text: string;
}

/** Settings the transport runs with; no secret in here. */
export interface TransportSettings extends BackoffSettings {
  origin: string;
  timeoutMs: number;
  maxRetries: number;
  maxThrottleWaitMs: number;
  maxConcurrency: number;
  requestsPerSecond?: number;
  insecure: boolean;
}

const API_PREFIX = "/public/api";

export class DssTransport {
  readonly settings: Readonly<TransportSettings>;
  readonly #axios: AxiosInstance;
  readonly #authorization: string;
  readonly #redact: (text: string) => string;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #now: () => number;
  readonly #log?: (event: RequestLogEvent) => void;
  readonly #slots: Semaphore;
  readonly #rate?: RateLimiter;

  constructor(options: DssClientOptions) {
    const base = parseBaseUrl(options.url);
    if (typeof options.apiKey !== "string" || options.apiKey.trim() === "") {
      throw new TypeError("The DSS API key is empty: set dataiku:apiKey / DATAIKU_API_KEY");
    }
    const apiKey = options.apiKey;
    this.settings = Object.freeze({
      origin: base.origin,
      timeoutMs: positive(options.timeoutMs, 30_000, "timeoutMs"),
      maxRetries: nonNegativeInteger(options.maxRetries, 5, "maxRetries"),
      maxThrottleWaitMs: nonNegativeInteger(options.maxThrottleWaitMs, 120_000, "maxThrottleWaitMs"),
      retryBaseDelayMs: positive(options.retryBaseDelayMs, 250, "retryBaseDelayMs"),
      retryMaxDelayMs: positive(options.retryMaxDelayMs, 10_000, "retryMaxDelayMs"),
      maxConcurrency: positiveInteger(options.maxConcurrency, 16, "maxConcurrency"),
      requestsPerSecond: options.requestsPerSecond === undefined
        ? undefined : positive(options.requestsPerSecond, 0, "requestsPerSecond"),
      insecure: options.insecure === true,
      random: options.random ?? Math.random,
    });
    this.#authorization = `Basic ${Buffer.from(`${apiKey}:`).toString("base64")}`;
    this.#redact = redactor([apiKey, this.#authorization, Buffer.from(`${apiKey}:`).toString("base64")]);
    this.#sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.#now = options.now ?? Date.now;
    this.#log = options.log;
    this.#slots = new Semaphore(this.settings.maxConcurrency);
    if (this.settings.requestsPerSecond !== undefined) {
      this.#rate = new RateLimiter(this.settings.requestsPerSecond, this.#now, this.#sleep);
    }
    this.#axios = axios.create({
      baseURL: `${base.href}${API_PREFIX}`,
      timeout: this.settings.timeoutMs,
      // Bodies are parsed here, not by axios: DSS answers some calls with bare text or nothing.
      responseType: "text",
      transformRequest: [(data: unknown) => data],
      transformResponse: [(data: unknown) => data],
      validateStatus: () => true,
      // A redirect could carry the Authorization header elsewhere or turn a POST into a GET.
      maxRedirects: 0,
      // axios looks for a proxy in the environment on every request, a tenth of its own CPU; with
      // no proxy variable set there is none to find, so it is told so once.
      ...(proxyInEnvironment(process.env) ? {} : { proxy: false as const }),
      transitional: { clarifyTimeoutError: true, silentJSONParsing: true, forcedJSONParsing: false },
      httpAgent: new http.Agent({ keepAlive: true }),
      httpsAgent: new https.Agent({
        keepAlive: true,
        rejectUnauthorized: !this.settings.insecure,
        ca: options.caCert ? [...tls.rootCertificates, options.caCert] : undefined,
      }),
    });
  }

  /** Sends the request, retrying what is safe to retry; resolves only for 2xx answers. */
  async call(spec: RequestSpec): Promise<DssResponse> {
    const path = fillRoute(spec.method, spec.route, spec.params);
    let failures = 0; // answers other than 429: they count against maxRetries
    let throttledMs = 0; // time spent waiting on 429s: it counts against maxThrottleWaitMs
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.#attempt(spec, path, attempt);
      if (!(outcome instanceof DssApiError)) return outcome;
      if (!outcome.retryable) throw afterAttempts(outcome, attempt);
      const throttled = outcome.status === 429;
      const delay = retryDelay(throttled ? attempt - 1 - failures : failures, outcome, this.settings);
      if (throttled ? throttledMs + delay > this.settings.maxThrottleWaitMs : ++failures > this.settings.maxRetries) {
        throw afterAttempts(outcome, attempt);
      }
      if (throttled) throttledMs += delay;
      await this.#sleep(delay);
    }
  }

  /** Sends the request and parses its JSON answer, which must be present. */
  async json<T>(spec: RequestSpec): Promise<T> {
    const res = await this.call(spec);
    const parsed = parseJson(res.text);
    if (parsed === undefined) {
      throw unexpectedResponseError(res.method, res.path, res.status,
        res.text.trim() === "" ? "with an empty body where JSON was expected" : "with a body that is not JSON");
    }
    return parsed.value as T;
  }

  /**
   * Sends a write and returns DSS's JSON answer, or undefined when it sent none. Some DSS versions
   * answer a document PUT with the saved document: callers may use it as the read-back.
   */
  async write(spec: RequestSpec): Promise<unknown> {
    return parseJson((await this.call(spec)).text)?.value;
  }

  /** Sleeps as long as the retry policy asks before retry number `retryIndex + 1`. */
  async waitBeforeRetry(retryIndex: number, failure: DssApiError): Promise<void> {
    await this.#sleep(retryDelay(retryIndex, failure, this.settings));
  }

  async #attempt(spec: RequestSpec, path: string, attempt: number): Promise<DssResponse | DssApiError> {
    const release = await this.#slots.acquire();
    try {
      if (this.#rate) await this.#rate.take();
      const started = this.#now();
      // axios's own timeout only notices a silent socket; this deadline also ends a slow trickle.
      const deadline = new AbortController();
      const timer = setTimeout(() => deadline.abort(), this.settings.timeoutMs);
      let res: AxiosResponse<string>;
      try {
        res = await this.#axios.request<string>({
          method: spec.method,
          url: `${path}${queryString(spec.query)}`,
          data: spec.body === undefined ? undefined : JSON.stringify(spec.body),
          headers: {
            Authorization: this.#authorization,
            Accept: "application/json",
            ...(spec.body === undefined ? {} : { "Content-Type": "application/json" }),
          },
          signal: deadline.signal,
        });
      } catch (raw) {
        const failure = this.#networkFailure(spec.method, path, deadline.signal.aborted ? { code: "ETIMEDOUT" } : raw);
        this.#emit({ method: spec.method, path, attempt, durationMs: this.#now() - started, error: failure.message });
        return failure;
      } finally {
        clearTimeout(timer);
      }
      const text = typeof res.data === "string" ? res.data : "";
      const durationMs = this.#now() - started;
      if (res.status >= 200 && res.status < 300) {
        this.#emit({ method: spec.method, path, status: res.status, attempt, durationMs });
        return { method: spec.method, path, status: res.status, text };
      }
      const failure = this.#httpFailure(spec.method, path, res, text);
      this.#emit({ method: spec.method, path, status: res.status, attempt, durationMs, error: failure.message });
      return failure;
    } finally {
      release();
    }
  }

  #httpFailure(method: HttpMethod, path: string, res: AxiosResponse<string>, text: string): DssApiError {
    const contentType = String(res.headers["content-type"] ?? "");
    const body = describeErrorBody(text, contentType);
    const location = res.headers["location"];
    const draft = httpError({
      method, path, status: res.status, statusText: res.statusText,
      errorType: body.errorType ? this.#redact(body.errorType) : undefined,
      dssMessage: body.message ? this.#redact(body.message) : undefined,
      nonJsonBody: body.nonJsonBody,
      retryable: false,
      retryAfterMs: parseRetryAfter(res.headers["retry-after"], this.#now()),
      location: typeof location === "string" ? this.#redact(location.split("?")[0]) : undefined,
    });
    return draft.withMessage(draft.message, { retryable: isRetryable(draft) });
  }

  #networkFailure(method: HttpMethod, path: string, raw: unknown): DssApiError {
    const { code, detail } = networkCause(raw);
    const draft = networkError({
      method, path, origin: this.settings.origin, code, detail: this.#redact(detail),
      timeoutMs: this.settings.timeoutMs, retryable: false,
    });
    return draft.withMessage(draft.message, { retryable: isRetryable(draft) });
  }

  #emit(event: RequestLogEvent): void {
    if (!this.#log) return;
    try {
      this.#log(event);
    } catch {
      // A failing logger must not turn a successful call into a failed one.
    }
  }
}

// ---- helpers ----

function parseBaseUrl(url: unknown): { origin: string; href: string } {
  const hint = "set dataiku:url / DATAIKU_URL to DSS's address, e.g. https://dss.example.com:11200";
  if (typeof url !== "string" || url.trim() === "") throw new TypeError(`The DSS URL is empty: ${hint}`);
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    throw new TypeError(`The DSS URL is not a valid URL: ${hint}`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new TypeError(`The DSS URL must start with http:// or https://, not ${parsed.protocol}: ${hint}`);
  }
  if (parsed.username || parsed.password) {
    // axios would send these instead of the API key, and they would end up in messages.
    throw new TypeError(`The DSS URL must not contain a user name or password (the API key authenticates): ${hint}`);
  }
  // A reverse proxy may serve DSS under a path prefix; keep it, drop query, fragment and trailing "/".
  const prefix = parsed.pathname.replace(/\/+$/, "");
  return { origin: parsed.origin, href: `${parsed.origin}${prefix}` };
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    throw new TypeError(`DssClient option ${name} must be a positive number, got ${String(value)}`);
  }
  return value;
}

function positiveInteger(value: number | undefined, fallback: number, name: string): number {
  const n = nonNegativeInteger(value, fallback, name);
  if (n === 0) throw new TypeError(`DssClient option ${name} must be at least 1, got 0`);
  return n;
}

function nonNegativeInteger(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
    throw new TypeError(`DssClient option ${name} must be a whole number of 0 or more, got ${String(value)}`);
  }
  return value;
}

/** Replaces every occurrence of the given secrets; longest first so no fragment survives. */
function redactor(secrets: string[]): (text: string) => string {
  const ordered = [...new Set(secrets.filter((s) => s.length > 0))].sort((a, b) => b.length - a.length);
  return (text) => ordered.reduce((acc, secret) => acc.split(secret).join("***"), text);
}

export function parseJson(text: string): { value: unknown } | undefined {
  if (text.trim() === "") return undefined;
  try {
    return { value: JSON.parse(text) };
  } catch {
    return undefined;
  }
}

/** DSS's JSON error envelope when there is one; otherwise a short, tag-free excerpt of the body. */
function describeErrorBody(text: string, contentType: string):
  { errorType?: string; message?: string; nonJsonBody?: string } {
  const parsed = parseJson(text);
  if (parsed && typeof parsed.value === "object" && parsed.value !== null && !Array.isArray(parsed.value)) {
    const envelope = parsed.value as Record<string, unknown>;
    const message = [envelope.message, envelope.detailedMessage].find((m) => typeof m === "string" && m !== "");
    return {
      errorType: typeof envelope.errorType === "string" ? envelope.errorType : undefined,
      message: message as string | undefined,
    };
  }
  if (text.trim() === "") return {};
  const excerpt = text.replace(/<(script|style)[\s\S]*?<\/\1>/gi, " ").replace(/<[^>]*>/g, " ")
    .replace(/\s+/g, " ").trim().slice(0, 200);
  return { message: excerpt || undefined, nonJsonBody: contentType.split(";")[0].trim() || "non-JSON" };
}

/** Node's error code and text from whatever axios threw, without keeping axios's error around. */
function networkCause(raw: unknown): { code: string; detail: string } {
  const err = raw as { code?: unknown; message?: unknown; cause?: { code?: unknown; message?: unknown } };
  const causeCode = typeof err?.cause?.code === "string" ? err.cause.code : undefined;
  const ownCode = typeof err?.code === "string" ? err.code : undefined;
  // axios reports some socket failures with its own generic codes; the cause holds Node's.
  const code = (ownCode && !ownCode.startsWith("ERR_") ? ownCode : causeCode ?? ownCode) ?? "EUNKNOWN";
  const detail = typeof err?.cause?.message === "string" ? err.cause.message
    : typeof err?.message === "string" ? err.message : "unknown network failure";
  return { code, detail };
}

/** Whether the environment names a proxy, as axios reads it: `<scheme>_proxy` or `all_proxy`, either case. */
export function proxyInEnvironment(env: NodeJS.ProcessEnv): boolean {
  return ["http_proxy", "https_proxy", "all_proxy"].some((k) => Boolean(env[k] || env[k.toUpperCase()]));
}
