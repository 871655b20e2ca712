// API-key check for the three forms clients use (dss-rest-api.md §2): Basic with the key as user
// name and an empty password (official Python client), Basic with an empty user name and the key as
// password (current docs), and Bearer (docs, TS SDK). Keys are compared as SHA-256 digests in
// constant time, and never copied into errors or logs.
import * as crypto from "crypto";
import { DssError, missingApiKey, unknownApiKey } from "./errors";

const digest = (key: string) => crypto.createHash("sha256").update(key, "utf8").digest();

export class ApiKeyCheck {
  private readonly digests: Buffer[];

  constructor(keys: readonly string[]) {
    if (keys.length === 0 || keys.some((k) => typeof k !== "string" || k === "")) {
      throw new Error("The emulator needs at least one non-empty API key (apiKeys)");
    }
    this.digests = keys.map(digest);
  }

  /** Returns undefined when the header carries an accepted key, else the DSS error to answer. */
  check(header: string | undefined): DssError | undefined {
    const presented = keyFromHeader(header);
    if (presented === undefined) return missingApiKey();
    const d = digest(presented);
    // Compare against every key, without early exit, so timing does not reveal which matched.
    let ok = false;
    for (const known of this.digests) ok = crypto.timingSafeEqual(known, d) || ok;
    return ok ? undefined : unknownApiKey();
  }
}

function keyFromHeader(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const space = header.indexOf(" ");
  if (space < 0) return undefined;
  const scheme = header.slice(0, space).toLowerCase();
  const value = header.slice(space + 1).trim();
  if (scheme === "bearer") return value || undefined;
  if (scheme !== "basic") return undefined;
  const decoded = Buffer.from(value, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  const user = colon < 0 ? decoded : decoded.slice(0, colon);
  const password = colon < 0 ? "" : decoded.slice(colon + 1);
  return user || password || undefined;
}
