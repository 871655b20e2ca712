// DSS document conventions shared by every object family: version tags, tag sets, metadata that
// mirrors fields of the object's definition, and the defaults DSS fills in on creation.
import { JsonObject, cloneJson, isObject } from "./validate";

export interface VersionTag {
  versionNumber: number;
  lastModifiedBy: { login: string };
  lastModifiedOn: number;
}

export function firstVersionTag(user: string, now: number): VersionTag {
  return { versionNumber: 1, lastModifiedBy: { login: user }, lastModifiedOn: now };
}

/**
 * DSS bumps versionTag itself on every save and ignores the one sent by the client: a stale tag
 * is not rejected (optimistic locking is client-side, dss-rest-api.md §8), so we never compare.
 */
export function nextVersionTag(previous: unknown, user: string, now: number): VersionTag {
  const number = isObject(previous) && typeof previous.versionNumber === "number" ? previous.versionNumber : 0;
  return { versionNumber: number + 1, lastModifiedBy: { login: user }, lastModifiedOn: now };
}

/** DSS stores tags as a set and returns them sorted, not in the order written (TF-log 0.4.0). */
export function normalizeTags(tags: readonly string[] | undefined): string[] {
  return [...new Set(tags ?? [])].sort();
}

/**
 * Datasets and recipes expose a metadata document whose fields live on the definition itself
 * (dss/utils.py DSSTaggableObjectSettings). This table maps metadata keys to definition keys and
 * gives the default a whole-document replace resets an omitted field to.
 */
const METADATA_ON_DEFINITION: ReadonlyArray<{ meta: string; def: string; empty: () => unknown }> = [
  { meta: "description", def: "description", empty: () => "" },
  { meta: "shortDesc", def: "shortDesc", empty: () => "" },
  { meta: "tags", def: "tags", empty: () => [] },
  { meta: "custom", def: "customMeta", empty: () => ({ kv: {} }) },
  { meta: "checklists", def: "checklists", empty: () => ({ checklists: [] }) },
  { meta: "customFields", def: "customFields", empty: () => ({}) },
];

/** Builds the metadata reply from a definition plus the metadata fields it does not model. */
export function metadataFromDefinition(definition: JsonObject, extras: JsonObject, label: string): JsonObject {
  const metadata: JsonObject = { label, ...cloneJson(extras) };
  for (const { meta, def, empty } of METADATA_ON_DEFINITION) {
    metadata[meta] = definition[def] !== undefined ? cloneJson(definition[def]) : empty();
  }
  return metadata;
}

/**
 * Splits a metadata PUT into the definition fields it replaces and the extras kept verbatim, so
 * unknown metadata fields survive a read-modify-write.
 */
export function applyMetadataToDefinition(
  definition: JsonObject,
  metadata: JsonObject,
): { definition: JsonObject; extras: JsonObject } {
  const next = cloneJson(definition);
  const extras = cloneJson(metadata);
  for (const { meta, def, empty } of METADATA_ON_DEFINITION) {
    next[def] = meta in metadata ? cloneJson(metadata[meta]) : empty();
    delete extras[meta];
  }
  next.tags = normalizeTags(next.tags as string[]);
  return { definition: next, extras };
}

/** The taggable-object fields DSS fills in on a new folder or scenario (dss/utils.py DSSTaggableObjectSettings). */
export function taggableDefaults(): JsonObject {
  return { tags: [], description: "", shortDesc: "", customMeta: { kv: {} }, checklists: { checklists: [] }, customFields: {} };
}

/** Keeps a definition's tags a sorted set, whatever the client sent. */
export function withSortedTags(doc: JsonObject): JsonObject {
  if (Array.isArray(doc.tags)) doc.tags = normalizeTags(doc.tags as string[]);
  return doc;
}
