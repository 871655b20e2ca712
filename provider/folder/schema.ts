import { z } from "zod";
import { objectNameSchema, projectKeySchema, tagsSchema } from "../common/names";

/** The connection the official client creates folders on when none is named (PY-project). */
export const DEFAULT_FOLDER_CONNECTION = "filesystem_folders";
/** DSS's default location of a folder inside its connection; DSS expands the variables. */
export const DEFAULT_FOLDER_PATH = "/${projectKey}/${odbId}";

/** Inputs of a `ManagedFolder`. The single source of truth for its args type, `check` and JSON Schema. */
export const folderArgsSchema = z.strictObject({
  projectKey: projectKeySchema,
  /** The folder's name in the flow. DSS gives it an id of its own (`folderId`). Immutable. */
  name: objectNameSchema,
  /** File-based connection holding the files. Default `filesystem_folders`. Immutable: DSS does not move files. */
  connection: z.string().min(1, "must not be empty").optional(),
  /** Location inside the connection; DSS's default is `/${projectKey}/${odbId}`. */
  path: z.string().min(1, "must not be empty").optional(),
  description: z.string().optional(),
  tags: tagsSchema.optional(),
  adopt: z.boolean().optional(),
  /** On delete, also delete the folder's files. Default: keep them (DSS's delete keeps them too). */
  dropFilesOnDelete: z.boolean().optional(),
});

export type FolderArgs = z.infer<typeof folderArgsSchema>;
