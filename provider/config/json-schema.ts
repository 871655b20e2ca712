// The JSON Schema editors use (`# yaml-language-server: $schema=...`), generated from the zod schema.

import { z } from "zod";
import { configPartSchema, configSchema } from "./schema";

// draft-07: the draft YAML editors support best.
const render = (schema: z.ZodType, title: string) => ({
  title,
  ...z.toJSONSchema(schema, { target: "draft-7", io: "input", unrepresentable: "any" }),
});

export function configJsonSchema(): Record<string, unknown> {
  return render(configSchema, "pulumi-dataiku config");
}

export function configPartJsonSchema(): Record<string, unknown> {
  return render(configPartSchema, "pulumi-dataiku config: a datasets/ or recipes/ file");
}

/** The files under `schema/`, as committed: name → content. */
export function jsonSchemaFiles(): Record<string, string> {
  return {
    "dataiku-config.schema.json": `${JSON.stringify(configJsonSchema(), null, 2)}\n`,
    "dataiku-config-part.schema.json": `${JSON.stringify(configPartJsonSchema(), null, 2)}\n`,
  };
}
