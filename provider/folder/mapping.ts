// DSS's managed-folder settings document <-> the ManagedFolder model, in one place.
import type { FolderCreateBody, FolderDefinition } from "../client";
import { tagsToWrite, userTags } from "../common/ownership";
import { normalizeTags } from "../common/values";
import { DEFAULT_FOLDER_CONNECTION, DEFAULT_FOLDER_PATH, type FolderArgs } from "./schema";

/** Every model field as DSS holds it. */
export function fromFolder(def: FolderDefinition): Record<string, unknown> {
  return {
    projectKey: def.projectKey,
    name: def.name,
    connection: def.params?.connection,
    path: def.params?.path,
    description: typeof def.description === "string" ? def.description : "",
    tags: normalizeTags(userTags(def.tags)),
  };
}

/** The document with the managed fields of `args`, and `stack`'s tag when it creates it, written over what DSS holds. */
export function applyFolder(def: FolderDefinition, args: FolderArgs, stack?: string): FolderDefinition {
  const next: FolderDefinition = { ...def, params: { ...(def.params ?? {}) } };
  if (args.path !== undefined) next.params!.path = args.path;
  if (args.description !== undefined) next.description = args.description;
  next.tags = tagsToWrite(def.tags, args.tags, stack);
  return next;
}

/** The body the official client's create_managed_folder sends; DSS picks the type from the connection. */
export function creationBody(args: FolderArgs): FolderCreateBody {
  return {
    name: args.name,
    projectKey: args.projectKey,
    type: null,
    params: { connection: args.connection ?? DEFAULT_FOLDER_CONNECTION, path: args.path ?? DEFAULT_FOLDER_PATH },
  };
}
