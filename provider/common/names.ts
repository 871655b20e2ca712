import { z } from "zod";

// DSS's own naming rules, which are wider than the prototype's upper/lower-case conventions
// (docs/design.md, "Names"). Dots are reserved by DSS for `PROJECT.object` references, and
// slashes, spaces or unicode could escape a URL path segment, so all of them are refused.
export const PROJECT_KEY_PATTERN = /^[A-Za-z0-9_]+$/;
export const OBJECT_NAME_PATTERN = /^[A-Za-z0-9_]+$/;
export const MAX_NAME_LENGTH = 255;

export const projectKeySchema = z
  .string()
  .min(1, "must not be empty")
  .max(MAX_NAME_LENGTH, `must be at most ${MAX_NAME_LENGTH} characters`)
  .regex(PROJECT_KEY_PATTERN, "may contain only letters, digits and underscores, for example MY_PROJECT");

export const objectNameSchema = z
  .string()
  .min(1, "must not be empty")
  .max(MAX_NAME_LENGTH, `must be at most ${MAX_NAME_LENGTH} characters`)
  .regex(OBJECT_NAME_PATTERN, "may contain only letters, digits and underscores (no dots, spaces or dashes)");

export const tagsSchema = z.array(z.string().min(1, "tags must not be empty strings"));
