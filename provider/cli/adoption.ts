// Which planned creates will take over an object DSS already holds (`adopt: true`, or a recovered
// pending create). The engine cannot tell: adoption happens inside the provider's create. Asking DSS
// first gives an honest plan ("= dataset.X (adopt)") and keeps rollback off objects that existed
// before this run.
import { DssClient, isNotFound, RequestLogEvent } from "../client";
import type { PlannedChange } from "./plan";
import { adoptIdOf, naturalKeyOf } from "./resources";
import type { Connection } from "./workspace";

export function dssClient(connection: Connection, log?: (event: RequestLogEvent) => void): DssClient {
  return new DssClient({ url: connection.url, apiKey: connection.apiKey, maxRetries: 2, log });
}

/** Creates that may adopt: the config says `adopt: true`, or the id is in `adoptIds`. */
export function adoptionCandidates(changes: PlannedChange[], adoptIds: ReadonlySet<string>): PlannedChange[] {
  return changes.filter((c) => {
    if (c.action !== "create") return false;
    return c.inputs.adopt === true || adoptIds.has(adoptIdOf(c.resource));
  });
}

/** URNs of the candidates whose object exists in DSS now. */
export async function existingInDss(client: DssClient, candidates: PlannedChange[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const change of candidates) {
    const { projectKey: key, name = "" } = naturalKeyOf(change.resource);
    try {
      if (change.kind === "project") await client.projects.getMetadata(key);
      else if (change.kind === "dataset") await client.datasets.get(key, name);
      else await client.recipes.get(key, name);
      found.add(change.urn);
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }
  return found;
}
