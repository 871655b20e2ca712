import { DssClient, RecipeAndPayload } from "../client";
import type { Executor } from "../common/dynamicProvider";
import { errors } from "../common/errors";
import { keepManaged } from "../common/model";
import { readBack } from "../common/readBack";
import { providerContext } from "../common/settings";
import { createOrAdopt, deleteOrGone, readOrGone, updateOrFail } from "../common/steps";
import { deepEqual } from "../common/values";
import { applyRecipe, creationBody, FolderRefs, fromRecipe, NO_FOLDERS } from "./mapping";
import type { RecipeArgs } from "./schema";
import { declaredState, VISUAL_KEYS } from "./visual";

const ALWAYS_KEPT = ["projectKey", "name", "type", "adopt", "folders"] as const;

/**
 * Recipes in DSS. A code recipe's create carries its code, so a create is a POST and a GET (the
 * read-back); description, tags or params add one PUT, whose answer serves as the read-back when DSS
 * sends the saved document.
 */
export class RecipeExecutor implements Executor {
  constructor(
    private readonly client: DssClient,
    private readonly adoptIds: ReadonlySet<string> = new Set(),
  ) {}

  async create(inputs: Record<string, unknown>, stack?: string): Promise<Record<string, unknown>> {
    const args = inputs as RecipeArgs;
    const id = `${args.projectKey}.${args.name}`;
    let refs: Promise<FolderRefs> | undefined;
    const folders = () => (refs ??= this.folderRefs(args)); // one list call per create
    return createOrAdopt({
      what: `recipe ${id}`,
      id,
      inputs,
      mayAdopt: args.adopt === true || this.adoptIds.has(`recipe:${id}`),
      stack,
      journal: providerContext.journal(stack),
      journalId: `recipe:${id}`,
      readTags: async () => (await this.client.recipes.get(args.projectKey, args.name)).recipe.tags,
      post: async () => this.client.recipes.create(args.projectKey, creationBody(args, await folders(), stack)),
      verifyAdoptable: async () => {
        const existing = await this.client.recipes.get(args.projectKey, args.name);
        if (existing.recipe.type !== args.type) {
          throw errors.adoptTypeMismatch(`Recipe ${id}`, args.type, String(existing.recipe.type));
        }
      },
      converge: async (created) => this.converge(args, await folders(), created ? stack : undefined),
    });
  }

  async read(state: Record<string, unknown>): Promise<Record<string, unknown> | undefined> {
    const args = state as RecipeArgs;
    return readOrGone(`recipe ${args.projectKey}.${args.name}`, async () =>
      this.toState(args, await this.client.recipes.get(args.projectKey, args.name), await this.folderRefs(args)),
    );
  }

  async update(_state: Record<string, unknown>, inputs: Record<string, unknown>): Promise<Record<string, unknown>> {
    const args = inputs as RecipeArgs;
    return updateOrFail(`recipe ${args.projectKey}.${args.name}`, () => this.converge(args));
  }

  async delete(state: Record<string, unknown>): Promise<void> {
    const args = state as RecipeArgs;
    await deleteOrGone(`recipe ${args.projectKey}.${args.name}`, () =>
      this.client.recipes.delete(args.projectKey, args.name),
    );
  }

  /** `stack`: the stack that just created the recipe, whose ownership tag it gets. */
  private async converge(args: RecipeArgs, known?: FolderRefs, stack?: string): Promise<Record<string, unknown>> {
    const folders = known ?? (await this.folderRefs(args));
    let doc = await this.client.recipes.get(args.projectKey, args.name);
    const desired = applyRecipe(doc, args, folders, stack);
    if (!deepEqual(doc, desired)) {
      const reply = await this.client.recipes.put(args.projectKey, args.name, desired);
      doc = await readBack(
        reply,
        (r) => typeof r.payload === "string" && (r.recipe as { name?: unknown } | undefined)?.name === args.name,
        () => this.client.recipes.get(args.projectKey, args.name),
      );
    }
    return this.toState(args, doc, folders);
  }

  /** Ids of the folders the recipe names (one list call); nothing is fetched for a recipe without folders. */
  private async folderRefs(args: RecipeArgs): Promise<FolderRefs> {
    if (!args.folders || args.folders.length === 0) return NO_FOLDERS;
    const all = await this.client.folders.list(args.projectKey);
    const idOf = new Map(all.map((f) => [f.name, f.id]));
    const missing = args.folders.filter((name) => !idOf.has(name));
    if (missing.length > 0) throw new Error(`no managed folder named ${missing.join(", ")} in project ${args.projectKey}; create it first`);
    return { idOf, nameOf: new Map(all.map((f) => [f.id, f.name])) };
  }

  private toState(args: RecipeArgs, doc: RecipeAndPayload, folders: FolderRefs): Record<string, unknown> {
    const fromDss = fromRecipe(doc, folders);
    const state = keepManaged(fromDss, args as Record<string, unknown>, {
      alwaysKept: ALWAYS_KEPT,
      maps: { params: 1 },
    });
    // Short forms and raw payload keys keep the parts the program declared, as DSS holds them.
    for (const key of [...VISUAL_KEYS, "payload"]) {
      const declared = (args as Record<string, unknown>)[key];
      if (declared !== undefined && fromDss[key] !== undefined) state[key] = declaredState(key, fromDss[key], declared);
    }
    return state;
  }
}
