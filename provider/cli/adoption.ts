// Which planned creates will take over an object DSS already holds (`adopt: true`, or a recovered
// pending create). The engine cannot tell: adoption happens inside the provider's create. Asking DSS
// first gives an honest plan ("= dataset.X (adopt)") and keeps rollback off objects that existed
// before this run.
import { DssClient, isNotFound } from "../client";
import { clientOptions, ProviderSettings } from "../common/settings";
import type { PlannedChange } from "./plan";
import type { Reporter } from "./reporter";
import { adoptIdOf, naturalKeyOf } from "./resources";

/**
 * The CLI's own client (adoption checks, generate), built from the same settings as the provider's,
 * so TLS, timeouts and limits are the same; its calls show under --verbose.
 */
export function dssClient(settings: ProviderSettings, reporter: Reporter): DssClient {
  return new DssClient({
    ...clientOptions(settings),
    log: (e) => reporter.detail(`DSS ${e.method} ${e.path} → ${e.status ?? e.error ?? "no answer"} (${Math.round(e.durationMs)}ms)`),
  });
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
      else if (change.kind === "recipe") await client.recipes.get(key, name);
      // Folders and scenarios have ids DSS picks: they are found by name.
      else if (change.kind === "folder") {
        if (!(await client.folders.findByName(key, name))) continue;
      } else if (!(await client.scenarios.findByName(key, name))) continue;
      found.add(change.urn);
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }
  return found;
}
