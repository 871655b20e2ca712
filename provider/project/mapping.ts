// DSS's project documents <-> the Project model, in one place.
import type { ProjectMetadata } from "../client";
import { tagsToWrite, userTags } from "../common/ownership";
import { normalizeTags } from "../common/values";
import type { ProjectArgs } from "./schema";

/** Fields of the model that live in the project's metadata document (`label` is DSS's name). */
export function metadataFields(meta: ProjectMetadata): Partial<ProjectArgs> {
  return {
    name: typeof meta.label === "string" ? meta.label : undefined,
    description: typeof meta.description === "string" ? meta.description : "",
    shortDesc: typeof meta.shortDesc === "string" ? meta.shortDesc : "",
    tags: normalizeTags(userTags(meta.tags)),
  };
}

/** The metadata document with the managed fields of `args`, and `stack`'s tag, written over what DSS holds. */
export function applyMetadata(meta: ProjectMetadata, args: ProjectArgs, stack?: string): ProjectMetadata {
  const out: ProjectMetadata = { ...meta, label: args.name };
  if (args.description !== undefined) out.description = args.description;
  if (args.shortDesc !== undefined) out.shortDesc = args.shortDesc;
  out.tags = tagsToWrite(meta.tags, args.tags, stack);
  return out;
}
