// The one error the client throws, the factories that word its messages, and the predicates callers
// branch on. A DssApiError is always built fresh from plain values: it never holds axios's config,
// request or headers, so the API key cannot leak through JSON.stringify, util.inspect or the stack.

/**
 * Where users set the client's settings (the provider's stack config and environment, see
 * provider/common/settings.ts); named in messages so each error says what to change.
 */
export const SETTING_HINTS = {
  url: "dataiku:url / DATAIKU_DSS_URL",
  apiKey: "dataiku:apiKey / DATAIKU_API_KEY",
  caCert: "dataiku:caCertFile / DATAIKU_CA_CERT_FILE",
  insecure: "dataiku:insecure",
  timeout: "dataiku:timeoutMs / DATAIKU_TIMEOUT_MS",
  limits: "dataiku:maxConcurrency or dataiku:requestsPerSecond",
} as const;

export interface DssApiErrorFields {
  /** HTTP method of the failed call. */
  method: string;
  /** Path under `/public/api`, without query string or host. */
  path: string;
  /** HTTP status; undefined when no answer arrived (network, TLS, timeout) or the call was never sent. */
  status?: number;
  /** DSS's Java exception class, e.g. `com.dataiku.dip.server.controllers.NotFoundException`. */
  errorType?: string;
  /** DSS's own `message` (or a short excerpt of a non-JSON body). */
  dssMessage?: string;
  /** True when the failure is transient and repeating the same request is safe. */
  retryable: boolean;
  /** Node's error code for failures without an answer: ECONNREFUSED, ECONNRESET, ETIMEDOUT... */
  networkCode?: string;
  /** How many times the request was sent before giving up. */
  attempts?: number;
  /** The delay a 429/503 asked for with Retry-After. */
  retryAfterMs?: number;
  /** Content-Type of an error body that was not DSS's JSON (a gateway's HTML page, plain text). */
  nonJsonBody?: string;
}

export class DssApiError extends Error implements DssApiErrorFields {
  override readonly name = "DssApiError";
  readonly method: string;
  readonly path: string;
  readonly status?: number;
  readonly errorType?: string;
  readonly dssMessage?: string;
  readonly retryable: boolean;
  readonly networkCode?: string;
  readonly attempts?: number;
  readonly retryAfterMs?: number;
  readonly nonJsonBody?: string;

  constructor(message: string, fields: DssApiErrorFields) {
    super(message);
    this.method = fields.method;
    this.path = fields.path;
    this.status = fields.status;
    this.errorType = fields.errorType;
    this.dssMessage = fields.dssMessage;
    this.retryable = fields.retryable;
    this.networkCode = fields.networkCode;
    this.attempts = fields.attempts;
    this.retryAfterMs = fields.retryAfterMs;
    this.nonJsonBody = fields.nonJsonBody;
  }

  /** The same failure, re-worded (e.g. with the attempt count once retries are spent). */
  withMessage(message: string, extra: Partial<DssApiErrorFields> = {}): DssApiError {
    return new DssApiError(message, { ...this.fields(), ...extra });
  }

  fields(): DssApiErrorFields {
    return {
      method: this.method, path: this.path, status: this.status, errorType: this.errorType,
      dssMessage: this.dssMessage, retryable: this.retryable, networkCode: this.networkCode,
      attempts: this.attempts, retryAfterMs: this.retryAfterMs, nonJsonBody: this.nonJsonBody,
    };
  }
}

// ---- predicates ----

// DSS often answers 500 where it means "not found" (reference §3); these are the phrasings seen.
const NOT_FOUND_TEXT = /does not exist|doesn't exist|not found/i;
// No source shows DSS's real duplicate-name error (reference §3, open question 1): match the wordings
// DSS uses elsewhere ("already used" is ERR_PROJECT_INVALID_PROJECT_KEY's) plus HTTP 409.
const ALREADY_EXISTS_TEXT = /already exists|already used|duplicate/i;
// Exception classes that mean "DSS looked at the request and refused it", not "DSS is unwell".
const REJECTION_TYPES = /IllegalArgumentException|NotFoundException|InvalidParameter|JsonSyntaxException/;

/** Network codes raised before a single byte of the request left: repeating any request is safe. */
export const NOTHING_SENT_CODES: ReadonlySet<string> = new Set(["ECONNREFUSED", "EAI_AGAIN"]);

function asDss(e: unknown): DssApiError | undefined {
  return e instanceof DssApiError ? e : undefined;
}

function text(e: DssApiError): string {
  return `${e.errorType ?? ""} ${e.dssMessage ?? ""}`;
}

