// Which Pulumi stack created a DSS object, recorded on the object itself.
//
// With Pulumi's per-step checkpoints skipped (the fast default), a killed run saves no state, so the
// objects it created exist in DSS but not in state. Each create therefore writes a tag naming its
// stack, in the create request itself where DSS's API takes tags (projects, recipes, non-managed
// datasets) and in the follow-up write otherwise (managed datasets). The tag lives and dies with the
// object, so it survives ephemeral runners and remote state backends. A later create that meets
// "already exists" takes the object over only when it carries this stack's tag (or the local journal
// saw this stack's own create in flight): a colleague's object with the same name is still an error.

/** Prefix of the ownership tag: `pulumi-stack:<pulumi project>/<stack>`. */
export const OWNER_TAG_PREFIX = "pulumi-stack:";

export function ownerTag(stack: string): string {
  return `${OWNER_TAG_PREFIX}${stack}`;
}

export function isOwnerTag(tag: unknown): boolean {
  return typeof tag === "string" && tag.startsWith(OWNER_TAG_PREFIX);
}

/** The tags a user manages: DSS's tags without ownership tags, which are never shown as drift. */
export function userTags(tags: unknown): string[] {
  return Array.isArray(tags) ? (tags as unknown[]).filter((t): t is string => typeof t === "string" && !isOwnerTag(t)) : [];
}

/** Whether DSS's tags name `stack` as the stack that created the object. */
export function isOwnedBy(tags: unknown, stack: string | undefined): boolean {
  return stack !== undefined && Array.isArray(tags) && tags.includes(ownerTag(stack));
}

/**
 * The tags to write: the user's (`managed` when the program sets tags, else what DSS has), plus the
 * ownership tag of `stack`, which replaces any other stack's (an object has one managing stack).
 * Without a stack (an old serialized provider), DSS's ownership tags are kept as they are.
 */
export function tagsToWrite(current: unknown, managed: readonly string[] | undefined, stack: string | undefined): string[] {
  const user = managed ?? userTags(current);
  const owners = stack !== undefined ? [ownerTag(stack)] : (Array.isArray(current) ? current : []).filter(isOwnerTag);
  return [...new Set([...user, ...(owners as string[])])].sort();
}
