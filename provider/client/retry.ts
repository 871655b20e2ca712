// Which failures are worth another attempt, and how long to wait first.
//
// GET, PUT and DELETE are idempotent, so any transient failure may be repeated. A POST creates
// something: it is repeated only when DSS cannot have applied it (a 429, or a connection refused before
// a byte was sent). Every other POST failure is left to `createOnce`, which looks before it retries.

import { DssApiError, NOTHING_SENT_CODES, isLostConnection, isRejection } from "./errors";

/** Statuses that mean "try again later" rather than "this request is wrong". */
const TRANSIENT_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);

/** A Retry-After longer than this is cut short: a plan should fail visibly, not hang for hours. */
export const RETRY_AFTER_CEILING_MS = 60_000;

export interface BackoffSettings {
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
  random: () => number;
}

/** True when repeating exactly this request is both useful and safe. */
export function isRetryable(e: DssApiError): boolean {
  const idempotent = e.method !== "POST";
  if (e.status === undefined) {
    const code = e.networkCode ?? "";
    if (NOTHING_SENT_CODES.has(code)) return true;
    return idempotent && isLostConnection(code);
  }
  if (e.status === 429) return true;
  return idempotent && TRANSIENT_STATUSES.has(e.status) && !isRejection(e);
}

/**
 * Exponential backoff with full jitter: a uniform draw in [0, min(cap, base * 2^retryIndex)), so
 * clients that failed together do not come back together. `retryIndex` counts from 0.
 */
export function backoffDelay(retryIndex: number, s: BackoffSettings): number {
  const ceiling = Math.min(s.retryMaxDelayMs, s.retryBaseDelayMs * 2 ** retryIndex);
  return Math.floor(s.random() * ceiling);
}

/** The wait before the next attempt: what Retry-After asked for, else the jittered backoff. */
export function retryDelay(retryIndex: number, e: DssApiError, s: BackoffSettings): number {
  if (e.retryAfterMs !== undefined) return Math.min(e.retryAfterMs, RETRY_AFTER_CEILING_MS);
  return backoffDelay(retryIndex, s);
}

/** Reads Retry-After as delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(header: unknown, nowMs: number): number | undefined {
  if (typeof header !== "string" || header.trim() === "") return undefined;
  const value = header.trim();
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}