/**
 * The object does not exist: a 404 (unless a gateway's HTML page), a NotFoundException, or DSS's habit
 * of a 5xx whose message says "does not exist" / "doesn't exist" / "not found". A 400 saying so is a
 * validation error about some *other* object (a missing input, an unknown connection), not this one.
 */
export function isNotFound(e: unknown): boolean {
  const err = asDss(e);
  if (!err || err.status === undefined) return false;
  if (/NotFoundException$/.test(err.errorType ?? "")) return true;
  // A 404 HTML page comes from a gateway or a wrong URL, not from DSS about an object.
  if (err.status === 404) return !/html/i.test(err.nonJsonBody ?? "");
  if (err.status >= 500) return NOT_FOUND_TEXT.test(err.dssMessage ?? "");
  return false;
}

/** The object a create asked for already exists (409, or an error worded "already exists"). */
export function isAlreadyExists(e: unknown): boolean {
  const err = asDss(e);
  if (!err || err.status === undefined || isAuthError(err)) return false;
  return err.status === 409 || (err.status >= 400 && ALREADY_EXISTS_TEXT.test(text(err)));
}

/** The key is unknown, or lacks the rights for this call (DSS also uses 401 for missing projects). */
export function isAuthError(e: unknown): boolean {
  const err = asDss(e);
  if (!err) return false;
  return err.status === 401 || err.status === 403 ||
    /NotAuthenticatedException|UnauthorizedException/.test(err.errorType ?? "");
}

/** The unknown API key case specifically (reference §2). */
export function isBadApiKey(e: unknown): boolean {
  const err = asDss(e);
  if (!err || err.status !== 401) return false;
  return /NotAuthenticatedException/.test(err.errorType ?? "") || /api key/i.test(err.dssMessage ?? "") ||
    err.errorType === undefined;
}

/** DSS recognisably refused the request itself, as opposed to failing or being unreachable. */
export function isRejection(e: unknown): boolean {
  const err = asDss(e);
  if (!err || err.status === undefined) return false;
  if (err.status < 500) return err.status !== 408 && err.status !== 429;
  return isNotFound(err) || isAlreadyExists(err) || REJECTION_TYPES.test(err.errorType ?? "");
}

/**
 * A POST failed in a way that leaves unknown whether DSS applied it: a 5xx or 408 that is not a
 * recognisable rejection, or a connection lost after the request may have been sent.
 */
export function isAmbiguousWrite(e: unknown): boolean {
  const err = asDss(e);
  if (!err || err.method !== "POST") return false;
  if (err.status === undefined) return err.networkCode !== undefined && isLostConnection(err.networkCode);
  return (err.status === 408 || err.status >= 500) && !isRejection(err);
}

/** Codes for a connection that broke or went silent after it was opened. */
export function isLostConnection(code: string): boolean {
  return ["ECONNRESET", "EPIPE", "ETIMEDOUT", "ECONNABORTED", "ERR_SOCKET_CONNECTION_TIMEOUT",
    "ERR_STREAM_PREMATURE_CLOSE", "ERR_BAD_RESPONSE", "HPE_INVALID_CONSTANT"].includes(code);
}

// ---- message factories ----

export interface HttpFailure {
  method: string;
  path: string;
  status: number;
  statusText?: string;
  errorType?: string;
  dssMessage?: string;
  retryable: boolean;
  retryAfterMs?: number;
  /** Content-Type of a body that was not JSON. */
  nonJsonBody?: string;
  /** Location of a 3xx answer, without its query. */
  location?: string;
}

function shortType(errorType: string | undefined): string {
  return errorType ? errorType.slice(errorType.lastIndexOf(".") + 1) : "";
}

function statusWords(f: { status: number; statusText?: string; errorType?: string; dssMessage?: string }): string {
  const detail = f.dssMessage || f.statusText || shortType(f.errorType);
  return detail ? `${f.status} ${detail}` : String(f.status);
}

