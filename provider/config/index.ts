// The YAML config adapter: documented config → validated resource args. Pulumi-free.
export { loadConfig, LoadOptions, LoadedConfig, MAX_RESOURCES } from "./load";
export { ConfigError, ConfigProblem, formatProblem } from "./problems";
export { SecretPath, SecretPaths, wrapSecrets } from "./secrets";
export { ConfigLookup } from "./template";
export { configSchema, environmentSchema, ConfigInput } from "./schema";
export { configJsonSchema, configPartJsonSchema } from "./json-schema";
