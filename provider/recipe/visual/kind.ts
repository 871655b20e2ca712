// The contract of one visual recipe kind: its short form (a zod schema) and the mapping between that
// form and the JSON payload DSS stores for the recipe. One file per kind; `index.ts` is the registry.
import type { z } from "zod";

import type { Json } from "./declared";

export type { Json };

/** What a kind needs to know about its recipe: the datasets in its `main` roles, in DSS's order. */
export interface RecipeIo {
  inputs: readonly string[];
  outputs: readonly string[];
}

/** Facts from outside the recipe that some checks use (the config knows the declared schemas). */
export interface CheckContext extends RecipeIo {
  /** The declared columns of a dataset (name → DSS storage type), or undefined when it declares none. */
  columnsOf?(dataset: string): ReadonlyMap<string, string> | undefined;
}

export interface Problem {
  /** Path inside the short form, e.g. ["joins", 0, "right"]. */
  path: (string | number)[];
  message: string;
}

export interface VisualKind<S = any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  /** DSS's recipe type, e.g. "grouping". */
  dssType: string;
  /** The key of the short form in the Recipe args and in the YAML config, e.g. "group". */
  key: string;
  /** One line for the JSON Schema and the docs. */
  description: string;
  schema: z.ZodType<S>;
  /**
   * Top-level fields whose value is the whole set DSS holds (a write turns off what it does not
   * list), so state keeps them whole: an aggregation added by hand on another column is drift.
   */
  whole?: readonly string[];
  /** Canonical form (defaults filled, lists ordered) so that state compares like with like. */
  normalize(spec: S, io: RecipeIo): S;
  /** The payload with the fields `spec` manages written over `current`; everything else is kept. */
  write(current: Json, spec: S, io: RecipeIo): Json;
  /** Whether the short form can say what this payload does; when not, `generate` leaves it unmanaged. */
  expressible?(payload: Json, io: RecipeIo): boolean;
  /** The short form of a payload as DSS holds it. Fields the form cannot express are left out. */
  read(payload: Json, io: RecipeIo): S;
  /** Problems the schema alone cannot see: names of inputs and outputs, column types. */
  check(spec: S, ctx: CheckContext): Problem[];
}