/** An error for an HTTP answer outside 2xx. */
export function httpError(f: HttpFailure): DssApiError {
  const call = `${f.method} ${f.path}`;
  const fields: DssApiErrorFields = {
    method: f.method, path: f.path, status: f.status, errorType: f.errorType, dssMessage: f.dssMessage,
    retryable: f.retryable, retryAfterMs: f.retryAfterMs, nonJsonBody: f.nonJsonBody,
  };
  const probe = new DssApiError("", fields);
  const words = statusWords(f);
  let message: string;
  if (f.status >= 300 && f.status < 400) {
    message = `DSS redirected ${call} (${f.status}) to ${f.location ?? "another address"}: set ${SETTING_HINTS.url} to the address DSS answers on`;
  } else if (isBadApiKey(probe)) {
    message = `DSS rejected the API key (${words}) on ${call}: check ${SETTING_HINTS.apiKey}`;
  } else if (isAuthError(probe)) {
    message = `DSS refused ${call} (${words}): the API key lacks the rights for this call, or the object does not exist; use a key with the needed permissions (${SETTING_HINTS.apiKey})`;
  } else if (f.nonJsonBody) {
    message = `DSS, or a gateway in front of it, answered ${call} with ${f.status} and a ${f.nonJsonBody} body instead of DSS's JSON${f.dssMessage ? ` ("${f.dssMessage}")` : ""}: check that ${SETTING_HINTS.url} points at DSS and that DSS is up`;
  } else if (isNotFound(probe)) {
    message = `DSS says the object does not exist (${words}) on ${call}`;
  } else if (isAlreadyExists(probe)) {
    message = `DSS refused ${call} because the object already exists (${words}): adopt the existing object or choose another name`;
  } else if (f.status === 429) {
    message = `DSS throttled ${call} (${words}): lower ${SETTING_HINTS.limits}, or try again later`;
  } else if (f.status >= 500 && !isRejection(probe)) {
    message = `DSS failed on ${call} with ${words}: DSS or a gateway in front of it is unwell; try again later`;
  } else {
    message = `DSS refused ${call} with ${words}${f.errorType ? ` [${shortType(f.errorType)}]` : ""}: fix what the message names and retry`;
  }
  return new DssApiError(message, fields);
}

export interface NetworkFailure {
  method: string;
  path: string;
  /** `https://host:port` of DSS: no user info, no path. */
  origin: string;
  code: string;
  detail: string;
  timeoutMs: number;
  retryable: boolean;
}

const TLS_CODE = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)/;

/** An error for a call that got no HTTP answer. */
export function networkError(f: NetworkFailure): DssApiError {
  const call = `${f.method} ${f.path}`;
  let message: string;
  if (TLS_CODE.test(f.code)) {
    message = `TLS verification of ${f.origin} failed on ${call} (${f.code}: ${f.detail}): set ${SETTING_HINTS.caCert} to the PEM of the CA that signed DSS's certificate; use ${SETTING_HINTS.insecure} only for throw-away test instances`;
  } else if (f.code === "ETIMEDOUT" || f.code === "ECONNABORTED") {
    message = `DSS at ${f.origin} did not answer ${call} within ${f.timeoutMs} ms (${f.code}): check DSS's load, or raise ${SETTING_HINTS.timeout}`;
  } else if (f.code === "ECONNREFUSED") {
    message = `Could not connect to DSS at ${f.origin} for ${call} (${f.code}): check ${SETTING_HINTS.url} and that DSS is running`;
  } else if (f.code === "ENOTFOUND" || f.code === "EAI_AGAIN") {
    message = `Could not resolve the DSS host of ${f.origin} for ${call} (${f.code}): check ${SETTING_HINTS.url}`;
  } else {
    message = `The connection to DSS at ${f.origin} broke during ${call} (${f.code}: ${f.detail}): check the network and DSS's health, then retry`;
  }
  return new DssApiError(message, {
    method: f.method, path: f.path, networkCode: f.code, retryable: f.retryable,
  });
}

/** A 2xx answer whose body is not what the endpoint promises. */
export function unexpectedResponseError(method: string, path: string, status: number, what: string): DssApiError {
  return new DssApiError(
    `DSS answered ${method} ${path} with ${status} but ${what}: check that ${SETTING_HINTS.url} points at DSS and that its version is supported`,
    { method, path, status, errorType: "UnexpectedResponse", retryable: false },
  );
}

/** A name that cannot be placed in a URL path segment safely. */
export function invalidSegmentError(method: string, pathTemplate: string, label: string, value: unknown): DssApiError {
  return new DssApiError(
    `Invalid ${label} ${JSON.stringify(value)} for ${method} ${pathTemplate}: it must be a non-empty string other than "." or ".."`,
    { method, path: pathTemplate, errorType: "InvalidArgument", retryable: false },
  );
}

/** Rewords a final failure with the number of attempts, when retries were spent on it. */
export function afterAttempts(e: DssApiError, attempts: number): DssApiError {
  if (attempts <= 1) return e.withMessage(e.message, { attempts });
  return e.withMessage(`${e.message} (gave up after ${attempts} attempts)`, { attempts });
}
