// Connections (reference §7): names for any key, full definitions for admin keys only.

import { DssTransport } from "./http";
import { ConnectionDefinition } from "./types";

export class ConnectionsApi {
  readonly #http: DssTransport;

  constructor(transport: DssTransport) {
    this.#http = transport;
  }

  /** Connection names, optionally only those of one type (`PostgreSQL`, `Filesystem`...). */
  listNames(type?: string): Promise<string[]> {
    return this.#http.json<string[]>({ method: "GET", route: "/connections/get-names", query: { type: type ?? "all" } });
  }

  /** Every definition keyed by name; needs an admin key. */
  listAll(): Promise<Record<string, ConnectionDefinition>> {
    return this.#http.json<Record<string, ConnectionDefinition>>({ method: "GET", route: "/admin/connections/" });
  }

  /** One definition; needs an admin key. Secrets come back encrypted or redacted. */
  get(name: string): Promise<ConnectionDefinition> {
    return this.#http.json<ConnectionDefinition>({ method: "GET", route: "/admin/connections/{connectionName}", params: { connectionName: name } });
  }
}
