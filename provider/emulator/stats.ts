// Request counters for tests and benchmarks: every public-API request received, faulted ones too.
import { FAULT_KINDS, FaultKind } from "./faults";

export interface EmulatorStats {
  total: number;
  byMethod: Record<string, number>;
  /** Keyed by route template, e.g. "GET /projects/{projectKey}/datasets/{datasetName}";
   *  requests no route serves count under "<METHOD> (unhandled)". */
  byRoute: Record<string, number>;
  faultsInjected: Record<FaultKind, number>;
}

export class StatsCounter {
  private stats = StatsCounter.empty();

  private static empty(): EmulatorStats {
    const faultsInjected = Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as Record<FaultKind, number>;
    return { total: 0, byMethod: {}, byRoute: {}, faultsInjected };
  }

  countRequest(method: string, routeKey: string): void {
    this.stats.total++;
    this.stats.byMethod[method] = (this.stats.byMethod[method] ?? 0) + 1;
    this.stats.byRoute[routeKey] = (this.stats.byRoute[routeKey] ?? 0) + 1;
  }

  countFault(kind: FaultKind): void {
    this.stats.faultsInjected[kind]++;
  }

  /** A copy: callers may keep it while counting goes on. */
  snapshot(): EmulatorStats {
    return JSON.parse(JSON.stringify(this.stats)) as EmulatorStats;
  }

  reset(): void {
    this.stats = StatsCounter.empty();
  }
}
