// Recipe types: the documented config's names map onto DSS's type strings here, and only here.

/** Code recipes: their `code` is the DSS payload. */
export const CODE_RECIPE_TYPES = ["python", "r", "sql_query", "sql_script", "shell"] as const;

/** Recipes created with their inputs and outputs whose payload this package does not model. */
export const VISUAL_RECIPE_TYPES = [
  "sync", "join", "grouping", "window", "sort", "topn", "distinct", "pivot", "split", "shaker", "vstack",
  "sampling",
] as const;

export const RECIPE_TYPE_ALIASES: Readonly<Record<string, string>> = {
  sql: "sql_query",
  group: "grouping",
  prepare: "shaker",
  stack: "vstack",
};

export const DSS_RECIPE_TYPES: readonly string[] = [...CODE_RECIPE_TYPES, ...VISUAL_RECIPE_TYPES];
export const ACCEPTED_RECIPE_TYPES: readonly string[] = [...Object.keys(RECIPE_TYPE_ALIASES), ...DSS_RECIPE_TYPES];

export function normalizeRecipeType(type: string): string | undefined {
  if (DSS_RECIPE_TYPES.includes(type)) return type;
  return RECIPE_TYPE_ALIASES[type];
}

export function isCodeRecipe(type: string): boolean {
  return (CODE_RECIPE_TYPES as readonly string[]).includes(type);
}
