// Recipes (reference §6). A recipe travels as `{recipe, payload}`: the definition and its code (or a
// serialised JSON document for visual recipes).

import { createOnce, existsBy } from "./create";
import { unexpectedResponseError } from "./errors";
import { DssTransport, parseJson } from "./http";
import { fillRoute } from "./paths";
import { RecipeAndPayload, RecipeCreateBody, RecipeListItem } from "./types";

const RECIPES = "/projects/{projectKey}/recipes/";
const RECIPE = "/projects/{projectKey}/recipes/{recipeName}";

export class RecipesApi {
  readonly #http: DssTransport;

  constructor(transport: DssTransport) {
    this.#http = transport;
  }

  list(projectKey: string): Promise<RecipeListItem[]> {
    return this.#http.json<RecipeListItem[]>({ method: "GET", route: RECIPES, params: { projectKey } });
  }

  /**
   * Creates the recipe and resolves with the name DSS gave it (`recipePrototype.name` is only a base
   * name to DSS). After a lost answer the recipe is looked up under the prototype's name.
   */
  async create(projectKey: string, body: RecipeCreateBody): Promise<{ name: string }> {
    const requested = body.recipePrototype.name;
    return createOnce(this.#http, {
      attempt: async () => {
        const res = await this.#http.call({ method: "POST", route: RECIPES, params: { projectKey }, body });
        const reply = parseJson(res.text)?.value as { name?: unknown } | undefined;
        return { name: typeof reply?.name === "string" && reply.name !== "" ? reply.name : requested };
      },
      exists: existsBy(() => this.get(projectKey, requested)),
      whenFound: () => ({ name: requested }),
    });
  }

  /** The definition and payload; a missing payload reads as "". */
  async get(projectKey: string, name: string): Promise<RecipeAndPayload> {
    const params = { projectKey, recipeName: name };
    const doc = await this.#http.json<Partial<RecipeAndPayload> | null>({ method: "GET", route: RECIPE, params });
    // Some DSS versions answer 200 without a recipe instead of an error (reference §3).
    if (doc === null || typeof doc !== "object" || typeof doc.recipe !== "object" || doc.recipe === null) {
      throw unexpectedResponseError("GET", fillRoute("GET", RECIPE, params), 200, "without a recipe in the body");
    }
    return { ...doc, recipe: doc.recipe, payload: typeof doc.payload === "string" ? doc.payload : "" };
  }

  /** Replaces definition and payload together: read, modify, then put. */
  /** Returns DSS's answer (the saved document on some versions), or undefined. */
  put(projectKey: string, name: string, doc: RecipeAndPayload): Promise<unknown> {
    return this.#http.write({ method: "PUT", route: RECIPE, params: { projectKey, recipeName: name }, body: doc });
  }

  async delete(projectKey: string, name: string): Promise<void> {
    await this.#http.call({ method: "DELETE", route: RECIPE, params: { projectKey, recipeName: name } });
  }
}
