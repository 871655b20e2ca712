// Fault injection: decides, per public request, whether to misbehave on purpose. Rules are checked
// in order; the first that selects the request and fires wins. `times` bounds how often a rule fires,
// `rate` makes firing random from a PRNG seeded by `seed`, so a run is reproducible.
import { invalidField } from "./errors";
import { normalizeRouteKey } from "./router";
import { JsonObject, isObject } from "./validate";

export type FaultKind = "error" | "throttle" | "drop" | "lostResponse";
export const FAULT_KINDS: readonly FaultKind[] = ["error", "throttle", "drop", "lostResponse"];

export interface FaultRule {
  /** error: answer `status` without applying; throttle: 429 + Retry-After without applying;
   *  drop: destroy the socket before applying; lostResponse: apply fully, then destroy the socket. */
  fault: FaultKind;
  /** HTTP method to select, or "*" (default). */
  method?: string;
  /** Route to select, as in the stats keys ("POST /projects/{projectKey}/datasets/managed");
   *  the method prefix may be omitted. Default: every route. */
  route?: string;
  /** For `error`: status to answer (default 500). */
  status?: number;
  /** For `throttle`: value of the Retry-After header (default 1). */
  retryAfterSeconds?: number;
  /** Fire on the next N selected requests, then stop. Default: no limit. */
  times?: number;
  /** Probability of firing per selected request (0..1). Default: always. */
  rate?: number;
}

export interface FaultConfig {
  /** Delay added to every public request, in milliseconds. */
  latencyMs?: number;
  /** Seed of the PRNG behind `rate` (default 1). */
  seed?: number;
  rules?: FaultRule[];
}

export interface FaultDecision {
  kind: FaultKind;
  status: number;
  retryAfterSeconds: number;
}

/** Checks a config from an untrusted source (admin route, CLI); throws a DssError naming the field. */
export function parseFaultConfig(value: unknown): FaultConfig {
  if (!isObject(value)) throw invalidField("faults", "a JSON object {latencyMs?, seed?, rules?}");
  const config: FaultConfig = {};
  if (value.latencyMs !== undefined) config.latencyMs = nonNegativeNumber(value.latencyMs, "latencyMs");
  if (value.seed !== undefined) config.seed = nonNegativeNumber(value.seed, "seed");
  if (value.rules !== undefined) {
    if (!Array.isArray(value.rules)) throw invalidField("rules", "an array of fault rules");
    config.rules = value.rules.map((r, i) => parseRule(r, `rules[${i}]`));
  }
  return config;
}

function parseRule(value: unknown, field: string): FaultRule {
  if (!isObject(value)) throw invalidField(field, "a JSON object");
  const rule: FaultRule = { fault: value.fault as FaultKind };
  if (!FAULT_KINDS.includes(value.fault as FaultKind)) {
    throw invalidField(`${field}.fault`, `one of ${FAULT_KINDS.join(", ")}`);
  }
  copyString(value, rule, "method", field);
  copyString(value, rule, "route", field);
  if (value.status !== undefined) {
    const status = value.status;
    if (typeof status !== "number" || !Number.isInteger(status) || status < 400 || status > 599) {
      throw invalidField(`${field}.status`, "an HTTP error status between 400 and 599");
    }
    rule.status = status;
  }
  if (value.retryAfterSeconds !== undefined) {
    rule.retryAfterSeconds = nonNegativeNumber(value.retryAfterSeconds, `${field}.retryAfterSeconds`);
  }
  if (value.times !== undefined) {
    const times = value.times;
    if (typeof times !== "number" || !Number.isInteger(times) || times < 0) {
      throw invalidField(`${field}.times`, "a non-negative integer");
    }
    rule.times = times;
  }
  if (value.rate !== undefined) {
    const rate = value.rate;
    if (typeof rate !== "number" || rate < 0 || rate > 1) throw invalidField(`${field}.rate`, "a number from 0 to 1");
    rule.rate = rate;
  }
  return rule;
}

function copyString(from: JsonObject, to: FaultRule, key: "method" | "route", field: string): void {
  if (from[key] === undefined) return;
  if (typeof from[key] !== "string") throw invalidField(`${field}.${key}`, "a string");
  to[key] = from[key] as string;
}

function nonNegativeNumber(value: unknown, field: string): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw invalidField(field, "a non-negative number");
  }
  return value;
}

/** mulberry32: tiny, fast, and good enough to make fault rates reproducible. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FaultInjector {
  private config: FaultConfig = {};
  /** Remaining firings per rule index; undefined = unlimited. */
  private remaining: Array<number | undefined> = [];
  private random: () => number = prng(1);

  constructor(initial?: FaultConfig) {
    if (initial) this.set(initial);
  }

  set(config: FaultConfig): void {
    const parsed = parseFaultConfig(config);
    this.config = parsed;
    this.remaining = (parsed.rules ?? []).map((r) => r.times);
    this.random = prng(parsed.seed ?? 1);
  }

  clear(): void {
    this.set({});
  }

  latencyMs(): number {
    return this.config.latencyMs ?? 0;
  }

  /** The config as set, with each bounded rule's remaining count, for GET /__emulator/faults. */
  describe(): FaultConfig & { rules: Array<FaultRule & { remaining?: number }> } {
    const rules = (this.config.rules ?? []).map((rule, i) =>
      this.remaining[i] === undefined ? { ...rule } : { ...rule, remaining: this.remaining[i] },
    );
    return { ...this.config, rules };
  }

  /** Called once per public request; consumes `times` and PRNG draws only for selected rules. */
  decide(method: string, routeKeyOfRequest: string): FaultDecision | undefined {
    const rules = this.config.rules ?? [];
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i];
      if (!selects(rule, method, routeKeyOfRequest)) continue;
      if (this.remaining[i] === 0) continue;
      if (rule.rate !== undefined && this.random() >= rule.rate) continue;
      if (this.remaining[i] !== undefined) this.remaining[i] = this.remaining[i]! - 1;
      return { kind: rule.fault, status: rule.status ?? 500, retryAfterSeconds: rule.retryAfterSeconds ?? 1 };
    }
    return undefined;
  }
}

function selects(rule: FaultRule, method: string, key: string): boolean {
  const wantedMethod = (rule.method ?? "*").toUpperCase();
  if (wantedMethod !== "*" && wantedMethod !== method) return false;
  if (rule.route === undefined || rule.route === "*") return true;
  const wanted = normalizeRouteKey(rule.route);
  // A route without a method prefix ("/projects/{projectKey}") selects every method on it.
  const actual = wanted.includes(" ") ? normalizeRouteKey(key) : normalizeRouteKey(key.slice(key.indexOf(" ") + 1));
  return wanted === actual;
}
