import { DssClient, isAlreadyExists, isNotFound, RecipeAndPayload } from "../client";
import type { Executor } from "../common/dynamicProvider";
import { errors, PartialCreateError } from "../common/errors";
import { keepManaged } from "../common/model";
import { readBack } from "../common/readBack";
import { deepEqual } from "../common/values";
import { applyRecipe, creationBody, fromRecipe } from "./mapping";
import type { RecipeArgs } from "./schema";

const ALWAYS_KEPT = ["projectKey", "name", "type", "adopt"] as const;

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

  async create(inputs: Record<string, unknown>): Promise<Record<string, unknown>> {
    const args = inputs as RecipeArgs;
    const what = `recipe ${args.projectKey}.${args.name}`;
    try {
      await this.client.recipes.create(args.projectKey, creationBody(args));
    } catch (e) {
      if (!isAlreadyExists(e)) throw errors.dss("create", what, e);
      if (!args.adopt && !this.adoptIds.has(`recipe:${args.projectKey}.${args.name}`)) throw errors.alreadyExists(`Recipe ${args.projectKey}.${args.name}`, "`adopt: true` on it");
      const existing = await this.client.recipes.get(args.projectKey, args.name);
      if (existing.recipe.type !== args.type) {
        throw errors.adoptTypeMismatch(`Recipe ${args.projectKey}.${args.name}`, args.type, String(existing.recipe.type));
      }
    }
    try {
      return await this.converge(args);
    } catch (e) {
      throw new PartialCreateError(
        `Created ${what}, but could not finish setting it up: ${errors.dss("configure", what, e).message}`,
        `${args.projectKey}.${args.name}`,
        { ...inputs },
      );
    }
  }

  async read(state: Record<string, unknown>): Promise<Record<string, unknown> | undefined> {
    const args = state as RecipeArgs;
    try {
      return this.toState(args, await this.client.recipes.get(args.projectKey, args.name));
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw errors.dss("read", `recipe ${args.projectKey}.${args.name}`, e);
    }
  }

  async update(_state: Record<string, unknown>, inputs: Record<string, unknown>): Promise<Record<string, unknown>> {
    const args = inputs as RecipeArgs;
    try {
      return await this.converge(args);
    } catch (e) {
      throw errors.dss("update", `recipe ${args.projectKey}.${args.name}`, e);
    }
  }

  async delete(state: Record<string, unknown>): Promise<void> {
    const args = state as RecipeArgs;
    try {
      await this.client.recipes.delete(args.projectKey, args.name);
    } catch (e) {
      if (isNotFound(e)) return;
      throw errors.dss("delete", `recipe ${args.projectKey}.${args.name}`, e);
    }
  }

  private async converge(args: RecipeArgs): Promise<Record<string, unknown>> {
    let doc = await this.client.recipes.get(args.projectKey, args.name);
    const desired = applyRecipe(doc, args);
    if (!deepEqual(doc, desired)) {
      const reply = await this.client.recipes.put(args.projectKey, args.name, desired);
      doc = await readBack(
        reply,
        (r) => typeof r.payload === "string" && (r.recipe as { name?: unknown } | undefined)?.name === args.name,
        () => this.client.recipes.get(args.projectKey, args.name),
      );
    }
    return this.toState(args, doc);
  }

  private toState(args: RecipeArgs, doc: RecipeAndPayload): Record<string, unknown> {
    return keepManaged(fromRecipe(doc), args as Record<string, unknown>, {
      alwaysKept: ALWAYS_KEPT,
      maps: { params: 1 },
    });
  }
}
